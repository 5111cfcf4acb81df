using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Gate;

/// <summary>One entry of the lock file: the id and version the registry gave a schema under a subject.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="Id">The schema id.</param>
/// <param name="Version">The version under the subject.</param>
/// <param name="Fingerprint">The CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form, as 16 lowercase hex digits.</param>
public sealed record SchemaLockEntry(string Subject, int Id, int Version, string Fingerprint)
{
    /// <summary>The schema's references to other subjects (with schema references on), in the order registered.</summary>
    public IReadOnlyList<RegistryReference> References { get; init; } = Array.Empty<RegistryReference>();
}

/// <summary>
/// <c>avro-schemas.lock.json</c>: the schema ids a project's schemas have in the registry, written by the build, so a
/// producer can frame its first message without a registry round trip, and so the build fails when the registry
/// stops agreeing (it was reset, or the URL points at another registry). Entries are sorted by subject and the file
/// holds no paths or timestamps, so it diffs cleanly in version control.
/// </summary>
public sealed class SchemaLockFile
{
    private readonly SortedDictionary<string, SchemaLockEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The entries by subject.</summary>
    public IReadOnlyCollection<SchemaLockEntry> Entries => _entries.Values;

    /// <summary>The entry of <paramref name="subject"/>, or <see langword="null"/>.</summary>
    public SchemaLockEntry? Find(string subject) => _entries.TryGetValue(subject, out var entry) ? entry : null;

    /// <summary>Adds or replaces the entry of its subject.</summary>
    public void Set(SchemaLockEntry entry) => _entries[entry.Subject] = entry;

    /// <summary>Removes the entry of <paramref name="subject"/>.</summary>
    public bool Remove(string subject) => _entries.Remove(subject);

    /// <summary>The fingerprint text stored for <paramref name="schema"/>.</summary>
    public static string FingerprintOf(AvroSchema schema) =>
        SchemaFingerprint.Crc64Avro(schema).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Reads a lock file; a missing file is an empty lock. Problems are reported with the file's line and column.</summary>
    public static SchemaLockFile? Load(string path, List<GateDiagnostic> diagnostics)
    {
        var lockFile = new SchemaLockFile();
        if (!File.Exists(path))
        {
            return lockFile;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new GateDiagnostic(GateSeverity.Error, GateCodes.LockFileInvalid, "cannot read the schema lock file: " + exception.Message, path));
            return null;
        }

        var errors = new List<SchemaError>();
        var root = JsonParser.Parse(text, path, errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                diagnostics.Add(GateDiagnostic.At(GateSeverity.Error, GateCodes.LockFileInvalid, "the schema lock file is not valid JSON: " + error.Message, error.Span, path));
            }

            return null;
        }

        if (root is not JsonObject document || document["schemas"] is not JsonObject schemas)
        {
            diagnostics.Add(GateDiagnostic.At(GateSeverity.Error, GateCodes.LockFileInvalid, "the schema lock file must be an object with a \"schemas\" object", root?.Span, path));
            return null;
        }

        var ok = true;
        foreach (var property in schemas.Properties)
        {
            if (property.Value is JsonObject entry
                && entry["id"] is JsonNumber id && id.TryGetInt64(out var idValue) && idValue is >= 0 and <= int.MaxValue
                && entry["version"] is JsonNumber version && version.TryGetInt64(out var versionValue) && versionValue is >= 1 and <= int.MaxValue
                && entry["fingerprint"] is JsonString fingerprint && IsFingerprint(fingerprint.Value))
            {
                var references = ReadReferences(entry["references"]);
                if (references is null)
                {
                    ok = false;
                    diagnostics.Add(GateDiagnostic.At(GateSeverity.Error, GateCodes.LockFileInvalid,
                        $"the \"references\" of subject '{property.Name}' must be an array of objects with a string \"name\", a string \"subject\" and an integer \"version\" (>= 1)",
                        entry["references"]!.Span, path));
                    continue;
                }

                lockFile.Set(new SchemaLockEntry(property.Name, (int)idValue, (int)versionValue, fingerprint.Value) { References = references });
            }
            else
            {
                ok = false;
                diagnostics.Add(GateDiagnostic.At(GateSeverity.Error, GateCodes.LockFileInvalid,
                    $"the lock entry of subject '{property.Name}' needs an integer \"id\" (>= 0), an integer \"version\" (>= 1) and a 16-hex-digit \"fingerprint\"",
                    property.NameSpan ?? property.Value.Span, path));
            }
        }

        return ok ? lockFile : null;
    }

    /// <summary>The file's text: sorted, two-space indented, LF line ends, final newline.</summary>
    public string ToJson()
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"schemas\": {");
        var first = true;
        foreach (var entry in _entries.Values)
        {
            builder.Append(first ? "\n    " : ",\n    ");
            first = false;
            JsonValue.WriteString(builder, entry.Subject);
            builder.Append(": { \"id\": ").Append(entry.Id.ToString(CultureInfo.InvariantCulture))
                .Append(", \"version\": ").Append(entry.Version.ToString(CultureInfo.InvariantCulture))
                .Append(", \"fingerprint\": ");
            JsonValue.WriteString(builder, entry.Fingerprint);
            if (entry.References.Count > 0)
            {
                builder.Append(", \"references\": [");
                for (var i = 0; i < entry.References.Count; i++)
                {
                    var reference = entry.References[i];
                    builder.Append(i == 0 ? "{ \"name\": " : ", { \"name\": ");
                    JsonValue.WriteString(builder, reference.Name);
                    builder.Append(", \"subject\": ");
                    JsonValue.WriteString(builder, reference.Subject);
                    builder.Append(", \"version\": ").Append(reference.Version.ToString(CultureInfo.InvariantCulture)).Append(" }");
                }

                builder.Append(']');
            }

            builder.Append(" }");
        }

        builder.Append(first ? "}\n}\n" : "\n  }\n}\n");
        return builder.ToString();
    }

    /// <summary>Writes the file when its content changed (an unchanged lock keeps its timestamp).</summary>
    /// <returns>True when the file was written.</returns>
    public bool Save(string path)
    {
        var text = ToJson();
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return false;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text, new UTF8Encoding(false));
        return true;
    }

    // Absent: none. Null: malformed.
    private static IReadOnlyList<RegistryReference>? ReadReferences(JsonValue? value)
    {
        if (value is null)
        {
            return Array.Empty<RegistryReference>();
        }

        if (value is not JsonArray array)
        {
            return null;
        }

        var references = new List<RegistryReference>(array.Items.Count);
        foreach (var item in array.Items)
        {
            if (item is not JsonObject reference || reference["name"] is not JsonString name || reference["subject"] is not JsonString subject
                || reference["version"] is not JsonNumber version || !version.TryGetInt64(out var number) || number is < 1 or > int.MaxValue)
            {
                return null;
            }

            references.Add(new RegistryReference(name.Value, subject.Value, (int)number));
        }

        return references;
    }

    private static bool IsFingerprint(string text) =>
        text.Length == 16 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

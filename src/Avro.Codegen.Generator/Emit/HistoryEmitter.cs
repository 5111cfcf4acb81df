using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Avro.Codegen.Generator.Diagnostics;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;
using Avro.Codegen.Schema.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Avro.Codegen.Generator.Emit;

/// <summary>
/// One earlier version of a schema, not a type to generate: an <c>.avsc</c> of a <c>history</c> folder, or (with
/// <paramref name="FromRegistry"/>) one the gate downloaded from the registry into its baseline or download folder.
/// </summary>
internal sealed record HistoryInput(string Path, string Text, bool FromRegistry = false);

/// <summary>The outcome of checking the history files: the registration file's text (null when nothing registers) and the diagnostics.</summary>
internal sealed record HistoryResult(string? Source, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly HistoryResult Empty = new(null, EquatableArray<DiagnosticInfo>.Empty);
}

/// <summary>
/// Earlier versions of schemas (see <c>docs/evolution.md</c>): every <c>.avsc</c> with a <c>history</c> folder in its
/// path is an earlier version of the current type with the same full name (or a current type that has its name as an
/// alias). For each, the build checks that the current type can read it (incompatibilities are errors at the history
/// file) and emits its schema and fingerprint as constants, registered with the runtime's <c>KnownWriterSchemas</c>
/// when the assembly loads, so data written with known versions resolves without a registry.
/// </summary>
internal static class HistoryEmitter
{
    /// <summary>True for a path with a folder named <c>history</c> (any case).</summary>
    public static bool IsHistory(string path) =>
        path.Replace('\\', '/').Split('/').Reverse().Skip(1).Any(segment => string.Equals(segment, "history", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for an additional file the build marked as a version downloaded from the registry.</summary>
    public static bool IsRegistryVersion(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options) =>
        options.TryGetValue("build_metadata.AdditionalFiles.AvroCodegen_RegistryVersion", out var value)
        && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a history file; one the compiler cannot read is an empty text, which reports as an invalid version.</summary>
    public static HistoryInput Read(AdditionalText file, bool fromRegistry, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return new HistoryInput(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty, fromRegistry);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HistoryInput(file.Path, string.Empty, fromRegistry);
        }
    }

    /// <summary>
    /// Checks every history file against the current records and writes one registration file for them all. A pipeline
    /// step of its own (cached unless a history file, a record or the schema table changed); reporting is separate.
    /// </summary>
    public static HistoryResult Check(ImmutableArray<HistoryInput> history, EquatableArray<NamedTypeSpec> current, SchemaTableSpec? table,
        System.Threading.CancellationToken cancellationToken)
    {
        if (history.IsDefaultOrEmpty)
        {
            return HistoryResult.Empty;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var records = new Dictionary<string, (RecordSpec Spec, RecordSchema Schema)>(StringComparer.Ordinal);
        var schemas = new SchemaTemplateSet((table?.Templates ?? Model.EquatableArray<Model.SchemaTemplateSpec>.Empty)
            .Select(t => new SchemaTemplate(t.FullName, t.JsonHead, t.JsonParts.ToArray(), t.CanonicalParts.ToArray(), t.Holes.ToArray())));
        foreach (var spec in current)
        {
            if (spec is RecordSpec record && SchemaParser.Parse(schemas.ToJson(spec.FullName), spec.FullName + ".avsc").Schema is RecordSchema schema)
            {
                records[spec.FullName] = (record, schema);
            }
        }

        var registrations = new List<(RecordSpec Reader, string Json, ulong Fingerprint, string Path, string? ReadMethod)>();
        var registered = new HashSet<(string Reader, ulong Fingerprint)>();

        // History folders first: a version both kept in a folder and downloaded registers once, under the folder's name.
        foreach (var file in history.OrderBy(h => h.FromRegistry).ThenBy(h => h.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parsed = SchemaParser.Parse(file.Text, file.Path);
            if (file.FromRegistry)
            {
                // The gate's folders hold every subject's versions (keys, primitives, schemas with references, the
                // current version itself): the gate judges them; here they only add readers where they fit.
                if (parsed.Schema is RecordSchema downloaded && FindReader(records, downloaded) is { } target
                    && SchemaFingerprint.Crc64Avro(downloaded) is var fingerprint && fingerprint != target.Spec.Fingerprint
                    && SchemaCompatibility.CheckReaderWriter(target.Schema, downloaded).IsCompatible
                    && registered.Add((target.Spec.FullName, fingerprint)))
                {
                    Register(registrations, target, downloaded, fingerprint, file.Path);
                }

                continue;
            }

            if (parsed.Schema is not RecordSchema writer)
            {
                var why = parsed.Errors.Count > 0 ? string.Join("; ", parsed.Errors.Select(e => e.Code + ": " + e.Message)) : "it is not a record schema";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHistory, At(file.Path, parsed.Errors.FirstOrDefault()?.Span),
                    Path.GetFileName(file.Path), why));
                continue;
            }

            var reader = FindReader(records, writer);
            if (reader is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OrphanHistory, At(file.Path, writer.Span), Path.GetFileName(file.Path), writer.FullName));
                continue;
            }

            var check = SchemaCompatibility.CheckReaderWriter(reader.Value.Schema, writer);
            if (!check.IsCompatible)
            {
                var problems = check.Incompatibilities.Select(i => i.ToString()).Concat(check.Errors.Select(e => e.Message));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncompatibleHistory, At(file.Path, writer.Span),
                    reader.Value.Spec.FullName, Path.GetFileName(file.Path), string.Join("; ", problems)));
                continue;
            }

            var writerFingerprint = SchemaFingerprint.Crc64Avro(writer);
            if (registered.Add((reader.Value.Spec.FullName, writerFingerprint)))
            {
                Register(registrations, reader.Value, writer, writerFingerprint, file.Path);
            }
        }

        return new HistoryResult(registrations.Count > 0 ? Source(registrations) : null, diagnostics.ToEquatableArray());
    }

    private static void Register(List<(RecordSpec Reader, string Json, ulong Fingerprint, string Path, string? ReadMethod)> registrations,
        (RecordSpec Spec, RecordSchema Schema) reader, RecordSchema writer, ulong fingerprint, string path)
    {
        var method = "ReadVersion" + registrations.Count.ToString(CultureInfo.InvariantCulture);
        var summary = $"Reads data written with {Escape(Path.GetFileName(path))} straight into <c>{Escape(reader.Spec.FullName)}</c>.";
        var read = EvolvedReaderEmitter.TryEmit(method, reader.Spec, reader.Schema, writer, summary);
        registrations.Add((reader.Spec, SchemaJson.ToJson(writer), fingerprint, path, read));
    }

    /// <summary>Reports the diagnostics of <see cref="Check"/> and adds the registration file.</summary>
    public static void Report(SourceProductionContext context, HistoryResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (result.Source is not null)
        {
            context.AddSource("AvroHistory.g.cs", SourceText.From(result.Source, System.Text.Encoding.UTF8));
        }
    }

    private static (RecordSpec Spec, RecordSchema Schema)? FindReader(Dictionary<string, (RecordSpec Spec, RecordSchema Schema)> records, RecordSchema writer)
    {
        if (records.TryGetValue(writer.FullName, out var same))
        {
            return same;
        }

        foreach (var record in records.Values.OrderBy(r => r.Spec.FullName, StringComparer.Ordinal))
        {
            if (record.Schema.Aliases.Contains(writer.FullName))
            {
                return record;
            }
        }

        return null;
    }

    private static string Source(List<(RecordSpec Reader, string Json, ulong Fingerprint, string Path, string? ReadMethod)> registrations)
    {
        var w = new SourceWriter();
        w.Line("// <auto-generated/>");
        w.Line("#nullable enable");
        w.Line("#pragma warning disable CA2255 // The module initializer only registers constants; it is how known versions need no registry.");
        w.Line();
        w.Line("namespace Avro.Codegen.Generated;");
        w.Line();
        w.Line("/// <summary>The earlier schema versions of this project's history folders, known to the runtime without a registry.</summary>");
        w.Open("internal static class AvroHistory");
        for (var i = 0; i < registrations.Count; i++)
        {
            var (reader, json, fingerprint, path, _) = registrations[i];
            var index = i.ToString(CultureInfo.InvariantCulture);
            w.Line($"/// <summary>An earlier version of <c>{reader.FullName}</c> ({Escape(Path.GetFileName(path))}).</summary>");
            w.Line($"public const string SchemaJson{index} = {Naming.Literal(json)};");
            w.Line();
            w.Line($"/// <summary>The CRC-64-AVRO fingerprint of <see cref=\"SchemaJson{index}\"/>.</summary>");
            w.Line($"public const ulong Fingerprint{index} = 0x{fingerprint.ToString("X16", CultureInfo.InvariantCulture)}UL;");
            w.Line();
        }

        foreach (var registration in registrations.Where(r => r.ReadMethod is not null))
        {
            w.Line(registration.ReadMethod!.TrimEnd('\n'));
            w.Line();
        }

        w.Line("/// <summary>Registers every earlier version with <c>KnownWriterSchemas</c> (schemas are parsed on first use).</summary>");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Open("internal static void Register()");
        for (var i = 0; i < registrations.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            var generated = registrations[i].ReadMethod is null ? string.Empty : ", ReadVersion" + index;
            w.Line($"global::Avro.Codegen.Resolution.KnownWriterSchemas.Register<{registrations[i].Reader.QualifiedName}>(Fingerprint{index}, SchemaJson{index}{generated});");
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static LocationInfo At(string path, SourceSpan? span) => LocationInfo.From(span) ?? LocationInfo.FileStart(path);
}

using System.Text.Json;

namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>
/// tests/corpus: every <c>schemas/**/X.avsc</c> is compared as a schema; <c>data/**/X.json</c> (same relative path)
/// holds datums of X in Avro JSON encoding. A top-level schema file stands alone; the files under a first-level
/// subfolder (<c>schemas/SET/**</c>) form a schema set: each is parsed with <c>--schema-dir schemas/SET</c> (the whole
/// tree), so they may reference each other's types.
/// </summary>
internal static class Corpus
{
    /// <summary>
    /// Corpus files that avsc 5.7 handles against the specification, with the reason; its comparisons leave them out.
    /// Java Avro and our tool still cover them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AvscDeviations = new Dictionary<string, string>
    {
        ["wire-names-dotted.avsc"] =
            "avsc gives types nested in a dotted-name record the namespace attribute instead of the dotted name's namespace",
    };

    /// <summary>Why avsc cannot be compared on this corpus schema, or null when it can.</summary>
    public static string? AvscDeviation(string relativeSchema)
    {
        if (AvscDeviations.TryGetValue(relativeSchema, out var reason))
        {
            return reason;
        }

        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath(relativeSchema)));
        return DefinesErrorType(schema.RootElement)
            ? "avsc keeps \"type\": \"error\" in the canonical form where Java Avro (and the specification's record rules) write \"record\""
            : null;
    }

    private static bool DefinesErrorType(JsonElement schema) => schema.ValueKind switch
    {
        JsonValueKind.Array => schema.EnumerateArray().Any(DefinesErrorType),
        JsonValueKind.Object => schema.EnumerateObject().Any(member =>
            member is { Name: "type", Value.ValueKind: JsonValueKind.String } && member.Value.GetString() == "error"
            || DefinesErrorType(member.Value)),
        _ => false,
    };

    /// <summary>Schema files relative to schemas/, with '/' separators, in a stable order.</summary>
    public static IReadOnlyList<string> Schemas() => List(RepoPaths.CorpusSchemas, "*.avsc");

    /// <summary>Data files relative to data/ whose schema exists.</summary>
    public static IReadOnlyList<string> DataFiles() =>
        List(RepoPaths.CorpusData, "*.json").Where(d => File.Exists(SchemaPathOfData(d))).ToList();

    public static TheoryData<string> SchemaCases() => new(Schemas());

    public static TheoryData<string> SchemaCasesForAvsc() => new(Schemas().Where(s => AvscDeviation(s) is null));

    public static TheoryData<string> DataCases() => new(DataFiles());

    public static TheoryData<string> DataCasesForAvsc() =>
        new(DataFiles().Where(d => AvscDeviation(Path.ChangeExtension(d, ".avsc")) is null));

    public static string SchemaPath(string relative) => Path.Combine(RepoPaths.CorpusSchemas, relative);

    public static string DataPath(string relative) => Path.Combine(RepoPaths.CorpusData, relative);

    public static string SchemaPathOfData(string relativeData) =>
        SchemaPath(Path.ChangeExtension(relativeData, ".avsc"));

    /// <summary>The <c>--schema-dir</c> arguments a corpus schema needs (none for a top-level file).</summary>
    public static string[] SchemaDirArgs(string relativeSchema) =>
        relativeSchema.IndexOf('/') is var slash and > 0
            ? ["--schema-dir", Path.Combine(RepoPaths.CorpusSchemas, relativeSchema[..slash])]
            : [];

    private static IReadOnlyList<string> List(string root, string pattern) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}

using System.Reflection;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Fuzz;

/// <summary>
/// The schemas the targets decode with: the wire corpus schemas (the same files the generated types come from) and
/// the older writer schemas in Writers/, all embedded in this assembly. Orders are fixed (sorted by resource name and
/// full name), so a target's selector byte means the same schema in every run.
/// </summary>
internal static class FuzzSchemas
{
    private static readonly Lazy<IReadOnlyList<AvroSchema>> CorpusSchemas = new(LoadCorpus);

    /// <summary>Every root schema of the corpus files, then every named type they define that is not a root.</summary>
    public static IReadOnlyList<AvroSchema> Corpus => CorpusSchemas.Value;

    /// <summary>The index in <see cref="Corpus"/> of a corpus file's root schema, by file name.</summary>
    public static int IndexOfFile(string fileName) =>
        ResourceNames().ToList().IndexOf("corpus/" + fileName) is var i and >= 0 ? i : throw new InvalidOperationException($"no corpus schema {fileName}");

    /// <summary>An older writer schema from Writers/ by file name.</summary>
    public static AvroSchema Writer(string fileName)
    {
        var text = ReadResource("writers/" + fileName);
        var result = SchemaParser.Parse(text, fileName);
        return result.Schema ?? throw new InvalidOperationException($"{fileName}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
    }

    private static IReadOnlyList<AvroSchema> LoadCorpus()
    {
        var sources = ResourceNames().Select(n => new SchemaSource(n, ReadResource(n))).ToList();
        var set = SchemaParser.ParseSet(sources);
        if (!set.Success)
        {
            throw new InvalidOperationException("corpus schemas: " + string.Join("; ", set.Errors.Select(e => e.Message)));
        }

        var roots = set.Files.Select(f => f.Schema!).ToList();
        var rootNames = roots.OfType<NamedSchema>().Select(s => s.FullName).ToHashSet(StringComparer.Ordinal);
        roots.AddRange(set.NamedTypes.Values.Where(t => !rootNames.Contains(t.FullName)).OrderBy(t => t.FullName, StringComparer.Ordinal));
        return roots;
    }

    private static IEnumerable<string> ResourceNames() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("corpus/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"no embedded resource '{name}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

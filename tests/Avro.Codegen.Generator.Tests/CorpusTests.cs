using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests;

/// <summary>The shared schema corpus (tests/corpus/schemas): every file or set generates code that compiles without warnings.</summary>
public class CorpusTests
{
    private static string CorpusDir() => RepositoryRoot.Combine("tests", "corpus", "schemas");

    /// <summary>A top-level file stands alone; a first-level folder is one schema set (the corpus convention).</summary>
    public static TheoryData<string> Sets()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDir(), "*.avsc").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        foreach (var dir in Directory.GetDirectories(CorpusDir()).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir) + "/");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void CorpusGeneratesCompilableCode(string set)
    {
        var path = Path.Combine(CorpusDir(), set);
        var files = set.EndsWith('/')
            ? Directory.GetFiles(path, "*.avsc", SearchOption.AllDirectories)
            : [path];
        var options = GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_EmitRegistry"] = "true" });
        var run = GeneratorHarness.RunGenerator(files.Select(f => (f, File.ReadAllText(f))), options, LanguageVersion.CSharp11);

        Assert.True(run.GeneratorDiagnostics.Count == 0, GeneratorHarness.Format(run.GeneratorDiagnostics));
        var problems = GeneratorHarness.CompileProblems(run.Output);
        Assert.True(problems.Count == 0, GeneratorHarness.Format(problems.Take(10)));
    }
}

/// <summary>
/// Every datum of the corpus (tests/corpus/data) survives JSON -> generated value -> binary -> value -> JSON, and the
/// generic datum decoded from the same bytes prints the same JSON text as the generated record.
/// </summary>
public class CorpusDataTests
{
    /// <summary>
    /// Data written for implementations without the newer logical types: the 'big' values of wire-logical.json are
    /// plain bytes, not big-decimal encodings (unscaled bytes, then the scale), so a reader that applies the logical type
    /// must reject them, with an AvroDataException.
    /// </summary>
    private static readonly HashSet<string> InvalidForLogicalTypes = ["wire-logical.json"];

    private static string Corpus() => RepositoryRoot.Combine("tests", "corpus");

    public static TheoryData<string> DataFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Corpus(), "data"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Path.Combine(Corpus(), "data"), file);
            var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Corpus(), "schemas", Path.ChangeExtension(relative, ".avsc"))));
            if (schema is System.Text.Json.Nodes.JsonObject obj && obj["name"] is not null && (string?)obj["type"] is "record" or "fixed" or "enum")
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void CorpusDatumsRoundTrip(string relative)
    {
        var schemaPath = Path.Combine(Corpus(), "schemas", Path.ChangeExtension(relative, ".avsc"));
        var folder = Path.GetDirectoryName(relative)!;
        var files = folder.Length == 0 ? [schemaPath] : Directory.GetFiles(Path.Combine(Corpus(), "schemas", folder), "*.avsc", SearchOption.AllDirectories);
        using var generated = GeneratedAssembly.For(files.Select(f => (f, File.ReadAllText(f))));
        var schema = Avro.Codegen.Schema.SchemaParser.ParseSet(files.Select(f => new Avro.Codegen.Schema.SchemaSource(f, File.ReadAllText(f))))
            .Files.Single(f => f.Path == schemaPath).Schema as Avro.Codegen.Schema.NamedSchema;
        var type = generated.TypeNameOf(schema!.FullName);

        var count = 0;
        foreach (var line in File.ReadLines(Path.Combine(Corpus(), "data", relative)).Where(l => l.Trim().Length > 0))
        {
            if (InvalidForLogicalTypes.Contains(relative))
            {
                Assert.Throws<AvroDataException>(() => generated.FromJson(type, line));
                count++;
                continue;
            }

            var value = generated.FromJson(type, line);

            var json = generated.ToJson(type, value);
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(line), System.Text.Json.Nodes.JsonNode.Parse(json)),
                $"{relative}: {line}\n  became {json}");
            var bytes = generated.Serialize(type, value);
            Assert.Equal(json, generated.ToJson(type, generated.Deserialize(type, bytes)));

            // The two faces of the one JSON core print one datum as one text: the generated record's JSON and the
            // schema-driven generic datum's (what the CLI's tojson prints), byte for byte.
            Assert.Equal(json, Avro.Codegen.Generic.GenericJson.ToJson(schema, Avro.Codegen.Generic.GenericBinary.Decode(schema, bytes)));
            count++;
        }

        Assert.True(count > 0);
    }
}

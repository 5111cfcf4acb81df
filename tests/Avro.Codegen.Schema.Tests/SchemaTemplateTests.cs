using Avro.Codegen.Schema;
using Avro.Codegen.TestUtilities;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// Templates keep each named type's own text once; assembling them must give exactly the texts of
/// <see cref="SchemaJson"/> and <see cref="ParsingCanonicalForm"/> for every named type.
/// </summary>
public class SchemaTemplateTests
{
    /// <summary>The corpus files of the top folder, then each sub-folder with everything under it (one schema set each).</summary>
    public static TheoryData<string> CorpusFolders() => new(
        Directory.GetDirectories(Path.Combine(RepoRoot, "tests", "corpus", "schemas"))
            .Append(Path.Combine(RepoRoot, "tests", "corpus", "schemas"))
            .Select(d => Path.GetRelativePath(RepoRoot, d).Replace('\\', '/'))
            .OrderBy(d => d, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CorpusFolders))]
    public void AssemblyMatchesTheWholeSchemaTextsForTheCorpus(string folder)
    {
        var top = folder == "tests/corpus/schemas";
        var files = Directory.GetFiles(Path.Combine(RepoRoot, folder), "*.avsc", top ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).Select(f => new SchemaSource(f, File.ReadAllText(f))).ToList();
        AssertAssemblyMatches(SchemaParser.ParseSet(files));
    }

    [Fact]
    public void AssemblyMatchesAcrossNamespacesRecursionAndSharedTypes()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("a.avsc", """
                {"type":"record","name":"A","namespace":"x.y","doc":"d \ud83d\ude00","aliases":["Old"],"fields":[
                  {"name":"b","type":"B"},
                  {"name":"self","type":["null","A"],"default":null},
                  {"name":"top","type":{"type":"record","name":"Top","namespace":"","fields":[{"name":"again","type":["null","x.y.A"]}]}},
                  {"name":"list","type":{"type":"array","items":{"type":"map","values":["null","q.C","B"]}}},
                  {"name":"e","type":{"type":"error","name":"Oops","fields":[{"name":"m","type":"string"}]}},
                  {"name":"f","type":{"type":"fixed","name":"F","namespace":"q","size":2,"logicalType":"decimal","precision":4,"scale":1}},
                  {"name":"f2","type":"q.F","order":"descending","x-prop":{"k":[1,2]}}]}
                """),
            new SchemaSource("b.avsc", """{"type":"record","name":"x.y.B","fields":[{"name":"c","type":"q.C"},{"name":"a","type":["null","A"]}]}"""),
            new SchemaSource("c.avsc", """{"type":"enum","name":"C","namespace":"q","symbols":["S","T"],"default":"T"}"""),
        });
        AssertAssemblyMatches(set);
    }

    [Fact]
    public void AssemblyOfALongChainNeedsNoDeepStack()
    {
        var set = SchemaParser.ParseSet(LongChainTests.Chain(10_000));
        var templates = new SchemaTemplateSet(set.NamedTypes.Values.Select(SchemaTemplate.Create));
        var json = SmallStack.Run(() => templates.ToJson("c.R0"));
        var canonical = SmallStack.Run(() => templates.ToCanonicalJson("c.R0"));
        Assert.Equal(SchemaJson.ToJson(set.NamedTypes["c.R0"]), json);
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(set.NamedTypes["c.R0"]), canonical);
    }

    [Fact]
    public void ACycleKeepsEachTypesOwnTextOnce()
    {
        // 200 records in a cycle: the templates together are linear in the number of types.
        var sources = Enumerable.Range(0, 200).Select(i => new SchemaSource($"r{i}.avsc",
            $"{{\"type\":\"record\",\"name\":\"R{i}\",\"namespace\":\"c\",\"fields\":[{{\"name\":\"next\",\"type\":[\"null\",\"R{(i + 1) % 200}\"]}}]}}")).ToList();
        var set = SchemaParser.ParseSet(sources);
        var templates = set.NamedTypes.Values.Select(SchemaTemplate.Create).ToList();
        Assert.All(templates, t => Assert.Equal(new[] { t.FullName == "c.R199" ? "c.R0" : "c.R" + (int.Parse(t.Name[1..]) + 1) }, t.Holes));
        Assert.True(templates.Sum(t => t.JsonParts.Sum(p => p.Length) + t.CanonicalParts.Sum(p => p.Length)) < 200 * 200);
        AssertAssemblyMatches(set);
    }

    [Fact]
    public void AnUnknownNameIsAKeyNotFoundException()
    {
        var set = new SchemaTemplateSet(Array.Empty<SchemaTemplate>());
        Assert.Throws<KeyNotFoundException>(() => set.ToJson("nope"));
        Assert.Throws<ArgumentException>(() => new SchemaTemplate("a.B", "{", new[] { "x" }, new[] { "y" }, new[] { "a.C" }));
    }

    private static void AssertAssemblyMatches(SchemaSetResult set)
    {
        Assert.Empty(set.Errors);
        var templates = new SchemaTemplateSet(set.NamedTypes.Values.Select(SchemaTemplate.Create));
        Assert.NotEmpty(set.NamedTypes);
        foreach (var (name, schema) in set.NamedTypes)
        {
            Assert.Equal(SchemaJson.ToJson(schema), templates.ToJson(name));
            Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(schema), templates.ToCanonicalJson(name));
        }
    }
}

using Avro.Codegen.Generator.Tests.Helpers;
using Avro.Codegen.Schema;
using Avro.Codegen.TestUtilities;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// Generated schema texts come from one table per compilation that keeps each type's own JSON once, so the output grows
/// linearly with a cycle of references (it grew with the square and failed with CS8103 at 200 records).
/// </summary>
public class SchemaTableTests
{
    private static IEnumerable<(string Path, string Text)> Cycle(int count) => Enumerable.Range(0, count).Select(i => ($"/schemas/r{i}.avsc",
        $"{{\"type\":\"record\",\"name\":\"R{i}\",\"namespace\":\"c\",\"fields\":[{{\"name\":\"id\",\"type\":\"long\"}},{{\"name\":\"next\",\"type\":[\"null\",\"R{(i + 1) % count}\"]}}]}}"));

    private static int GeneratedSize(int count) =>
        GeneratorHarness.RunGenerator(Cycle(count)).Result.GeneratedTrees.Sum(t => t.GetText().Length);

    [Fact]
    public void ACycleOf200RecordsBuildsAndEveryTypeGetsItsFullSchema()
    {
        var files = Cycle(200).ToList();
        var run = GeneratorHarness.RunGenerator(files);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        var (assembly, context) = GeneratorHarness.Load(run.Output);
        try
        {
            var set = SchemaParser.ParseSet(files.Select(f => new SchemaSource(f.Path, f.Text)));
            foreach (var name in new[] { "R0", "R17", "R199" })
            {
                var type = assembly.GetType("c." + name, throwOnError: true)!;
                var schema = set.NamedTypes["c." + name];
                Assert.Equal(SchemaJson.ToJson(schema), type.GetProperty("AvroSchemaJson")!.GetValue(null));
                Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(schema), type.GetProperty("AvroCanonicalSchema")!.GetValue(null));
                Assert.Equal(SchemaFingerprint.Crc64Avro(schema), type.GetField("AvroSchemaFingerprint")!.GetRawConstantValue());
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void GeneratedSizeGrowsLinearlyWithACycle()
    {
        var small = GeneratedSize(100);
        var large = GeneratedSize(200);
        Assert.InRange((double)large / small, 1.8, 2.2);
    }

    [Fact]
    public void ALongChainAcrossFilesGeneratesOnASmallStack()
    {
        // 1,000 records, one per file, each referring to the next: the resolver's walks keep their own stack.
        var files = Enumerable.Range(0, 1000).Select(i => ($"/schemas/r{i}.avsc", i + 1 < 1000
            ? $"{{\"type\":\"record\",\"name\":\"R{i}\",\"namespace\":\"c\",\"fields\":[{{\"name\":\"next\",\"type\":[\"null\",\"R{i + 1}\"]}}]}}"
            : $"{{\"type\":\"record\",\"name\":\"R{i}\",\"namespace\":\"c\",\"fields\":[]}}")).ToList();
        var run = SmallStack.Run(() => GeneratorHarness.RunGenerator(files));
        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(1001, run.Result.GeneratedTrees.Length);
    }
}

using Avro.Codegen.Generator.Tests.Helpers;

namespace Avro.Codegen.Generator.Tests;

/// <summary>The generated code itself, reviewed as baselines in Snapshots/SnapshotTests/.</summary>
public class SnapshotTests
{
    [Fact]
    public void EveryTypeAndLogicalType()
    {
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("everything.avsc"));
        Snapshot.MatchGenerated(run.Result);
    }

    [Fact]
    public void RecursiveRecord()
    {
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("recursive.avsc"));
        Snapshot.MatchGenerated(run.Result);
    }

    [Fact]
    public void KeywordsAndCollisions()
    {
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("names.avsc"));
        Snapshot.MatchGenerated(run.Result);
    }

    [Fact]
    public void NamedTypeSharedAcrossFiles()
    {
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("order.avsc", "shared.avsc"));
        Snapshot.MatchGenerated(run.Result);
    }

    [Fact]
    public void Registry()
    {
        var options = GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_EmitRegistry"] = "true" });
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("order.avsc", "shared.avsc"), options);
        Snapshot.MatchGenerated(run.Result);
    }

    [Fact]
    public void SchemaErrorsAsDiagnostics()
    {
        var bad = ("/project/schemas/bad.avsc", "{\n  \"type\": \"record\",\n  \"name\": \"Bad\",\n  \"fields\": [\n    {\"name\": \"x\", \"type\": \"Nope\"}\n  ]\n}");
        var run = GeneratorHarness.RunGenerator(new[] { bad, TestSchemas.File("shared.avsc") });
        Snapshot.MatchGenerated(run.Result);
    }
}

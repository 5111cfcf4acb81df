extern alias ApacheAvro;

using Avro.Codegen.Generator.Tests.Helpers;
using Avro.Codegen.TestUtilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// The migration path from avrogen: with Apache.Avro referenced, records also implement Avro.Specific.ISpecificRecord
/// (in a second partial file per record), and only the records whose type graph Apache can read and write.
/// </summary>
public class SpecificRecordTests
{
    private static MetadataReference[] Apache =>
    [
        MetadataReference.CreateFromFile(typeof(ApacheAvro::Avro.Specific.ISpecificRecord).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location),
    ];

    [Fact]
    public void RecordsImplementISpecificRecordWhenApacheAvroIsReferenced()
    {
        var run = GeneratorHarness.RunGeneratorWithReferences(TestSchemas.Files("migration.avsc"), Apache);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        Snapshot.MatchGenerated(run.Result);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.Latest)]
    public void TheOutputCompilesWithoutWarnings(LanguageVersion version)
    {
        var run = GeneratorHarness.RunGeneratorWithReferences(TestSchemas.Files("migration.avsc", "everything.avsc"), Apache, version);
        Assert.True(GeneratorHarness.CompileProblems(run.Output).Count == 0, GeneratorHarness.Format(GeneratorHarness.CompileProblems(run.Output)));
    }

    [Fact]
    public void OnlyRecordsApacheCanHoldImplementIt()
    {
        var run = GeneratorHarness.RunGeneratorWithReferences(TestSchemas.Files("migration.avsc"), Apache);
        var specific = run.Sources.Keys.Where(k => k.EndsWith(".SpecificRecord.g.cs", StringComparison.Ordinal)).Order().ToList();
        // Card holds a fixed, Wallet holds a Card: neither implements the interface; enums never do.
        Assert.Equal(["com.acme.migration.Address.SpecificRecord.g.cs", "com.acme.migration.Customer.SpecificRecord.g.cs"], specific);
        var iface = run.Output.GetTypeByMetadataName("Avro.Specific.ISpecificRecord")!;
        Assert.Contains(iface, run.Output.GetTypeByMetadataName("com.acme.migration.Customer")!.AllInterfaces, SymbolEqualityComparer.Default);
        Assert.DoesNotContain(iface, run.Output.GetTypeByMetadataName("com.acme.migration.Wallet")!.AllInterfaces, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void NothingIsEmittedWithoutApacheAvro()
    {
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("migration.avsc"));
        Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("SpecificRecord", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void NothingIsEmittedWhenApacheAvroIsReferencedUnderAnAlias()
    {
        var aliased = Apache.Select(r => r.Display!.Contains("Avro.dll", StringComparison.Ordinal)
            ? r.WithAliases(["ApacheAvro"]) : r).ToArray();
        var run = GeneratorHarness.RunGeneratorWithReferences(TestSchemas.Files("migration.avsc"), aliased);
        Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("SpecificRecord", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void AddingTheReferenceLaterEmitsTheInterfaceAndLeavesTheRecordsCached()
    {
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("migration.avsc"));
        var driver = run.Driver.RunGenerators(GeneratorHarness.CreateCompilation(LanguageVersion.Latest, Apache));
        var result = driver.GetRunResult();
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "com.acme.migration.Customer.SpecificRecord.g.cs");
        Assert.All(result.Results.Single().TrackedSteps[TrackingNames.Type].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}

using System.Reflection;
using System.Xml.Linq;
using Avro.Codegen.Generator.Options;

namespace Avro.Codegen.Generator.Tests;

/// <summary>The package's props/targets and <see cref="GeneratorOptions"/> name the same options (STYLE R6).</summary>
public class OptionsTests
{
    private static string RepoFile(string relative) => RepositoryRoot.Combine(relative);

    [Fact]
    public void EveryGeneratorOptionIsCompilerVisible()
    {
        var targets = XDocument.Load(RepoFile("src/Avro.Codegen/build/Avro.Codegen.targets"));
        var visible = targets.Descendants("CompilerVisibleProperty").Select(e => (string)e.Attribute("Include")!).ToHashSet();
        var metadata = targets.Descendants("CompilerVisibleItemMetadata")
            .Where(e => (string)e.Attribute("Include")! == "AdditionalFiles").Select(e => (string)e.Attribute("MetadataName")!).ToHashSet();

        var properties = typeof(GeneratorOptions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Property", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.Contains(p, visible));
        Assert.Contains(GeneratorOptions.NamespaceMetadata, metadata);
        Assert.Contains(targets.Descendants("AdditionalFiles"), e => (string)e.Attribute("Include")! == "@(AvroSchema)");
    }

    [Fact]
    public void PropsGlobAvscAndAvdlFilesUnlessOptedOut()
    {
        var props = XDocument.Load(RepoFile("src/Avro.Codegen/build/Avro.Codegen.props"));
        var glob = Assert.Single(props.Descendants("AvroSchema"));
        Assert.Equal("**/*.avsc;**/*.avdl", (string)glob.Attribute("Include")!);
        Assert.Contains("AvroCodegen_EnableDefaultItems", (string)glob.Parent!.Attribute("Condition")!);
    }
}

public class UnionNamespaceTests
{
    private const string UnionSchema = """{"type":"record","name":"R","fields":[{"name":"u","type":["int","string"]}]}""";

    [Theory]
    [InlineData("my-app", "namespace my_app;")]
    [InlineData("1st.Project Name", "namespace _1st.Project_Name;")]
    [InlineData("Contoso.Events", "namespace Contoso.Events;")]
    public void RootNamespaceIsMadeValidSilently(string rootNamespace, string expected)
    {
        var options = new Helpers.TestOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });
        var run = Helpers.GeneratorHarness.RunGenerator("/p/r.avsc", UnionSchema, options);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(expected, run.Sources.Single(s => s.Key.StartsWith("AvroUnion.", StringComparison.Ordinal)).Value);
        Assert.Empty(Helpers.GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void AnExplicitInvalidUnionNamespaceIsReportedAndRootNamespaceUsed()
    {
        var options = new Helpers.TestOptionsProvider(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "App",
            ["build_property.AvroCodegen_UnionNamespace"] = "Not Valid",
        });
        var run = Helpers.GeneratorHarness.RunGenerator("/p/r.avsc", UnionSchema, options);

        Assert.Equal("AVRO200", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Contains("namespace App;", run.Sources.Single(s => s.Key.StartsWith("AvroUnion.", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public void WithoutAnyNamespaceUnionsGoToAvroGenerated()
    {
        var run = Helpers.GeneratorHarness.RunGenerator("/p/r.avsc", UnionSchema, new Helpers.TestOptionsProvider());

        Assert.Contains("namespace AvroGenerated;", run.Source("AvroUnion.AvroGenerated.IntOrString.g.cs"));
        Assert.Empty(Helpers.GeneratorHarness.CompileProblems(run.Output));
    }
}

using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Avro.Codegen.Generator.Options;

namespace Avro.Codegen.Generator.Tests;

/// <summary>The package's props/targets and <see cref="GeneratorOptions"/> name the same options (STYLE R6).</summary>
public class OptionsTests
{
    private static string RepoFile(string relative, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", relative));

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
    public void PropsGlobAvscFilesUnlessOptedOut()
    {
        var props = XDocument.Load(RepoFile("src/Avro.Codegen/build/Avro.Codegen.props"));
        var glob = Assert.Single(props.Descendants("AvroSchema"));
        Assert.Equal("**/*.avsc", (string)glob.Attribute("Include")!);
        Assert.Contains("AvroCodegen_EnableDefaultItems", (string)glob.Parent!.Attribute("Condition")!);
    }
}

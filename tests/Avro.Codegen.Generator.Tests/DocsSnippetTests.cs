using Avro.Codegen.Compression;
using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests;

/// <summary>The C# snippets of the docs compile against the records the generator makes from the docs' schemas.</summary>
public class DocsSnippetTests
{
    /// <summary>What a user project's implicit usings give the snippets.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void Containers_doc_snippets_compile_without_warnings()
    {
        var doc = System.IO.File.ReadAllText(RepositoryRoot.Combine("docs", "containers.md")).Replace("\r\n", "\n");
        var schemas = Blocks(doc, "json");
        var snippets = Blocks(doc, "csharp");
        Assert.Single(schemas);
        Assert.NotEmpty(snippets);

        var compilation = GeneratorHarness.CreateCompilation(LanguageVersion.Latest,
            [MetadataReference.CreateFromFile(typeof(AvroCompressionCodecs).Assembly.Location)], [ImplicitUsings, .. snippets]);
        var driver = GeneratorHarness.CreateDriver([new InMemoryAdditionalText("/docs/click.avsc", schemas[0])]);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    private static List<string> Blocks(string markdown, string language)
    {
        var blocks = new List<string>();
        var fence = "```" + language + "\n";
        for (var at = markdown.IndexOf(fence, StringComparison.Ordinal); at >= 0; at = markdown.IndexOf(fence, at, StringComparison.Ordinal))
        {
            at += fence.Length;
            var end = markdown.IndexOf("\n```", at, StringComparison.Ordinal);
            blocks.Add(markdown[at..end]);
            at = end;
        }

        return blocks;
    }
}

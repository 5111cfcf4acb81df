using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>
/// Every <c>```csharp</c> block of the README and the Kafka/registry docs compiles against the real Confluent.Kafka,
/// the runtime and the Kafka package, with the records generated from the sample's schema. Each block is compiled on
/// its own as a method body; the variables the prose says you already have (a registry client, the Kafka configs, a
/// schema text) are the method's parameters, unless the block declares them itself.
/// </summary>
public sealed partial class DocSnippetTests
{
    // What a snippet may use without declaring it.
    private const string Parameters =
        "Avro.Codegen.Registry.IRegistryClient registry, string schemaJson, string candidate, com.acme.orders.OrderPlaced order, " +
        "System.Buffers.IBufferWriter<byte> bufferWriter, Confluent.Kafka.ProducerConfig producerConfig, Confluent.Kafka.ConsumerConfig consumerConfig";

    private static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.Linq", "System.Threading.Tasks", "Avro.Codegen", "Avro.Codegen.Registry",
        "Avro.Codegen.Serialization", "Avro.Codegen.Kafka", "Confluent.Kafka", "com.acme.orders",
    ];

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Files)
        {
            var count = Blocks(System.IO.File.ReadAllText(Path.Combine(RepoRoot, file))).Count;
            Assert.True(count > 0, $"{file} has no csharp block any more; update the list.");
            for (var i = 0; i < count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    private static readonly string[] Files = ["README.md", "docs/registry.md", "src/Avro.Codegen.Kafka/PACKAGE.md"];

    [Theory]
    [MemberData(nameof(Snippets))]
    public void The_snippet_compiles(string file, int index)
    {
        var block = Blocks(System.IO.File.ReadAllText(Path.Combine(RepoRoot, file)))[index];
        var usings = new List<string>();
        var body = new List<string>();
        foreach (var line in block.Split('\n'))
        {
            if (UsingDirective().IsMatch(line))
            {
                usings.Add(line.Trim());
            }
            else
            {
                body.Add(line);
            }
        }

        var code = string.Join("\n", body);
        var declared = Declarations().Matches(code).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var parameters = string.Join(", ", Parameters.Split(", ").Where(p => !declared.Contains(p[(p.LastIndexOf(' ') + 1)..])));
        var source = string.Join("\n", Usings.Select(u => $"using {u};").Concat(usings)) + $$"""

            #nullable enable
            public static class Snippet
            {
                public static async Task Run({{parameters}})
                {
                    await Task.CompletedTask;
            {{code}}
                }
            }
            """;
        var compilation = CSharpCompilation.Create("Snippet" + index,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{file}, csharp block {index + 1}:\n{string.Join("\n", errors)}\n---\n{source}");
    }

    private static List<string> Blocks(string markdown) =>
        CsharpBlock().Matches(markdown.Replace("\r\n", "\n")).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();

    [GeneratedRegex(@"^\s*using\s+[\w.]+\s*;\s*$")]
    private static partial Regex UsingDirective();

    // "Type name = ..." and "using var name = ...": the names a block declares itself.
    [GeneratedRegex(@"\b[A-Za-z_][\w<>\[\]?,.]*\s+(\w+)\s*=[^=>]")]
    private static partial Regex Declarations();

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        // The test's own dependencies: the runtime, the Kafka package, Confluent.Kafka, and the generated doc records.
        _ = typeof(Confluent.Kafka.ProducerBuilder<,>);
        _ = typeof(AvroKafkaBuilderExtensions);
        _ = typeof(com.acme.orders.OrderPlaced);
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location))
            .Distinct(StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });

    private static string RepoRoot => RepositoryRoot.Path;
}

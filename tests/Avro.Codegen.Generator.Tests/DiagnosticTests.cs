using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Avro.Codegen.Generator.Tests;

/// <summary>Schema errors become Roslyn diagnostics at the .avsc line and column; mapping problems are AVRO1xx/2xx.</summary>
public class DiagnosticTests
{
    [Fact]
    public void MalformedJsonPointsAtTheFileLineAndColumn()
    {
        var run = GeneratorHarness.RunGenerator("/project/schemas/user.avsc", "{\n  \"type\": \"record\",\n  oops\n}");

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AVRO001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/schemas/user.avsc", span.Path);
        Assert.Equal(2, span.StartLinePosition.Line);       // 0-based: the third line
        Assert.Equal(2, span.StartLinePosition.Character);  // 0-based: column 3
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void ABadFileDoesNotStopTheOthers()
    {
        var bad = ("/project/schemas/bad.avsc", """{"type":"record","name":"Bad","fields":[{"name":"x","type":"Nope"}]}""");
        var run = GeneratorHarness.RunGenerator(new[] { bad, TestSchemas.File("shared.avsc"), TestSchemas.File("recursive.avsc") });

        Assert.Equal("AVRO015", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Contains("com.acme.common.Money.g.cs", run.Sources.Keys);
        Assert.Contains("com.acme.tree.Node.g.cs", run.Sources.Keys);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void ATypeUsingATypeFromABadFileIsNotGenerated()
    {
        // order.avsc is fine, but Money's file is broken: Invoice is skipped instead of producing C# errors.
        var brokenMoney = ("/project/schemas/shared.avsc", """{"type":"record","name":"Money","namespace":"com.acme.common","fields":[{"name":"units","type":"lung"}]}""");
        var run = GeneratorHarness.RunGenerator(new[] { brokenMoney, TestSchemas.File("order.avsc") });

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "AVRO015" && d.Location.GetLineSpan().Path.EndsWith("shared.avsc"));
        Assert.DoesNotContain("com.acme.billing.Invoice.g.cs", run.Sources.Keys);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void ANameDefinedInTwoFilesIsReported()
    {
        var copy = ("/project/schemas/copy.avsc", TestSchemas.Text("shared.avsc"));
        var run = GeneratorHarness.RunGenerator(new[] { TestSchemas.File("shared.avsc"), copy });

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "AVRO017");
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void TheSameFileListedTwiceIsReadOnce()
    {
        // A user who also lists an .avsc as AdditionalFiles by hand must not get "defined twice".
        var run = GeneratorHarness.RunGenerator(new[] { TestSchemas.File("shared.avsc"), TestSchemas.File("shared.avsc") });

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "AvroGeneratedSchemas.g.cs", "com.acme.common.Money.g.cs" }, run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUnrepresentableDefaultMakesThePropertyRequired()
    {
        var schema = """{"type":"record","name":"T","fields":[{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"},"default":9223372036854775807}]}""";
        var run = GeneratorHarness.RunGenerator("/p/t.avsc", schema);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AVRO103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains("public required global::System.DateTimeOffset At { get; init; }", run.Source("T.g.cs"));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void TwoAvroNamesMappedToOneCSharpNameGetASuffix()
    {
        var a = ("/p/a.avsc", """{"type":"record","name":"User","namespace":"com.a","fields":[]}""");
        var b = ("/p/b.avsc", """{"type":"record","name":"User","namespace":"com.b","fields":[]}""");
        var options = GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_NamespaceMap"] = "com.a=Same; com.b=Same" });
        var run = GeneratorHarness.RunGenerator(new[] { a, b }, options);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AVRO102", diagnostic.Id);
        Assert.Contains("'com.b.User'", diagnostic.GetMessage());
        Assert.Contains("public sealed partial record User ", run.Source("com.a.User.g.cs"));
        Assert.Contains("public sealed partial record User2 ", run.Source("com.b.User.g.cs"));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void NamespaceMapAndPerFileOverride()
    {
        var options = GeneratorHarness.DefaultOptions(
            new Dictionary<string, string> { ["build_property.AvroCodegen_NamespaceMap"] = "com.acme=Acme.Events;com.acme.common=Acme.Shared" },
            new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["/project/schemas/recursive.avsc"] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.AvroCodegen_Namespace"] = "My.Trees" },
            });
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("order.avsc", "shared.avsc", "recursive.avsc"), options);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("namespace Acme.Events.billing;", run.Source("com.acme.billing.Invoice.g.cs"));
        Assert.Contains("namespace Acme.Shared;", run.Source("com.acme.common.Money.g.cs"));     // the longest prefix wins
        Assert.Contains("namespace My.Trees;", run.Source("com.acme.tree.Node.g.cs"));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void AMalformedOptionIsAWarning()
    {
        var options = GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_NamespaceMap"] = "com.acme;x=1bad" });
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("shared.avsc"), options);

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "AVRO200" && d.DefaultSeverity == DiagnosticSeverity.Warning));
        Assert.Contains("com.acme.common.Money.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void GarbageNeverCrashesTheGenerator()
    {
        var random = new Random(20261122);
        var fragments = new[] { "{", "}", "[", "]", "\"type\"", ":", ",", "\"record\"", "\"name\"", "\"fields\"", "\"union\"", "null",
            "\"enum\"", "\"symbols\"", "\"fixed\"", "\"size\"", "-1", "1e999", "\"logicalType\"", "\"decimal\"", "\"precision\"", "\"\\u0000\"",
            "\"array\"", "\"items\"", "\"map\"", "\"values\"", "\"default\"", "\"X\"", "\"a.b.X\"", "\"\\ud800\"", " ", "\n", "\u00e9", "tru" };
        var files = new List<(string, string)>
        {
            ("/g/empty.avsc", string.Empty),
            ("/g/bom.avsc", "\ufeff"),
            ("/g/binary.avsc", new string(Enumerable.Range(0, 256).Select(i => (char)i).ToArray())),
            ("/g/deep.avsc", new string('[', 5000)),
            ("/g/self.avsc", """{"type":"record","name":"S","fields":[{"name":"s","type":"S"}]}"""),
        };
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => fragments[random.Next(fragments.Length)]));
            files.Add(($"/g/fuzz{i}.avsc", text));
        }

        var run = GeneratorHarness.RunGenerator(files);

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "AVRO100" or "CS8784" or "CS8785");
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
        Assert.NotEmpty(run.GeneratorDiagnostics);
    }
}

public class UnreadableFileTests
{
    private sealed class FailingText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) =>
            throw new IOException("disk on fire");
    }

    private sealed class NullText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }

    [Fact]
    public void AFileThatCannotBeReadIsAVRO030AndTheOthersStillGenerate()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[]
        {
            new FailingText("/p/fire.avsc"),
            new NullText("/p/null.avsc"),
            new InMemoryAdditionalText("/p/shared.avsc", TestSchemas.Text("shared.avsc")),
        });
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);

        Assert.Equal(2, diagnostics.Count(d => d.Id == "AVRO030"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("disk on fire") && d.Location.GetLineSpan().Path == "/p/fire.avsc");
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.EndsWith("com.acme.common.Money.g.cs"));
    }
}

public class LongUnionNameTests
{
    [Fact]
    public void AUnionOfManyLongNamesGetsAShortStableName()
    {
        var names = Enumerable.Range(0, 8).Select(i => $"VeryLongRecordNameNumber{i}ForTesting").ToArray();
        var definitions = string.Join(",", names.Select(n => $$"""{"type":"record","name":"{{n}}","fields":[]}"""));
        var schema = $$"""{"type":"record","name":"Holder","fields":[{"name":"u","type":[{{definitions}}]}]}""";
        var first = GeneratorHarness.RunGenerator("/p/h.avsc", schema);
        var second = GeneratorHarness.RunGenerator("/p/h.avsc", schema);

        var hint = Assert.Single(first.Sources.Keys, k => k.StartsWith("AvroUnion.", StringComparison.Ordinal));
        Assert.Matches(@"^AvroUnion\.TestApp\.VeryLongRecordNameNumber0ForTestingOrVeryLongRecordNameNumber1ForTestingOrMore[0-9A-F]{8}\.g\.cs$", hint);
        Assert.Equal(first.Sources, second.Sources);
        Assert.Empty(GeneratorHarness.CompileProblems(first.Output));
    }
}

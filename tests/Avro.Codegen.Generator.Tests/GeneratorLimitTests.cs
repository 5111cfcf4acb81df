using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// Valid Avro that generated code cannot hold gets a located diagnostic at the schema, and the build of everything else
/// still emits; before, the compiler failed inside generated files (CS7013, CS8103, CS9026) or without a diagnostic.
/// </summary>
public class GeneratorLimitTests
{
    private const string Other = """{"type":"record","name":"Fine","namespace":"ok","fields":[{"name":"id","type":"long"}]}""";

    private static GeneratorHarness.Run Run(string schema) =>
        GeneratorHarness.RunGenerator(new[] { ("/p/big.avsc", schema), ("/p/fine.avsc", Other) });

    private static Diagnostic AssertOneError(GeneratorHarness.Run run, string id, int line, int column)
    {
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("/p/big.avsc", line, column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));

        // The file generates nothing; the other file still does, and the result compiles and emits.
        Assert.Contains("ok.Fine.g.cs", run.Sources.Keys);
        Assert.DoesNotContain(run.Sources.Keys, k => k.StartsWith("x.", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        GeneratorHarness.Load(run.Output).Context.Unload();
        return diagnostic;
    }

    [Fact]
    public void ARecordNameOf2000LettersIsAVRO104AtTheRecord()
    {
        var name = new string('A', 2000);
        var run = Run("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"x\",\n \"fields\":[]}");
        var diagnostic = AssertOneError(run, "AVRO104", 1, 1);
        Assert.Contains("2,002 characters", diagnostic.GetMessage());
        Assert.Contains("at most 240", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("field", "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\",\"fields\":[\n{\"name\":\"NAME\",\"type\":\"int\"}]}", 2, 1)]
    [InlineData("symbol", "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\",\"fields\":[\n{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"NAME\"]}}]}", 2, 20)]
    public void FieldNamesAndSymbolsHaveTheSameLimit(string what, string template, int line, int column)
    {
        var run = Run(template.Replace("NAME", new string('f', 241)));
        var diagnostic = AssertOneError(run, "AVRO104", line, column);
        Assert.Contains("241 characters", diagnostic.GetMessage());
        Assert.Contains(what, diagnostic.GetMessage());
    }

    [Fact]
    public void ANameOfExactlyTheLimitGenerates()
    {
        var name = new string('N', 238);
        var run = GeneratorHarness.RunGenerator("/p/n.avsc", "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"x\",\"fields\":[{\"name\":\"" + new string('f', 240) + "\",\"type\":\"int\"}]}");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        GeneratorHarness.Load(run.Output).Context.Unload();
    }

    [Fact]
    public void ATenMegabyteDocIsAVRO105()
    {
        var doc = new string('d', 10 * 1024 * 1024);
        var diagnostic = AssertOneError(Run("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\",\"doc\":\"" + doc + "\",\"fields\":[]}"), "AVRO105", 1, 1);
        Assert.Contains("The doc of 'x.R' has 10,485,760 characters", diagnostic.GetMessage());
    }

    [Fact]
    public void ATenMegabyteDefaultIsAVRO105AtTheDefault()
    {
        var value = new string('v', 10 * 1024 * 1024);
        var diagnostic = AssertOneError(Run("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\",\"fields\":[\n{\"name\":\"s\",\"type\":\"string\",\"default\":\"" + value + "\"}]}"), "AVRO105", 2, 39);
        Assert.Contains("The default of field 's'", diagnostic.GetMessage());
    }

    [Fact]
    public void LargeCustomPropertiesAreAVRO105AtTheType()
    {
        var properties = string.Concat(Enumerable.Range(0, 20).Select(i => $"\"x-{i}\":\"{new string('p', 60_000)}\","));
        var diagnostic = AssertOneError(Run("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"x\"," + properties + "\"fields\":[]}"), "AVRO105", 1, 1);
        Assert.Contains("at most 1,000,000 per named type", diagnostic.GetMessage());
    }

    [Fact]
    public void LoneSurrogatesAndLineSeparatorsInDocsCompileAndSurviveInTheSchema()
    {
        var schema = """{"type":"record","name":"R","namespace":"x","doc":"a \ud800 b\u2028c = 1;","fields":[{"name":"f","type":"string","doc":"\udc00","default":"\ud83d"}]}""";
        var run = GeneratorHarness.RunGenerator("/p/r.avsc", schema);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        var (assembly, context) = GeneratorHarness.Load(run.Output);
        try
        {
            var type = assembly.GetType("x.R", throwOnError: true)!;
            var json = (string)type.GetProperty("AvroSchemaJson")!.GetValue(null)!;
            Assert.Contains("\"doc\":\"a \\ud800 b\u2028c = 1;\"", json);
            Assert.Contains("\"default\":\"\\ud83d\"", json);
            // The text parses back to the same doc (an escaped lone surrogate is still that code unit).
            var parsed = Avro.Codegen.Schema.SchemaParser.Parse(json);
            Assert.True(parsed.Success, string.Join("\n", parsed.Errors));
            Assert.Equal("a \ud800 b\u2028c = 1;", ((Avro.Codegen.Schema.NamedSchema)parsed.Schema!).Doc);
            Assert.Equal(json, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(json)));
        }
        finally
        {
            context.Unload();
        }
    }
}

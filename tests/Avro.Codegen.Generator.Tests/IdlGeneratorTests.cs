using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests;

/// <summary>Avro IDL (.avdl) additional files: generated like .avsc, mixed with .avsc, located diagnostics, incremental.</summary>
public class IdlGeneratorTests
{
    private const string Orders = """
        /** Orders of the shop. */
        @namespace("shop")
        protocol Orders {
          import schema "money.avsc";

          enum Status { NEW, PAID, SHIPPED } = NEW;

          /** One order. */
          record Order {
            long id;
            Money total;
            Status status = "NEW";
            array<Line> lines = [];
            string? note = null;
            timestamp_ms placedAt;
            decimal(9,2) discount;
          }

          record Line { string sku; int quantity = 1; }

          Order get(long id);
        }
        """;

    private static readonly (string Path, string Text)[] Mixed =
    {
        ("/project/contracts/orders.avdl", Orders),
        ("/project/contracts/money.avsc", """{"type": "record", "name": "Money", "namespace": "shop", "fields": [{"name": "cents", "type": "long"}, {"name": "currency", "type": "string"}]}"""),
        // An .avsc type that uses a type defined in the .avdl.
        ("/project/contracts/receipt.avsc", """{"type": "record", "name": "Receipt", "namespace": "shop", "fields": [{"name": "order", "type": "Order"}]}"""),
    };

    [Fact]
    public void AvdlAndAvscTypesAreGeneratedTogetherAndCompile()
    {
        var run = GeneratorHarness.RunGenerator(Mixed);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "shop.Line.g.cs", "shop.Money.g.cs", "shop.Order.g.cs", "shop.Receipt.g.cs", "shop.Status.g.cs" },
            run.Sources.Keys.Where(k => k.StartsWith("shop.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        Assert.Contains("One order.", run.Sources["shop.Order.g.cs"]);
    }

    [Fact]
    public void GeneratedTypesFromIdlRoundTrip()
    {
        using var generated = GeneratedAssembly.For(Mixed);
        var type = generated.TypeNameOf("shop.Receipt");
        const string json = """{"order":{"id":7,"total":{"cents":1250,"currency":"EUR"},"status":"PAID","lines":[{"sku":"a","quantity":2}],"note":{"string":"gift"},"placedAt":1700000000000,"discount":"d"}}""";
        var value = generated.FromJson(type, json);
        var bytes = generated.Serialize(type, value);
        // id 7 -> 0e; cents 1250 -> c413; "EUR"; PAID -> 02; one line block; note branch 1; ...
        Assert.Equal(new byte[] { 0x0e, 0xc4, 0x13, 0x06, (byte)'E', (byte)'U', (byte)'R', 0x02, 0x02, 0x02, (byte)'a', 0x04, 0x00, 0x02, 0x08 },
            bytes.Take(15).ToArray());
        Assert.Equal(json, generated.ToJson(type, generated.Deserialize(type, bytes)));
    }

    [Fact]
    public void IdlErrorsAreReportedAtTheAvdlLineAndColumn()
    {
        var run = GeneratorHarness.RunGenerator(new[]
        {
            ("/project/contracts/bad.avdl", "protocol P {\n  record R {\n    string name\n    int x;\n  }\n}"),
            ("/project/contracts/missing.avdl", "protocol Q {\n  import idl \"nowhere.avdl\";\n}"),
            Mixed[1],
        });

        var syntax = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "AVRO060");
        Assert.Equal(DiagnosticSeverity.Error, syntax.Severity);
        var span = syntax.Location.GetLineSpan();
        Assert.Equal(("/project/contracts/bad.avdl", 3, 4), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));

        var import = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "AVRO062");
        Assert.Equal(1, import.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("not one of the schema files", import.GetMessage());

        // The good file still generates.
        Assert.Contains("shop.Money.g.cs", run.Sources.Keys);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void EditingTheAvdlReEmitsOnlyItsTypes()
    {
        var texts = Mixed.Take(2).Select(f => new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.CreateCompilation(LanguageVersion.Latest, "public class Program { }");
        var driver = GeneratorHarness.CreateDriver(texts).RunGenerators(compilation);
        var edited = new InMemoryAdditionalText(texts[0].Path, Orders.Replace("One order.", "One order, edited."));
        driver = driver.ReplaceAdditionalText(texts[0], edited).RunGenerators(compilation);

        var reasons = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Type]
            .SelectMany(r => r.Outputs)
            .ToDictionary(o => (string)((dynamic)o.Value).FullName, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["shop.Order"]);
        Assert.True(reasons["shop.Money"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reasons["shop.Money"].ToString());
        Assert.True(reasons["shop.Line"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reasons["shop.Line"].ToString());
    }
}

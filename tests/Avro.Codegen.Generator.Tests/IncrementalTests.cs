using System.Collections;
using System.Reflection;
using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Avro.Codegen.Generator.Tests;

/// <summary>What is re-run after an edit (STYLE 3.3): the pipeline must cache everything an edit does not touch.</summary>
public class IncrementalTests
{
    private static readonly string[] StepNames = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    private static (GeneratorDriver Driver, Compilation Compilation, InMemoryAdditionalText[] Texts) Start(params (string Path, string Text)[] files)
    {
        var texts = files.Select(f => new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.CreateCompilation(LanguageVersion.Latest, "public class Program { }");
        var driver = GeneratorHarness.CreateDriver(texts).RunGenerators(compilation);
        return (driver, compilation, texts);
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason)
            : Enumerable.Empty<IncrementalStepRunReason>();

    private static Dictionary<string, IncrementalStepRunReason> TypeReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Type]
            .SelectMany(r => r.Outputs)
            .ToDictionary(o => ((dynamic)o.Value).FullName is string name ? name : "?", o => o.Reason);

    /// <summary>Cached and Unchanged outputs do not run the source output again; Modified and New do.</summary>
    private static void AssertNotReEmitted(IncrementalStepRunReason reason) =>
        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"re-emitted: {reason}");

    [Fact]
    public void ASecondRunOnTheSameInputIsFullyCached()
    {
        var (driver, compilation, _) = Start(TestSchemas.Files("order.avsc", "shared.avsc", "recursive.avsc"));
        driver = driver.RunGenerators(compilation.Clone());

        foreach (var step in StepNames)
        {
            Assert.All(Reasons(driver, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void AnUnrelatedCSharpEditLeavesEveryStepCached()
    {
        var (driver, compilation, _) = Start(TestSchemas.Files("order.avsc", "shared.avsc"));
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { }")));

        foreach (var step in StepNames)
        {
            Assert.All(Reasons(driver, step), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }
    }

    [Fact]
    public void AWhitespaceEditReEmitsNothing()
    {
        var (driver, compilation, texts) = Start(TestSchemas.Files("order.avsc", "shared.avsc"));
        var edited = new InMemoryAdditionalText(texts[1].Path, "\n\n   " + TestSchemas.Text("shared.avsc").Replace(",", " ,\n "));
        driver = driver.ReplaceAdditionalText(texts[1], edited).RunGenerators(compilation);

        // The file's text changed, so it is read again and the set resolved again; every type spec comes out equal,
        // so no source output runs.
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ParseFile));
        Assert.NotEmpty(TypeReasons(driver));
        Assert.All(TypeReasons(driver), pair => AssertNotReEmitted(pair.Value));
        Assert.All(Reasons(driver, TrackingNames.Diagnostics), r => Assert.NotEqual(IncrementalStepRunReason.Modified, r));
    }

    [Fact]
    public void ChangingOneFileReEmitsOnlyItsTypes()
    {
        var (driver, compilation, texts) = Start(TestSchemas.Files("recursive.avsc", "shared.avsc"));
        var edited = new InMemoryAdditionalText(texts[1].Path, TestSchemas.Text("shared.avsc").Replace("Shared across files.", "Changed doc."));
        driver = driver.ReplaceAdditionalText(texts[1], edited).RunGenerators(compilation);

        var reasons = TypeReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["com.acme.common.Money"]);
        AssertNotReEmitted(reasons["com.acme.tree.Node"]);
    }

    private static Dictionary<string, IncrementalStepRunReason> BuildReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.BuildType]
            .SelectMany(r => r.Outputs)
            .ToDictionary(o => ((dynamic)o.Value).Template.FullName is string name ? name : "?", o => o.Reason);

    [Fact]
    public void AnEditParsesOnlyTheEditedFile()
    {
        var (driver, compilation, texts) = Start(TestSchemas.Files("recursive.avsc", "shared.avsc", "order.avsc", "everything.avsc"));
        var edited = new InMemoryAdditionalText(texts[0].Path, "\n" + TestSchemas.Text("recursive.avsc"));
        driver = driver.ReplaceAdditionalText(texts[0], edited).RunGenerators(compilation);

        var parsed = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ParseFile].SelectMany(r => r.Outputs).ToList();
        Assert.Equal(4, parsed.Count);
        Assert.Single(parsed, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(3, parsed.Count(o => o.Reason == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void AnEditOfOneFileReRunsOnlyThatFilesSteps()
    {
        var (driver, compilation, texts) = Start(TestSchemas.Files("recursive.avsc", "shared.avsc", "order.avsc", "everything.avsc"));
        var before = BuildReasons(driver).Keys.ToList();
        // A field added to com.acme.tree.Node: a real change of its spec, fingerprint and template.
        var edited = new InMemoryAdditionalText(texts[0].Path,
            TestSchemas.Text("recursive.avsc").Replace("{\"name\": \"label\", \"type\": \"string\"},", "{\"name\": \"label\", \"type\": \"string\"}, {\"name\": \"weight\", \"type\": \"int\", \"default\": 0},"));
        Assert.NotEqual(TestSchemas.Text("recursive.avsc"), edited.GetText()!.ToString());
        driver = driver.ReplaceAdditionalText(texts[0], edited).RunGenerators(compilation);

        // The edited file is parsed, linked, and its one type built and emitted again; every other file's steps come
        // from the cache without running (Cached, not Unchanged: nothing of theirs was computed to be compared).
        Assert.Single(Reasons(driver, TrackingNames.ParseFile), r => r == IncrementalStepRunReason.Modified);
        var built = BuildReasons(driver);
        Assert.Equal(before.Count, built.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, built["com.acme.tree.Node"]);
        Assert.All(built.Where(pair => pair.Key != "com.acme.tree.Node"), pair => Assert.True(pair.Value == IncrementalStepRunReason.Cached, $"{pair.Key}: {pair.Value}"));
        var emitted = TypeReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Modified, emitted["com.acme.tree.Node"]);
        Assert.All(emitted.Where(pair => pair.Key != "com.acme.tree.Node"), pair => Assert.Equal(IncrementalStepRunReason.Cached, pair.Value));
        Assert.All(Reasons(driver, TrackingNames.TypeDiagnostics), r => Assert.Equal(IncrementalStepRunReason.Cached, r));

        // And the incremental result is the cold one.
        var cold = GeneratorHarness.CreateDriver([edited, texts[1], texts[2], texts[3]]).RunGenerators(compilation);
        Assert.Equal(Sources(cold), Sources(driver));

        static Dictionary<string, string> Sources(GeneratorDriver d) =>
            d.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    [Fact]
    public void TheFingerprintAndTemplateOfATypeAreReadAgainOnlyWhenAFileItReachesChanged()
    {
        var (driver, compilation, texts) = Start(TestSchemas.Files("recursive.avsc", "shared.avsc", "order.avsc"));
        var edited = new InMemoryAdditionalText(texts[1].Path, TestSchemas.Text("shared.avsc").Replace("Shared across files.", "Changed doc."));
        driver = driver.ReplaceAdditionalText(texts[1], edited).RunGenerators(compilation);

        var built = BuildReasons(driver);
        // The edited file's type: its template (which holds the doc) is new.
        Assert.Equal(IncrementalStepRunReason.Modified, built["com.acme.common.Money"]);
        // A type that reaches the edited file is read again, and comes out equal (a doc is no part of a fingerprint, and
        // the referenced type is a hole in the template), so nothing downstream re-runs.
        Assert.Equal(IncrementalStepRunReason.Unchanged, built["com.acme.billing.Invoice"]);
        AssertNotReEmitted(TypeReasons(driver)["com.acme.billing.Invoice"]);
        // A type that does not reach it is not read at all.
        Assert.Equal(IncrementalStepRunReason.Cached, built["com.acme.tree.Node"]);
    }

    [Fact]
    public void AFingerprintFollowsAnEditOfAnotherFileTheTypeReaches()
    {
        var (driver, compilation, texts) = Start(TestSchemas.Files("shared.avsc", "order.avsc"));
        var before = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "com.acme.billing.Invoice.g.cs").SourceText.ToString();
        var edited = new InMemoryAdditionalText(texts[0].Path, TestSchemas.Text("shared.avsc").Replace("\"long\"", "\"int\""));
        driver = driver.ReplaceAdditionalText(texts[0], edited).RunGenerators(compilation);

        Assert.Equal(IncrementalStepRunReason.Modified, BuildReasons(driver)["com.acme.billing.Invoice"]);
        var after = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "com.acme.billing.Invoice.g.cs").SourceText.ToString();
        Assert.NotEqual(Fingerprint(before), Fingerprint(after));

        // The same fingerprint as a cold run over the edited files gives.
        var cold = GeneratorHarness.CreateDriver([edited, texts[1]]).RunGenerators(compilation);
        var coldText = cold.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "com.acme.billing.Invoice.g.cs").SourceText.ToString();
        Assert.Equal(coldText, after);

        static string Fingerprint(string source) => source.Split('\n').Single(l => l.Contains("AvroSchemaFingerprint", StringComparison.Ordinal) && l.Contains("0x", StringComparison.Ordinal));
    }

    [Fact]
    public void TheHistoryCheckIsACachedStepThatReRunsOnlyWhenARecordOrAHistoryFileChanges()
    {
        const string current = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"name","type":"string","default":""}]}""";
        const string v1 = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"int"}]}""";
        var (driver, compilation, texts) = Start(("/p/User.avsc", current), ("/p/Other.avsc", TestSchemas.Text("shared.avsc")), ("/p/history/User.v1.avsc", v1));
        Assert.True(driver.GetRunResult().Results.Single().GeneratedSources.Any(s => s.HintName == "AvroHistory.g.cs"), string.Join("\n", driver.GetRunResult().Diagnostics));

        // An edit that leaves every record spec equal (whitespace in another file) does not check the history again.
        driver = driver.ReplaceAdditionalText(texts[1], new InMemoryAdditionalText(texts[1].Path, "\n" + texts[1].GetText()!.ToString()))
            .RunGenerators(compilation);
        Assert.All(Reasons(driver, TrackingNames.History), r => Assert.Equal(IncrementalStepRunReason.Cached, r));

        // An edit of the history file does, and an incompatible version is reported at it.
        var breaking = new InMemoryAdditionalText(texts[2].Path, v1.Replace("\"int\"", "\"string\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(texts[2], breaking).RunGenerators(compilation);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.History));
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "AVRO120");
        Assert.Equal("/p/history/User.v1.avsc", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "AvroHistory.g.cs");
    }

    [Fact]
    public void ShiftingLinesReReportsDiagnosticsButReEmitsNoCode()
    {
        const string bad = """{"type":"record","name":"Bad","fields":[{"name":"x","type":"Nope"}]}""";
        var (driver, compilation, texts) = Start(("/p/bad.avsc", bad), TestSchemas.File("shared.avsc"));
        var first = driver.GetRunResult().Diagnostics.Single().Location.GetLineSpan().StartLinePosition.Line;
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryAdditionalText("/p/bad.avsc", "\n\n" + bad)).RunGenerators(compilation);

        Assert.Equal(first + 2, driver.GetRunResult().Diagnostics.Single().Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.Diagnostics));
        Assert.All(TypeReasons(driver), pair => AssertNotReEmitted(pair.Value));
    }

    [Fact]
    public void AddingAFileAddsOnlyItsTypes()
    {
        var (driver, compilation, _) = Start(TestSchemas.Files("shared.avsc"));
        driver = driver.AddAdditionalTexts([new InMemoryAdditionalText("/p/recursive.avsc", TestSchemas.Text("recursive.avsc"))]).RunGenerators(compilation);

        var reasons = TypeReasons(driver);
        Assert.Equal(IncrementalStepRunReason.New, reasons["com.acme.tree.Node"]);
        AssertNotReEmitted(reasons["com.acme.common.Money"]);
    }

    [Fact]
    public void PipelineModelsHoldNoCompilerObjects()
    {
        var (driver, _, _) = Start(TestSchemas.Files("everything.avsc", "order.avsc", "shared.avsc"));
        var banned = new[] { typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(AdditionalText), typeof(SourceText),
            typeof(Location), typeof(AnalyzerConfigOptions), typeof(AnalyzerConfigOptionsProvider) };
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        // Our own steps only: Roslyn also tracks its input nodes (AdditionalTexts, Compilation, ...), which hold those objects by design.
        var ours = driver.GetRunResult().Results.Single().TrackedSteps.Where(s => StepNames.Contains(s.Key));
        foreach (var step in ours.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Walk(step.Value, banned, seen, "output");
        }

        Assert.NotEmpty(seen);
    }

    private static void Walk(object? value, Type[] banned, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || (!value.GetType().IsValueType && !seen.Add(value)))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(banned.Any(b => b.IsAssignableFrom(type)), $"{path} holds a {type.Name}, which breaks incremental caching");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, banned, seen, $"{path}[{i++}]");
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), banned, seen, path + "." + field.Name);
        }
    }
}

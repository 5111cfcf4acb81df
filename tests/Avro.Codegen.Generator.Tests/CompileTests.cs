using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests;

/// <summary>Generated code compiles with no warnings (all warnings as errors, nullable on) at C# 11 and the latest version.</summary>
public class CompileTests
{
    public static TheoryData<string, LanguageVersion> Cases()
    {
        var data = new TheoryData<string, LanguageVersion>();
        foreach (var set in new[] { "everything.avsc", "recursive.avsc", "names.avsc", "order.avsc+shared.avsc" })
        {
            data.Add(set, LanguageVersion.CSharp11);
            data.Add(set, LanguageVersion.Latest);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCodeHasNoWarnings(string set, LanguageVersion version)
    {
        var options = GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_EmitRegistry"] = "true" });
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files(set.Split('+')), options, version);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
        var problems = GeneratorHarness.CompileProblems(run.Output);
        Assert.True(problems.Count == 0, GeneratorHarness.Format(problems));
    }

    [Fact]
    public void UserCodeCanExtendThePartialRecordAndUseTheInterfaceGenerically()
    {
        const string user = """
            namespace com.acme.tree
            {
                public sealed partial record Node
                {
                    public int Depth => Next is null ? 1 : 1 + Next.Depth;
                }
            }

            public static class Use
            {
                public static string Name<T>() where T : global::Avro.Codegen.IAvroRecord<T> => T.CanonicalSchema;
                public static string Node() => Name<global::com.acme.tree.Node>();
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(LanguageVersion.CSharp11, user);
        var driver = GeneratorHarness.CreateDriver(
            new[] { new InMemoryAdditionalText("/p/recursive.avsc", TestSchemas.Text("recursive.avsc")) }, null, LanguageVersion.CSharp11);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        var problems = GeneratorHarness.CompileProblems(output);
        Assert.True(problems.Count == 0, GeneratorHarness.Format(problems));
    }

    [Fact]
    public void CSharp10IsBelowTheMinimum()
    {
        // 'required' members and static abstract interface members need C# 11: a clear compiler error, not silence.
        var run = GeneratorHarness.RunGenerator(TestSchemas.Files("recursive.avsc"), null, LanguageVersion.CSharp10);
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }
}

/// <summary>The union API as a user sees it: typed access, implicit conversions, exhaustive matching.</summary>
public class UnionApiTests
{
    [Fact]
    public void TypedAccessAndExhaustiveMatching()
    {
        const string user = """
            using TestApp;
            using com.acme.events;

            public static class UnionUse
            {
                public static string Run()
                {
                    NullOrStringOrLongOrSuit a = 5L;
                    NullOrStringOrLongOrSuit b = "text";
                    NullOrStringOrLongOrSuit c = Suit.HEARTS;
                    var d = NullOrStringOrLongOrSuit.Null;
                    string Describe(NullOrStringOrLongOrSuit u) =>
                        u.Match(() => "null", s => "string " + s, l => "long " + l.ToString(System.Globalization.CultureInfo.InvariantCulture), s => "suit " + s);
                    var parts = new[] { Describe(a), Describe(b), Describe(c), Describe(d) };
                    var typed = a.TryGetLong(out var value) && value == 5 && !a.TryGetString(out _) && b.IsString && b.AsString == "text"
                        && c.Index == 3 && d.IsNull && a == NullOrStringOrLongOrSuit.FromLong(5) && a != NullOrStringOrLongOrSuit.FromLong(6);
                    string wrong;
                    try { _ = b.AsLong; wrong = "no exception"; } catch (System.InvalidOperationException) { wrong = "wrong branch rejected"; }
                    string empty;
                    try { default(NullOrStringOrLongOrSuit).Switch(() => { }, _ => { }, _ => { }, _ => { }); empty = "no exception"; }
                    catch (System.InvalidOperationException) { empty = "default rejected"; }
                    return string.Join("|", parts) + "|" + typed + "|" + wrong + "|" + empty + "|" + a;
                }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(LanguageVersion.CSharp11, user);
        var driver = GeneratorHarness.CreateDriver(
            new[] { new InMemoryAdditionalText("/p/everything.avsc", TestSchemas.Text("everything.avsc")) }, null, LanguageVersion.CSharp11);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var problems = GeneratorHarness.CompileProblems(output);
        Assert.True(problems.Count == 0, GeneratorHarness.Format(problems));

        var (assembly, context) = GeneratorHarness.Load(output);
        try
        {
            var result = (string)assembly.GetType("UnionUse")!.GetMethod("Run")!.Invoke(null, null)!;
            Assert.Equal("long 5|string text|suit HEARTS|null|True|wrong branch rejected|default rejected|long: 5", result);
        }
        finally
        {
            context.Unload();
        }
    }
}

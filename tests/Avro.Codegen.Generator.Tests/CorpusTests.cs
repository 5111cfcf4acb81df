using System.Runtime.CompilerServices;
using Avro.Codegen.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests;

/// <summary>The shared schema corpus (tests/corpus/schemas): every file or set generates code that compiles without warnings.</summary>
public class CorpusTests
{
    private static string CorpusDir([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "corpus", "schemas"));

    /// <summary>A top-level file stands alone; a first-level folder is one schema set (the corpus convention).</summary>
    public static TheoryData<string> Sets()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDir(), "*.avsc").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        foreach (var dir in Directory.GetDirectories(CorpusDir()).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir) + "/");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void CorpusGeneratesCompilableCode(string set)
    {
        var path = Path.Combine(CorpusDir(), set);
        var files = set.EndsWith('/')
            ? Directory.GetFiles(path, "*.avsc", SearchOption.AllDirectories)
            : [path];
        var options = GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_EmitRegistry"] = "true" });
        var run = GeneratorHarness.RunGenerator(files.Select(f => (f, File.ReadAllText(f))), options, LanguageVersion.CSharp11);

        Assert.True(run.GeneratorDiagnostics.Count == 0, GeneratorHarness.Format(run.GeneratorDiagnostics));
        var problems = GeneratorHarness.CompileProblems(run.Output);
        Assert.True(problems.Count == 0, GeneratorHarness.Format(problems.Take(10)));
    }
}

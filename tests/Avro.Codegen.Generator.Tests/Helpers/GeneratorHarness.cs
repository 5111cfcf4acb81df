using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests.Helpers;

/// <summary>Runs the real generator over in-memory <c>.avsc</c> files and compiles the output.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(AvroWriter).Assembly.Location);
        paths.Add(typeof(Avro.Codegen.Schema.AvroSchema).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public sealed record Run(
        GeneratorDriver Driver,
        GeneratorDriverRunResult Result,
        Compilation Output,
        IReadOnlyList<Diagnostic> GeneratorDiagnostics)
    {
        public IReadOnlyDictionary<string, string> Sources => Result.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        public string Source(string hintName) => Sources[hintName];
    }

    public static CSharpCompilation CreateCompilation(LanguageVersion languageVersion = LanguageVersion.Latest, params string[] csharpSources) =>
        CreateCompilation(languageVersion, [], csharpSources);

    /// <summary>A compilation that also references <paramref name="extraReferences"/> (e.g. Apache.Avro).</summary>
    public static CSharpCompilation CreateCompilation(LanguageVersion languageVersion, IEnumerable<MetadataReference> extraReferences, params string[] csharpSources) =>
        CSharpCompilation.Create(
            "GeneratedTests",
            csharpSources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(languageVersion))),
            References.Value.Concat(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999, deterministic: true));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, TestOptionsProvider? options = null,
        LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            new[] { new AvroGenerator().AsSourceGenerator() },
            files,
            new CSharpParseOptions(languageVersion),
            options ?? DefaultOptions(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static TestOptionsProvider DefaultOptions(IReadOnlyDictionary<string, string>? extra = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? perFile = null)
    {
        var global = new Dictionary<string, string> { ["build_property.RootNamespace"] = "TestApp" };
        foreach (var pair in extra ?? new Dictionary<string, string>())
        {
            global[pair.Key] = pair.Value;
        }

        return new TestOptionsProvider(global, perFile);
    }

    public static Run RunGenerator(IEnumerable<(string Path, string Text)> files, TestOptionsProvider? options = null,
        LanguageVersion languageVersion = LanguageVersion.Latest, params string[] csharpSources)
    {
        var compilation = CreateCompilation(languageVersion, csharpSources);
        var driver = CreateDriver(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)), options, languageVersion);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Run(driver, driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Runs the generator in a compilation that also references <paramref name="extraReferences"/>.</summary>
    public static Run RunGeneratorWithReferences(IEnumerable<(string Path, string Text)> files, IEnumerable<MetadataReference> extraReferences,
        LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var compilation = CreateCompilation(languageVersion, extraReferences);
        var driver = CreateDriver(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)), null, languageVersion);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Run(driver, driver.GetRunResult(), output, diagnostics);
    }

    public static Run RunGenerator(string path, string text, TestOptionsProvider? options = null, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        RunGenerator(new[] { (path, text) }, options, languageVersion);

    /// <summary>Compiler errors and warnings of the output (nothing is tolerated: warnings are errors for users who set that).</summary>
    public static IReadOnlyList<Diagnostic> CompileProblems(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public static string Format(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    /// <summary>Emits the compilation and loads it into a collectible context.</summary>
    public static (Assembly Assembly, System.Runtime.Loader.AssemblyLoadContext Context) Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, Format(emit.Diagnostics));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return (context.LoadFromStream(stream), context);
    }
}

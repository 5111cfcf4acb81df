using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// The cost of the source generator itself, in memory through <see cref="CSharpGeneratorDriver"/> as the compiler
/// host runs it: a cold run over 500 schema files (a fresh driver, as at the first build or when the IDE loads the
/// project), and a one-file edit on a warm driver (what every keystroke in an open <c>.avsc</c> costs).
/// </summary>
/// <remarks>
/// The timed drivers do not track steps, as the compiler and the IDE do not: with
/// <c>trackIncrementalGeneratorSteps</c> Roslyn records every output's whole input tree on every run, a cost of its
/// own that grows with outputs times inputs and is not the generator's. The setup's checks use a tracking driver.
/// </remarks>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int SchemaCount = 500;

    private IIncrementalGenerator _generator = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpParseOptions _parseOptions = null!;
    private ImmutableArray<AdditionalText> _files;
    private GeneratorDriver _warm = null!;
    private AdditionalText _edited = null!;
    private AdditionalText _original = null!;
    private bool _editApplied;

    /// <summary>Time drivers that track steps (as tests do) instead of drivers as the compiler host runs them.</summary>
    public bool TrackSteps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _generator = LoadGenerator();
        _parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        _compilation = CSharpCompilation.Create(
            "GeneratorBenchmark",
            [CSharpSyntaxTree.ParseText("namespace Consumer; internal static class Marker { }", _parseOptions)],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _files = [.. Enumerable.Range(0, SchemaCount).Select(i => (AdditionalText)new InMemoryText($"schemas/Entity{i}.avsc", SchemaCorpus.Schema(i, revision: 0)))];

        // The checks the numbers rest on: the cold run generates code for every file without errors, and an edit of
        // one file re-emits that file's types only (the other 499 files' outputs come from the driver's cache).
        var cold = NewDriver(trackSteps: true).RunGenerators(_compilation);
        var result = cold.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.Results.Single().Exception is { } exception)
        {
            throw new InvalidOperationException(
                $"The generator failed on the corpus: {result.Results.Single().Exception?.ToString() ?? string.Join("\n", errors.Take(5))}");
        }
        int sources = result.Results.Single().GeneratedSources.Length;
        if (sources < SchemaCount)
        {
            throw new InvalidOperationException($"The generator emitted {sources} sources for {SchemaCount} schema files.");
        }

        _warm = cold;
        _original = _files[SchemaCount / 2];
        _edited = new InMemoryText(_original.Path, SchemaCorpus.Schema(SchemaCount / 2, revision: 1));
        var edited = _warm.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation);
        EditCheck.OnlyOneFileReemitted(result, edited.GetRunResult(), $"Entity{SchemaCount / 2}");
        _warm = NewDriver(TrackSteps).RunGenerators(_compilation);
        _editApplied = false;
    }

    /// <summary>A new driver over all 500 files: parse, resolve and emit everything.</summary>
    [Benchmark]
    public GeneratorDriver ColdGeneration500() => NewDriver(TrackSteps).RunGenerators(_compilation);

    /// <summary>
    /// One file changes (a field added, then removed again on the next invocation, so every invocation is a real
    /// edit) and the warm driver runs again.
    /// </summary>
    [Benchmark]
    public GeneratorDriver EditOneOf500()
    {
        var (from, to) = _editApplied ? (_edited, _original) : (_original, _edited);
        _editApplied = !_editApplied;
        _warm = _warm.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
        return _warm;
    }

    private GeneratorDriver NewDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [_generator.AsSourceGenerator()],
            _files,
            _parseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static IIncrementalGenerator LoadGenerator()
    {
        var assembly = Assembly.Load(new AssemblyName("Avro.Codegen.Generator"));
        var type = assembly.GetTypes().SingleOrDefault(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract)
            ?? throw new InvalidOperationException("Avro.Codegen.Generator contains no incremental generator.");
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    private static IEnumerable<MetadataReference> References()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(Assembly.Load(new AssemblyName("Avro.Codegen")).Location)
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

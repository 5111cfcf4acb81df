using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Avro.Codegen.Generator.Tests.Helpers;

/// <summary>Stands in for the editorconfig MSBuild generates: global <c>build_property.*</c> and per-file <c>build_metadata.*</c>.</summary>
public sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, string>> _perFile;

    public TestOptionsProvider(IReadOnlyDictionary<string, string>? global = null, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? perFile = null)
    {
        GlobalOptions = new Options((global ?? new Dictionary<string, string>()).ToImmutableDictionary());
        _perFile = (perFile ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
            .ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableDictionary());
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _perFile.TryGetValue(textFile.Path, out var values) ? new Options(values) : Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

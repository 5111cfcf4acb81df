using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Avro.Codegen.Generator.Diagnostics;
using Avro.Codegen.Generator.Emit;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Generator.Binding;
using Avro.Codegen.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Avro.Codegen.Generator;

/// <summary>
/// Turns every <c>.avsc</c> (and Avro IDL <c>.avdl</c>, protocol <c>.avpr</c>) additional file into C# records with generated Avro codecs. The pipeline (walked through in
/// <c>docs/contributing/architecture.md</c>): read each file with its options -> resolve all files together -> one
/// spec per named type -> one source file per Avro full name. Diagnostics travel on their own output so that moving
/// text in a schema re-reports diagnostics without re-emitting code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AvroGenerator : IIncrementalGenerator
{
    private static readonly string Version = typeof(AvroGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Per file: read and parse on its own. An edit parses the edited file only; the others keep their cached trees.
        var files = context.AdditionalTextsProvider
            .Where(static text => IsSchemaFile(text.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => !HistoryEmitter.IsRegistryVersion(pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, ct) => ParseFile(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.ParseFile);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.Read(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        // All files: link the set (names across files), bind C# names, unions and field specs. Runs on every schema
        // edit, so it does no per-type work that can wait for the per-type step.
        var bound = files.Collect()
            .Combine(options)
            .Select(static (pair, ct) => Bind(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Bind);

        // Per named type: the spec, fingerprint and schema-table template, read from the schema graph. Cached unless the
        // text of a file the type reaches or the C# names bound to what it reaches changed.
        var built = bound
            .SelectMany(static (result, _) => result.Types)
            .Select(static (type, _) => SchemaBinder.Build(type))
            .WithTrackingName(TrackingNames.BuildType);

        var types = built
            .SelectMany(static (type, _) => type.Spec is null ? ImmutableArray<NamedTypeSpec>.Empty : ImmutableArray.Create(type.Spec))
            .WithTrackingName(TrackingNames.Type);
        context.RegisterSourceOutput(types, static (spc, spec) => EmitType(spc, spec));

        var unions = bound
            .SelectMany(static (result, _) => result.Unions)
            .WithTrackingName(TrackingNames.Union);
        context.RegisterSourceOutput(unions, static (spc, spec) => EmitType(spc, spec));

        var schemaTable = built
            .Select(static (type, _) => type.Template)
            .Collect()
            .Combine(bound.Select(static (result, _) => result.SchemaTable))
            .Select(static (pair, _) => SchemaBinder.BuildSchemaTable(pair.Right, pair.Left))
            .WithTrackingName(TrackingNames.SchemaTable);
        context.RegisterSourceOutput(schemaTable, static (spc, spec) =>
        {
            if (spec is not null)
            {
                EmitType(spc, spec);
            }
        });

        var registry = bound
            .Select(static (result, _) => result.Registry)
            .WithTrackingName(TrackingNames.Registry);
        context.RegisterSourceOutput(registry, static (spc, spec) =>
        {
            if (spec is not null)
            {
                EmitType(spc, spec);
            }
        });

        var records = types.Collect().Select(static (all, _) => all.ToEquatableArray());

        // Earlier schema versions (history folders) are checked against the current types and registered, not generated.
        // So are versions downloaded from the registry (metadata AvroCodegen_RegistryVersion), without diagnostics.
        var history = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".avsc", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => (Text: pair.Left, FromRegistry: HistoryEmitter.IsRegistryVersion(pair.Right.GetOptions(pair.Left))))
            .Where(static file => file.FromRegistry || HistoryEmitter.IsHistory(file.Text.Path))
            .Select(static (file, ct) => HistoryEmitter.Read(file.Text, file.FromRegistry, ct))
            .Collect()
            .Combine(records.Combine(schemaTable))
            .Select(static (pair, ct) => CheckHistory(pair.Left, pair.Right.Left, pair.Right.Right, ct))
            .WithTrackingName(TrackingNames.History);
        context.RegisterSourceOutput(history, static (spc, result) => HistoryEmitter.Report(spc, result));

        // Avro.Specific.ISpecificRecord on the records, only when the project references Apache.Avro (the migration
        // path from avrogen). The reference check yields a bool, so a compilation edit re-runs only that lookup.
        var apache = context.CompilationProvider
            .Select(static (compilation, _) => ReferencesApacheAvroGlobally(compilation));
        var specificRecords = records
            .SelectMany(static (all, _) => SpecificRecordEmitter.Select(all))
            .Combine(apache);
        context.RegisterSourceOutput(specificRecords, static (spc, pair) =>
        {
            if (pair.Right)
            {
                EmitSpecificRecord(spc, pair.Left);
            }
        });

        var diagnostics = bound
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, info) => spc.ReportDiagnostic(info.ToDiagnostic()));

        var typeDiagnostics = built
            .SelectMany(static (type, _) => type.Diagnostics)
            .WithTrackingName(TrackingNames.TypeDiagnostics);
        context.RegisterSourceOutput(typeDiagnostics, static (spc, info) => spc.ReportDiagnostic(info.ToDiagnostic()));
    }

    /// <summary>
    /// <c>.avsc</c> (outside history folders), Avro IDL <c>.avdl</c> and protocol <c>.avpr</c> files: all read into one
    /// schema set, so types of any of them may refer to each other, and IDL imports find the files of the set.
    /// </summary>
    private static bool IsSchemaFile(string path) =>
        (path.EndsWith(".avsc", StringComparison.OrdinalIgnoreCase) && !HistoryEmitter.IsHistory(path))
        || path.EndsWith(".avdl", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".avpr", StringComparison.OrdinalIgnoreCase);

    private static ParsedSchemaFile ParseFile(AdditionalText file, AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
    {
        var input = ReadFile(file, provider, cancellationToken);
        if (input.ReadError is not null)
        {
            return new ParsedSchemaFile(input, null);
        }

        try
        {
            return SetLinker.Parse(input);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The schema core reports bad input as errors; an exception here is a bug, reported as one by the link.
            return new ParsedSchemaFile(input with { ReadError = "the schema parser failed: " + e.GetType().Name + ": " + e.Message }, null);
        }
    }

    private static SchemaFileInput ReadFile(AdditionalText file, AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            var text = file.GetText(cancellationToken);
            provider.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles." + GeneratorOptions.NamespaceMetadata, out var ns);
            return new SchemaFileInput(file.Path, text?.ToString() ?? string.Empty, string.IsNullOrWhiteSpace(ns) ? null : ns!.Trim(),
                text is null ? "the compiler could not read the file" : null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SchemaFileInput(file.Path, string.Empty, null, e.GetType().Name + ": " + e.Message);
        }
    }

    private static BindResult Bind(ImmutableArray<ParsedSchemaFile> files, GeneratorOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return SchemaBinder.Bind(files, options, Version, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The generator must never fail the compilation with an exception: report it and generate nothing.
            return BindResult.Failed(
                DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, "binding schemas", e.GetType().Name + ": " + e.Message));
        }
    }

    private static HistoryResult CheckHistory(ImmutableArray<HistoryInput> history, EquatableArray<NamedTypeSpec> records, SchemaTableSpec? table,
        CancellationToken cancellationToken)
    {
        try
        {
            return HistoryEmitter.Check(history, records, table, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HistoryResult(null, new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, "checking the schema history", e.GetType().Name + ": " + e.Message),
            }.ToEquatableArray());
        }
    }

    /// <summary>
    /// True when Avro.Specific.ISpecificRecord is reachable as <c>global::Avro.Specific</c>: a project that references
    /// Apache.Avro under an extern alias (to keep its <c>Avro.*</c> namespaces out of the way) gets no emitted code
    /// that could not compile.
    /// </summary>
    private static bool ReferencesApacheAvroGlobally(Compilation compilation)
    {
        var type = compilation.GetTypeByMetadataName(SpecificRecordEmitter.InterfaceMetadataName);
        if (type is null)
        {
            return false;
        }

        var aliases = compilation.GetMetadataReference(type.ContainingAssembly)?.Properties.Aliases ?? ImmutableArray<string>.Empty;
        return aliases.IsDefaultOrEmpty || aliases.Contains("global");
    }

    private static void EmitSpecificRecord(SourceProductionContext context, RecordSpec spec) =>
        AddSource(context, SpecificRecordEmitter.HintName(spec), $"emitting ISpecificRecord for '{spec.FullName}'", () => SpecificRecordEmitter.Emit(spec));

    private static void EmitType(SourceProductionContext context, TypeSpec spec) =>
        AddSource(context, spec.HintName, $"emitting '{spec.FullName}'", () => TypeEmitter.Emit(spec));

    /// <summary>Adds the emitted file; an emitter's exception becomes AVRO100 about <paramref name="what"/>, never a failed compilation.</summary>
    private static void AddSource(SourceProductionContext context, string hintName, string what, Func<string> emit)
    {
        string source;
        try
        {
            source = emit();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, what, e.GetType().Name + ": " + e.Message));
            return;
        }

        context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
    }
}

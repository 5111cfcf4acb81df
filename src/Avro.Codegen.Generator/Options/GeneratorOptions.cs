using System;
using System.Collections.Generic;
using Avro.Codegen.Generator.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Avro.Codegen.Generator.Options;

/// <summary>An Avro namespace prefix and the C# namespace that replaces it.</summary>
internal sealed record NamespaceMapping(string AvroPrefix, string CSharpNamespace);

/// <summary>An option value that is ignored (AVRO200): what was given, and what was expected instead.</summary>
internal sealed record OptionProblem(string Subject, string Expected);

/// <summary>
/// The global options, read once from <c>build_property.*</c> (declared as <c>CompilerVisibleProperty</c> in
/// <c>build/Avro.Codegen.props</c>). Keep the names in sync with that file; a test checks it.
/// </summary>
internal sealed record GeneratorOptions(
    EquatableArray<NamespaceMapping> NamespaceMap,
    string? UnionNamespace,
    bool EmitRegistry,
    EquatableArray<OptionProblem> Problems)
{
    public const string NamespaceMapProperty = "AvroCodegen_NamespaceMap";
    public const string UnionNamespaceProperty = "AvroCodegen_UnionNamespace";
    public const string EmitRegistryProperty = "AvroCodegen_EmitRegistry";
    public const string RootNamespaceProperty = "RootNamespace";
    public const string NamespaceMetadata = "AvroCodegen_Namespace";

    /// <summary>Where union types go when neither <c>AvroCodegen_UnionNamespace</c> nor <c>RootNamespace</c> is set.</summary>
    public const string DefaultUnionNamespace = "AvroGenerated";

    public static readonly GeneratorOptions Default = new(EquatableArray<NamespaceMapping>.Empty, null, false, EquatableArray<OptionProblem>.Empty);

    public static GeneratorOptions Read(AnalyzerConfigOptions options)
    {
        var problems = new List<OptionProblem>();
        var map = new List<NamespaceMapping>();
        if (options.TryGetValue("build_property." + NamespaceMapProperty, out var mapText) && !string.IsNullOrWhiteSpace(mapText))
        {
            foreach (var entry in mapText.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = entry.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                var eq = trimmed.IndexOf('=');
                var avro = eq < 0 ? string.Empty : trimmed.Substring(0, eq).Trim();
                var csharp = eq < 0 ? string.Empty : trimmed.Substring(eq + 1).Trim();
                if (avro.Length == 0 || !Naming.IsValidDottedName(csharp))
                {
                    problems.Add(new OptionProblem($"'{trimmed}' in {NamespaceMapProperty}", "expected 'avro.namespace=CSharp.Namespace'"));
                    continue;
                }

                map.Add(new NamespaceMapping(avro, csharp));
            }
        }

        string? unionNamespace = null;
        if (options.TryGetValue("build_property." + UnionNamespaceProperty, out var union) && !string.IsNullOrWhiteSpace(union))
        {
            unionNamespace = union.Trim();
            if (!Naming.IsValidDottedName(unionNamespace))
            {
                problems.Add(new OptionProblem($"{UnionNamespaceProperty} '{unionNamespace}'", "not a valid C# namespace"));
                unionNamespace = null;
            }
        }

        if (unionNamespace is null && options.TryGetValue("build_property." + RootNamespaceProperty, out var root) && !string.IsNullOrWhiteSpace(root))
        {
            // RootNamespace comes from the project name and may hold characters a namespace cannot ('my-app').
            unionNamespace = SanitizeNamespace(root.Trim());
        }

        var emitRegistry = options.TryGetValue("build_property." + EmitRegistryProperty, out var registry)
            && string.Equals(registry.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        // Longest prefix first, so 'com.acme.billing' wins over 'com.acme'.
        map.Sort((a, b) => b.AvroPrefix.Length != a.AvroPrefix.Length
            ? b.AvroPrefix.Length.CompareTo(a.AvroPrefix.Length)
            : string.CompareOrdinal(a.AvroPrefix, b.AvroPrefix));
        return new GeneratorOptions(map.ToEquatableArray(), unionNamespace, emitRegistry, problems.ToEquatableArray());
    }

    /// <summary>Each segment made a valid identifier: other characters become '_', a leading digit gets a '_' before it.</summary>
    internal static string? SanitizeNamespace(string text)
    {
        var segments = new List<string>();
        foreach (var segment in text.Split('.'))
        {
            var builder = new System.Text.StringBuilder(segment.Length + 1);
            foreach (var c in segment)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            }

            if (builder.Length == 0)
            {
                continue;
            }

            if (char.IsDigit(builder[0]))
            {
                builder.Insert(0, '_');
            }

            segments.Add(builder.ToString());
        }

        return segments.Count == 0 ? null : string.Join(".", segments);
    }
}

/// <summary>One <c>.avsc</c> file and its per-file options: the only per-file data the pipeline carries.</summary>
/// <param name="Path">The file path, as the compiler knows it.</param>
/// <param name="Text">The file's text.</param>
/// <param name="NamespaceOverride">The <c>AvroCodegen_Namespace</c> metadata, if set.</param>
/// <param name="ReadError">Why the file could not be read, or null.</param>
internal sealed record SchemaFileInput(string Path, string Text, string? NamespaceOverride, string? ReadError = null);

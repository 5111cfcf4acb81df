using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Avro.Codegen.Generator.Diagnostics;
using Avro.Codegen.Generator.Emit;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// Binds the schema files to C#: links the parsed files as one set (named types may be used across files), gives every
/// named type and union its C# name, and turns every named type into a <see cref="TypeSpec"/>. Pure: the same inputs
/// give equal outputs, which is what keeps unchanged types cached. ("Binding", not "resolution": schema resolution is
/// the runtime's reading of data written with another schema.)
/// </summary>
internal static class SchemaBinder
{
    public static BindResult Bind(IReadOnlyList<ParsedSchemaFile> inputs, GeneratorOptions options, string version, CancellationToken cancellationToken)
    {
        // Sorted for deterministic output; one entry per path, since a project may list a file both as an AvroSchema
        // item and by hand as AdditionalFiles.
        var files = inputs.GroupBy(f => f.Input.Path, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(f => f.Input.Path, StringComparer.Ordinal).ToList();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var problem in options.Problems)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, problem.Subject, problem.Expected));
        }

        foreach (var unreadable in files.Where(f => f.Input.ReadError is not null))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Schema(SchemaErrorCodes.UnreadableFile), LocationInfo.FileStart(unreadable.Input.Path),
                $"Cannot read '{unreadable.Input.Path}': {unreadable.Input.ReadError}"));
        }

        // Each file was parsed on its own in the per-file step; linking the set only declares and resolves names.
        files = files.Where(f => f.Input.ReadError is null && f.Unlinked is not null).ToList();
        var linked = SetLinker.Link(files);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var error in linked.SelectMany(file => file.Errors))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Schema(error.Code), LocationInfo.From(error.Span), error.Message));
        }

        var names = new CSharpNames(options, diagnostics);
        var declaredFiles = new List<SchemaFileResult>();
        var fileOf = new Dictionary<NamedSchema, int>();
        for (var i = 0; i < linked.Count && i < files.Count; i++)
        {
            var result = linked[i];
            if (!result.Success)
            {
                // A bad file generates nothing; its errors are reported and the other files carry on.
                continue;
            }

            var beyondLimits = ReferenceEquals(result, files[i].Alone) ? files[i].AloneLimits! : GeneratorLimits.Check(result.DefinedTypes).AsReadOnly();
            if (beyondLimits.Count > 0)
            {
                // Generated code could not hold the file (the compiler would fail inside generated files, or without
                // any diagnostic): it is reported like a bad file, at the schema, and generates nothing.
                diagnostics.AddRange(beyondLimits);
                continue;
            }

            foreach (var named in result.DefinedTypes)
            {
                names.Declare(named, files[i].Input.NamespaceOverride, files[i].Input.Path);
                fileOf[named] = i;
            }

            declaredFiles.Add(result);
        }

        names.SetHomes(SchemaReferences.Homes(declaredFiles));
        names.Prune();
        names.AssignCSharpNames();
        var unions = new UnionCatalog(options);
        unions.Collect(names.Emitted);
        var specs = new SpecBuilder(names, unions, new TypeRefs(names, unions), version, diagnostics);
        var sources = new FileSources(files, fileOf);
        var bound = new List<(NamedInfo Info, NamedTypeSpec? Spec)>();
        foreach (var info in names.Emitted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bound.Add((info, specs.BuildSpec(info)));
        }

        // Hint names are unique over every generated file, so they are settled here, before the per-type step.
        var generated = bound.Where(b => b.Spec is not null).Select(b => (TypeSpec)b.Spec!).ToList();
        generated.AddRange(specs.BuildUnionSpecs());
        if (bound.Count > 0)
        {
            generated.Add(specs.BuildSchemaTable());
        }

        generated.Sort((a, b) => string.CompareOrdinal(a.HintName, b.HintName));
        var hints = UniqueHintNames(generated);
        T Final<T>(T spec) where T : TypeSpec => hints[(spec.GetType(), spec.FullName)] is var hint && hint == spec.HintName ? spec : spec with { HintName = hint };

        var types = bound
            .OrderBy(b => b.Info.Schema.FullName, StringComparer.Ordinal)
            .Select(b => new BoundType(b.Info.Schema.FullName, b.Spec is null ? null : Final(b.Spec), names.HomeOf(b.Info.Schema.FullName), sources.Of(b.Info.Schema), b.Info.Schema))
            .ToEquatableArray();
        var unionSpecs = generated.OfType<UnionSpec>().Select(Final).ToEquatableArray();
        var table = generated.OfType<SchemaTableSpec>().FirstOrDefault() is { } shell ? Final(shell) : null;
        var registry = options.EmitRegistry ? specs.BuildRegistry() : null;
        return new BindResult(types, unionSpecs, table, registry, diagnostics.ToEquatableArray());
    }

    /// <summary>The per-type step: what the schema graph gives, the fingerprint and the schema-table template.</summary>
    public static BuiltType Build(BoundType type)
    {
        var template = SchemaTemplate.Create(type.Schema);
        var templateSpec = new SchemaTemplateSpec(template.FullName, template.JsonHead, template.JsonParts.ToEquatableArray(),
            template.CanonicalParts.ToEquatableArray(), template.Holes.ToEquatableArray(), type.Home, TableEmitter.SchemaTableEntry(template, type.Home));
        var spec = type.Spec is null ? null : type.Spec with { Fingerprint = SchemaFingerprint.Crc64Avro(type.Schema) };
        return new BuiltType(spec, templateSpec);
    }

    /// <summary>The schema table with every named type's template, sorted by full name.</summary>
    public static SchemaTableSpec? BuildSchemaTable(SchemaTableSpec? shell, IEnumerable<SchemaTemplateSpec> templates) =>
        shell is null ? null : shell with { Templates = templates.OrderBy(t => t.FullName, StringComparer.Ordinal).ToEquatableArray() };

    /// <summary>
    /// Roslyn compares hint names ignoring case (and so do some file systems): <c>a.Record</c> and <c>a.record</c> are
    /// legal Avro names of two types, so later ones (in ordinal order) get <c>.2</c>, <c>.3</c>, ... before <c>.g.cs</c>.
    /// </summary>
    private static Dictionary<(Type, string), string> UniqueHintNames(List<TypeSpec> types)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<(Type, string), string>();
        foreach (var type in types)
        {
            var hint = type.HintName;
            var stem = hint.Substring(0, hint.Length - ".g.cs".Length);
            for (var n = 2; !used.Add(hint); n++)
            {
                hint = stem + "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            }

            result[(type.GetType(), type.FullName)] = hint;
        }

        return result;
    }
}

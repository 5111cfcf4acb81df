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
        var reaches = new TypeReaches();
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

            if (ReferenceEquals(result, files[i].Alone))
            {
                reaches.AddFile(files[i].AloneReach!);
            }

            foreach (var named in result.DefinedTypes)
            {
                names.Declare(named, files[i].Input.NamespaceOverride, files[i].Input.Path);
                fileOf[named] = i;
            }

            declaredFiles.Add(result);
        }

        names.SetHomes(SchemaReferences.Homes(declaredFiles));
        names.Prune(reaches);
        names.AssignCSharpNames();
        var unions = new UnionCatalog(options);
        unions.Collect(names.Emitted, reaches);
        var specs = new SpecBuilder(names, unions, new TypeRefs(names, unions), version, diagnostics);
        var sources = new FileSources(files, fileOf);
        var emitted = names.Emitted.ToList();

        // Hint names are unique over every generated file, so they are settled here, before the per-type step. A named
        // type's file is named after its full name; a fixed type with a logical type has no file.
        var generated = emitted.Where(info => !info.IsLogicalFixed)
            .Select(info => (Kind: SpecKind(info.Schema), info.Schema.FullName, HintName: info.Schema.FullName + ".g.cs")).ToList();
        var unionSpecs = specs.BuildUnionSpecs().ToList();
        generated.AddRange(unionSpecs.Select(spec => (spec.GetType(), spec.FullName, spec.HintName)));
        var table = emitted.Count > 0 ? specs.BuildSchemaTable() : null;
        if (table is not null)
        {
            generated.Add((table.GetType(), table.FullName, table.HintName));
        }

        generated.Sort((a, b) => string.CompareOrdinal(a.HintName, b.HintName));
        var hints = UniqueHintNames(generated);
        T Final<T>(T spec) where T : TypeSpec => hints[(spec.GetType(), spec.FullName)] is var hint && hint == spec.HintName ? spec : spec with { HintName = hint };

        var types = new List<BoundType>(emitted.Count);
        foreach (var info in emitted.OrderBy(info => info.Schema.FullName, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var binding = info.IsLogicalFixed ? null : BindType(info, reaches[info.Schema], hints[(SpecKind(info.Schema), info.Schema.FullName)], version, names, unions);
            types.Add(new BoundType(info.Schema.FullName, binding, names.HomeOf(info.Schema.FullName), sources.Of(info.Schema), info.Schema));
        }

        var registry = options.EmitRegistry ? specs.BuildRegistry() : null;
        return new BindResult(types.ToEquatableArray(), unionSpecs.Select(Final).ToEquatableArray(), table is null ? null : Final(table), registry,
            diagnostics.ToEquatableArray());
    }

    private static Type SpecKind(NamedSchema schema) => schema switch
    {
        RecordSchema => typeof(RecordSpec),
        EnumSchema => typeof(EnumSpec),
        _ => typeof(FixedSpec),
    };

    /// <summary>The names a type's spec is built with: its own, and those of every named type and union it reaches.</summary>
    private static TypeBinding BindType(NamedInfo info, TypeReach reach, string hintName, string version, CSharpNames names, UnionCatalog unions)
    {
        var named = new List<BoundName>(reach.Named.Count);
        foreach (var type in reach.Named)
        {
            var reached = names[type.FullName];
            named.Add(new BoundName(type.FullName, reached.CSharpNamespace, reached.CSharpName));
        }

        var reachedUnions = new Dictionary<string, BoundUnion>(StringComparer.Ordinal);
        foreach (var union in reach.Unions)
        {
            if (unions.TryGet(union, out var reachedUnion) && !reachedUnions.ContainsKey(reachedUnion.Key))
            {
                reachedUnions.Add(reachedUnion.Key, new BoundUnion(reachedUnion.Key, reachedUnion.Name, reachedUnion.CaseNames.ToEquatableArray()));
            }
        }

        return new TypeBinding(hintName, info.CSharpNamespace, info.CSharpName, version, unions.Namespace,
            named.OrderBy(n => n.FullName, StringComparer.Ordinal).ToEquatableArray(),
            reachedUnions.Values.OrderBy(u => u.Key, StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>
    /// The per-type step: the spec (from the type's schema and the names bound to what it reaches), the fingerprint and
    /// the schema-table template, all read from the schema graph.
    /// </summary>
    public static BuiltType Build(BoundType type)
    {
        var template = SchemaTemplate.Create(type.Schema);
        var templateSpec = new SchemaTemplateSpec(template.FullName, template.JsonHead, template.JsonParts.ToEquatableArray(),
            template.CanonicalParts.ToEquatableArray(), template.Holes.ToEquatableArray(), type.Home, TableEmitter.SchemaTableEntry(template, type.Home));
        if (type.Binding is not { } binding)
        {
            return new BuiltType(null, templateSpec, EquatableArray<DiagnosticInfo>.Empty);
        }

        // The binding's names, attached again to the schemas they name, so that the spec builder reads them as in the set.
        var diagnostics = new List<DiagnosticInfo>();
        var names = new CSharpNames(diagnostics);
        var unions = new UnionCatalog(binding.UnionNamespace);
        var byName = binding.Names.ToDictionary(n => n.FullName, StringComparer.Ordinal);
        var byKey = binding.Unions.ToDictionary(u => u.Key, StringComparer.Ordinal);
        NamedInfo? own = null;
        foreach (var schema in type.Schema.Reachable(new HashSet<AvroSchema>()))
        {
            if (schema is NamedSchema named && byName.TryGetValue(named.FullName, out var name))
            {
                var info = names.DeclareBound(named, name.Namespace, name.Name);
                own = ReferenceEquals(named, type.Schema) ? info : own;
            }
            else if (schema is UnionSchema union && byKey.TryGetValue(UnionCatalog.UnionKey(union), out var bound))
            {
                unions.Register(union, bound.Name, bound.CaseNames);
            }
        }

        var spec = new SpecBuilder(names, unions, new TypeRefs(names, unions), binding.Version, diagnostics).BuildSpec(own!);
        spec = spec is null ? null : spec with { HintName = binding.HintName, Fingerprint = SchemaFingerprint.Crc64Avro(type.Schema) };
        return new BuiltType(spec, templateSpec, diagnostics.ToEquatableArray());
    }

    /// <summary>The schema table with every named type's template, sorted by full name.</summary>
    public static SchemaTableSpec? BuildSchemaTable(SchemaTableSpec? shell, IEnumerable<SchemaTemplateSpec> templates) =>
        shell is null ? null : shell with { Templates = templates.OrderBy(t => t.FullName, StringComparer.Ordinal).ToEquatableArray() };

    /// <summary>
    /// Roslyn compares hint names ignoring case (and so do some file systems): <c>a.Record</c> and <c>a.record</c> are
    /// legal Avro names of two types, so later ones (in ordinal order) get <c>.2</c>, <c>.3</c>, ... before <c>.g.cs</c>.
    /// </summary>
    private static Dictionary<(Type, string), string> UniqueHintNames(List<(Type Kind, string FullName, string HintName)> types)
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

            result[(type.Kind, type.FullName)] = hint;
        }

        return result;
    }
}

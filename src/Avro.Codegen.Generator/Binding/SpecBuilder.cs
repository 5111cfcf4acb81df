using System;
using System.Collections.Generic;
using System.Linq;
using Avro.Codegen.Generator.Emit;
using Avro.Codegen.Generator.Diagnostics;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// One spec per generated file, from the bound names: records (fields with their types and default expressions), enums,
/// fixed types, unions, the schema table's shell and the registry.
/// </summary>
internal sealed class SpecBuilder : IDefaultNames
{
    private const string SchemaTableClass = "AvroGeneratedSchemas";

    private readonly CSharpNames _names;
    private readonly UnionCatalog _unions;
    private readonly TypeRefs _refs;
    private readonly string _version;
    private readonly List<DiagnosticInfo> _diagnostics;

    public SpecBuilder(CSharpNames names, UnionCatalog unions, TypeRefs refs, string version, List<DiagnosticInfo> diagnostics)
    {
        _names = names;
        _unions = unions;
        _refs = refs;
        _version = version;
        _diagnostics = diagnostics;
    }

    public NamedTypeSpec? BuildSpec(NamedInfo info)
    {
        var schema = info.Schema;
        if (info.IsLogicalFixed)
        {
            return null;
        }

        var table = SchemaTableName;
        // The fingerprint is the per-type step's (Build): it reads the whole reachable schema.
        const ulong fingerprint = 0;
        var hint = schema.FullName + ".g.cs";
        var (ns, name, doc) = (info.CSharpNamespace, info.CSharpName, schema.Doc);
        return schema switch
        {
            RecordSchema record => new RecordSpec(schema.FullName, hint, ns, name, _version, doc, table, fingerprint, BuildFields(record), IsRecursive(record)),
            EnumSchema enumSchema => new EnumSpec(schema.FullName, hint, ns, name, _version, doc, table, fingerprint, enumSchema.Symbols.ToEquatableArray(), enumSchema.Default),
            FixedSchema fixedSchema => new FixedSpec(schema.FullName, hint, ns, name, _version, doc, table, fingerprint, fixedSchema.Size),
            _ => null,
        };
    }

    private EquatableArray<FieldSpec> BuildFields(RecordSchema record)
    {
        var names = _names.PropertyNames(record);
        var fields = new List<FieldSpec>();
        foreach (var field in record.Fields)
        {
            var property = names[field.Name];
            var type = _refs.Ref(field.Type);
            // A null-typed field has exactly one value, so it never needs to be set.
            string? defaultExpression = type.Kind == TypeRefKind.Null ? "default" : null;
            if (field.Default is { } defaultValue && type.Kind != TypeRefKind.Null)
            {
                defaultExpression = DefaultExpressions.Create(this, field.Type, type, defaultValue);
                if (defaultExpression is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnrepresentableDefault, LocationInfo.From(defaultValue.Span ?? field.Span),
                        field.Name, record.FullName));
                }
            }

            fields.Add(new FieldSpec(field.Name, property, Naming.ToLocal(property), type, field.Doc, defaultExpression));
        }

        return fields.ToEquatableArray();
    }

    /// <summary>True when the record can reach itself through its fields, so reading it needs the depth guard.</summary>
    private static bool IsRecursive(RecordSchema record)
    {
        var seen = new HashSet<AvroSchema>();
        var stack = new Stack<AvroSchema>();
        record.PushChildren(stack);

        while (stack.Count > 0)
        {
            var schema = stack.Pop();
            if (ReferenceEquals(schema, record))
            {
                return true;
            }

            if (!seen.Add(schema))
            {
                continue;
            }

            schema.PushChildren(stack);
        }

        return false;
    }

    public IEnumerable<UnionSpec> BuildUnionSpecs()
    {
        foreach (var union in _unions.All)
        {
            var cases = new List<UnionCaseSpec>();
            for (var i = 0; i < union.Schema.Branches.Count; i++)
            {
                cases.Add(new UnionCaseSpec(union.CaseNames[i], _refs.Ref(union.Schema.Branches[i])));
            }

            var ns = _unions.Namespace;
            yield return new UnionSpec(union.Key, "AvroUnion." + Naming.Unescape(ns) + "." + union.Name + ".g.cs", ns, union.Name, _version, cases.ToEquatableArray());
        }
    }

    /// <summary>The class that holds the schema table, in the namespace of the generated unions.</summary>
    public string SchemaTableName => "global::" + _unions.Namespace + "." + SchemaTableClass;

    /// <summary>
    /// The compilation's schema table, without its templates: the per-type step makes the template of every emitted
    /// named type (logical fixed types included, as schemas refer to them). Each generated type asks the table for
    /// its self-contained schema.
    /// </summary>
    public SchemaTableSpec BuildSchemaTable() =>
        new(SchemaTableClass, SchemaTableClass + ".g.cs", _unions.Namespace, SchemaTableClass, _version, EquatableArray<SchemaTemplateSpec>.Empty);

    public RegistrySpec BuildRegistry()
    {
        var entries = _names.Emitted
            .OrderBy(i => i.Schema.FullName, StringComparer.Ordinal)
            .Select(i => new RegistryEntrySpec(i.Schema.FullName, _refs.Ref(i.Schema)))
            .ToEquatableArray();
        return new RegistrySpec("AvroGeneratedTypes", "AvroGeneratedTypes.g.cs", _unions.Namespace, "AvroGeneratedTypes", _version, entries);
    }

    // What default expressions need from the binding (see DefaultExpressions).
    TypeRef IDefaultNames.Ref(AvroSchema schema) => _refs.Ref(schema);

    string IDefaultNames.PropertyName(RecordSchema record, string fieldName) => _names.PropertyNameOf(record, fieldName);

    string IDefaultNames.UnionFactory(AvroSchema union, int branch) => _unions.UnionFactory(union, branch);

    string IDefaultNames.UnionNull(AvroSchema union) => _unions.UnionNull(union);
}

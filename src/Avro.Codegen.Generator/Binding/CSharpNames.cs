using System;
using System.Collections.Generic;
using System.Linq;
using Avro.Codegen.Generator.Diagnostics;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// The C# names of the named types: which types are declared (the first definition of a full name), their C# namespace
/// (per-file override, namespace map), unique type names within a namespace, and the property names of record fields.
/// </summary>
internal sealed class CSharpNames
{
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "WriteAvro", "ReadAvro", "WriteAvroJson", "ReadAvroJson", "AvroSchemaJson", "AvroSchemaJsonUtf8",
        "AvroCanonicalSchema", "AvroSchemaFingerprint", "EqualityContract", "Equals", "GetHashCode", "ToString",
        "GetType", "MemberwiseClone", "Deconstruct", "PrintMembers", "Finalize", "Clone",
    };


    private readonly GeneratorOptions? _options;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, NamedInfo> _named = new(StringComparer.Ordinal);
    private readonly List<NamedInfo> _order = new();
    private readonly Dictionary<RecordSchema, Dictionary<string, string>> _propertyNames = new();

    // The home of each named type (the main type of the file whose schema defines it), for registering by reference.
    private Dictionary<string, string> _homes = new(StringComparer.Ordinal);

    public CSharpNames(GeneratorOptions options, List<DiagnosticInfo> diagnostics)
    {
        _options = options;
        _diagnostics = diagnostics;
    }

    /// <summary>Names already bound by the set (<see cref="DeclareBound"/>): the per-type step's view of one type's reach.</summary>
    public CSharpNames(List<DiagnosticInfo> diagnostics)
    {
        _diagnostics = diagnostics;
    }

    /// <summary>The declared types that are generated (or listed in the schema table), in declaration order.</summary>
    public IEnumerable<NamedInfo> Emitted => _order;

    /// <summary>The declared type with this full name.</summary>
    public NamedInfo this[string fullName] => _named[fullName];

    public void SetHomes(Dictionary<string, string> homes) => _homes = homes;

    public void Declare(NamedSchema schema, string? namespaceOverride, string file)
    {
        if (_named.TryGetValue(schema.FullName, out var existing))
        {
            if (!ReferenceEquals(existing.Schema, schema))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateFullName, LocationInfo.From(schema.Span), schema.FullName, existing.File, file));
            }

            return;
        }

        var info = new NamedInfo(schema, MapNamespace(schema.Namespace, namespaceOverride), file);
        _named.Add(schema.FullName, info);
        _order.Add(info);
    }

    /// <summary>Declares a type with the C# namespace and name the set's binding gave it.</summary>
    public NamedInfo DeclareBound(NamedSchema schema, string? csNamespace, string csName)
    {
        var info = new NamedInfo(schema, csNamespace, string.Empty) { CSharpName = csName };
        _named.Add(schema.FullName, info);
        _order.Add(info);
        return info;
    }

    private string? MapNamespace(string? avroNamespace, string? namespaceOverride)
    {
        if (!string.IsNullOrWhiteSpace(namespaceOverride) && Naming.IsValidDottedName(namespaceOverride!.Trim()))
        {
            return Naming.EscapeNamespace(namespaceOverride.Trim());
        }

        if (avroNamespace is null)
        {
            return null;
        }

        foreach (var mapping in _options!.NamespaceMap)
        {
            if (avroNamespace == mapping.AvroPrefix)
            {
                return Naming.EscapeNamespace(mapping.CSharpNamespace);
            }

            if (avroNamespace.StartsWith(mapping.AvroPrefix + ".", StringComparison.Ordinal))
            {
                return Naming.EscapeNamespace(mapping.CSharpNamespace + avroNamespace.Substring(mapping.AvroPrefix.Length));
            }
        }

        return Naming.EscapeNamespace(avroNamespace);
    }

    /// <summary>
    /// Drops types that refer to a type no successful file defines (it is in a file with errors), so that one bad
    /// file produces its own diagnostics and not a cascade of C# errors in the others.
    /// </summary>
    public void Prune(TypeReaches reaches)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var info in _order.ToList())
            {
                if (!AllReferencesKnown(reaches[info.Schema]))
                {
                    _named.Remove(info.Schema.FullName);
                    _order.Remove(info);
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>True when every named type a type reaches is a declared one.</summary>
    private bool AllReferencesKnown(TypeReach reach)
    {
        foreach (var named in reach.Named)
        {
            if (!_named.TryGetValue(named.FullName, out var info) || !ReferenceEquals(info.Schema, named))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Two Avro names that map to one C# name (e.g. through the namespace map): the first by Avro full name keeps
    /// it, the others get a numeric suffix (2, 3, ...) and a warning. Enum helpers (<c>{Name}Codec</c>) take part.
    /// </summary>
    public void AssignCSharpNames()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in _order.Where(i => !i.IsLogicalFixed).OrderBy(i => i.Schema.FullName, StringComparer.Ordinal))
        {
            var baseName = Naming.Unescape(info.CSharpName);
            var candidate = baseName;
            for (var n = 2; !Claim(taken, info, candidate); n++)
            {
                candidate = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (candidate != baseName)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CSharpNameCollision, LocationInfo.From(info.Schema.Span), info.Schema.FullName, candidate));
            }

            info.CSharpName = Naming.EscapeTypeName(candidate);
        }
    }

    private static bool Claim(HashSet<string> taken, NamedInfo info, string name)
    {
        var prefix = info.CSharpNamespace is null ? string.Empty : Naming.Unescape(info.CSharpNamespace) + ".";
        var key = prefix + name;
        var helper = info.Schema is EnumSchema ? key + "Codec" : null;
        if (taken.Contains(key) || (helper is not null && taken.Contains(helper)))
        {
            return false;
        }

        taken.Add(key);
        if (helper is not null)
        {
            taken.Add(helper);
        }

        return true;
    }

    // Null when the type is its own home (most are), or when its home generates nothing.
    public string? HomeOf(string fullName) =>
        _homes.TryGetValue(fullName, out var home) && home != fullName && _named.ContainsKey(home) ? home : null;

    public string PropertyNameOf(RecordSchema record, string fieldName) => PropertyNames(record)[fieldName];

    /// <summary>The property name of each field of a declared record, by field name (made once per record: defaults ask again).</summary>
    public Dictionary<string, string> PropertyNames(RecordSchema record)
    {
        if (!_propertyNames.TryGetValue(record, out var names))
        {
            names = FieldNames(record, _named[record.FullName]);
            _propertyNames.Add(record, names);
        }

        return names;
    }

    /// <summary>
    /// Property names: PascalCase of the field name. A field named like its record or like a generated member gets
    /// the suffix "Value" (C# forbids a member named like its type, CS0542), then a number for repeated collisions.
    /// </summary>
    private static Dictionary<string, string> FieldNames(RecordSchema record, NamedInfo info)
    {
        var taken = new HashSet<string>(ReservedMembers, StringComparer.Ordinal) { Naming.Unescape(info.CSharpName) };
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in record.Fields)
        {
            var baseName = Naming.ToPascalCase(field.Name);
            var name = baseName;
            if (taken.Contains(name))
            {
                baseName = name = baseName + "Value";
                for (var n = 2; taken.Contains(name); n++)
                {
                    name = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            taken.Add(name);
            names[field.Name] = Naming.Escape(name);
        }

        return names;
    }
}

    internal sealed class NamedInfo
    {
        public NamedInfo(NamedSchema schema, string? csNamespace, string file)
        {
            Schema = schema;
            CSharpNamespace = csNamespace;
            File = file;
            CSharpName = Naming.EscapeTypeName(schema.Name);
        }

        public NamedSchema Schema { get; }

        public string? CSharpNamespace { get; }

        public string File { get; }

        public string CSharpName { get; set; }

        public string Qualified => CSharpNamespace is null ? "global::" + CSharpName : "global::" + CSharpNamespace + "." + CSharpName;

        /// <summary>Fixed types with a logical type (decimal, uuid, duration) map to a BCL or runtime type, not a class.</summary>
        public bool IsLogicalFixed => Schema is FixedSchema { LogicalType: not null };
    }

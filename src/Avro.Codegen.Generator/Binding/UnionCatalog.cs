using System;
using System.Collections.Generic;
using System.Linq;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// The distinct unions of the generated types (other than <c>null</c> plus one type, which maps to <c>T?</c>): one
/// generated struct per set of branches, named after its cases, in the union namespace.
/// </summary>
internal sealed class UnionCatalog
{
    private const int MaxUnionNameLength = 96;

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and platforms, unlike string.GetHashCode.</summary>
    private static string StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly Dictionary<string, UnionInfo> _unions = new(StringComparer.Ordinal);

    public UnionCatalog(GeneratorOptions options)
        : this(Naming.EscapeNamespace(options.UnionNamespace ?? GeneratorOptions.DefaultUnionNamespace))
    {
    }

    /// <summary>A catalog of unions named already (<see cref="Register"/>), in the escaped C# namespace <paramref name="escapedNamespace"/>.</summary>
    public UnionCatalog(string escapedNamespace)
    {
        Namespace = escapedNamespace;
    }

    /// <summary>The C# namespace of the generated unions (and of the schema table and registry).</summary>
    public string Namespace { get; }

    /// <summary>Every union, in discovery order.</summary>
    public IEnumerable<UnionInfo> All => _unions.Values;

    /// <summary>The generated struct of <paramref name="union"/>.</summary>
    public UnionInfo this[AvroSchema union] => _unions[UnionKey(union)];

    /// <summary>The generated struct of <paramref name="union"/>; false for a union that maps to <c>T?</c>.</summary>
    public bool TryGet(UnionSchema union, out UnionInfo info) => _unions.TryGetValue(UnionKey(union), out info!);

    /// <summary>Adds a union with the name and case names the set's catalog gave it (once per key).</summary>
    public void Register(UnionSchema union, string name, IEnumerable<string> caseNames)
    {
        var key = UnionKey(union);
        if (!_unions.ContainsKey(key))
        {
            _unions.Add(key, new UnionInfo(key, union) { Name = name, CaseNames = caseNames.ToArray() });
        }
    }

    /// <summary>
    /// Finds every union the types reach and names it: case names from the branches, the type name from the case names,
    /// qualified or numbered where two would clash (also with a generated type of the union namespace).
    /// </summary>
    public void Collect(IEnumerable<NamedInfo> types, TypeReaches reaches)
    {
        // In the order one walk over all the types would meet them: a union another type reached first keeps its place.
        var seen = new HashSet<UnionSchema>();
        foreach (var info in types)
        {
            foreach (var union in reaches[info.Schema].Unions)
            {
                if (seen.Add(union) && !union.TryGetNullable(out _, out _))
                {
                    var key = UnionKey(union);
                    if (!_unions.ContainsKey(key))
                    {
                        _unions.Add(key, new UnionInfo(key, union));
                    }
                }
            }
        }

        // Case names: the simple name of each branch, qualified when two branches would share one.
        foreach (var union in _unions.Values)
        {
            var simple = union.Schema.Branches.Select(b => CaseName(b, qualified: false)).ToArray();
            for (var i = 0; i < simple.Length; i++)
            {
                if (simple.Count(s => s == simple[i]) > 1)
                {
                    simple[i] = CaseName(union.Schema.Branches[i], qualified: true);
                }
            }

            union.CaseNames = simple;
        }

        // Type names: the case names joined with "Or"; qualified names when two distinct unions would share one,
        // and a numeric suffix as the last resort (also when a generated record already has the name).
        var typeNames = new HashSet<string>(types.Where(i => Naming.Unescape(i.CSharpNamespace ?? string.Empty) == Naming.Unescape(Namespace))
            .Select(i => Naming.Unescape(i.CSharpName)), StringComparer.Ordinal);
        var byName = _unions.Values.GroupBy(u => string.Join("Or", u.CaseNames)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var union in _unions.Values.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var name = string.Join("Or", union.CaseNames);
            if (byName[name] > 1)
            {
                name = string.Join("Or", union.Schema.Branches.Select(b => CaseName(b, qualified: true)));
            }

            if (name.Length > MaxUnionNameLength)
            {
                // Keep file names and identifiers short: the first two cases and a stable hash of the branches.
                name = union.CaseNames[0] + "Or" + union.CaseNames[1] + "OrMore" + StableHash(union.Key);
            }

            var candidate = name;
            for (var n = 2; !typeNames.Add(candidate); n++)
            {
                candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            union.Name = candidate;
        }
    }

    /// <summary>The identity of a union: its branches as the codec sees them. Equal keys share one generated type.</summary>
    public static string UnionKey(AvroSchema schema) => schema switch
    {
        NamedSchema named => named.FullName,
        ArraySchema array => "array<" + UnionKey(array.Items) + ">",
        MapSchema map => "map<" + UnionKey(map.Values) + ">",
        UnionSchema union => "union<" + string.Join(",", union.Branches.Select(UnionKey)) + ">",
        _ => schema.LogicalType is { } logical ? schema.TypeName + ":" + LogicalKey(logical) : schema.TypeName,
    };

    private static string LogicalKey(LogicalType logical) => logical.Kind == LogicalTypeKind.Decimal
        ? $"decimal({logical.Precision},{logical.Scale})"
        : logical.Name;

    private static string CaseName(AvroSchema schema, bool qualified) => schema switch
    {
        NamedSchema named => qualified
            ? string.Concat((named.Namespace is null ? named.Name : named.FullName).Split('.').Select(Capitalize))
            : Capitalize(named.Name),
        ArraySchema array => "ArrayOf" + CaseName(array.Items, qualified),
        MapSchema map => "MapOf" + CaseName(map.Values, qualified),
        UnionSchema union => string.Join("Or", union.Branches.Select(b => CaseName(b, qualified))),
        _ => schema.LogicalType is { } logical ? Naming.ToPascalCase(logical.Name.Replace('-', '_')) : Capitalize(schema.TypeName),
    };

    private static string Capitalize(string name) => Naming.ToPascalCase(name);

    public string UnionFactory(AvroSchema union, int branch)
    {
        var info = this[union];
        return "global::" + Namespace + "." + info.Name + ".From" + info.CaseNames[branch];
    }

    public string UnionNull(AvroSchema union)
    {
        var info = this[union];
        return "global::" + Namespace + "." + info.Name + "." + info.CaseNames[((UnionSchema)union).Branches.ToList().FindIndex(b => b.Kind == SchemaKind.Null)];
    }
}

    internal sealed class UnionInfo
    {
        public UnionInfo(string key, UnionSchema schema)
        {
            Key = key;
            Schema = schema;
        }

        public string Key { get; }

        public UnionSchema Schema { get; }

        public string[] CaseNames { get; set; } = Array.Empty<string>();

        public string Name { get; set; } = string.Empty;
    }

using System.Collections.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// The named types and unions one named type's schema reaches (itself included), in <see cref="AvroSchema.Reachable"/>
/// order: what the binding asks of every type (are its references all generated, which unions does it use, which names
/// does its spec need). Made once per type of a self-contained file, in the per-file step, and kept with its graph.
/// </summary>
internal sealed class TypeReach
{
    private TypeReach(List<NamedSchema> named, List<UnionSchema> unions)
    {
        Named = named;
        Unions = unions;
    }

    /// <summary>The named types reached, the type itself first.</summary>
    public IReadOnlyList<NamedSchema> Named { get; }

    /// <summary>The unions reached (nullable ones included).</summary>
    public IReadOnlyList<UnionSchema> Unions { get; }

    public static TypeReach Of(NamedSchema type)
    {
        var named = new List<NamedSchema>();
        var unions = new List<UnionSchema>();
        foreach (var schema in type.Reachable(new HashSet<AvroSchema>()))
        {
            if (schema is NamedSchema reached)
            {
                named.Add(reached);
            }
            else if (schema is UnionSchema union)
            {
                unions.Add(union);
            }
        }

        return new TypeReach(named, unions);
    }

    /// <summary>The reach of every type <paramref name="file"/> defines.</summary>
    public static Dictionary<NamedSchema, TypeReach> OfFile(SchemaFileResult file)
    {
        var result = new Dictionary<NamedSchema, TypeReach>();
        foreach (var type in file.DefinedTypes)
        {
            result[type] = Of(type);
        }

        return result;
    }
}

/// <summary>The reach of each type in one bind: kept from the per-file step where the file's graph was reused, made here otherwise.</summary>
internal sealed class TypeReaches
{
    private readonly Dictionary<NamedSchema, TypeReach> _known = new();

    public void AddFile(IReadOnlyDictionary<NamedSchema, TypeReach> reaches)
    {
        foreach (var pair in reaches)
        {
            _known[pair.Key] = pair.Value;
        }
    }

    public TypeReach this[NamedSchema type] => _known.TryGetValue(type, out var reach) ? reach : _known[type] = TypeReach.Of(type);
}

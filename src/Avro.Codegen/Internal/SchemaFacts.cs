using System.Runtime.CompilerServices;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Internal;

/// <summary>Facts about schemas that readers need repeatedly, computed once per schema object.</summary>
internal static class SchemaFacts
{
    private static readonly ConditionalWeakTable<AvroSchema, StrongBox<int>> MinSizes = new();

    /// <summary>
    /// 0 when a value of <paramref name="schema"/> can encode to no bytes at all (<c>null</c>, <c>fixed(0)</c>, records
    /// of only such fields), else 1. Block counts of arrays of the former are charged to the zero-size budget.
    /// </summary>
    public static int MinEncodedSize(AvroSchema schema)
    {
        if (MinSizes.TryGetValue(schema, out var cached))
        {
            return cached.Value;
        }

        var size = Compute(schema, new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance));
        MinSizes.AddOrUpdate(schema, new StrongBox<int>(size));
        return size;
    }

    private static int Compute(AvroSchema schema, HashSet<AvroSchema> visiting)
    {
        switch (schema)
        {
            case PrimitiveSchema p:
                return p.Kind == SchemaKind.Null ? 0 : 1;
            case FixedSchema f:
                return f.Size == 0 ? 0 : 1;
            case RecordSchema r:
                if (!visiting.Add(r))
                {
                    // A record that contains itself other than through a union or collection cannot be encoded
                    // finitely; through those it takes at least the index or count byte.
                    return 1;
                }

                foreach (var field in r.Fields)
                {
                    if (Compute(field.Type, visiting) > 0)
                    {
                        visiting.Remove(r);
                        return 1;
                    }
                }

                visiting.Remove(r);
                return 0;
            default:
                // enum, array, map, union: at least one varint byte.
                return 1;
        }
    }
}

using System.Collections;
using System.Text;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generic;

/// <summary>Where Java Avro built a map from, which decides the capacity its <c>HashMap</c> starts with.</summary>
public enum JavaMapSource
{
    /// <summary>The JSON decoder: it announces one entry at a time, so maps start with capacity 1.</summary>
    Json,

    /// <summary>The binary decoder: maps start with the first block's count (all entries, for single-block maps).</summary>
    Binary,
}

/// <summary>
/// Reorders map entries the way Java Avro's generic reader leaves them. Java reads maps into a <c>java.util.HashMap</c>
/// keyed by <c>Utf8</c> and writes them back in its iteration order, so <c>jsontofrag</c> and the JSON encoder emit map
/// entries in hash-bucket order, not input order. To produce the same bytes, tools apply that order before writing:
/// buckets ascending by <c>(h ^ h &gt;&gt;&gt; 16) &amp; (capacity - 1)</c> with <c>h</c> the hash of the UTF-8 bytes
/// (31 * h + signed byte), entries of one bucket in insertion order, and the capacity grown from its initial value by
/// doubling whenever the size exceeds three quarters of it. (Buckets of eight or more colliding keys, which Java turns
/// into trees, are not modelled.)
/// </summary>
public static class JavaMapOrder
{
    /// <summary>Returns <paramref name="value"/> with every map (at any depth) rebuilt in Java's order.</summary>
    public static object? Apply(AvroSchema schema, object? value, JavaMapSource source)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Record when value is GenericAvroRecord record:
                foreach (var field in record.Schema.Fields)
                {
                    record[field.Position] = Apply(field.Type, record[field.Position], source);
                }

                return record;
            case SchemaKind.Array when value is IList list:
                var items = ((ArraySchema)schema).Items;
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = Apply(items, list[i], source);
                }

                return list;
            case SchemaKind.Map when value is IDictionary<string, object?> map:
                var values = ((MapSchema)schema).Values;
                var ordered = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (var key in Order(map.Keys, source == JavaMapSource.Json ? 1 : map.Count))
                {
                    ordered[key] = Apply(values, map[key], source);
                }

                return ordered;
            case SchemaKind.Union:
                var union = (UnionSchema)schema;
                var branch = GenericBinary.ResolveBranch(union, value);
                return value is GenericUnion pinned
                    ? new GenericUnion(pinned.Branch, Apply(union.Branches[branch], pinned.Value, source))
                    : Apply(union.Branches[branch], value, source);
            default:
                return value;
        }
    }

    /// <summary>The keys in the iteration order of a Java <c>HashMap</c> created with <paramref name="initialCapacity"/>.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> keysInInsertionOrder, int initialCapacity)
    {
        var keys = keysInInsertionOrder.ToList();
        var capacity = TableSizeFor(initialCapacity);
        var threshold = (int)(capacity * 0.75f);
        for (var size = 1; size <= keys.Count; size++)
        {
            if (size > threshold)
            {
                capacity *= 2;
                threshold = (int)(capacity * 0.75f);
            }
        }

        var mask = capacity - 1;
        return keys
            .Select((key, index) => (key, index, bucket: Spread(Utf8Hash(key)) & mask))
            .OrderBy(entry => entry.bucket)
            .ThenBy(entry => entry.index)
            .Select(entry => entry.key)
            .ToList();
    }

    private static int TableSizeFor(int capacity)
    {
        var n = 1;
        while (n < capacity && n < (1 << 30))
        {
            n <<= 1;
        }

        return n;
    }

    private static int Spread(int hash) => hash ^ (int)((uint)hash >> 16);

    /// <summary>Java's <c>org.apache.avro.util.Utf8.hashCode</c>: 31 * h + each UTF-8 byte as a signed byte.</summary>
    private static int Utf8Hash(string key)
    {
        var hash = 0;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash * 31) + (sbyte)b);
        }

        return hash;
    }
}

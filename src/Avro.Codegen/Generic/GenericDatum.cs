using System.Collections;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generic;

/// <summary>
/// A record value of a schema known only at run time: the field values by position. Values of the generic model are
/// <see langword="null"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>,
/// <see cref="double"/>, <see cref="T:byte[]"/> (bytes), <see cref="string"/>, <see cref="GenericAvroRecord"/>,
/// <see cref="GenericAvroEnum"/>, <see cref="GenericAvroFixed"/>, <see cref="List{T}"/> of values (arrays),
/// <see cref="Dictionary{TKey,TValue}"/> from string to values (maps), and optionally <see cref="GenericUnion"/> to pin a
/// union branch. Logical types keep their underlying representation (a date is its <see cref="int"/> day count).
/// Equality is deep and structural.
/// </summary>
public sealed class GenericAvroRecord : IEquatable<GenericAvroRecord>
{
    private readonly object?[] _values;

    /// <summary>Creates a record of <paramref name="schema"/> with every field <see langword="null"/>.</summary>
    public GenericAvroRecord(RecordSchema schema)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _values = new object?[schema.Fields.Count];
    }

    /// <summary>The record's schema.</summary>
    public RecordSchema Schema { get; }

    /// <summary>The value of the field at <paramref name="position"/>.</summary>
    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    /// <summary>The value of the field named <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get => _values[PositionOf(name)];
        set => _values[PositionOf(name)] = value;
    }

    private int PositionOf(string name) =>
        Schema.GetField(name)?.Position ?? throw new KeyNotFoundException($"The record '{Schema.FullName}' has no field '{name}'.");

    /// <inheritdoc />
    public bool Equals(GenericAvroRecord? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (other.Schema.FullName == Schema.FullName && GenericEquality.SequenceEquals(_values, other._values)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GenericAvroRecord other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, _values.Length);

    /// <inheritdoc />
    public override string ToString() => GenericJson.ToJson(Schema, this);
}

/// <summary>An enum value of a schema known only at run time.</summary>
public sealed class GenericAvroEnum : IEquatable<GenericAvroEnum>
{
    /// <summary>Creates the value <paramref name="symbol"/>; it must be one of the schema's symbols.</summary>
    public GenericAvroEnum(EnumSchema schema, string symbol)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Index = schema.IndexOf(symbol);
        if (Index < 0)
        {
            throw new AvroDataException($"'{symbol}' is not a symbol of the enum '{schema.FullName}'.");
        }

        Symbol = symbol;
    }

    /// <summary>Creates the value at <paramref name="index"/>.</summary>
    public GenericAvroEnum(EnumSchema schema, int index)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        if ((uint)index >= (uint)schema.Symbols.Count)
        {
            throw new AvroDataException($"{index} is not a symbol index of the enum '{schema.FullName}'.");
        }

        Index = index;
        Symbol = schema.Symbols[index];
    }

    /// <summary>The enum's schema.</summary>
    public EnumSchema Schema { get; }

    /// <summary>The symbol.</summary>
    public string Symbol { get; }

    /// <summary>The symbol's index (its wire value).</summary>
    public int Index { get; }

    /// <inheritdoc />
    public bool Equals(GenericAvroEnum? other) => other is not null && other.Schema.FullName == Schema.FullName && other.Symbol == Symbol;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GenericAvroEnum other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol;
}

/// <summary>A fixed value of a schema known only at run time.</summary>
public sealed class GenericAvroFixed : IEquatable<GenericAvroFixed>
{
    /// <summary>Creates a value; <paramref name="value"/> must have the schema's size.</summary>
    public GenericAvroFixed(FixedSchema schema, byte[] value)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Value = value ?? throw new ArgumentNullException(nameof(value));
        if (value.Length != schema.Size)
        {
            throw new AvroDataException($"The fixed '{schema.FullName}' has {schema.Size} bytes, not {value.Length}.");
        }
    }

    /// <summary>The fixed type's schema.</summary>
    public FixedSchema Schema { get; }

    /// <summary>The bytes (exactly <see cref="FixedSchema.Size"/>).</summary>
    public byte[] Value { get; }

    /// <inheritdoc />
    public bool Equals(GenericAvroFixed? other) =>
        other is not null && other.Schema.FullName == Schema.FullName && other.Value.AsSpan().SequenceEqual(Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GenericAvroFixed other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Value.Length);

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexString(Value);
}

/// <summary>
/// A value together with the union branch it belongs to. Writers accept it wherever a union value goes (so the branch
/// need not be inferred from the value's type); readers produce it when <see cref="GenericReadOptions.KeepUnionBranches"/> is set.
/// </summary>
/// <param name="Branch">The zero-based branch index.</param>
/// <param name="Value">The branch's value.</param>
public readonly record struct GenericUnion(int Branch, object? Value);

/// <summary>Options of the generic readers.</summary>
public sealed class GenericReadOptions
{
    /// <summary>The default options.</summary>
    public static GenericReadOptions Default { get; } = new();

    /// <summary>Wrap every union value in a <see cref="GenericUnion"/> naming its branch. Default false.</summary>
    public bool KeepUnionBranches { get; init; }
}

/// <summary>Deep structural equality of generic values (NaN equals NaN, byte arrays by content).</summary>
public static class GenericEquality
{
    /// <summary>True when two generic values are deeply equal.</summary>
    public static new bool Equals(object? left, object? right)
    {
        switch (left)
        {
            case null:
                return right is null;
            case byte[] bytes:
                return right is byte[] other && bytes.AsSpan().SequenceEqual(other);
            case float f:
                return right is float g && (f.Equals(g));
            case double d:
                return right is double e && d.Equals(e);
            case IDictionary<string, object?> map:
                if (right is not IDictionary<string, object?> otherMap || otherMap.Count != map.Count)
                {
                    return false;
                }

                foreach (var pair in map)
                {
                    if (!otherMap.TryGetValue(pair.Key, out var value) || !Equals(pair.Value, value))
                    {
                        return false;
                    }
                }

                return true;
            case IList list:
                if (right is not IList otherList || otherList.Count != list.Count)
                {
                    return false;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (!Equals(list[i], otherList[i]))
                    {
                        return false;
                    }
                }

                return true;
            case GenericUnion union:
                return right is GenericUnion otherUnion && union.Branch == otherUnion.Branch && Equals(union.Value, otherUnion.Value);
            default:
                return left.Equals(right);
        }
    }

    internal static bool SequenceEquals(object?[] left, object?[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }
}

using Avro.Codegen.Generic;
using Avro.Codegen.Schema;
using FsCheck;
using FsCheck.Fluent;

namespace Avro.Codegen.Tests;

/// <summary>FsCheck generators of schemas (every type, nested) and of values of a schema, in the generic model.</summary>
public static class RandomSchemas
{
    private static readonly SchemaKind[] Primitives =
        [SchemaKind.Null, SchemaKind.Boolean, SchemaKind.Int, SchemaKind.Long, SchemaKind.Float, SchemaKind.Double, SchemaKind.Bytes, SchemaKind.String];

    /// <summary>A shape is built first and named afterwards, so generated names are unique and deterministic.</summary>
    private sealed record Shape(SchemaKind Kind, IReadOnlyList<Shape> Children, int Size);

    public static Gen<AvroSchema> Schema() => Gen.Sized(size => ShapeGen(Math.Min(size / 10, 3))).Select(Build);

    private static Gen<Shape> ShapeGen(int depth)
    {
        var primitive = Gen.Elements(Primitives).Select(kind => new Shape(kind, [], 0));
        var enumShape = Gen.Choose(1, 5).Select(n => new Shape(SchemaKind.Enum, [], n));
        var fixedShape = Gen.Choose(0, 6).Select(n => new Shape(SchemaKind.Fixed, [], n));
        if (depth == 0)
        {
            return Gen.Frequency((6, primitive), (1, enumShape), (1, fixedShape));
        }

        var child = ShapeGen(depth - 1);
        var record = Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(child, n)).Select(fields => new Shape(SchemaKind.Record, fields.ToList(), 0));
        var array = child.Select(items => new Shape(SchemaKind.Array, [items], 0));
        var map = child.Select(values => new Shape(SchemaKind.Map, [values], 0));
        // Union branches: distinct unnamed kinds, plus any number of named types (all distinct names).
        var union = Gen.ListOf(child, 4).Select(branches => new Shape(SchemaKind.Union, DistinctBranches(branches), 0))
            .Where(u => u.Children.Count > 0);
        return Gen.Frequency((4, primitive), (1, enumShape), (1, fixedShape), (3, record), (2, array), (2, map), (3, union));
    }

    private static List<Shape> DistinctBranches(IEnumerable<Shape> branches)
    {
        var seen = new HashSet<SchemaKind>();
        var result = new List<Shape>();
        foreach (var branch in branches)
        {
            if (branch.Kind == SchemaKind.Union)
            {
                continue;
            }

            var named = branch.Kind is SchemaKind.Record or SchemaKind.Enum or SchemaKind.Fixed;
            if (named || seen.Add(branch.Kind))
            {
                result.Add(branch);
            }
        }

        return result;
    }

    private static AvroSchema Build(Shape shape)
    {
        var counter = 0;
        return Build(shape, ref counter);
    }

    private static AvroSchema Build(Shape shape, ref int counter)
    {
        switch (shape.Kind)
        {
            case SchemaKind.Enum:
                return new EnumSchema("E" + counter++, "gen.ns", Enumerable.Range(0, shape.Size).Select(i => "S" + i).ToList());
            case SchemaKind.Fixed:
                return new FixedSchema("F" + counter++, "gen.ns", shape.Size);
            case SchemaKind.Record:
                var record = new RecordSchema("R" + counter++, "gen.ns");
                var fields = new List<RecordField>();
                for (var i = 0; i < shape.Children.Count; i++)
                {
                    fields.Add(new RecordField("f" + i, Build(shape.Children[i], ref counter), i));
                }

                record.SetFields(fields);
                return record;
            case SchemaKind.Array:
                return new ArraySchema(Build(shape.Children[0], ref counter));
            case SchemaKind.Map:
                return new MapSchema(Build(shape.Children[0], ref counter));
            case SchemaKind.Union:
                var branches = new List<AvroSchema>();
                foreach (var child in shape.Children)
                {
                    branches.Add(Build(child, ref counter));
                }

                return new UnionSchema(branches);
            default:
                return new PrimitiveSchema(shape.Kind);
        }
    }

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.Elements("", "a", "foo", "é", "€uro", "😀", "\"\\\n\t\u0001", "\u007F\u00FF", "abcdefghijklmnopqrstuvwxyz0123456789")),
        (1, Gen.ArrayOf(Gen.Choose(0, 0xD7FF).Select(c => (char)c), 8).Select(cs => new string(cs))));

    private static readonly Gen<byte[]> Bytes = Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    public static Gen<object?> Value(AvroSchema schema) => schema switch
    {
        PrimitiveSchema { Kind: SchemaKind.Null } => Gen.Constant<object?>(null),
        PrimitiveSchema { Kind: SchemaKind.Boolean } => Gen.Elements<object?>(true, false),
        PrimitiveSchema { Kind: SchemaKind.Int } => Gen.Frequency(
            (1, Gen.Elements<object?>(0, -1, 1, -64, 64, int.MaxValue, int.MinValue)),
            (2, Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)i))),
        PrimitiveSchema { Kind: SchemaKind.Long } => Gen.Frequency(
            (1, Gen.Elements<object?>(0L, -1L, long.MaxValue, long.MinValue, 1L << 40)),
            (2, Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(p => (object?)(((long)p.Item1 << 32) ^ (uint)p.Item2)))),
        PrimitiveSchema { Kind: SchemaKind.Float } => Gen.Frequency(
            (1, Gen.Elements<object?>(0f, -0f, 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.Epsilon, 0.1f)),
            (2, Gen.Choose(int.MinValue, int.MaxValue).Select(bits => (object?)BitConverter.Int32BitsToSingle(bits)))),
        PrimitiveSchema { Kind: SchemaKind.Double } => Gen.Frequency(
            (1, Gen.Elements<object?>(0d, -0d, 0.1, double.NaN, double.NegativeInfinity, double.MaxValue, double.Epsilon, 1e7, 1e-3)),
            (2, Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(p => (object?)BitConverter.Int64BitsToDouble(((long)p.Item1 << 32) ^ (uint)p.Item2)))),
        PrimitiveSchema { Kind: SchemaKind.Bytes } => Bytes.Select(b => (object?)b),
        PrimitiveSchema { Kind: SchemaKind.String } => Text.Select(s => (object?)s),
        EnumSchema e => Gen.Choose(0, e.Symbols.Count - 1).Select(i => (object?)new GenericAvroEnum(e, i)),
        FixedSchema f => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), f.Size).Select(b => (object?)new GenericAvroFixed(f, b)),
        ArraySchema a => Gen.Sized(size => Gen.Choose(0, Math.Min(size, 4))).SelectMany(n => Gen.ListOf(Gen.Resize(Value(a.Items), 4), n))
            .Select(items => (object?)items.ToList()),
        MapSchema m => Gen.Sized(size => Gen.Choose(0, Math.Min(size, 4))).SelectMany(n => Gen.ListOf(Gen.Two(Text).Select(t => t.Item1 + t.Item2).Zip(Gen.Resize(Value(m.Values), 4)), n))
            .Select(entries =>
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in entries)
                {
                    map[key] = value;
                }

                return (object?)map;
            }),
        RecordSchema r => r.Fields.Count == 0
            ? Gen.Constant<object?>(new GenericAvroRecord(r))
            : Gen.CollectToList(r.Fields.Select(f => Value(f.Type)).ToList(), g => g).Select(values =>
            {
                var record = new GenericAvroRecord(r);
                for (var i = 0; i < values.Count; i++)
                {
                    record[i] = values[i];
                }

                return (object?)record;
            }),
        UnionSchema u => Gen.Choose(0, u.Branches.Count - 1).SelectMany(i => Value(u.Branches[i]).Select(v => (object?)new GenericUnion(i, v))),
        _ => throw new ArgumentException(schema.TypeName),
    };

    public static Gen<(AvroSchema Schema, object? Value)> SchemaAndValue() =>
        Schema().SelectMany(schema => Value(schema).Select(value => (schema, value)));
}

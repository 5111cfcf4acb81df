using System.Buffers;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;
using FsCheck;
using FsCheck.Fluent;

namespace Avro.Codegen.Tests;

public class GenericPropertyTests
{
    private static readonly GenericReadOptions KeepBranches = new() { KeepUnionBranches = true };

    private static void Check((AvroSchema Schema, object? Value) sample, Func<AvroSchema, object?, bool> property)
    {
        if (!property(sample.Schema, sample.Value))
        {
            throw new Xunit.Sdk.XunitException($"Failed for schema {SchemaJson.ToJson(sample.Schema)} and value {GenericJson.ToJson(sample.Schema, sample.Value)}");
        }
    }

    private static void ForAll(Func<AvroSchema, object?, bool> property) =>
        Prop.ForAll(RandomSchemas.SchemaAndValue().ToArbitrary(), sample => { Check(sample, property); return true; })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(40));

    [Fact]
    public void Binary_round_trip_gives_back_the_value() => ForAll((schema, value) =>
    {
        var bytes = GenericBinary.Encode(schema, value);
        return GenericEquality.Equals(value, GenericBinary.Decode(schema, bytes, readOptions: KeepBranches));
    });

    [Fact]
    public void Both_writer_modes_produce_the_same_bytes() => ForAll((schema, value) =>
    {
        var bytes = GenericBinary.Encode(schema, value);
        var span = new byte[bytes.Length];
        var writer = new AvroWriter(span.AsSpan());
        GenericBinary.Write(ref writer, schema, value);
        return writer.BytesWritten == bytes.Length && span.AsSpan().SequenceEqual(bytes);
    });

    [Fact]
    public void Json_round_trip_gives_back_the_value() => ForAll((schema, value) =>
    {
        var json = GenericJson.ToJson(schema, value);
        return GenericEquality.Equals(value, GenericJson.FromJson(schema, json, KeepBranches));
    });

    [Fact]
    public void Binary_to_json_to_binary_keeps_the_bytes() => ForAll((schema, value) =>
    {
        var bytes = GenericBinary.Encode(schema, value);
        var json = GenericJson.ToJson(schema, GenericBinary.Decode(schema, bytes, readOptions: KeepBranches));
        var again = GenericBinary.Encode(schema, GenericJson.FromJson(schema, json, KeepBranches));

        // JSON writes every NaN as "NaN", so a NaN payload (other bits) cannot survive; everything else must.
        return again.AsSpan().SequenceEqual(bytes)
            || (ContainsNaN(value) && again.Length == bytes.Length
                && GenericEquality.Equals(GenericBinary.Decode(schema, bytes, readOptions: KeepBranches), GenericBinary.Decode(schema, again, readOptions: KeepBranches)));
    });

    private static bool ContainsNaN(object? value) => value switch
    {
        float f => float.IsNaN(f),
        double d => double.IsNaN(d),
        GenericUnion u => ContainsNaN(u.Value),
        GenericAvroRecord r => Enumerable.Range(0, r.Schema.Fields.Count).Any(i => ContainsNaN(r[i])),
        IDictionary<string, object?> map => map.Values.Any(ContainsNaN),
        System.Collections.IList list => list.Cast<object?>().Any(ContainsNaN),
        _ => false,
    };

    [Fact]
    public void Skip_consumes_exactly_one_value() => ForAll((schema, value) =>
    {
        var bytes = GenericBinary.Encode(schema, value).Append((byte)0x7E).ToArray();
        var reader = new AvroReader(bytes);
        reader.Skip(schema);
        return reader.ReadInt() == 63 && reader.End;
    });

    [Fact]
    public void Java_map_order_only_reorders_map_entries() => ForAll((schema, value) =>
    {
        var bytes = GenericBinary.Encode(schema, value);
        var reordered = JavaMapOrder.Apply(schema, GenericBinary.Decode(schema, bytes, readOptions: KeepBranches), JavaMapSource.Binary);
        return GenericEquality.Equals(value, reordered) && GenericBinary.Encode(schema, reordered).Length == bytes.Length;
    });
}

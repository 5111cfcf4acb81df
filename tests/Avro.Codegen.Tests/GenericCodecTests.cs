using Avro.Codegen.Generic;
using Avro.Codegen.Schema;
using static Avro.Codegen.Tests.Encode;

namespace Avro.Codegen.Tests;

public class GenericCodecTests
{
    internal static AvroSchema Parse(string json)
    {
        var result = SchemaParser.Parse(json);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.ToString())));
        return result.Schema!;
    }

    private const string AllTypes = """
        {"type": "record", "name": "All", "namespace": "com.example", "fields": [
          {"name": "n", "type": "null"},
          {"name": "b", "type": "boolean"},
          {"name": "i", "type": "int"},
          {"name": "l", "type": "long"},
          {"name": "f", "type": "float"},
          {"name": "d", "type": "double"},
          {"name": "by", "type": "bytes"},
          {"name": "s", "type": "string"},
          {"name": "e", "type": {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS"]}},
          {"name": "fx", "type": {"type": "fixed", "name": "Two", "size": 2}},
          {"name": "a", "type": {"type": "array", "items": "long"}},
          {"name": "m", "type": {"type": "map", "values": "string"}},
          {"name": "u", "type": ["null", "string", "Suit", {"type": "array", "items": "int"}]},
          {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}}
        ]}
        """;

    private static GenericAvroRecord Sample(RecordSchema schema)
    {
        var record = new GenericAvroRecord(schema);
        record["n"] = null;
        record["b"] = true;
        record["i"] = -64;
        record["l"] = 64L;
        record["f"] = 1.5f;
        record["d"] = 0.1;
        record["by"] = new byte[] { 0, 0x7F, 0xFF };
        record["s"] = "é\n\"x\u001F";
        record["e"] = new GenericAvroEnum((EnumSchema)schema.GetField("e")!.Type, "HEARTS");
        record["fx"] = new GenericAvroFixed((FixedSchema)schema.GetField("fx")!.Type, [1, 2]);
        record["a"] = new List<object?> { 3L, 27L };
        record["m"] = new Dictionary<string, object?> { ["k"] = "v" };
        record["u"] = "a";
        record["ts"] = 946_720_800_000L;
        return record;
    }

    [Fact]
    public void Binary_encoding_of_every_type()
    {
        var schema = (RecordSchema)Parse(AllTypes);
        var bytes = GenericBinary.Encode(schema, Sample(schema));
        var expected = Hex(
            "01" +                       // b
            "7F" +                       // i = -64
            "8001" +                     // l = 64
            "0000C03F" +                 // f = 1.5
            "9A9999999999B93F" +         // d = 0.1
            "06 007FFF" +                // by
            "0C C3A90A22781F" +          // s: 6 UTF-8 bytes
            "02" +                       // e = HEARTS
            "0102" +                     // fx
            "04 06 36 00" +              // a = [3, 27]
            "02 026B 0276 00" +          // m = {k: v}
            "02 0261" +                  // u = "a" (branch 1)
            "80F4A7CF8D37");             // ts
        Assert.Equal(expected, bytes);
        Assert.Equal(Sample(schema), GenericBinary.Decode(schema, bytes));
    }

    [Fact]
    public void Json_encoding_matches_java_text()
    {
        var schema = (RecordSchema)Parse(AllTypes);
        var json = GenericJson.ToJson(schema, Sample(schema));
        Assert.Equal(
            "{\"n\":null,\"b\":true,\"i\":-64,\"l\":64,\"f\":1.5,\"d\":0.1,\"by\":\"\\u0000\u007F\u00FF\",\"s\":\"é\\n\\\"x\\u001F\"," +
            "\"e\":\"HEARTS\",\"fx\":\"\\u0001\\u0002\",\"a\":[3,27],\"m\":{\"k\":\"v\"},\"u\":{\"string\":\"a\"},\"ts\":946720800000}",
            json);
        Assert.Equal(Sample(schema), GenericJson.FromJson(schema, json));
    }

    [Fact]
    public void Union_branches_use_full_names_and_type_names()
    {
        var schema = (RecordSchema)Parse(AllTypes);
        var union = schema.GetField("u")!.Type;
        Assert.Equal("null", GenericJson.ToJson(union, null));
        Assert.Equal("{\"com.example.Suit\":\"SPADES\"}", GenericJson.ToJson(union, new GenericAvroEnum((EnumSchema)schema.GetField("e")!.Type, 0)));
        Assert.Equal("{\"array\":[1,2]}", GenericJson.ToJson(union, new List<object?> { 1, 2 }));
        Assert.Equal(Hex("06 04 02 04 00"), GenericBinary.Encode(union, new List<object?> { 1, 2 }));

        var read = GenericJson.FromJson(union, "{\"com.example.Suit\":\"SPADES\"}", new GenericReadOptions { KeepUnionBranches = true });
        Assert.Equal(new GenericUnion(2, new GenericAvroEnum((EnumSchema)schema.GetField("e")!.Type, 0)), read);
        Assert.Equal(new GenericUnion(1, "x"), GenericBinary.Decode(union, Hex("02 0278"), readOptions: new GenericReadOptions { KeepUnionBranches = true }));
    }

    [Fact]
    public void Union_of_int_and_long_keeps_the_branch()
    {
        var union = Parse("""["int", "long"]""");
        Assert.Equal(Hex("02 0A"), GenericBinary.Encode(union, GenericJson.FromJson(union, "{\"long\":5}")));
        Assert.Equal(Hex("00 0A"), GenericBinary.Encode(union, GenericJson.FromJson(union, "{\"int\":5}")));
        Assert.Equal(Hex("02 0A"), GenericBinary.Encode(union, new GenericUnion(1, 5)));
        Assert.Equal("{\"long\":5}", GenericJson.ToJson(union, GenericBinary.Decode(union, Hex("02 0A"))));
    }

    [Fact]
    public void Json_non_finite_floats_are_strings()
    {
        var schema = Parse("""{"type": "array", "items": "double"}""");
        var value = new List<object?> { double.NaN, double.NegativeInfinity, 1e10, -0.0 };
        var json = GenericJson.ToJson(schema, value);
        Assert.Equal("[\"NaN\",\"-Infinity\",1.0E10,-0.0]", json);
        Assert.Equal(value, (List<object?>)GenericJson.FromJson(schema, json)!, new GenericComparer());
    }

    [Fact]
    public void Json_fields_in_any_order_and_defaults_fill_absent_fields()
    {
        var schema = Parse("""
            {"type": "record", "name": "R", "fields": [
              {"name": "a", "type": "int"},
              {"name": "b", "type": "string", "default": "dflt"},
              {"name": "c", "type": ["null", "int"], "default": null},
              {"name": "d", "type": {"type": "array", "items": "int"}, "default": [1, 2]},
              {"name": "e", "type": "bytes", "default": "\u00ff"}
            ]}
            """);
        var record = (GenericAvroRecord)GenericJson.FromJson(schema, "{\"c\":{\"int\":3},\"a\":1}")!;
        Assert.Equal(1, record["a"]);
        Assert.Equal("dflt", record["b"]);
        Assert.Equal(3, record["c"]);
        Assert.Equal(new List<object?> { 1, 2 }, record["d"]);
        Assert.Equal(new byte[] { 0xFF }, record["e"]);
    }

    [Theory]
    [InlineData("{}", "lacks the field 'a'", 0)]
    [InlineData("{\"a\":1,\"a\":2}", "appears twice", 7)]
    [InlineData("{\"a\":2147483648}", "Expected an int", 5)]
    [InlineData("{\"a\":1.5}", "Expected an int", 5)]
    [InlineData("{\"a\":\"1\"}", "Expected an int", 5)]
    [InlineData("{\"a\":1,\"u\":{\"long\":1}}", "'long' is not a branch", 12)]
    [InlineData("{\"a\":1,\"u\":{\"int\":1,\"string\":\"x\"}}", "exactly one member", 20)]
    [InlineData("{\"a\":1,\"u\":5}", "Expected a union value", 11)]
    [InlineData("{\"a\":1,\"e\":\"CLUBS\"}", "not a symbol", 11)]
    [InlineData("{\"a\":1,\"f\":\"abc\"}", "is 2 bytes long", 11)]
    [InlineData("{\"a\":1,\"by\":\"\u0100\"}", "U+0100", 12)]
    [InlineData("[1]", "Expected a record 'R'", 0)]
    public void Json_errors_are_specific_and_located(string json, string message, long offset)
    {
        var schema = Parse("""
            {"type": "record", "name": "R", "fields": [
              {"name": "a", "type": "int"},
              {"name": "u", "type": ["null", "int", "string"], "default": null},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"]}, "default": "A"},
              {"name": "f", "type": {"type": "fixed", "name": "F", "size": 2}, "default": "ab"},
              {"name": "by", "type": "bytes", "default": ""}
            ]}
            """);
        var e = Assert.Throws<AvroDataException>(() => GenericJson.FromJson(schema, json));
        Assert.Contains(message, e.Message);
        Assert.Equal(offset, e.Offset);
    }

    [Theory]
    [InlineData("{\"zz\":2,\"a\":1}")]
    [InlineData("{\"a\":1,\"zz\":{\"x\":[1,{\"y\":null}]}}")]
    [InlineData("{\"zz\":[[],{}],\"a\":1,\"yy\":\"s\"}")]
    public void Json_members_the_schema_does_not_name_are_skipped_as_Java_does(string json)
    {
        // Java's JsonDecoder (checked with 1.8.2) and the generated records both skip them; the values around them stay.
        var schema = Parse("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}""");
        var record = (GenericAvroRecord)GenericJson.FromJson(schema, json)!;
        Assert.Equal(1, record["a"]);
        Assert.Equal("{\"a\":1}", GenericJson.ToJson(schema, record));
    }

    [Fact]
    public void Malformed_json_is_an_AvroException()
    {
        var e = Assert.Throws<AvroDataException>(() => GenericJson.FromJson(Parse("""{"type": "array", "items": "int"}"""), "[1,"));
        Assert.Contains("JSON", e.Message);
        Assert.Throws<AvroDataException>(() => GenericJson.FromJson(Parse("\"int\""), "1 2"));
        Assert.Throws<AvroDataException>(() => GenericJson.FromJson(Parse("\"int\""), ""));
    }

    [Fact]
    public void Writing_a_value_of_the_wrong_type_names_the_field()
    {
        var schema = (RecordSchema)Parse(AllTypes);
        var record = Sample(schema);
        record["a"] = new List<object?> { 1L, "x" };
        var e = Assert.Throws<AvroDataException>(() => GenericBinary.Encode(schema, record));
        Assert.Contains("At a[1]: expected a value of type long, found String", e.Message);

        record = Sample(schema);
        record["u"] = 3.5;
        Assert.Contains("matches no branch", Assert.Throws<AvroDataException>(() => GenericBinary.Encode(schema, record)).Message);
        record = Sample(schema);
        record["fx"] = new byte[] { 1 };
        Assert.Contains("needs 2 bytes", Assert.Throws<AvroDataException>(() => GenericBinary.Encode(schema, record)).Message);
    }

    [Fact]
    public void Decode_rejects_trailing_bytes_and_bad_bytes_with_offsets()
    {
        var schema = Parse("""{"type": "record", "name": "R", "fields": [{"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}}, {"name": "s", "type": "string"}]}""");
        Assert.Contains("follow the value", Assert.Throws<AvroDataException>(() => GenericBinary.Decode(schema, Hex("02 00 00"))).Message);
        Assert.Equal(0, Assert.Throws<AvroDataException>(() => GenericBinary.Decode(schema, Hex("04 00"))).Offset);
        Assert.Equal(1, Assert.Throws<AvroDataException>(() => GenericBinary.Decode(schema, Hex("02 04 61"))).Offset);
    }

    [Fact]
    public void Forged_recursion_depth_is_rejected()
    {
        var list = Parse("""{"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}""");
        var deep = Enumerable.Repeat((byte)2, 10_000).Append((byte)0).ToArray();
        var e = Assert.Throws<AvroDataException>(() => GenericBinary.Decode(list, deep));
        Assert.Contains("deeper than the limit of 64", e.Message);
        Assert.Throws<AvroDataException>(() => SkipAll(list, deep));

        var shallow = Enumerable.Repeat((byte)2, 50).Append((byte)0).ToArray();
        Assert.IsType<GenericAvroRecord>(GenericBinary.Decode(list, shallow));
    }

    [Fact]
    public void Arrays_of_nulls_draw_on_the_zero_size_budget()
    {
        var schema = Parse("""{"type": "array", "items": "null"}""");
        Assert.Equal(1000, ((List<object?>)GenericBinary.Decode(schema, Hex("D00F 00"))!).Count);
        var forged = Hex("FEFFFFFFFFFFFFFF7F 00");
        Assert.Contains("MaxZeroSizeItems", Assert.Throws<AvroDataException>(() => GenericBinary.Decode(schema, forged)).Message);
        Assert.Contains("MaxZeroSizeItems", Assert.Throws<AvroDataException>(() => SkipAll(schema, forged)).Message);
    }

    [Fact]
    public void Skip_moves_past_values_of_every_type()
    {
        var schema = (RecordSchema)Parse(AllTypes);
        var bytes = GenericBinary.Encode(schema, Sample(schema)).Concat(Hex("7E")).ToArray();
        var reader = new AvroReader(bytes);
        reader.Skip(schema);
        Assert.Equal(63, reader.ReadInt());
        Assert.True(reader.End);
    }

    [Fact]
    public void Skip_jumps_over_sized_blocks_and_checks_them()
    {
        var schema = Parse("""{"type": "map", "values": "string"}""");
        // One block of -1 entries, 4 bytes: "k" -> "v"; then the end; then a marker.
        var bytes = Hex("01 08 026B 0276 00 7E");
        var reader = new AvroReader(bytes);
        reader.Skip(schema);
        Assert.Equal(63, reader.ReadInt());
        Assert.Equal(new Dictionary<string, object?> { ["k"] = "v" }, GenericBinary.Decode(schema, Hex("01 08 026B 0276 00")));
        Assert.Contains("byte size", Assert.Throws<AvroDataException>(() => SkipAll(schema, Hex("01 7E 026B 0276 00"))).Message);
    }

    internal static void SkipAll(AvroSchema schema, byte[] data)
    {
        var reader = new AvroReader(data);
        reader.Skip(schema);
    }

    internal sealed class GenericComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => GenericEquality.Equals(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}

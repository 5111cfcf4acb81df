using Avro.Codegen.Generic;
using Avro.Codegen.Schema;
using Avro.Codegen.Serialization;

namespace Avro.Codegen.Registry.Tests;

/// <summary>Schema resolution (writer data re-encoded for a reader schema), checked by decoding with the reader schema.</summary>
public sealed class SchemaResolutionTests
{
    private static AvroSchema Parse(string text) => SchemaParser.Parse(text).Schema ?? throw new InvalidOperationException("bad test schema " + text);

    private static object? Resolve(string writer, string reader, object? value)
    {
        var w = Parse(writer);
        var r = Parse(reader);
        Assert.Empty(SchemaResolution.Check(w, r));
        return GenericBinary.Decode(r, SchemaResolution.Transcode(w, r, GenericBinary.Encode(w, value)));
    }

    [Theory]
    [InlineData("\"int\"", "\"long\"", 5, 5L)]
    [InlineData("\"int\"", "\"float\"", 5, 5f)]
    [InlineData("\"int\"", "\"double\"", 5, 5d)]
    [InlineData("\"long\"", "\"float\"", 5L, 5f)]
    [InlineData("\"long\"", "\"double\"", 5L, 5d)]
    [InlineData("\"float\"", "\"double\"", 0.5f, 0.5d)]
    [InlineData("\"string\"", "\"string\"", "same", "same")]
    public void Primitives_are_promoted(string writer, string reader, object value, object expected) =>
        Assert.Equal(expected, Resolve(writer, reader, value));

    [Fact]
    public void Strings_and_bytes_convert_as_UTF8()
    {
        Assert.Equal("é"u8.ToArray(), Resolve("\"string\"", "\"bytes\"", "é"));
        Assert.Equal("é", Resolve("\"bytes\"", "\"string\"", "é"u8.ToArray()));
    }

    [Fact]
    public void Unions_resolve_branch_by_branch()
    {
        Assert.Equal(3L, Resolve("""["null","int"]""", """["null","long"]""", 3));
        Assert.Null(Resolve("""["null","int"]""", """["long","null"]""", null));
        Assert.Equal("x", Resolve("""["bytes","string"]""", "\"string\"", "x"));
        Assert.Equal("y", Resolve("""["bytes","string"]""", "\"string\"", "y"u8.ToArray()));
        Assert.Equal(4, Resolve("\"int\"", """["null","int"]""", 4));
    }

    [Fact]
    public void A_writer_union_branch_the_reader_cannot_take_is_a_data_error()
    {
        var writer = Parse("""["int","string"]""");
        var reader = Parse("\"string\"");
        var body = GenericBinary.Encode(writer, 4);

        var e = Assert.Throws<AvroException>(() => SchemaResolution.Transcode(writer, reader, body));
        Assert.Contains("cannot be read as string", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(SchemaResolution.Check(writer, reader));
    }

    [Fact]
    public void Arrays_maps_and_fixed_resolve_their_contents()
    {
        Assert.Equal(new List<object?> { 1L, 2L }, Resolve("""{"type":"array","items":"int"}""", """{"type":"array","items":"long"}""", new List<object?> { 1, 2 }));
        var map = (Dictionary<string, object?>)Resolve("""{"type":"map","values":"float"}""", """{"type":"map","values":"double"}""",
            new Dictionary<string, object?> { ["a"] = 1.5f })!;
        Assert.Equal(1.5d, map["a"]);
        var writerFixed = (FixedSchema)Parse("""{"type":"fixed","name":"F","namespace":"a","size":2}""");
        var resolved = (GenericFixed)Resolve("""{"type":"fixed","name":"F","namespace":"a","size":2}""", """{"type":"fixed","name":"F","namespace":"b","size":2}""",
            new GenericFixed(writerFixed, [1, 2]))!;
        Assert.Equal(new byte[] { 1, 2 }, resolved.Value);
    }

    [Fact]
    public void Enum_symbols_fall_back_to_the_readers_default()
    {
        const string writer = """{"type":"enum","name":"E","symbols":["A","B","C"]}""";
        const string reader = """{"type":"enum","name":"E","symbols":["A","B","UNKNOWN"],"default":"UNKNOWN"}""";
        var writerEnum = (EnumSchema)Parse(writer);

        Assert.Equal("UNKNOWN", ((GenericEnum)Resolve(writer, reader, new GenericEnum(writerEnum, "C"))!).Symbol);
        Assert.Equal("B", ((GenericEnum)Resolve(writer, reader, new GenericEnum(writerEnum, "B"))!).Symbol);
    }

    [Fact]
    public void Record_fields_match_by_alias_and_missing_ones_take_defaults()
    {
        const string writer = """{"type":"record","name":"R","fields":[{"name":"old","type":"int"},{"name":"gone","type":"string"}]}""";
        const string reader = """{"type":"record","name":"R","fields":[{"name":"renamed","aliases":["old"],"type":"long"},{"name":"added","type":{"type":"array","items":"int"},"default":[1,2]}]}""";
        var value = new GenericRecord((RecordSchema)Parse(writer)) { ["old"] = 9, ["gone"] = "x" };

        var resolved = (GenericRecord)Resolve(writer, reader, value)!;

        Assert.Equal(9L, resolved["renamed"]);
        Assert.Equal(new List<object?> { 1, 2 }, resolved["added"]);
    }
}

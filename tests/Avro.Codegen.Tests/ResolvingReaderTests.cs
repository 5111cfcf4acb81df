using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Tests;

public class ResolvingReaderTests
{
    private static AvroSchema Parse(string json) => GenericCodecTests.Parse(json);

    private static readonly AvroSchema WriterV1 = Parse("""
        {"type": "record", "name": "User", "namespace": "a", "fields": [
          {"name": "id", "type": "int"},
          {"name": "old", "type": {"type": "map", "values": {"type": "array", "items": "string"}}},
          {"name": "nick", "type": "string"},
          {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
          {"name": "score", "type": ["null", "float"]}
        ]}
        """);

    private static readonly AvroSchema ReaderV2 = Parse("""
        {"type": "record", "name": "User", "namespace": "b", "fields": [
          {"name": "score", "type": ["null", "double"]},
          {"name": "id", "type": "long"},
          {"name": "nickname", "type": "bytes", "aliases": ["nick"]},
          {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "OTHER"], "default": "OTHER"}},
          {"name": "added", "type": "string", "default": "dflt"}
        ]}
        """);

    private static byte[] EncodeV1(int id, string kind, object? score)
    {
        var record = new GenericRecord((RecordSchema)WriterV1);
        record["id"] = id;
        record["old"] = new Dictionary<string, object?> { ["k"] = new List<object?> { "x", "y" } };
        record["nick"] = "bo";
        record["kind"] = new GenericEnum((EnumSchema)WriterV1.As<RecordSchema>().GetField("kind")!.Type, kind);
        record["score"] = score;
        return GenericBinary.Encode(WriterV1, record);
    }

    [Fact]
    public void Fields_are_matched_by_name_promoted_skipped_and_defaulted()
    {
        var value = (GenericRecord)GenericResolvingReader.Decode(EncodeV1(7, "B", 1.5f), WriterV1, ReaderV2)!;
        Assert.Equal(7L, value["id"]);
        Assert.Equal(1.5, value["score"]);
        Assert.Equal("bo"u8.ToArray(), value["nickname"]);
        Assert.Equal("B", ((GenericEnum)value["kind"]!).Symbol);
        Assert.Equal("dflt", value["added"]);
    }

    [Fact]
    public void Unknown_enum_symbols_take_the_reader_default_or_fail()
    {
        var value = (GenericRecord)GenericResolvingReader.Decode(EncodeV1(1, "C", null), WriterV1, ReaderV2)!;
        Assert.Equal("OTHER", ((GenericEnum)value["kind"]!).Symbol);
        Assert.Null(value["score"]);

        var strict = Parse("""{"type": "enum", "name": "Kind", "symbols": ["A"]}""");
        var writerEnum = Parse("""{"type": "enum", "name": "Kind", "symbols": ["A", "B"]}""");
        var e = Assert.Throws<AvroException>(() => GenericResolvingReader.Decode([0x02], writerEnum, strict));
        Assert.Contains("'B' is not in the reader's enum", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void Unions_resolve_on_either_side()
    {
        var writerUnion = Parse("""["null", "int"]""");
        Assert.Equal(5L, GenericResolvingReader.Decode([0x02, 0x0A], writerUnion, Parse("\"long\"")));
        Assert.Contains("cannot be read", Assert.Throws<AvroException>(() => GenericResolvingReader.Decode([0x00], writerUnion, Parse("\"long\""))).Message);

        var readerUnion = Parse("""["null", "string", "double"]""");
        var reader = new AvroReader([0x0A]);
        Assert.Equal(new GenericUnion(2, 5.0), GenericResolvingReader.Read(ref reader, Parse("\"int\""), readerUnion, new GenericReadOptions { KeepUnionBranches = true }));
        Assert.Contains("matches no branch", Assert.Throws<AvroException>(() => GenericResolvingReader.Decode([0x01], Parse("\"boolean\""), readerUnion)).Message);
    }

    [Fact]
    public void Incompatible_schemas_are_reported()
    {
        Assert.Contains("cannot be read", Assert.Throws<AvroException>(() =>
            GenericResolvingReader.Decode([1, 2], Parse("""{"type": "fixed", "name": "F", "size": 2}"""), Parse("""{"type": "fixed", "name": "F", "size": 3}"""))).Message);
        Assert.Contains("cannot be read", Assert.Throws<AvroException>(() =>
            GenericResolvingReader.Decode([0x02], Parse("\"long\""), Parse("\"int\""))).Message);
        var noDefault = Parse("""{"type": "record", "name": "User", "fields": [{"name": "missing", "type": "int"}]}""");
        Assert.Contains("has no field 'missing'", Assert.Throws<AvroException>(() =>
            GenericResolvingReader.Decode(EncodeV1(1, "A", null), WriterV1, noDefault)).Message);
        Assert.Contains("cannot be read", Assert.Throws<AvroException>(() =>
            GenericResolvingReader.Decode(EncodeV1(1, "A", null), WriterV1, Parse("""{"type": "record", "name": "Other", "fields": []}"""))).Message);
    }

    [Fact]
    public void Identical_schemas_read_like_the_plain_reader()
    {
        var bytes = EncodeV1(3, "A", 2.5f);
        Assert.Equal(GenericBinary.Decode(WriterV1, bytes), GenericResolvingReader.Decode(bytes, WriterV1, WriterV1));
    }
}

internal static class SchemaCastExtensions
{
    public static T As<T>(this AvroSchema schema) where T : AvroSchema => (T)schema;
}

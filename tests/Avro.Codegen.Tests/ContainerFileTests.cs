using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Tests;

public class ContainerFileTests
{
    internal static readonly AvroSchema PointSchema = GenericCodecTests.Parse("""
        {"type": "record", "name": "Point", "namespace": "test", "fields": [
          {"name": "x", "type": "int"}, {"name": "label", "type": "string"},
          {"name": "tags", "type": {"type": "array", "items": "string"}}, {"name": "w", "type": ["null", "double"]}]}
        """);

    internal static GenericAvroRecord Point(int i)
    {
        var record = new GenericAvroRecord((RecordSchema)PointSchema);
        record["x"] = i - 150;
        record["label"] = $"p{i} é";
        record["tags"] = Enumerable.Repeat<object?>("t", i % 3).ToList();
        record["w"] = i % 2 == 1 ? null : i / 4.0;
        return record;
    }

    [Theory]
    [InlineData("python-null.avro", "null")]
    [InlineData("python-deflate.avro", "deflate")]
    [InlineData("python-snappy.avro", "snappy")]
    [InlineData("python-zstandard.avro", "zstandard")]
    public void Reads_files_written_by_python_avro(string file, string codec)
    {
        using var reader = new AvroContainerReader(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", file)));
        Assert.Equal(codec, reader.Codec);
        Assert.Equal("test.Point", reader.Schema.TypeName);
        var values = reader.ReadAll().ToList();
        Assert.Equal(Enumerable.Range(0, 300).Select(Point).Cast<object?>(), values);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Round_trips_through_our_writer_in_several_blocks(string codec)
    {
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, PointSchema, codec, new Dictionary<string, byte[]> { ["user.note"] = [1, 2] }, leaveOpen: true) { BlockSize = 512 })
        {
            for (var i = 0; i < 300; i++)
            {
                writer.Write(Point(i));
            }
        }

        stream.Position = 0;
        using var reader = new AvroContainerReader(stream);
        Assert.Equal(codec, reader.Codec);
        Assert.Equal(new byte[] { 1, 2 }, reader.Metadata["user.note"]);
        Assert.Equal(Enumerable.Range(0, 300).Select(Point).Cast<object?>(), reader.ReadAll().ToList());

        stream.Position = 0;
        using var blocks = new AvroContainerReader(stream);
        var blockCount = 0;
        while (blocks.TryReadBlock(out _, out _))
        {
            blockCount++;
        }

        Assert.True(blockCount > 5, $"{blockCount} blocks");
    }

    [Fact]
    public void Header_layout_follows_the_specification()
    {
        var stream = new MemoryStream();
        var sync = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using (var writer = new AvroContainerWriter(stream, GenericCodecTests.Parse("\"int\""), syncMarker: sync, leaveOpen: true))
        {
            writer.Write(5);
        }

        var bytes = stream.ToArray();
        Assert.Equal("Obj\u0001"u8.ToArray(), bytes[..4]);
        var reader = new AvroReader(bytes.AsSpan(4));
        Assert.Equal(2, reader.ReadBlockCount());
        Assert.Equal("avro.schema", reader.ReadString());
        Assert.Equal("\"int\"", System.Text.Encoding.UTF8.GetString(reader.ReadBytes()));
        Assert.Equal("avro.codec", reader.ReadString());
        Assert.Equal("null", System.Text.Encoding.UTF8.GetString(reader.ReadBytes()));
        Assert.Equal(0, reader.ReadBlockCount());
        Assert.Equal(sync, reader.ReadFixed(16));
        Assert.Equal(1, reader.ReadLong());   // one datum
        Assert.Equal(1, reader.ReadLong());   // of one byte
        Assert.Equal(5, reader.ReadInt());
        Assert.Equal(sync, reader.ReadFixed(16));
        Assert.True(reader.End);
    }

    [Fact]
    public void Corrupt_sync_marker_is_reported_with_its_offset()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "python-null.avro"));
        bytes[^1] ^= 0xFF;
        using var reader = new AvroContainerReader(new MemoryStream(bytes));
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Contains("sync marker", e.Message);
        Assert.Equal(bytes.Length - 16, e.Offset);
    }

    [Fact]
    public void Bad_headers_and_blocks_are_reported()
    {
        Assert.Contains("Not an Avro object container file", Assert.Throws<AvroContainerException>(() => new AvroContainerReader(new MemoryStream("Obj\u0002"u8.ToArray()))).Message);
        Assert.Contains("Not an Avro object container file", Assert.Throws<AvroContainerException>(() => new AvroContainerReader(new MemoryStream([]))).Message);

        var good = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "python-deflate.avro"));
        for (var cut = 5; cut < good.Length; cut += 37)
        {
            var truncated = good[..cut];
            Assert.Throws<AvroContainerException>(() =>
            {
                using var reader = new AvroContainerReader(new MemoryStream(truncated));
                reader.ReadAll().ToList();
            });
        }

        var noSchema = new MemoryStream();
        noSchema.Write("Obj\u0001"u8);
        noSchema.Write([0]);
        noSchema.Write(new byte[16]);
        noSchema.Position = 0;
        Assert.Contains("no 'avro.schema'", Assert.Throws<AvroContainerException>(() => new AvroContainerReader(noSchema)).Message);
    }

    [Fact]
    public void Corrupt_deflate_data_is_an_AvroException()
    {
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, PointSchema, "deflate", leaveOpen: true))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.Write(Point(i));
            }
        }

        var bytes = stream.ToArray();
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var copy = (byte[])bytes.Clone();
            copy[random.Next(copy.Length - 200, copy.Length - 16)] ^= (byte)(1 << random.Next(8));
            try
            {
                using var reader = new AvroContainerReader(new MemoryStream(copy));
                reader.ReadAll().ToList();
            }
            catch (AvroDataException)
            {
            }
        }
    }

    [Fact]
    public void Writer_rejects_unknown_codecs_and_reserved_metadata()
    {
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), PointSchema, "lzo"));
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), PointSchema, metadata: new Dictionary<string, byte[]> { ["avro.x"] = [] }));
    }
}

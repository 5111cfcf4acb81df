using Avro.Codegen.Compression;
using Avro.Codegen.Container;
using static Avro.Codegen.Tests.ContainerFileTests;

namespace Avro.Codegen.Tests;

/// <summary>The opt-in codecs of Avro.Codegen.Compression: bzip2 and xz.</summary>
public class CompressionCodecTests
{
    private static byte[] WriteFile(AvroContainerCodec codec, int count = 300, int blockSize = 2048)
    {
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, PointSchema, new AvroContainerWriterOptions { Codec = codec, BlockSize = blockSize }, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(Point(i));
            }
        }

        return stream.ToArray();
    }

    private static AvroContainerReader Open(byte[] file) =>
        new(new MemoryStream(file), new AvroContainerReaderOptions { Codecs = AvroCompressionCodecs.All });

    [Fact]
    public void Reads_a_bzip2_file_written_by_python_avro()
    {
        using var reader = new AvroContainerReader(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "python-bzip2.avro")),
            new AvroContainerReaderOptions { Codecs = AvroCompressionCodecs.All });
        Assert.Equal("bzip2", reader.Codec);
        Assert.Equal(Enumerable.Range(0, 300).Select(Point).Cast<object?>(), reader.ReadAll().ToList());
    }

    [Theory]
    [InlineData("bzip2")]
    [InlineData("xz")]
    public void Round_trips_in_several_blocks(string name)
    {
        var codec = AvroCompressionCodecs.All.Single(c => c.Name == name);
        var file = WriteFile(codec);
        using var reader = Open(file);
        Assert.Equal(name, reader.Codec);
        Assert.Equal(Enumerable.Range(0, 300).Select(Point).Cast<object?>(), reader.ReadAll().ToList());
        Assert.True(file.Length < WriteFile(AvroContainerCodec.Null).Length, "the codec compresses");
    }

    [Fact]
    public void Xz_blocks_larger_than_one_lzma2_chunk_round_trip()
    {
        // One block of ~1 MiB: more than 32 KiB pieces, mixed compressible and random data (stored chunks).
        var random = new Random(3);
        var stream = new MemoryStream();
        var values = Enumerable.Range(0, 40).Select(i =>
        {
            var bytes = new byte[25_000];
            if (i % 3 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                bytes.AsSpan().Fill((byte)i);
            }

            return bytes;
        }).ToList();
        using (var writer = new AvroContainerWriter(stream, GenericCodecTests.Parse("\"bytes\""),
                   new AvroContainerWriterOptions { Codec = AvroCompressionCodecs.Xz, BlockSize = 4 << 20 }, leaveOpen: true))
        {
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }

        using var reader = Open(stream.ToArray());
        Assert.Equal(values.Cast<object?>(), reader.ReadAll().ToList());
    }

    [Theory]
    [InlineData("bzip2")]
    [InlineData("xz")]
    public void Corrupt_blocks_are_container_exceptions(string name)
    {
        var file = WriteFile(AvroCompressionCodecs.All.Single(c => c.Name == name), count: 100);
        var random = new Random(5);
        var detected = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var copy = (byte[])file.Clone();
            copy[random.Next(file.Length - 300, file.Length - 17)] ^= (byte)(1 << random.Next(8));
            try
            {
                using var reader = Open(copy);
                reader.ReadAll().ToList();
            }
            catch (AvroContainerException e)
            {
                detected++;
                Assert.True(e.BlockIndex >= 0);
                Assert.True(e.Offset > 0);
            }
        }

        Assert.True(detected > 30, $"{detected} of 60 corruptions detected");
    }

    [Fact]
    public void Without_the_package_codecs_a_bzip2_file_names_the_package()
    {
        var file = WriteFile(AvroCompressionCodecs.Bzip2, count: 3);
        var e = Assert.Throws<AvroContainerException>(() => new AvroContainerReader(new MemoryStream(file)));
        Assert.Contains("Unsupported codec 'bzip2'", e.Message);
        Assert.Contains("Avro.Codegen.Compression", e.Message);
    }

    [Fact]
    public void Xz_decompression_stops_at_the_block_limit()
    {
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, GenericCodecTests.Parse("\"bytes\""),
                   new AvroContainerWriterOptions { Codec = AvroCompressionCodecs.Xz }, leaveOpen: true))
        {
            writer.Write(new byte[200_000]);
        }

        using var reader = new AvroContainerReader(new MemoryStream(stream.ToArray()),
            new AvroContainerReaderOptions { Codecs = AvroCompressionCodecs.All, MaxBlockSize = 100_000 });
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Contains("100000", e.Message);
    }
}

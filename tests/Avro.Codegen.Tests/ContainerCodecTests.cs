using System.Buffers;
using System.Buffers.Binary;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using static Avro.Codegen.Tests.ContainerFileTests;

namespace Avro.Codegen.Tests;

public class ContainerCodecTests
{
    private static byte[] WriteFile(AvroContainerCodec codec, int count = 300, int blockSize = 512)
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

    /// <summary>The length of a file's header, parsed independently of the container reader.</summary>
    private static int HeaderLength(byte[] file)
    {
        var reader = new AvroReader(file);
        reader.Advance(4);
        for (var n = reader.ReadBlockCount(); n != 0; n = reader.ReadBlockCount())
        {
            for (var i = 0; i < n; i++)
            {
                reader.ReadString();
                reader.ReadBytes();
            }
        }

        return (int)reader.Position + 16;
    }

    /// <summary>The blocks of a file as (offset of the stored data, stored data) pairs, parsed independently of the reader.</summary>
    private static List<(int At, byte[] Stored)> Blocks(byte[] file)
    {
        using var header = new AvroContainerReader(new MemoryStream(file));
        var reader = new AvroReader(file);
        reader.Advance(4);
        for (var n = reader.ReadBlockCount(); n != 0; n = reader.ReadBlockCount())
        {
            for (var i = 0; i < n; i++)
            {
                reader.ReadString();
                reader.ReadBytes();
            }
        }

        reader.ReadFixed(16);
        var blocks = new List<(int, byte[])>();
        while (!reader.End)
        {
            reader.ReadLong();
            var size = (int)reader.ReadLong();
            var at = (int)reader.Position;
            blocks.Add((at, file.AsSpan(at, size).ToArray()));
            reader.Advance(size);
            Assert.Equal(header.SyncMarker.ToArray(), reader.ReadFixed(16));
        }

        return blocks;
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected, as java.util.zip.CRC32), bit by bit: an independent check of the codec's.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public void Snappy_blocks_end_with_the_big_endian_crc32_of_the_uncompressed_datums()
    {
        var file = WriteFile(AvroContainerCodec.Snappy);
        using var reader = new AvroContainerReader(new MemoryStream(file));
        var blocks = Blocks(file);
        Assert.True(blocks.Count > 3);
        foreach (var (_, stored) in blocks)
        {
            Assert.True(reader.TryReadBlock(out _, out var data));
            Assert.Equal(Crc32(data), BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(stored.Length - 4)));
        }
    }

    [Fact]
    public void A_wrong_snappy_crc_is_an_error_naming_the_block_and_its_offset()
    {
        var file = WriteFile(AvroContainerCodec.Snappy);
        var (at, stored) = Blocks(file)[2];
        file[at + stored.Length - 1] ^= 0x01;
        using var reader = new AvroContainerReader(new MemoryStream(file));
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Equal(2, e.BlockIndex);
        Assert.Equal(at, e.Offset);
        Assert.Contains("CRC-32", e.Message);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Corrupt_compressed_blocks_are_container_exceptions_with_block_and_offset(string name)
    {
        var codec = AvroContainerCodec.BuiltIn.Single(c => c.Name == name);
        var file = WriteFile(codec);
        var blocks = Blocks(file);
        var random = new Random(11);
        var failures = 0;
        for (var trial = 0; trial < 100; trial++)
        {
            var copy = (byte[])file.Clone();
            var target = random.Next(blocks.Count);
            var (at, stored) = blocks[target];
            copy[at + random.Next(stored.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                using var reader = new AvroContainerReader(new MemoryStream(copy));
                reader.ReadAll().ToList();
            }
            catch (AvroContainerException e)
            {
                failures++;
                Assert.Equal(target, e.BlockIndex);
                Assert.InRange(e.Offset, blocks[target].At - 20, blocks[target].At + stored.Length);
            }
        }

        Assert.True(failures > 50, $"{failures} of 100 corruptions detected");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Every_truncation_is_a_container_exception(string name)
    {
        var file = WriteFile(AvroContainerCodec.BuiltIn.Single(c => c.Name == name), count: 60, blockSize: 200);
        var complete = 0;
        for (var cut = 0; cut < file.Length; cut++)
        {
            try
            {
                using var reader = new AvroContainerReader(new MemoryStream(file[..cut]));
                reader.ReadAll().ToList();
                complete++;
            }
            catch (AvroContainerException e)
            {
                Assert.InRange(e.Offset, -1, cut);
            }
        }

        // A file cut right after a block's sync marker is a valid, shorter file.
        Assert.Equal(Blocks(file).Count, complete);
    }

    [Fact]
    public void A_wrong_sync_marker_names_the_block_and_the_marker_offset()
    {
        var file = WriteFile(AvroContainerCodec.Null);
        var (at, stored) = Blocks(file)[3];
        file[at + stored.Length + 5] ^= 0x40;
        using var reader = new AvroContainerReader(new MemoryStream(file));
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Equal(3, e.BlockIndex);
        Assert.Equal(at + stored.Length, e.Offset);
        Assert.Contains("sync marker after block 3", e.Message);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void A_block_that_decompresses_beyond_the_limit_is_refused(string name)
    {
        // 64 KiB of zeros compresses to a few hundred bytes at most: a small block, a large claim.
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, GenericCodecTests.Parse("\"bytes\""),
                   new AvroContainerWriterOptions { Codec = AvroContainerCodec.BuiltIn.Single(c => c.Name == name) }, leaveOpen: true))
        {
            writer.Write(new byte[64 * 1024]);
        }

        var file = stream.ToArray();
        Assert.True(file.Length < 8 * 1024);
        using var reader = new AvroContainerReader(new MemoryStream(file), new AvroContainerReaderOptions { MaxBlockSize = 16 * 1024 });
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Equal(0, e.BlockIndex);
        Assert.Contains("16384", e.Message);

        using var generous = new AvroContainerReader(new MemoryStream(file), new AvroContainerReaderOptions { MaxBlockSize = 128 * 1024 });
        Assert.Equal(new byte[64 * 1024], Assert.Single(generous.ReadAll()));
    }

    [Fact]
    public void A_forged_block_size_on_a_short_unseekable_stream_is_refused_without_allocating_it()
    {
        var file = WriteFile(AvroContainerCodec.Null, count: 3);
        var forged = new ArrayBufferWriter<byte>();
        var w = new AvroWriter(forged);
        w.WriteLong(3);
        w.WriteLong(200L * 1024 * 1024);
        w.Flush();
        var bad = file[..HeaderLength(file)].Concat(forged.WrittenSpan.ToArray()).Concat(new byte[100]).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = new AvroContainerReader(new OneByteStream(bad));
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Contains("truncated", e.Message);
        Assert.Equal(0, e.BlockIndex);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * 1024 * 1024);
    }

    [Fact]
    public void Header_problems_are_container_exceptions_of_block_minus_one()
    {
        var file = WriteFile(AvroContainerCodec.Null, count: 3);
        var codecKeyAt = file.AsSpan().IndexOf("avro.codec"u8);
        var codecAt = codecKeyAt + file.AsSpan(codecKeyAt).IndexOf("null"u8);
        var copy = (byte[])file.Clone();
        "lzo!"u8.CopyTo(copy.AsSpan(codecAt));
        var e = Assert.Throws<AvroContainerException>(() => new AvroContainerReader(new MemoryStream(copy)));
        Assert.Equal(-1, e.BlockIndex);
        Assert.Contains("Unsupported codec 'lzo!'", e.Message);
        Assert.Contains("'snappy'", e.Message);
    }

    [Fact]
    public async Task Async_reading_over_a_trickling_stream_gives_every_datum()
    {
        var readings = Enumerable.Range(0, 500).Select(i => new TypedContainerTests.Reading(i, "s" + (i % 5))).ToList();
        var stream = new MemoryStream();
        await AvroContainerWriter.WriteAsync(stream, readings.ToAsyncEnumerable(),
            new AvroContainerWriterOptions { Codec = AvroContainerCodec.Zstandard, BlockSize = 300 });

        var read = new List<TypedContainerTests.Reading>();
        await foreach (var reading in AvroContainerReader.ReadAsync<TypedContainerTests.Reading>(new OneByteStream(stream.ToArray())))
        {
            read.Add(reading);
        }

        Assert.Equal(readings, read);
        Assert.True(Blocks(stream.ToArray()).Count > 5);
    }

    [Fact]
    public async Task Async_reading_reports_corruption_like_sync_reading()
    {
        var file = WriteFile(AvroContainerCodec.Snappy);
        var (at, stored) = Blocks(file)[1];
        file[at + stored.Length + 2] ^= 1;
        await using var reader = await AvroContainerReader.OpenAsync(new OneByteStream(file));
        var e = await Assert.ThrowsAsync<AvroContainerException>(async () =>
        {
            await foreach (var _ in reader.ReadAllAsync())
            {
            }
        });
        Assert.Equal(1, e.BlockIndex);
        Assert.Equal(at + stored.Length, e.Offset);
        await Assert.ThrowsAsync<AvroContainerException>(() => AvroContainerReader.OpenAsync(new OneByteStream(file[..30])).AsTask());
    }

    [Fact]
    public void Max_block_datums_and_block_size_bound_each_block()
    {
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, PointSchema, new AvroContainerWriterOptions { MaxBlockDatums = 7, BlockSize = 1 << 20 }, leaveOpen: true))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.Write(Point(i));
            }
        }

        using var reader = new AvroContainerReader(new MemoryStream(stream.ToArray()));
        var counts = new List<long>();
        while (reader.TryReadBlock(out var count, out _))
        {
            counts.Add(count);
        }

        Assert.Equal([7, 7, 7, 7, 7, 7, 7, 1], counts);
    }

    [Fact]
    public void Writer_options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AvroContainerWriter(new MemoryStream(), PointSchema, new AvroContainerWriterOptions { BlockSize = 0 }));
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), PointSchema, new AvroContainerWriterOptions { SyncMarker = new byte[3] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AvroContainerReader(new MemoryStream(), new AvroContainerReaderOptions { MaxBlockSize = 0 }));
    }

    /// <summary>A non-seekable stream that returns one byte per read, as a slow network would.</summary>
    private sealed class OneByteStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= data.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = data[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

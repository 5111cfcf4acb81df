using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Avro.Codegen.Container;

/// <summary>
/// A block codec of Avro object container files: how a block of datums is stored. The runtime knows <c>null</c>,
/// <c>deflate</c>, <c>snappy</c> and <c>zstandard</c> (<see cref="BuiltIn"/>); other codecs (bzip2, xz) come from an
/// add-on package and are handed to the reader and writer through their options.
/// </summary>
/// <remarks>
/// Implementations report data they cannot decode with <see cref="InvalidDataException"/>; the container reader turns
/// that (and any other failure of a codec) into an <see cref="AvroContainerException"/> naming the block and its offset.
/// </remarks>
public abstract class AvroContainerCodec
{
    /// <summary>Creates a codec known in file headers (<c>avro.codec</c>) as <paramref name="name"/>.</summary>
    protected AvroContainerCodec(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The codec's name in the <c>avro.codec</c> header entry.</summary>
    public string Name { get; }

    /// <summary>Appends the stored form of <paramref name="block"/> (datums back to back) to <paramref name="output"/>.</summary>
    public abstract void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output);

    /// <summary>
    /// Appends the datums stored in <paramref name="stored"/> to <paramref name="output"/>. Data that would decode to
    /// more than <paramref name="maxLength"/> bytes is refused with <see cref="InvalidDataException"/> before it is
    /// decoded in full, so a small forged block cannot exhaust memory.
    /// </summary>
    public abstract void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength);

    /// <summary>The <c>null</c> codec: blocks are stored as they are.</summary>
    public static AvroContainerCodec Null { get; } = new NullCodec();

    /// <summary>The <c>deflate</c> codec: raw DEFLATE (RFC 1951) without zlib header or checksum.</summary>
    public static AvroContainerCodec Deflate { get; } = new DeflateCodec();

    /// <summary>The <c>snappy</c> codec: a Snappy block, then the CRC-32 of the uncompressed data, big-endian.</summary>
    public static AvroContainerCodec Snappy { get; } = new SnappyCodec();

    /// <summary>The <c>zstandard</c> codec: one or more Zstandard frames.</summary>
    public static AvroContainerCodec Zstandard { get; } = new ZstandardCodec();

    /// <summary>The codecs every reader and writer knows without being told.</summary>
    public static IReadOnlyList<AvroContainerCodec> BuiltIn { get; } = [Null, Deflate, Snappy, Zstandard];

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Finds <paramref name="name"/> among <paramref name="extra"/> first, then among <see cref="BuiltIn"/>.</summary>
    internal static AvroContainerCodec? Find(string name, IEnumerable<AvroContainerCodec>? extra)
    {
        foreach (var codec in extra ?? [])
        {
            if (codec.Name == name)
            {
                return codec;
            }
        }

        foreach (var codec in BuiltIn)
        {
            if (codec.Name == name)
            {
                return codec;
            }
        }

        return null;
    }

    /// <summary>The names of the codecs <see cref="Find"/> knows, for error messages.</summary>
    internal static string KnownNames(IEnumerable<AvroContainerCodec>? extra) =>
        string.Join(", ", BuiltIn.Concat(extra ?? []).Select(c => "'" + c.Name + "'").Distinct());

    /// <summary>
    /// Copies a decompressing stream into <paramref name="output"/>, refusing more than <paramref name="maxLength"/>
    /// bytes. For codecs whose libraries decode streams.
    /// </summary>
    protected static void CopyBounded(Stream decompressing, IBufferWriter<byte> output, int maxLength)
    {
        var total = 0L;
        while (true)
        {
            var span = output.GetSpan(16 * 1024);
            var n = decompressing.Read(span);
            if (n == 0)
            {
                return;
            }

            total += n;
            if (total > maxLength)
            {
                throw new InvalidDataException($"the block decompresses to more than the limit of {maxLength} bytes");
            }

            output.Advance(n);
        }
    }

    /// <summary>A write-only stream appending to <paramref name="output"/>, for libraries that compress into streams.</summary>
    protected static Stream AsStream(IBufferWriter<byte> output) => new BufferWriterStream(output);

    /// <summary>A read-only stream over <paramref name="stored"/>, for libraries that decompress from streams.</summary>
    protected static Stream AsStream(ReadOnlyMemory<byte> stored) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(stored, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(stored.ToArray(), writable: false);

    private sealed class NullCodec() : AvroContainerCodec(AvroContainer.NullCodec)
    {
        public override void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output) => output.Write(block);

        public override void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength)
        {
            if (stored.Length > maxLength)
            {
                throw new InvalidDataException($"the block has more than the limit of {maxLength} bytes");
            }

            output.Write(stored.Span);
        }
    }

    private sealed class DeflateCodec() : AvroContainerCodec(AvroContainer.DeflateCodec)
    {
        public override void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output)
        {
            using var deflate = new DeflateStream(AsStream(output), CompressionLevel.Optimal);
            deflate.Write(block);
        }

        public override void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength)
        {
            using var deflate = new DeflateStream(AsStream(stored), CompressionMode.Decompress);
            CopyBounded(deflate, output, maxLength);
        }
    }

    private sealed class SnappyCodec() : AvroContainerCodec(AvroContainer.SnappyCodec)
    {
        public override void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output)
        {
            var span = output.GetSpan(Snappier.Snappy.GetMaxCompressedLength(block.Length) + 4);
            var length = Snappier.Snappy.Compress(block, span);
            BinaryPrimitives.WriteUInt32BigEndian(span.Slice(length), Crc32.HashToUInt32(block));
            output.Advance(length + 4);
        }

        public override void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength)
        {
            if (stored.Length < 4)
            {
                throw new InvalidDataException("a snappy block is shorter than its 4-byte CRC-32");
            }

            var compressed = stored.Span[..^4];
            var length = Snappier.Snappy.GetUncompressedLength(compressed);
            if (length < 0 || length > maxLength)
            {
                throw new InvalidDataException($"the block says it decompresses to {length} bytes (limit {maxLength})");
            }

            var span = output.GetSpan(Math.Max(length, 1));
            var written = Snappier.Snappy.Decompress(compressed, span[..length]);
            var expected = BinaryPrimitives.ReadUInt32BigEndian(stored.Span[^4..]);
            var actual = Crc32.HashToUInt32(span[..written]);
            if (expected != actual)
            {
                throw new InvalidDataException($"the CRC-32 of the decompressed data is {actual:x8}, the block says {expected:x8}");
            }

            output.Advance(written);
        }
    }

    private sealed class ZstandardCodec() : AvroContainerCodec(AvroContainer.ZstandardCodec)
    {
        public override void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output)
        {
            using var compressor = new ZstdSharp.Compressor();
            var span = output.GetSpan(ZstdSharp.Compressor.GetCompressBound(block.Length));
            output.Advance(compressor.Wrap(block, span));
        }

        public override void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength)
        {
            // A stream rather than one-shot decoding: a streaming writer (Java's) leaves the content size out of the frame.
            using var zstd = new ZstdSharp.DecompressionStream(AsStream(stored));
            try
            {
                CopyBounded(zstd, output, maxLength);
            }
            catch (ZstdSharp.ZstdException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }
    }

    /// <summary>A write-only stream over a buffer writer, for compression libraries that write to streams.</summary>
    private sealed class BufferWriterStream(IBufferWriter<byte> output) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

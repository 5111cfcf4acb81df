using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Avro.Codegen.Container;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.Xz;
using Crc32 = System.IO.Hashing.Crc32;

namespace Avro.Codegen.Compression;

/// <summary>
/// The <c>xz</c> container codec. Reading uses SharpCompress's XZ decoder. SharpCompress has no XZ or LZMA2 encoder, only
/// an LZMA one, so writing builds the rest here from the .xz and LZMA2 format descriptions: the block is cut into pieces
/// of at most 32 KiB, each LZMA-compressed on its own as an LZMA2 chunk that resets dictionary, state and properties
/// (or stored as an uncompressed chunk when LZMA does not make it smaller), framed as one .xz stream with one block
/// (LZMA2 filter, CRC-32 check), its index and footer.
/// </summary>
internal sealed class XzCodec() : AvroContainerCodec(AvroContainer.XzCodec)
{
    private const byte CheckCrc32 = 0x01;
    private const byte FilterLzma2 = 0x21;
    private static ReadOnlySpan<byte> HeaderMagic => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    public override void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output)
    {
        var dictionaryBits = DictionaryBits(Math.Min(block.Length, ChunkSize));
        var lzma2 = new ArrayBufferWriter<byte>(Math.Max(256, block.Length / 2));
        WriteLzma2(block, DictionarySize(dictionaryBits), lzma2);

        // Stream header: magic, flags (check type), CRC-32 of the flags.
        Span<byte> flags = [0x00, CheckCrc32];
        Write(output, HeaderMagic);
        Write(output, flags);
        WriteUInt32(output, Crc32.HashToUInt32(flags));

        // Block header: size/4-1, flags (one filter, no sizes), LZMA2 filter with its dictionary byte, padding, CRC-32.
        Span<byte> blockHeader = [2, 0x00, FilterLzma2, 1, dictionaryBits, 0, 0, 0];
        Write(output, blockHeader);
        WriteUInt32(output, Crc32.HashToUInt32(blockHeader));
        Write(output, lzma2.WrittenSpan);
        var padding = (4 - (lzma2.WrittenCount % 4)) % 4;
        Write(output, new byte[padding]);
        WriteUInt32(output, Crc32.HashToUInt32(block));

        // Index: indicator, one record (unpadded size, uncompressed size), padding, CRC-32.
        var index = new ArrayBufferWriter<byte>(32);
        Write(index, [0x00]);
        WriteMultibyte(index, 1);
        WriteMultibyte(index, 12 + lzma2.WrittenCount + 4);
        WriteMultibyte(index, block.Length);
        Write(index, new byte[(4 - (index.WrittenCount % 4)) % 4]);
        var indexCrc = Crc32.HashToUInt32(index.WrittenSpan);
        Write(output, index.WrittenSpan);
        WriteUInt32(output, indexCrc);

        // Stream footer: CRC-32 of (backward size, flags), backward size = index size/4-1, flags, magic.
        Span<byte> footer = stackalloc byte[6];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, (uint)((index.WrittenCount + 4) / 4 - 1));
        flags.CopyTo(footer[4..]);
        WriteUInt32(output, Crc32.HashToUInt32(footer));
        Write(output, footer);
        Write(output, "YZ"u8);
    }

    /// <summary>Uncompressed bytes per LZMA2 chunk: LZMA output of this much stays under the chunk limit of 64 KiB.</summary>
    private const int ChunkSize = 32 * 1024;

    private static void WriteLzma2(ReadOnlySpan<byte> block, int dictionarySize, ArrayBufferWriter<byte> output)
    {
        var lzma = new ArrayBufferWriter<byte>(ChunkSize + 1024);
        for (var at = 0; at < block.Length; at += ChunkSize)
        {
            var piece = block.Slice(at, Math.Min(ChunkSize, block.Length - at));
            lzma.Clear();
            byte properties;
            using (var encoder = LzmaStream.Create(new LzmaEncoderProperties(false, dictionarySize), false, AsStream(lzma)))
            {
                encoder.Write(piece);
                properties = encoder.Properties[0];
            }

            var u = piece.Length - 1;
            if (lzma.WrittenCount < piece.Length)
            {
                // LZMA chunk resetting dictionary, state and properties: 111 + bits 16-20 of u, u, compressed size - 1, properties.
                var c = lzma.WrittenCount - 1;
                Write(output, [(byte)(0xE0 | (u >> 16)), (byte)(u >> 8), (byte)u, (byte)(c >> 8), (byte)c, properties]);
                Write(output, lzma.WrittenSpan);
            }
            else
            {
                // Uncompressed chunk with a dictionary reset (the next LZMA chunk resets everything anyway).
                Write(output, [0x01, (byte)(u >> 8), (byte)u]);
                Write(output, piece);
            }
        }

        Write(output, [0x00]);
    }

    public override void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength)
    {
        using var xz = new XZStream(AsStream(stored));
        CopyBounded(xz, output, maxLength);
    }

    /// <summary>The smallest LZMA2 dictionary-size code whose dictionary holds <paramref name="length"/> bytes (at least 4 KiB).</summary>
    private static byte DictionaryBits(int length)
    {
        byte bits = 0;
        while (bits < 40 && DictionarySize(bits) < length)
        {
            bits++;
        }

        return bits;
    }

    private static int DictionarySize(byte bits) =>
        bits >= 40 ? int.MaxValue : (int)Math.Min(int.MaxValue, (2L | (bits & 1L)) << (bits / 2 + 11));

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private static void WriteUInt32(IBufferWriter<byte> output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        output.Write(bytes);
    }

    /// <summary>The .xz format's variable-length integer: 7 bits a byte, least significant first.</summary>
    private static void WriteMultibyte(IBufferWriter<byte> output, long value)
    {
        Span<byte> bytes = stackalloc byte[9];
        var n = 0;
        while (value >= 0x80)
        {
            bytes[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[n++] = (byte)value;
        output.Write(bytes[..n]);
    }
}

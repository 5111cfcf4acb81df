using System.Buffers;
using Avro.Codegen.Container;
using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;

namespace Avro.Codegen.Compression;

/// <summary>The <c>bzip2</c> container codec: each block is one bzip2 stream (as Java's and Python's writers store it).</summary>
internal sealed class Bzip2Codec() : AvroContainerCodec(AvroContainer.Bzip2Codec)
{
    public override void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output)
    {
        using var bzip2 = BZip2Stream.Create(AsStream(output), CompressionMode.Compress, decompressConcatenated: false, leaveOpen: true, tolerateTruncatedStream: false);
        bzip2.Write(block);
        bzip2.Finish();
    }

    public override void Decompress(ReadOnlyMemory<byte> stored, IBufferWriter<byte> output, int maxLength)
    {
        using var bzip2 = BZip2Stream.Create(AsStream(stored), CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false);
        CopyBounded(bzip2, output, maxLength);
    }
}

using Avro.Codegen.Container;

namespace Avro.Codegen.Compression;

/// <summary>
/// The container codecs of this package, for <see cref="AvroContainerReaderOptions.Codecs"/> and
/// <see cref="AvroContainerWriterOptions.Codec"/>: <c>bzip2</c> and <c>xz</c>, the codecs Java's Avro writes that the
/// runtime does not carry itself (they need a larger compression library).
/// </summary>
public static class AvroCompressionCodecs
{
    /// <summary>The <c>bzip2</c> codec.</summary>
    public static AvroContainerCodec Bzip2 { get; } = new Bzip2Codec();

    /// <summary>The <c>xz</c> codec: one .xz stream per block, LZMA2 with a CRC-32 check.</summary>
    public static AvroContainerCodec Xz { get; } = new XzCodec();

    /// <summary>Both codecs, to hand to a reader: <c>new AvroContainerReaderOptions { Codecs = AvroCompressionCodecs.All }</c>.</summary>
    public static IReadOnlyList<AvroContainerCodec> All { get; } = [Bzip2, Xz];
}

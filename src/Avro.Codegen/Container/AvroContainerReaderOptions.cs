namespace Avro.Codegen.Container;

/// <summary>Options of <see cref="AvroContainerReader"/>.</summary>
public sealed class AvroContainerReaderOptions
{
    /// <summary>The default <see cref="MaxBlockSize"/>: 256 MiB.</summary>
    public const int DefaultMaxBlockSize = 256 * 1024 * 1024;

    /// <summary>Limits of the datum decoder (nesting depth, UTF-8 handling, ...).</summary>
    public AvroReaderOptions DatumOptions { get; init; } = AvroReaderOptions.Default;

    /// <summary>
    /// The largest block accepted, stored or decompressed, in bytes (default 256 MiB). A block over the limit is an
    /// <see cref="AvroContainerException"/>; the reader never holds more than about one block plus its stored form.
    /// </summary>
    public int MaxBlockSize { get; init; } = DefaultMaxBlockSize;

    /// <summary>
    /// Codecs beyond the built-in ones (<see cref="AvroContainerCodec.BuiltIn"/>), such as bzip2 and xz from the
    /// Avro.Codegen.Compression package. A codec here wins over a built-in one of the same name.
    /// </summary>
    public IReadOnlyList<AvroContainerCodec> Codecs { get; init; } = [];
}

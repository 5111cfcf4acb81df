namespace Avro.Codegen.Container;

/// <summary>Options of <see cref="AvroContainerWriter"/>.</summary>
public sealed class AvroContainerWriterOptions
{
    /// <summary>The block codec (default <see cref="AvroContainerCodec.Null"/>).</summary>
    public AvroContainerCodec Codec { get; init; } = AvroContainerCodec.Null;

    /// <summary>
    /// Uncompressed bytes gathered before a block is written and followed by the sync marker (default 64 KiB): what
    /// Java's <c>DataFileWriter.setSyncInterval</c> and Python's sync interval set. A block holds this much plus at most
    /// one datum, so memory stays at about one block whatever the file's size.
    /// </summary>
    public int BlockSize { get; init; } = 64 * 1024;

    /// <summary>The most datums in one block, whatever their size (default: no limit but <see cref="BlockSize"/>).</summary>
    public long MaxBlockDatums { get; init; } = long.MaxValue;

    /// <summary>Flushes the stream after every block, so a reader following the file sees each block as it is written.</summary>
    public bool FlushEveryBlock { get; init; }

    /// <summary>Extra header metadata; keys starting with <c>avro.</c> are reserved.</summary>
    public IReadOnlyDictionary<string, byte[]>? Metadata { get; init; }

    /// <summary>The 16-byte sync marker; random when null (set it only for reproducible files).</summary>
    public byte[]? SyncMarker { get; init; }
}

namespace Avro.Codegen.Container;

/// <summary>
/// An object container file that cannot be read: a bad header, a block that does not decode, a sync marker that does
/// not match, a truncated file. <see cref="AvroDataException.Offset"/> is the byte offset in the file and
/// <see cref="BlockIndex"/> the block the problem is in.
/// </summary>
public sealed class AvroContainerException : AvroDataException
{
    /// <summary>Creates an exception about block <paramref name="blockIndex"/> (-1: the header) at file offset <paramref name="offset"/>.</summary>
    public AvroContainerException(string message, long blockIndex, long offset, Exception? innerException = null)
        : base(message, offset, innerException)
    {
        BlockIndex = blockIndex;
    }

    /// <summary>The block the problem is in, counting from 0 for the first block after the header; -1 for the header itself.</summary>
    public long BlockIndex { get; }
}

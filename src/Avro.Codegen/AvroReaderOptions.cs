namespace Avro.Codegen;

/// <summary>What to do with string bytes that are not valid UTF-8.</summary>
public enum InvalidUtf8Handling
{
    /// <summary>Reject them with an <see cref="AvroDataException"/> naming the offset (the default: bad bytes are an error).</summary>
    Throw,

    /// <summary>Replace each invalid sequence with U+FFFD, as Java Avro does when it builds a <c>String</c>.</summary>
    Replace,
}

/// <summary>Limits and policies for <see cref="AvroReader"/>. Instances are immutable once handed to a reader; share them.</summary>
public sealed class AvroReaderOptions
{
    /// <summary>The options used when none are given.</summary>
    public static AvroReaderOptions Default { get; } = new();

    /// <summary>
    /// How deep values of recursive types (records, arrays, maps, unions) may nest before reading stops with an
    /// <see cref="AvroDataException"/>; guards the stack against forged nesting. Default 64.
    /// </summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The policy for invalid UTF-8 in strings and map keys. Default <see cref="InvalidUtf8Handling.Throw"/>.</summary>
    public InvalidUtf8Handling InvalidUtf8Handling { get; init; } = InvalidUtf8Handling.Throw;

    /// <summary>
    /// How many array items beyond what the remaining bytes could hold one reader accepts in total. Block counts are
    /// checked against the bytes that remain (most items need at least one byte), which bounds what a forged count can
    /// make a caller allocate; items that take zero bytes (<c>null</c>, empty records) draw on this budget instead.
    /// Default 1,000,000.
    /// </summary>
    public long MaxZeroSizeItems { get; init; } = 1_000_000;
}

using System.Diagnostics.CodeAnalysis;

namespace Avro.Codegen;

/// <summary>
/// The one exception family for Avro data that cannot be read or written: malformed or truncated bytes, values out of
/// range for their schema, wrong framing headers. It names the byte offset when the problem is at a byte position.
/// </summary>
public class AvroDataException : Exception
{
    /// <summary>Creates an exception that is not about a byte position.</summary>
    public AvroDataException(string message)
        : this(message, -1, null)
    {
    }

    /// <summary>Creates an exception about the byte at <paramref name="offset"/> (or -1 when there is none).</summary>
    public AvroDataException(string message, long offset, Exception? innerException = null)
        : base(offset >= 0 ? message + " (at byte offset " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : message, innerException)
    {
        Offset = offset;
        Reason = message;
    }

    /// <summary>The byte offset the problem was found at, relative to the start of the input; -1 when not about a byte position.</summary>
    public long Offset { get; }

    /// <summary>The message without the offset suffix.</summary>
    public string Reason { get; }
}

/// <summary>Throws from cold paths so the hot paths stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Throw(string message, long offset) => throw new AvroDataException(message, offset);

    [DoesNotReturn]
    public static T Throw<T>(string message, long offset) => throw new AvroDataException(message, offset);

    [DoesNotReturn]
    public static void ThrowDestinationFull(int needed, long written) =>
        throw new AvroDataException($"The destination span is full: {needed} more byte(s) needed after {written} byte(s) written.");
}

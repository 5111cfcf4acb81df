namespace Avro.Codegen;

/// <summary>
/// The Avro <c>duration</c> logical type: an amount of time in months, days and milliseconds, kept apart because a
/// month has no fixed number of days and a day no fixed number of milliseconds. Encoded as <c>fixed(12)</c>: three
/// little-endian unsigned 32-bit integers.
/// </summary>
/// <param name="Months">Whole months.</param>
/// <param name="Days">Whole days.</param>
/// <param name="Milliseconds">Milliseconds.</param>
public readonly record struct AvroDuration(uint Months, uint Days, uint Milliseconds)
{
    /// <summary>The encoded size: 12 bytes.</summary>
    public const int Size = 12;
}

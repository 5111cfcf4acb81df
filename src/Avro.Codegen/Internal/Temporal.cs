namespace Avro.Codegen.Internal;

/// <summary>
/// Conversions between .NET ticks (100 ns since 0001-01-01) and the Avro time units since the Unix epoch. Writing
/// rounds toward the past (floor), as Java's <c>Instant.toEpochMilli</c> does, so pre-1970 values stay consistent.
/// </summary>
internal static class Temporal
{
    public const long EpochTicks = 621_355_968_000_000_000;
    public const int EpochDayNumber = 719_162;
    public const long TicksPerMicrosecond = 10;

    public static long ToMillis(long ticks) => FloorDiv(ticks - EpochTicks, TimeSpan.TicksPerMillisecond);

    public static long ToMicros(long ticks) => FloorDiv(ticks - EpochTicks, TicksPerMicrosecond);

    public static long ToNanos(long ticks)
    {
        var sinceEpoch = ticks - EpochTicks;
        if (sinceEpoch > long.MaxValue / 100 || sinceEpoch < long.MinValue / 100)
        {
            throw new AvroException($"The time {new DateTime(ticks):O} is outside the range of nanosecond timestamps (years 1677 to 2262).");
        }

        return sinceEpoch * 100;
    }

    private static long FloorDiv(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Ticks for <paramref name="count"/> units of <paramref name="ticksPerUnit"/> after the epoch; false when outside DateTime's range.</summary>
    public static bool TryFromUnits(long count, long ticksPerUnit, out long ticks)
    {
        const long maxSinceEpoch = 3_155_378_975_999_999_999 - EpochTicks; // DateTime.MaxValue.Ticks - epoch
        const long minSinceEpoch = -EpochTicks;
        if (count > maxSinceEpoch / ticksPerUnit || count < minSinceEpoch / ticksPerUnit)
        {
            ticks = 0;
            return false;
        }

        ticks = EpochTicks + (count * ticksPerUnit);
        return true;
    }

    /// <summary>Ticks for nanoseconds after the epoch (sub-100 ns digits dropped toward the past).</summary>
    public static long FromNanos(long nanos) => EpochTicks + FloorDiv(nanos, 100);
}

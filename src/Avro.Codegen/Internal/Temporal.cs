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
            throw new AvroDataException($"The time {new DateTime(ticks):O} is outside the range of nanosecond timestamps (years 1677 to 2262).");
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

    // The checked conversions from the wire value, shared by the binary reader and the JSON codec. Each names the value
    // and raises AvroDataException at `offset` (a byte position in whatever input the value came from).

    /// <summary>A <c>date</c>: days since 1970-01-01, within DateOnly's years 1 to 9999.</summary>
    public static DateOnly DateFromDays(int daysSinceEpoch, long offset)
    {
        var days = (long)daysSinceEpoch + EpochDayNumber;
        if (days < DateOnly.MinValue.DayNumber || days > DateOnly.MaxValue.DayNumber)
        {
            ThrowHelper.Throw($"The date {daysSinceEpoch} days from 1970-01-01 is outside the years 1 to 9999", offset);
        }

        return DateOnly.FromDayNumber((int)days);
    }

    /// <summary>A <c>time-millis</c>: milliseconds after midnight, 0 to 86,399,999.</summary>
    public static TimeOnly TimeFromMillis(int millis, long offset)
    {
        if ((uint)millis >= 86_400_000u)
        {
            ThrowHelper.Throw($"The time-millis value {millis} is not within a day", offset);
        }

        return new TimeOnly(millis * TimeSpan.TicksPerMillisecond);
    }

    /// <summary>A <c>time-micros</c>: microseconds after midnight.</summary>
    public static TimeOnly TimeFromMicros(long micros, long offset)
    {
        if ((ulong)micros >= 86_400_000_000ul)
        {
            ThrowHelper.Throw($"The time-micros value {micros} is not within a day", offset);
        }

        return new TimeOnly(micros * TicksPerMicrosecond);
    }

    /// <summary>Ticks for a millisecond or microsecond timestamp, within DateTime's years 1 to 9999.</summary>
    public static long TicksFromUnits(long count, long ticksPerUnit, string what, long offset)
    {
        if (!TryFromUnits(count, ticksPerUnit, out var ticks))
        {
            ThrowHelper.Throw($"The {what} value {count} is outside the years 1 to 9999", offset);
        }

        return ticks;
    }

    /// <summary>
    /// Ticks for a nanosecond timestamp. .NET time counts 100 ns ticks, so a value with digits below 100 ns is refused
    /// rather than rounded.
    /// </summary>
    public static long TicksFromNanos(long nanos, string what, long offset)
    {
        if (nanos % 100 != 0)
        {
            ThrowHelper.Throw($"The {what} value {nanos} has digits below 100 ns, which .NET date and time types cannot hold; it was not rounded", offset);
        }

        return FromNanos(nanos);
    }

    /// <summary>The <c>date</c> wire value.</summary>
    public static int ToDays(DateOnly value) => value.DayNumber - EpochDayNumber;

    /// <summary>The <c>time-millis</c> wire value.</summary>
    public static int ToTimeMillis(TimeOnly value) => (int)(value.Ticks / TimeSpan.TicksPerMillisecond);

    /// <summary>The <c>time-micros</c> wire value.</summary>
    public static long ToTimeMicros(TimeOnly value) => value.Ticks / TicksPerMicrosecond;
}

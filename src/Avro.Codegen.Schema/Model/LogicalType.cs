namespace Avro.Codegen.Schema;

/// <summary>The logical types of the Avro 1.12 specification.</summary>
public enum LogicalTypeKind
{
    /// <summary><c>decimal</c> on <c>bytes</c> or <c>fixed</c>, with precision and scale.</summary>
    Decimal,
    /// <summary><c>big-decimal</c> on <c>bytes</c>: the scale travels in each value.</summary>
    BigDecimal,
    /// <summary><c>uuid</c> on <c>string</c> or <c>fixed(16)</c>.</summary>
    Uuid,
    /// <summary><c>date</c> on <c>int</c>: days since 1970-01-01.</summary>
    Date,
    /// <summary><c>time-millis</c> on <c>int</c>.</summary>
    TimeMillis,
    /// <summary><c>time-micros</c> on <c>long</c>.</summary>
    TimeMicros,
    /// <summary><c>timestamp-millis</c> on <c>long</c>.</summary>
    TimestampMillis,
    /// <summary><c>timestamp-micros</c> on <c>long</c>.</summary>
    TimestampMicros,
    /// <summary><c>timestamp-nanos</c> on <c>long</c>.</summary>
    TimestampNanos,
    /// <summary><c>local-timestamp-millis</c> on <c>long</c>.</summary>
    LocalTimestampMillis,
    /// <summary><c>local-timestamp-micros</c> on <c>long</c>.</summary>
    LocalTimestampMicros,
    /// <summary><c>local-timestamp-nanos</c> on <c>long</c>.</summary>
    LocalTimestampNanos,
    /// <summary><c>duration</c> on <c>fixed(12)</c>: months, days, milliseconds.</summary>
    Duration,
}

/// <summary>
/// A valid logical-type annotation. Invalid or unknown annotations are not represented here: as the specification
/// says, such a schema is its underlying type (the <c>logicalType</c> attribute stays among the custom properties).
/// </summary>
public sealed record LogicalType(LogicalTypeKind Kind, string Name, int Precision = 0, int Scale = 0)
{
    /// <summary>The spec name of a logical type kind, e.g. <c>timestamp-millis</c>.</summary>
    public static string NameOf(LogicalTypeKind kind) => kind switch
    {
        LogicalTypeKind.Decimal => "decimal",
        LogicalTypeKind.BigDecimal => "big-decimal",
        LogicalTypeKind.Uuid => "uuid",
        LogicalTypeKind.Date => "date",
        LogicalTypeKind.TimeMillis => "time-millis",
        LogicalTypeKind.TimeMicros => "time-micros",
        LogicalTypeKind.TimestampMillis => "timestamp-millis",
        LogicalTypeKind.TimestampMicros => "timestamp-micros",
        LogicalTypeKind.TimestampNanos => "timestamp-nanos",
        LogicalTypeKind.LocalTimestampMillis => "local-timestamp-millis",
        LogicalTypeKind.LocalTimestampMicros => "local-timestamp-micros",
        LogicalTypeKind.LocalTimestampNanos => "local-timestamp-nanos",
        _ => "duration",
    };

    /// <summary>Creates an annotation of <paramref name="kind"/> (use <see cref="DecimalOf"/> for decimals).</summary>
    public static LogicalType Of(LogicalTypeKind kind) => new(kind, NameOf(kind));

    /// <summary>Creates a <c>decimal</c> annotation.</summary>
    public static LogicalType DecimalOf(int precision, int scale) => new(LogicalTypeKind.Decimal, "decimal", precision, scale);
}

using System.Collections.Generic;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// Recognises valid logical-type annotations. Per the specification an unknown or invalid annotation is not an error:
/// the schema is then simply its underlying type, and the attributes stay among its custom properties.
/// </summary>
internal static class LogicalTypes
{
    private static readonly string[] DecimalAttributes = { "logicalType", "precision", "scale" };
    private static readonly string[] NameOnly = { "logicalType" };

    /// <summary>The attributes a valid annotation consumes (so they are not also kept as custom properties).</summary>
    public static IReadOnlyCollection<string> AttributesOf(LogicalType logical) =>
        logical.Kind == LogicalTypeKind.Decimal ? DecimalAttributes : NameOnly;

    public static LogicalType? ForPrimitive(JsonObject obj, SchemaKind kind)
    {
        if (obj["logicalType"] is not JsonString name)
        {
            return null;
        }

        switch (name.Value)
        {
            case "decimal":
                return kind == SchemaKind.Bytes ? Decimal(obj, long.MaxValue) : null;
            case "big-decimal":
                return Simple(kind == SchemaKind.Bytes, LogicalTypeKind.BigDecimal);
            case "uuid":
                return Simple(kind == SchemaKind.String, LogicalTypeKind.Uuid);
            case "date":
                return Simple(kind == SchemaKind.Int, LogicalTypeKind.Date);
            case "time-millis":
                return Simple(kind == SchemaKind.Int, LogicalTypeKind.TimeMillis);
            case "time-micros":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.TimeMicros);
            case "timestamp-millis":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.TimestampMillis);
            case "timestamp-micros":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.TimestampMicros);
            case "timestamp-nanos":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.TimestampNanos);
            case "local-timestamp-millis":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.LocalTimestampMillis);
            case "local-timestamp-micros":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.LocalTimestampMicros);
            case "local-timestamp-nanos":
                return Simple(kind == SchemaKind.Long, LogicalTypeKind.LocalTimestampNanos);
            default:
                return null;
        }
    }

    public static LogicalType? ForFixed(JsonObject obj, int size)
    {
        if (obj["logicalType"] is not JsonString name)
        {
            return null;
        }

        switch (name.Value)
        {
            case "decimal":
                return Decimal(obj, MaxDecimalPrecision(size));
            case "uuid":
                return Simple(size == 16, LogicalTypeKind.Uuid);
            case "duration":
                return Simple(size == 12, LogicalTypeKind.Duration);
            default:
                return null;
        }
    }

    /// <summary>
    /// The most decimal digits a two's-complement value of <paramref name="size"/> bytes always holds:
    /// floor(log10(2^(8*size-1) - 1)), computed as Java Avro does so both accept the same schemas.
    /// </summary>
    public static long MaxDecimalPrecision(int size) =>
        size <= 0 ? 0 : (long)System.Math.Round(System.Math.Floor(System.Math.Log10(2) * ((8.0 * size) - 1)));

    private static LogicalType? Simple(bool valid, LogicalTypeKind kind) => valid ? LogicalType.Of(kind) : null;

    private static LogicalType? Decimal(JsonObject obj, long maxPrecision)
    {
        if (!TryGetInt(obj["precision"], out var precision) || precision <= 0 || precision > maxPrecision)
        {
            return null;
        }

        var scale = 0;
        var scaleValue = obj["scale"];
        if (scaleValue is not null && (!TryGetInt(scaleValue, out scale) || scale < 0 || scale > precision))
        {
            return null;
        }

        return LogicalType.DecimalOf(precision, scale);
    }

    private static bool TryGetInt(JsonValue? value, out int result)
    {
        result = 0;
        if (value is JsonNumber number && number.IsInteger && number.TryGetInt64(out var n) && n >= int.MinValue && n <= int.MaxValue)
        {
            result = (int)n;
            return true;
        }

        return false;
    }
}

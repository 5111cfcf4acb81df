// Over 400 lines on purpose: a schema default to a C# expression for every kind and logical type; one switch, read
// side by side with the type mapping it follows.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

// Over 400 lines as one unit on purpose: one recursive mapping from a JSON default to a C# expression, switched on the
// Avro type (primitives, logical types, collections, records, unions); split by type, each part would need the others.

namespace Avro.Codegen.Generator.Emit;

/// <summary>What a default expression needs from the binding: the C# names of types, properties and union members.</summary>
internal interface IDefaultNames
{
    /// <summary>How generated code refers to <paramref name="schema"/>.</summary>
    TypeRef Ref(AvroSchema schema);

    /// <summary>The C# property of a record field.</summary>
    string PropertyName(RecordSchema record, string fieldName);

    /// <summary>The factory method of a union's branch (<c>Union.FromX</c>).</summary>
    string UnionFactory(AvroSchema union, int branch);

    /// <summary>The null case of a union (<c>Union.Null</c>).</summary>
    string UnionNull(AvroSchema union);
}

/// <summary>
/// Field defaults (JSON, as the spec encodes them) as C# initializer expressions, computed at generation time.
/// Returns null for a value C# cannot hold (e.g. a timestamp beyond <see cref="DateTime.MaxValue"/>); the caller
/// reports it and makes the property required.
/// </summary>
internal static class DefaultExpressions
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const long MaxTicks = 3155378975999999999L;
    private const int UnixEpochDayNumber = 719162;

    public static string? Create(IDefaultNames names, AvroSchema schema, TypeRef type, JsonValue value)
    {
        try
        {
            return Expression(names, schema, type, value);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static string? Expression(IDefaultNames names, AvroSchema schema, TypeRef type, JsonValue value)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Null:
                return value is JsonNull ? "default" : null;
            case TypeRefKind.Boolean:
                return value is JsonBoolean b ? (b.Value ? "true" : "false") : null;
            case TypeRefKind.Int:
                return value is JsonNumber i && int.TryParse(i.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var iv)
                    ? iv.ToString(CultureInfo.InvariantCulture) : null;
            case TypeRefKind.Long:
                return value is JsonNumber l && l.TryGetInt64(out var lv) ? lv.ToString(CultureInfo.InvariantCulture) + "L" : null;
            case TypeRefKind.Float:
                return value is JsonNumber f ? FloatLiteral((float)f.ToDouble()) : null;
            case TypeRefKind.Double:
                return value is JsonNumber d ? DoubleLiteral(d.ToDouble()) : null;
            case TypeRefKind.String:
                return value is JsonString s ? Naming.Literal(s.Value) : null;
            case TypeRefKind.Bytes:
                return value is JsonString bytes ? ByteArray(Latin1(bytes.Value)) : null;
            case TypeRefKind.Enum:
                return value is JsonString symbol && ((EnumSchema)schema).IndexOf(symbol.Value) >= 0
                    ? type.CSharpType + "." + Naming.Escape(symbol.Value) : null;
            case TypeRefKind.Fixed:
            {
                if (value is not JsonString text)
                {
                    return null;
                }

                var data = Latin1(text.Value);
                return data.Length == type.FixedSize ? "new " + type.CSharpType + "(" + ByteArray(data) + ")" : null;
            }

            case TypeRefKind.Array:
            {
                if (value is not JsonArray array)
                {
                    return null;
                }

                var itemSchema = ((ArraySchema)schema).Items;
                var items = new List<string>();
                foreach (var item in array.Items)
                {
                    var expression = Expression(names, itemSchema, type.Element!, item);
                    if (expression is null)
                    {
                        return null;
                    }

                    items.Add(expression);
                }

                return items.Count == 0 ? "new " + type.CSharpType + "()" : "new " + type.CSharpType + " { " + string.Join(", ", items) + " }";
            }

            case TypeRefKind.Map:
            {
                if (value is not JsonObject map)
                {
                    return null;
                }

                var valueSchema = ((MapSchema)schema).Values;
                var entries = new List<string>();
                foreach (var entry in map.Properties)
                {
                    var expression = Expression(names, valueSchema, type.Element!, entry.Value);
                    if (expression is null)
                    {
                        return null;
                    }

                    entries.Add("[" + Naming.Literal(entry.Name) + "] = " + expression);
                }

                return entries.Count == 0 ? "new " + type.CSharpType + "()" : "new " + type.CSharpType + " { " + string.Join(", ", entries) + " }";
            }

            case TypeRefKind.Record:
            {
                if (value is not JsonObject obj)
                {
                    return null;
                }

                var record = (RecordSchema)schema;
                var assignments = new List<string>();
                foreach (var field in record.Fields)
                {
                    var fieldValue = obj[field.Name];
                    if (fieldValue is null)
                    {
                        if (field.Default is null)
                        {
                            return null;
                        }

                        // The nested record's own initializer supplies it.
                        continue;
                    }

                    var expression = Expression(names, field.Type, names.Ref(field.Type), fieldValue);
                    if (expression is null)
                    {
                        return null;
                    }

                    assignments.Add(names.PropertyName(record, field.Name) + " = " + expression);
                }

                return assignments.Count == 0 ? "new " + type.CSharpType + "()" : "new " + type.CSharpType + " { " + string.Join(", ", assignments) + " }";
            }

            case TypeRefKind.Nullable:
            {
                if (value is JsonNull)
                {
                    return "null";
                }

                var union = (UnionSchema)schema;
                return Expression(names, union.Branches[1 - type.NullIndex], type.Element!, value);
            }

            case TypeRefKind.Union:
            {
                // The spec: a union default belongs to one of its branches; the first branch that accepts it wins.
                var union = (UnionSchema)schema;
                for (var branchIndex = 0; branchIndex < union.Branches.Count; branchIndex++)
                {
                    var branch = union.Branches[branchIndex];
                    if (branch.Kind == SchemaKind.Null)
                    {
                        if (value is JsonNull)
                        {
                            return names.UnionNull(union);
                        }

                        continue;
                    }

                    var expression = Create(names, branch, names.Ref(branch), value);
                    if (expression is not null)
                    {
                        return names.UnionFactory(union, branchIndex) + "(" + expression + ")";
                    }
                }

                return null;
            }

            case TypeRefKind.Logical:
                return LogicalExpression(type, value);
            default:
                return null;
        }
    }

    private static string? LogicalExpression(TypeRef type, JsonValue value)
    {
        switch (type.Logical)
        {
            case LogicalKind.Decimal or LogicalKind.DecimalFixed or LogicalKind.LargeDecimal or LogicalKind.LargeDecimalFixed:
            {
                if (value is not JsonString text)
                {
                    return null;
                }

                var bytes = Latin1(text.Value);
                if (bytes.Length == 0)
                {
                    return null;
                }

                // Two's complement, big-endian: BigInteger wants little-endian.
                var unscaled = new BigInteger(bytes.Reverse().ToArray());
                if (type.Logical is LogicalKind.LargeDecimal or LogicalKind.LargeDecimalFixed)
                {
                    return "new global::Avro.Codegen.AvroBigDecimal(global::System.Numerics.BigInteger.Parse(" +
                        Naming.Literal(unscaled.ToString(CultureInfo.InvariantCulture)) + ", global::System.Globalization.CultureInfo.InvariantCulture), " +
                        type.Scale.ToString(CultureInfo.InvariantCulture) + ")";
                }

                return DecimalLiteral(unscaled, type.Scale);
            }

            case LogicalKind.Uuid:
                return value is JsonString uuid && Guid.TryParse(uuid.Value, out var guid)
                    ? "new global::System.Guid(" + Naming.Literal(guid.ToString("D")) + ")" : null;
            case LogicalKind.UuidFixed:
            {
                if (value is not JsonString text)
                {
                    return null;
                }

                var bytes = Latin1(text.Value);
                if (bytes.Length != 16)
                {
                    return null;
                }

                // RFC 4122 byte order: the hex digits in byte order are the text form.
                var hex = string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
                var formatted = hex.Substring(0, 8) + "-" + hex.Substring(8, 4) + "-" + hex.Substring(12, 4) + "-" + hex.Substring(16, 4) + "-" + hex.Substring(20);
                return "new global::System.Guid(" + Naming.Literal(formatted) + ")";
            }

            case LogicalKind.Date:
            {
                if (!TryLong(value, out var days) || days < -UnixEpochDayNumber || days > 3652058 - UnixEpochDayNumber)
                {
                    return null;
                }

                return "global::System.DateOnly.FromDayNumber(" + (days + UnixEpochDayNumber).ToString(CultureInfo.InvariantCulture) + ")";
            }

            case LogicalKind.TimeMillis or LogicalKind.TimeMicros:
            {
                if (!TryLong(value, out var amount))
                {
                    return null;
                }

                var ticks = type.Logical == LogicalKind.TimeMillis ? amount * 10000 : amount * 10;
                return ticks is >= 0 and < 864000000000L
                    ? "new global::System.TimeOnly(" + ticks.ToString(CultureInfo.InvariantCulture) + "L)" : null;
            }

            case LogicalKind.TimestampMillis or LogicalKind.TimestampMicros or LogicalKind.TimestampNanos
                or LogicalKind.LocalTimestampMillis or LogicalKind.LocalTimestampMicros or LogicalKind.LocalTimestampNanos:
            {
                if (!TryLong(value, out var amount))
                {
                    return null;
                }

                var offset = type.Logical switch
                {
                    LogicalKind.TimestampMillis or LogicalKind.LocalTimestampMillis => (BigInteger)amount * 10000,
                    LogicalKind.TimestampMicros or LogicalKind.LocalTimestampMicros => (BigInteger)amount * 10,
                    _ => FloorDivide(amount, 100),
                };
                var ticks = offset + UnixEpochTicks;
                if (ticks < 0 || ticks > MaxTicks)
                {
                    return null;
                }

                var text = ((long)ticks).ToString(CultureInfo.InvariantCulture) + "L";
                return type.Logical is LogicalKind.TimestampMillis or LogicalKind.TimestampMicros or LogicalKind.TimestampNanos
                    ? "new global::System.DateTimeOffset(" + text + ", global::System.TimeSpan.Zero)"
                    : "new global::System.DateTime(" + text + ")";
            }

            case LogicalKind.Duration:
            {
                if (value is not JsonString text)
                {
                    return null;
                }

                var bytes = Latin1(text.Value);
                if (bytes.Length != 12)
                {
                    return null;
                }

                return "new global::Avro.Codegen.AvroDuration(" + UInt(bytes, 0) + ", " + UInt(bytes, 4) + ", " + UInt(bytes, 8) + ")";
            }

            default:
                return null;
        }
    }

    private static BigInteger FloorDivide(long value, long divisor)
    {
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static string UInt(byte[] bytes, int start) =>
        ((uint)(bytes[start] | (bytes[start + 1] << 8) | (bytes[start + 2] << 16) | (bytes[start + 3] << 24))).ToString(CultureInfo.InvariantCulture) + "u";

    private static bool TryLong(JsonValue value, out long result)
    {
        result = 0;
        return value is JsonNumber number && number.TryGetInt64(out result);
    }

    /// <summary>Avro JSON encodes bytes as a string whose code points 0-255 are the byte values.</summary>
    private static byte[] Latin1(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > '\u00ff')
            {
                throw new FormatException("not a byte string");
            }

            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static string ByteArray(byte[] bytes) => bytes.Length == 0
        ? "global::System.Array.Empty<byte>()"
        : "new byte[] { " + string.Join(", ", bytes.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture))) + " }";

    private static string DecimalLiteral(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = digits.Substring(0, digits.Length - scale) + "." + digits.Substring(digits.Length - scale);
        }
        else if (scale < 0)
        {
            digits += new string('0', -scale);
        }

        // A decimal literal holds 28-29 significant digits; anything larger has no C# decimal form.
        decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return (unscaled.Sign < 0 ? "-" : string.Empty) + digits + "m";
    }

    internal static string FloatLiteral(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    internal static string DoubleLiteral(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text + "d";
    }
}

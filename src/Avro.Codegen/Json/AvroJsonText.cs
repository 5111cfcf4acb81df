using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Avro.Codegen.Json;

/// <summary>
/// The writing half of the one Avro JSON core, under both faces (<see cref="AvroJsonCodec"/> for generated code,
/// <see cref="Generic.GenericJson"/> for schema-driven generic values): the writer options with the one escaping policy
/// (<see cref="JavaJsonEncoder"/>), <c>bytes</c>/<c>fixed</c> as strings of ISO-8859-1 code points, and
/// <c>float</c>/<c>double</c> in Java's <c>Float.toString</c>/<c>Double.toString</c> layout with non-finite values as the
/// strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>. Both faces write through a
/// <see cref="Utf8JsonWriter"/> made with <see cref="WriterOptions"/>, so one datum prints as one text.
/// </summary>
internal static class AvroJsonText
{
    /// <summary>
    /// Compact, escaping as Java Avro does (<see cref="JavaJsonEncoder"/>), and deep enough for any value the binary
    /// reader admits (a union adds a JSON object level to each value level).
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaJsonEncoder.Instance,
        Indented = false,
        SkipValidation = false,
        MaxDepth = 4096,
    };

    /// <summary>Maps each byte to the code point of the same value (0–255), as the Avro JSON encoding writes bytes.</summary>
    public static string BytesToString(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>
    /// Maps each code point 0–255 of <paramref name="text"/> to a byte; any other character is an
    /// <see cref="AvroDataException"/> (it has no byte value).
    /// </summary>
    public static byte[] StringToBytes(string text)
    {
        var bad = text.AsSpan().IndexOfAnyExceptInRange((char)0, (char)0xFF);
        if (bad >= 0)
        {
            throw new AvroDataException(
                $"The character U+{(int)text[bad]:X4} at index {bad} is not a byte: Avro JSON writes bytes and fixed values as code points U+0000 to U+00FF.");
        }

        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>Writes <c>bytes</c>/<c>fixed</c> as the Avro JSON encoding does: a string of code points U+0000–U+00FF, escaped as Java escapes it (by the writer's encoder).</summary>
    public static void WriteBytes(Utf8JsonWriter writer, ReadOnlySpan<byte> value) => writer.WriteStringValue(BytesToString(value));

    /// <summary>Writes a double as Java Avro does: a number in Java's <c>Double.toString</c> layout, or a string for NaN and infinities.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(FormatDouble(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(NonFiniteName(value));
        }
    }

    /// <summary>Writes a float as Java Avro does: a number in Java's <c>Float.toString</c> layout, or a string for NaN and infinities.</summary>
    public static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteRawValue(FormatFloat(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(NonFiniteName(value));
        }
    }

    /// <summary>Names a non-finite value as Java writes it: <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>.</summary>
    public static string NonFiniteName(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>Parses <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    public static bool TryParseNonFinite(string? text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>
    /// Formats a finite double in the layout of Java's <c>Double.toString</c>: plain with at least one fraction digit
    /// for magnitudes in [10^-3, 10^7) (<c>1.0</c>, <c>0.001</c>, <c>1234567.0</c>), else <c>d.dddE±n</c>
    /// (<c>1.0E7</c>, <c>1.0E-4</c>). The digits are the shortest that round-trip (as Java 19 and later choose; older
    /// Java occasionally prints one more digit, which parses to the same double).
    /// </summary>
    public static string FormatDouble(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        return JavaLayout(TwoDigitsWhenJavaWould(shortest, value.ToString("E1", CultureInfo.InvariantCulture), Math.Abs(value),
            text => double.Parse(text, CultureInfo.InvariantCulture) == value), Math.Abs(value));
    }

    /// <summary>Formats a finite float in the layout of Java's <c>Float.toString</c> (see <see cref="FormatDouble"/>).</summary>
    public static string FormatFloat(float value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        return JavaLayout(TwoDigitsWhenJavaWould(shortest, value.ToString("E1", CultureInfo.InvariantCulture), Math.Abs((double)value),
            text => float.Parse(text, CultureInfo.InvariantCulture) == value), Math.Abs((double)value));
    }

    /// <summary>
    /// Java writes at least two significant digits in scientific form (<c>4.9E-324</c> where the shortest is <c>5E-324</c>):
    /// when the shortest text has one digit, the two-digit rounding is used if it reads back as the same value.
    /// </summary>
    private static string TwoDigitsWhenJavaWould(string shortest, string twoDigits, double magnitude, Func<string, bool> roundTrips)
    {
        if (magnitude is >= 1e-3 and < 1e7 || magnitude == 0)
        {
            return shortest;
        }

        var significant = 0;
        foreach (var c in shortest)
        {
            if (c is 'E' or 'e')
            {
                break;
            }

            if (c is >= '1' and <= '9' || (c == '0' && significant > 0))
            {
                significant++;
            }
        }

        return significant == 1 && roundTrips(twoDigits) ? twoDigits : shortest;
    }

    private static string JavaLayout(string shortest, double magnitude)
    {
        var negative = shortest.StartsWith('-');
        var text = negative ? shortest.Substring(1) : shortest;

        // Split the shortest round-trip text into its significant digits and the decimal exponent of the first one.
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text.Substring(0, e);
        }

        var dot = text.IndexOf('.');
        var integerDigits = dot >= 0 ? dot : text.Length;
        var digits = dot >= 0 ? text.Remove(dot, 1) : text;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits.Substring(leadingZeros).TrimEnd('0');
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        // Value = 0.digits × 10^pointPosition.
        var pointPosition = integerDigits - leadingZeros + exponent;
        var builder = new StringBuilder(digits.Length + 8);
        if (negative)
        {
            builder.Append('-');
        }

        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (pointPosition <= 0)
            {
                builder.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                builder.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                builder.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
        }
        else
        {
            builder.Append(digits[0]).Append('.');
            if (digits.Length > 1)
            {
                builder.Append(digits, 1, digits.Length - 1);
            }
            else
            {
                builder.Append('0');
            }

            builder.Append('E').Append((pointPosition - 1).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Avro.Codegen;

/// <summary>
/// Helpers for the Avro JSON encoding, shared by the generic codec and generated code: <c>bytes</c>/<c>fixed</c> as
/// strings of ISO-8859-1 code points, and <c>float</c>/<c>double</c> written the way Java Avro writes them
/// (<c>Float.toString</c>/<c>Double.toString</c> layout, non-finite values as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c>, <c>"-Infinity"</c>).
/// </summary>
public static class AvroJson
{
    /// <summary>
    /// Writer options for generated code: compact, and escaping only what JSON requires (non-ASCII text stays as
    /// UTF-8 as far as System.Text.Json allows), so the output stays close to Java Avro's.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
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

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_scratch;

    /// <summary>
    /// Writes a string value escaped exactly as Java Avro (Jackson) escapes it: only <c>"</c>, <c>\</c>, control
    /// characters and surrogates are escaped, everything else is raw UTF-8. <see cref="Utf8JsonWriter"/>'s own encoders
    /// also escape e.g. U+007F–U+00A0, which Java does not; use this for output that must match Java's text.
    /// </summary>
    public static void WriteString(Utf8JsonWriter writer, string value)
    {
        var scratch = t_scratch ??= new System.Buffers.ArrayBufferWriter<byte>(256);
        scratch.Clear();
        new Generic.JsonTextOutput(scratch).WriteString(value);
        writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Writes <c>bytes</c>/<c>fixed</c> as the Avro JSON encoding does: a string of code points U+0000–U+00FF, escaped as Java escapes it.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, ReadOnlySpan<byte> value) => WriteString(writer, BytesToString(value));

    /// <summary>Reads <c>bytes</c>/<c>fixed</c> from the Avro JSON encoding: a string whose code points are all below U+0100.</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new AvroDataException($"Expected a string of bytes (code points U+0000 to U+00FF), found {Describe(ref reader)}.", reader.TokenStartIndex);
        }

        var text = TryGetString(ref reader)
            ?? throw new AvroDataException("Invalid string: an escaped surrogate is unpaired.", reader.TokenStartIndex);
        try
        {
            return StringToBytes(text);
        }
        catch (AvroDataException e)
        {
            throw new AvroDataException(e.Reason, reader.TokenStartIndex, e);
        }
    }

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

    /// <summary>Reads a double: a JSON number, or one of the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDouble(out var value))
            {
                return value;
            }
        }
        else if (reader.TokenType == JsonTokenType.String && TryParseNonFinite(TryGetString(ref reader), out var special))
        {
            return special;
        }

        throw new AvroDataException($"Expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found {Describe(ref reader)}.", reader.TokenStartIndex);
    }

    /// <summary>Reads a float like <see cref="ReadDouble"/>, rounding to the nearest float.</summary>
    public static float ReadFloat(ref Utf8JsonReader reader) => (float)ReadDouble(ref reader);

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

    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "the string \"" + TryGetString(ref reader) + "\"",
        JsonTokenType.Number => "the number " + Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.EndArray => "the end of an array",
        _ => reader.TokenType.ToString(),
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Avro.Codegen.Json;

/// <summary>
/// The reading half of the one Avro JSON core, under both faces (<see cref="AvroJsonCodec"/> for generated code,
/// <see cref="Generic.GenericJson"/> for schema-driven generic values): moving through tokens, the one set of error
/// messages (each an <see cref="AvroDataException"/> at the UTF-8 offset of the offending token, never a bare
/// <see cref="JsonException"/> or <see cref="InvalidOperationException"/>), and the primitive values.
/// </summary>
/// <remarks>Convention: on entry the reader is on the value's first token; on exit, on its last.</remarks>
internal static class AvroJsonTokens
{
    /// <summary>Moves to the next token; false at the end of input; malformed JSON is an <see cref="AvroDataException"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            // The exception's position counts from the start of its line; on the first line that is the offset.
            var at = e.LineNumber == 0 && e.BytePositionInLine is { } inLine ? inLine : reader.BytesConsumed;
            throw new AvroDataException("Malformed JSON: " + e.Message, at, e);
        }
    }

    /// <summary>Moves to the next token and returns its type; the end of input is an <see cref="AvroDataException"/>.</summary>
    public static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!TryRead(ref reader))
        {
            throw new AvroDataException("Unexpected end of JSON input.", reader.BytesConsumed);
        }

        return reader.TokenType;
    }

    /// <summary>On a member name: skips the member's value.</summary>
    public static void SkipMemberValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        try
        {
            if (!reader.TrySkip())
            {
                throw new AvroDataException("Unexpected end of JSON input.", reader.BytesConsumed);
            }
        }
        catch (JsonException e)
        {
            throw new AvroDataException("Malformed JSON: " + e.Message, reader.BytesConsumed, e);
        }
    }

    /// <summary>Checks the current token is <paramref name="type"/>; else "Expected <paramref name="expected"/>, found ...".</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string expected)
    {
        if (reader.TokenType != type)
        {
            throw Unexpected(ref reader, expected);
        }
    }

    /// <summary>"Expected <paramref name="expected"/>, found" the current token, at its offset.</summary>
    public static AvroDataException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"Expected {expected}, found {Describe(ref reader)}.", reader.TokenStartIndex);

    /// <summary>An error about the current token, at its offset.</summary>
    public static AvroDataException Error(ref Utf8JsonReader reader, string message) => new(message, reader.TokenStartIndex);

    /// <summary>On the member name of a record field already read in this object: the field appears twice.</summary>
    public static AvroDataException DuplicateField(ref Utf8JsonReader reader) =>
        Error(ref reader, $"The field '{GetString(ref reader)}' appears twice.");

    /// <summary>
    /// The current string or member name. A string escaped into invalid UTF-16 (a lone surrogate such as
    /// <c>"\ud800"</c>), which no .NET string can hold as text, is an <see cref="AvroDataException"/>.
    /// </summary>
    public static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            throw new AvroDataException("Invalid JSON string: " + e.Message, reader.TokenStartIndex, e);
        }
    }

    /// <summary>True when the current string or member name is <paramref name="utf8"/> (a lone surrogate is an <see cref="AvroDataException"/>).</summary>
    public static bool ValueIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        try
        {
            return reader.ValueTextEquals(utf8);
        }
        catch (InvalidOperationException e)
        {
            throw new AvroDataException("Invalid JSON string: " + e.Message, reader.TokenStartIndex, e);
        }
    }

    /// <summary>The current token in words, with its text for strings and numbers: <c>the string "x"</c>, <c>the number 1.5</c>.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "the string \"" + TryGetString(ref reader) + "\"",
        JsonTokenType.PropertyName => "the member name \"" + TryGetString(ref reader) + "\"",
        JsonTokenType.Number => "the number " + Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.EndArray => "the end of an array",
        _ => "nothing",
    };

    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return "\uFFFD";
        }
    }

    // ----- primitives: one reading rule and one message each -----

    /// <summary>Reads a boolean.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "a boolean"),
    };

    /// <summary>Reads an <c>int</c>: a JSON integer in 32-bit range.</summary>
    public static int ReadInt(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw Unexpected(ref reader, "an int (a whole number from -2147483648 to 2147483647)");

    /// <summary>Reads a <c>long</c>: a JSON integer in 64-bit range.</summary>
    public static long ReadLong(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw Unexpected(ref reader, "a long (a whole number in 64-bit range)");

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
        else if (reader.TokenType == JsonTokenType.String && AvroJsonText.TryParseNonFinite(TryGetString(ref reader), out var special))
        {
            return special;
        }

        throw Unexpected(ref reader, "a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
    }

    /// <summary>Reads a float like <see cref="ReadDouble"/>, rounding to the nearest float.</summary>
    public static float ReadFloat(ref Utf8JsonReader reader) => (float)ReadDouble(ref reader);

    /// <summary>Reads a string.</summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String, "a string");
        return GetString(ref reader);
    }

    /// <summary>Reads <c>bytes</c>: a string whose code points are all below U+0100.</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String, "a string of bytes (code points U+0000 to U+00FF)");
        try
        {
            return AvroJsonText.StringToBytes(GetString(ref reader));
        }
        catch (AvroDataException e) when (e.Offset < 0)
        {
            throw new AvroDataException(e.Reason, reader.TokenStartIndex, e);
        }
    }

    /// <summary>Reads a <c>fixed</c> of <paramref name="size"/> bytes named <paramref name="name"/>.</summary>
    public static byte[] ReadFixed(ref Utf8JsonReader reader, int size, string name)
    {
        var bytes = ReadBytes(ref reader);
        if (bytes.Length != size)
        {
            throw Error(ref reader, $"The fixed '{name}' is {size.ToString(CultureInfo.InvariantCulture)} bytes long; the string has {bytes.Length.ToString(CultureInfo.InvariantCulture)}.");
        }

        return bytes;
    }
}

// Over 400 lines on purpose: the face of the Avro JSON core that generated code calls: one small public helper per
// token shape the emitter writes, each documented.
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Avro.Codegen.Internal;
using Avro.Codegen.Json;

namespace Avro.Codegen;

/// <summary>
/// The Avro JSON encoding for generated code: the face of the one Avro JSON core (<c>Json/</c>) that generated
/// <c>WriteAvroJson</c>/<c>ReadAvroJson</c> call, with the logical types. Token checks fail with
/// <see cref="AvroDataException"/> (never a bare <see cref="JsonException"/> or <see cref="InvalidOperationException"/>).
/// </summary>
/// <remarks>
/// Logical values appear in JSON as their underlying type (a timestamp as its <c>long</c>, a decimal as its bytes).
/// The conversions go through the runtime's binary <see cref="AvroWriter"/>/<see cref="AvroReader"/> on a small buffer,
/// so JSON and binary agree on every rule (scale checks, ranges, rounding) by construction.
/// Reader convention: on entry the reader is on the value's first token; on exit, on its last.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AvroJsonCodec
{
    // ----- token plumbing (the core's, under the names generated code calls) -----

    /// <summary>Moves to the next token; the end of input or malformed JSON is an <see cref="AvroDataException"/>.</summary>
    public static void Read(ref Utf8JsonReader reader) => AvroJsonTokens.Next(ref reader);

    /// <summary>
    /// On the member name of a record field: moves to the field's value and marks the field <paramref name="seen"/>. A
    /// field that appears twice in one object is an <see cref="AvroDataException"/> (neither value is silently dropped).
    /// </summary>
    public static void ReadFieldValue(ref Utf8JsonReader reader, ref bool seen)
    {
        if (seen)
        {
            throw AvroJsonTokens.DuplicateField(ref reader);
        }

        seen = true;
        AvroJsonTokens.Next(ref reader);
    }

    /// <summary>Moves to the next token; false at the end of input; malformed JSON is an <see cref="AvroDataException"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader) => AvroJsonTokens.TryRead(ref reader);

    /// <summary>Checks the current token is <paramref name="type"/>, the start of <paramref name="what"/>.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw AvroJsonTokens.Unexpected(ref reader, Describe(type) + " for " + what);
        }
    }

    /// <summary>Moves to the next member of an object: true on its name, false on the closing brace.</summary>
    public static bool ReadProperty(ref Utf8JsonReader reader)
    {
        if (AvroJsonTokens.Next(ref reader) == JsonTokenType.EndObject)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.PropertyName, "an object member");
        return true;
    }

    /// <summary>On a member name: returns it and moves to the member's value.</summary>
    public static string ReadPropertyName(ref Utf8JsonReader reader)
    {
        var name = AvroJsonTokens.GetString(ref reader);
        AvroJsonTokens.Next(ref reader);
        return name;
    }

    /// <summary>Moves to the next array element: true on its first token, false on the closing bracket.</summary>
    public static bool ReadItem(ref Utf8JsonReader reader) => AvroJsonTokens.Next(ref reader) != JsonTokenType.EndArray;

    /// <summary>On a member name: skips the member's value (unknown record fields are ignored, as Java Avro does).</summary>
    public static void SkipProperty(ref Utf8JsonReader reader) => AvroJsonTokens.SkipMemberValue(ref reader);

    /// <summary>
    /// True when the current string or member name is <paramref name="utf8"/>. A name escaped into invalid UTF-16 (a lone
    /// surrogate such as <c>"\ud800"</c>) cannot be compared and is malformed input: an <see cref="AvroDataException"/>,
    /// where <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static bool ValueIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8) => AvroJsonTokens.ValueIs(ref reader, utf8);

    /// <summary>On the start of a union object: moves to the member name that names the branch.</summary>
    public static void ReadUnionBranchName(ref Utf8JsonReader reader)
    {
        if (!ReadProperty(ref reader))
        {
            throw new AvroDataException("A union value must be null or an object with exactly one member naming the branch; found {}.", reader.TokenStartIndex);
        }
    }

    /// <summary>On the start of a union object: checks that its one member names <paramref name="branch"/> and moves to the value.</summary>
    public static void ReadBranch(ref Utf8JsonReader reader, ReadOnlySpan<byte> branchUtf8, string branch)
    {
        Expect(ref reader, JsonTokenType.StartObject, "union branch '" + branch + "'");
        ReadUnionBranchName(ref reader);
        if (!ValueIs(ref reader, branchUtf8))
        {
            throw UnknownBranch(ref reader);
        }

        Read(ref reader);
    }

    /// <summary>After a union branch's value: checks that the union object ends here.</summary>
    public static void ReadEndObject(ref Utf8JsonReader reader)
    {
        if (AvroJsonTokens.Next(ref reader) != JsonTokenType.EndObject)
        {
            throw new AvroDataException("A union object must have exactly one member.", reader.TokenStartIndex);
        }
    }

    // ----- errors -----

    /// <summary>A record in JSON lacks a field that has no default.</summary>
    public static AvroDataException MissingField(string record, string field) =>
        new($"The JSON object for record '{record}' has no field '{field}', and the field has no default.");

    /// <summary>A null where the schema has a <c>string</c> or <c>bytes</c> (not a union with <c>null</c>).</summary>
    public static AvroDataException NullValue(string avroType) =>
        new($"A {avroType} value is null, but the schema does not allow null here (only a union with \"null\" does).");

    /// <summary>A C# enum value outside the Avro symbols.</summary>
    public static AvroDataException InvalidEnumValue(string enumName, int value) =>
        new($"{value.ToString(CultureInfo.InvariantCulture)} is not a symbol index of enum '{enumName}'.");

    /// <summary>A JSON string that is not one of the enum's symbols (and the enum has no default).</summary>
    public static AvroDataException UnknownSymbol(ref Utf8JsonReader reader, string enumName) =>
        new($"'{AvroJsonTokens.GetString(ref reader)}' is not a symbol of enum '{enumName}'.", reader.TokenStartIndex);

    /// <summary>A union object whose member names no branch of the union.</summary>
    public static AvroDataException UnknownBranch(ref Utf8JsonReader reader) =>
        new($"'{AvroJsonTokens.GetString(ref reader)}' is not a branch of this union.", reader.TokenStartIndex);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.PropertyName => "a member name",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    // ----- primitives (the core's rules) -----

    /// <summary>Reads <c>null</c>.</summary>
    public static AvroNull ReadNull(ref Utf8JsonReader reader)
    {
        AvroJsonTokens.Expect(ref reader, JsonTokenType.Null, "null");
        return default;
    }

    /// <summary>Reads a boolean.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => AvroJsonTokens.ReadBoolean(ref reader);

    /// <summary>Reads an <c>int</c>: a JSON integer in 32-bit range.</summary>
    public static int ReadInt(ref Utf8JsonReader reader) => AvroJsonTokens.ReadInt(ref reader);

    /// <summary>Reads a <c>long</c>: a JSON integer in 64-bit range.</summary>
    public static long ReadLong(ref Utf8JsonReader reader) => AvroJsonTokens.ReadLong(ref reader);

    /// <summary>Reads a <c>float</c> (a number, or <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>).</summary>
    public static float ReadFloat(ref Utf8JsonReader reader) => AvroJsonTokens.ReadFloat(ref reader);

    /// <summary>Reads a <c>double</c> (a number, or <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>).</summary>
    public static double ReadDouble(ref Utf8JsonReader reader) => AvroJsonTokens.ReadDouble(ref reader);

    /// <summary>Writes a <c>float</c> as Java Avro does.</summary>
    public static void WriteFloat(Utf8JsonWriter writer, float value) => AvroJsonText.WriteFloat(writer, value);

    /// <summary>Writes a <c>double</c> as Java Avro does.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value) => AvroJsonText.WriteDouble(writer, value);

    /// <summary>Reads a string.</summary>
    public static string ReadString(ref Utf8JsonReader reader) => AvroJsonTokens.ReadString(ref reader);

    /// <summary>Reads <c>bytes</c>: a string of code points 0-255.</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader) => AvroJsonTokens.ReadBytes(ref reader);

    /// <summary>Writes <c>bytes</c> or <c>fixed</c>: a string of code points 0-255.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, ReadOnlySpan<byte> value) => AvroJsonText.WriteBytes(writer, value);

    /// <summary>Reads a <c>fixed</c> of <paramref name="size"/> bytes.</summary>
    public static byte[] ReadFixed(ref Utf8JsonReader reader, int size, string name) => AvroJsonTokens.ReadFixed(ref reader, size, name);

    // ----- logical types (as their underlying type) -----

    /// <summary><c>decimal</c> on bytes.</summary>
    public static void WriteDecimal(Utf8JsonWriter writer, decimal value, int scale, int precision)
    {
        Span<byte> buffer = stackalloc byte[32];
        var binary = new AvroWriter(buffer);
        binary.WriteDecimal(value, scale, precision);
        var back = new AvroReader(binary.WrittenSpan);
        WriteBytes(writer, back.ReadBytesSpan());
    }

    /// <summary><c>decimal</c> on bytes.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader, int scale, int precision)
    {
        var encoded = EncodeBytes(ReadBytes(ref reader));
        var binary = new AvroReader(encoded);
        return binary.ReadDecimal(scale);
    }

    /// <summary><c>decimal</c> on fixed.</summary>
    public static void WriteDecimalFixed(Utf8JsonWriter writer, decimal value, int scale, int size, int precision)
    {
        var buffer = new byte[size];
        var binary = new AvroWriter(buffer);
        binary.WriteDecimalFixed(value, scale, size, precision);
        WriteBytes(writer, buffer);
    }

    /// <summary><c>decimal</c> on fixed.</summary>
    public static decimal ReadDecimalFixed(ref Utf8JsonReader reader, int scale, int size, int precision)
    {
        var binary = new AvroReader(ReadFixed(ref reader, size, "decimal"));
        return binary.ReadDecimalFixed(scale, size);
    }

    /// <summary><c>decimal</c> on bytes beyond 28 digits.</summary>
    public static void WriteLargeDecimal(Utf8JsonWriter writer, AvroBigDecimal value, int scale, int precision)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var binary = new AvroWriter(buffer);
        binary.WriteDecimal(value, scale, precision);
        binary.Flush();
        var back = new AvroReader(buffer.WrittenSpan);
        WriteBytes(writer, back.ReadBytesSpan());
    }

    /// <summary><c>decimal</c> on bytes beyond 28 digits.</summary>
    public static AvroBigDecimal ReadLargeDecimal(ref Utf8JsonReader reader, int scale, int precision)
    {
        var binary = new AvroReader(EncodeBytes(ReadBytes(ref reader)));
        return binary.ReadLargeDecimal(scale);
    }

    /// <summary><c>decimal</c> on fixed beyond 28 digits.</summary>
    public static void WriteLargeDecimalFixed(Utf8JsonWriter writer, AvroBigDecimal value, int scale, int size, int precision)
    {
        var buffer = new byte[size];
        var binary = new AvroWriter(buffer);
        binary.WriteDecimalFixed(value, scale, size, precision);
        WriteBytes(writer, buffer);
    }

    /// <summary><c>decimal</c> on fixed beyond 28 digits.</summary>
    public static AvroBigDecimal ReadLargeDecimalFixed(ref Utf8JsonReader reader, int scale, int size, int precision)
    {
        var binary = new AvroReader(ReadFixed(ref reader, size, "decimal"));
        return binary.ReadLargeDecimalFixed(scale, size);
    }

    /// <summary><c>big-decimal</c>: the bytes of its binary form.</summary>
    public static void WriteBigDecimal(Utf8JsonWriter writer, AvroBigDecimal value)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var binary = new AvroWriter(buffer);
        binary.WriteBigDecimal(value);
        binary.Flush();
        var back = new AvroReader(buffer.WrittenSpan);
        WriteBytes(writer, back.ReadBytesSpan());
    }

    /// <summary><c>big-decimal</c>.</summary>
    public static AvroBigDecimal ReadBigDecimal(ref Utf8JsonReader reader)
    {
        var binary = new AvroReader(EncodeBytes(ReadBytes(ref reader)));
        return binary.ReadBigDecimal();
    }

    /// <summary><c>uuid</c> on string.</summary>
    public static void WriteUuid(Utf8JsonWriter writer, Guid value) => writer.WriteStringValue(value.ToString("D"));

    /// <summary><c>uuid</c> on string.</summary>
    public static Guid ReadUuid(ref Utf8JsonReader reader)
    {
        var text = ReadString(ref reader);
        var buffer = new ArrayBufferWriter<byte>(48);
        var binary = new AvroWriter(buffer);
        binary.WriteString(text);
        binary.Flush();
        var back = new AvroReader(buffer.WrittenSpan);
        return back.ReadUuid();
    }

    /// <summary><c>uuid</c> on fixed(16), RFC 4122 byte order.</summary>
    public static void WriteUuidFixed(Utf8JsonWriter writer, Guid value)
    {
        Span<byte> buffer = stackalloc byte[16];
        var binary = new AvroWriter(buffer);
        binary.WriteUuidFixed(value);
        WriteBytes(writer, buffer);
    }

    /// <summary><c>uuid</c> on fixed(16).</summary>
    public static Guid ReadUuidFixed(ref Utf8JsonReader reader)
    {
        var binary = new AvroReader(ReadFixed(ref reader, 16, "uuid"));
        return binary.ReadUuidFixed();
    }

    /// <summary><c>duration</c> on fixed(12).</summary>
    public static void WriteDuration(Utf8JsonWriter writer, AvroDuration value)
    {
        Span<byte> buffer = stackalloc byte[AvroDuration.Size];
        var binary = new AvroWriter(buffer);
        binary.WriteDuration(value);
        WriteBytes(writer, buffer);
    }

    /// <summary><c>duration</c> on fixed(12).</summary>
    public static AvroDuration ReadDuration(ref Utf8JsonReader reader)
    {
        var binary = new AvroReader(ReadFixed(ref reader, AvroDuration.Size, "duration"));
        return binary.ReadDuration();
    }

    /// <summary><c>date</c>: days since 1970-01-01.</summary>
    public static void WriteDate(Utf8JsonWriter writer, DateOnly value) => writer.WriteNumberValue(Temporal.ToDays(value));

    /// <summary><c>date</c>.</summary>
    public static DateOnly ReadDate(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return Temporal.DateFromDays(ReadInt(ref reader), at);
    }

    /// <summary><c>time-millis</c>: milliseconds after midnight.</summary>
    public static void WriteTimeMillis(Utf8JsonWriter writer, TimeOnly value) => writer.WriteNumberValue(Temporal.ToTimeMillis(value));

    /// <summary><c>time-millis</c>.</summary>
    public static TimeOnly ReadTimeMillis(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return Temporal.TimeFromMillis(ReadInt(ref reader), at);
    }

    /// <summary><c>time-micros</c>: microseconds after midnight.</summary>
    public static void WriteTimeMicros(Utf8JsonWriter writer, TimeOnly value) => writer.WriteNumberValue(Temporal.ToTimeMicros(value));

    /// <summary><c>time-micros</c>.</summary>
    public static TimeOnly ReadTimeMicros(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return Temporal.TimeFromMicros(ReadLong(ref reader), at);
    }

    /// <summary><c>timestamp-millis</c>.</summary>
    public static void WriteTimestampMillis(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteNumberValue(Temporal.ToMillis(value.UtcTicks));

    /// <summary><c>timestamp-millis</c>.</summary>
    public static DateTimeOffset ReadTimestampMillis(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return new(Temporal.TicksFromUnits(ReadLong(ref reader), TimeSpan.TicksPerMillisecond, "timestamp-millis", at), TimeSpan.Zero);
    }

    /// <summary><c>timestamp-micros</c>.</summary>
    public static void WriteTimestampMicros(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteNumberValue(Temporal.ToMicros(value.UtcTicks));

    /// <summary><c>timestamp-micros</c>.</summary>
    public static DateTimeOffset ReadTimestampMicros(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return new(Temporal.TicksFromUnits(ReadLong(ref reader), Temporal.TicksPerMicrosecond, "timestamp-micros", at), TimeSpan.Zero);
    }

    /// <summary><c>local-timestamp-millis</c>.</summary>
    public static void WriteLocalTimestampMillis(Utf8JsonWriter writer, DateTime value) => writer.WriteNumberValue(Temporal.ToMillis(value.Ticks));

    /// <summary><c>local-timestamp-millis</c>.</summary>
    public static DateTime ReadLocalTimestampMillis(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return new(Temporal.TicksFromUnits(ReadLong(ref reader), TimeSpan.TicksPerMillisecond, "local-timestamp-millis", at), DateTimeKind.Unspecified);
    }

    /// <summary><c>local-timestamp-micros</c>.</summary>
    public static void WriteLocalTimestampMicros(Utf8JsonWriter writer, DateTime value) => writer.WriteNumberValue(Temporal.ToMicros(value.Ticks));

    /// <summary><c>local-timestamp-micros</c>.</summary>
    public static DateTime ReadLocalTimestampMicros(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return new(Temporal.TicksFromUnits(ReadLong(ref reader), Temporal.TicksPerMicrosecond, "local-timestamp-micros", at), DateTimeKind.Unspecified);
    }

    /// <summary><c>timestamp-nanos</c>.</summary>
    public static void WriteTimestampNanos(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteNumberValue(Temporal.ToNanos(value.UtcTicks));

    /// <summary><c>timestamp-nanos</c>.</summary>
    public static DateTimeOffset ReadTimestampNanos(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return new(Temporal.TicksFromNanos(ReadLong(ref reader), "timestamp-nanos", at), TimeSpan.Zero);
    }

    /// <summary><c>local-timestamp-nanos</c>.</summary>
    public static void WriteLocalTimestampNanos(Utf8JsonWriter writer, DateTime value) => writer.WriteNumberValue(Temporal.ToNanos(value.Ticks));

    /// <summary><c>local-timestamp-nanos</c>.</summary>
    public static DateTime ReadLocalTimestampNanos(ref Utf8JsonReader reader)
    {
        var at = reader.TokenStartIndex;
        return new(Temporal.TicksFromNanos(ReadLong(ref reader), "local-timestamp-nanos", at), DateTimeKind.Unspecified);
    }

    private static byte[] EncodeBytes(byte[] content)
    {
        var buffer = new ArrayBufferWriter<byte>(content.Length + 5);
        var binary = new AvroWriter(buffer);
        binary.WriteBytes(content);
        binary.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

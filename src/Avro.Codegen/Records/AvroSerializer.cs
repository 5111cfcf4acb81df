using System.Buffers;
using System.Text.Json;

namespace Avro.Codegen;

/// <summary>
/// One-call conversions for generated types: Avro binary (plain, Confluent-framed, single-object) and Avro JSON.
/// Everything goes through the generated <see cref="IAvroRecord{TSelf}"/> members; nothing here uses reflection.
/// </summary>
public static class AvroSerializer
{
    private static readonly JsonReaderOptions JsonReaderOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Options for a <see cref="Utf8JsonWriter"/> that a generated record's <c>WriteAvroJson</c> (or
    /// <see cref="Generic.GenericJson.Write(Utf8JsonWriter, Schema.AvroSchema, object?)"/>) writes to: compact text escaped
    /// exactly as Java Avro escapes it (only <c>"</c>, <c>\</c>, control characters and characters beyond U+FFFF), the
    /// text <see cref="ToJson{T}(T)"/> returns. System.Text.Json's own encoders escape more (for instance U+0080–U+009F).
    /// </summary>
    public static JsonWriterOptions JsonWriterOptions => Json.AvroJsonText.WriterOptions;

    /// <summary>Encodes <paramref name="value"/> in the Avro binary encoding.</summary>
    public static byte[] Serialize<T>(T value) where T : IAvroRecord<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Serialize<T>(T value, IBufferWriter<byte> output) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new AvroWriter(output);
        value.WriteAvro(ref writer);
        writer.Flush();
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="destination"/>; an <see cref="AvroDataException"/> when it does not fit.</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Serialize<T>(T value, Span<byte> destination) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = new AvroWriter(destination);
        value.WriteAvro(ref writer);
        return checked((int)writer.BytesWritten);
    }

    /// <summary>Decodes one value that must span all of <paramref name="data"/>.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> data, AvroReaderOptions? options = null) where T : IAvroRecord<T>
    {
        var reader = new AvroReader(data, options);
        var value = T.ReadAvro(ref reader);
        if (!reader.End)
        {
            throw new AvroDataException($"{data.Length - reader.Position} bytes follow the end of the {typeof(T).Name} value.", reader.Position);
        }

        return value;
    }

    /// <summary>
    /// Decodes one value that must span all of <paramref name="data"/>. (Without this overload a <c>byte[]</c> argument
    /// would be ambiguous between the span and memory overloads before C# 14.)
    /// </summary>
    public static T Deserialize<T>(byte[] data, AvroReaderOptions? options = null) where T : IAvroRecord<T> =>
        Deserialize<T>(new ReadOnlySpan<byte>(data), options);

    /// <summary>Decodes one value that must span all of <paramref name="data"/>.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> data, AvroReaderOptions? options = null) where T : IAvroRecord<T> =>
        Deserialize<T>(data.Span, options);

    /// <summary>Encodes with the Confluent framing: <c>0x00</c>, the 4-byte big-endian schema id, then the body.</summary>
    public static byte[] SerializeConfluent<T>(T value, int schemaId) where T : IAvroRecord<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        SerializeConfluent(value, schemaId, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes with the Confluent framing into <paramref name="output"/>.</summary>
    public static void SerializeConfluent<T>(T value, int schemaId, IBufferWriter<byte> output) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ConfluentFraming.WriteHeader(output, schemaId);
        Serialize(value, output);
    }

    /// <summary>Decodes a Confluent-framed message, returning the schema id it names in <paramref name="schemaId"/>.</summary>
    /// <remarks>The body is read with this type's schema; data written with another schema version needs schema resolution.</remarks>
    public static T DeserializeConfluent<T>(ReadOnlySpan<byte> message, out ConfluentSchemaId schemaId, AvroReaderOptions? options = null)
        where T : IAvroRecord<T>
    {
        schemaId = ConfluentFraming.ReadHeader(message, out var body);
        var reader = new AvroReader(body, options);
        var value = T.ReadAvro(ref reader);
        if (!reader.End)
        {
            throw new AvroDataException($"{body.Length - reader.Position} bytes follow the end of the {typeof(T).Name} value.",
                reader.Position + (message.Length - body.Length));
        }

        return value;
    }

    /// <summary>Decodes a Confluent-framed message.</summary>
    public static T DeserializeConfluent<T>(ReadOnlySpan<byte> message) where T : IAvroRecord<T> =>
        DeserializeConfluent<T>(message, out _);

    /// <summary>Encodes in the Avro single-object encoding: <c>C3 01</c>, the schema's 8-byte fingerprint, then the body.</summary>
    public static byte[] SerializeSingleObject<T>(T value) where T : IAvroRecord<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        SerializeSingleObject(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes in the Avro single-object encoding into <paramref name="output"/>.</summary>
    public static void SerializeSingleObject<T>(T value, IBufferWriter<byte> output) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        SingleObjectEncoding.WriteHeader(output, T.SchemaFingerprint);
        Serialize(value, output);
    }

    /// <summary>Decodes a single-object message; a fingerprint other than this type's is an <see cref="AvroDataException"/>.</summary>
    public static T DeserializeSingleObject<T>(ReadOnlySpan<byte> message, AvroReaderOptions? options = null) where T : IAvroRecord<T>
    {
        SingleObjectEncoding.ReadHeader(message, T.SchemaFingerprint, out var body);
        var reader = new AvroReader(body, options);
        var value = T.ReadAvro(ref reader);
        if (!reader.End)
        {
            throw new AvroDataException($"{body.Length - reader.Position} bytes follow the end of the {typeof(T).Name} value.",
                reader.Position + SingleObjectEncoding.HeaderLength);
        }

        return value;
    }

    /// <summary>The value in the Avro JSON encoding (compact).</summary>
    public static string ToJson<T>(T value) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriterOptions))
        {
            value.WriteAvroJson(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads one value in the Avro JSON encoding; malformed JSON is an <see cref="AvroDataException"/>.</summary>
    public static T FromJson<T>(string json) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson<T>(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads one value in the Avro JSON encoding from UTF-8 text.</summary>
    public static T FromJson<T>(ReadOnlySpan<byte> utf8Json) where T : IAvroRecord<T>
    {
        var reader = new Utf8JsonReader(utf8Json, JsonReaderOptions);
        AvroJsonCodec.Read(ref reader);
        var value = T.ReadAvroJson(ref reader);
        if (AvroJsonCodec.TryRead(ref reader))
        {
            throw new AvroDataException($"JSON text follows the end of the {typeof(T).Name} value.", reader.TokenStartIndex);
        }

        return value;
    }
}

using System.Buffers;
using System.Buffers.Binary;

namespace Avro.Codegen;

/// <summary>
/// The Confluent Schema Registry wire framing: magic byte <c>0x00</c>, the schema id as a big-endian int32, then the
/// Avro binary body. Reading also accepts Confluent's GUID form (<c>0x01</c> + 16-byte schema GUID) and the schema id
/// record headers (<see cref="ValueSchemaIdHeader"/>, <see cref="KeySchemaIdHeader"/>).
/// </summary>
public static class ConfluentFraming
{
    /// <summary>The magic byte of the integer-id framing.</summary>
    public const byte MagicByte = 0;

    /// <summary>The magic byte of the GUID framing.</summary>
    public const byte GuidMagicByte = 1;

    /// <summary>Header bytes before the body: magic byte and int32 id.</summary>
    public const int HeaderLength = 5;

    /// <summary>Header bytes of the GUID form: magic byte and 16-byte GUID.</summary>
    public const int GuidHeaderLength = 17;

    /// <summary>The Kafka record header that carries the value's schema id when it is not prefixed to the body.</summary>
    public const string ValueSchemaIdHeader = "__value_schema_id";

    /// <summary>The Kafka record header that carries the key's schema id when it is not prefixed to the body.</summary>
    public const string KeySchemaIdHeader = "__key_schema_id";

    /// <summary>Appends the 5-byte header for <paramref name="schemaId"/> to <paramref name="output"/>.</summary>
    public static void WriteHeader(IBufferWriter<byte> output, int schemaId)
    {
        WriteHeader(output.GetSpan(HeaderLength), schemaId);
        output.Advance(HeaderLength);
    }

    /// <summary>Writes the 5-byte header into <paramref name="destination"/>; returns 5.</summary>
    public static int WriteHeader(Span<byte> destination, int schemaId)
    {
        if (destination.Length < HeaderLength)
        {
            throw new AvroDataException($"The destination has {destination.Length} bytes; the Confluent header needs {HeaderLength}.");
        }

        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination.Slice(1), schemaId);
        return HeaderLength;
    }

    /// <summary>Writes the 17-byte GUID header (<c>0x01</c> + the GUID in RFC 4122 byte order); returns 17.</summary>
    public static int WriteGuidHeader(Span<byte> destination, Guid schemaGuid)
    {
        if (destination.Length < GuidHeaderLength)
        {
            throw new AvroDataException($"The destination has {destination.Length} bytes; the Confluent GUID header needs {GuidHeaderLength}.");
        }

        destination[0] = GuidMagicByte;
        schemaGuid.TryWriteBytes(destination.Slice(1), bigEndian: true, out _);
        return GuidHeaderLength;
    }

    /// <summary>
    /// Reads the header of a framed message and returns its schema identity, with <paramref name="body"/> set to the
    /// Avro bytes after it. A wrong magic byte or a message shorter than its header is an <see cref="AvroDataException"/>.
    /// </summary>
    public static ConfluentSchemaId ReadHeader(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> body)
    {
        if (message.IsEmpty)
        {
            throw new AvroDataException("The message is empty: a Confluent-framed message starts with magic byte 0x00 and a 4-byte schema id.", 0);
        }

        switch (message[0])
        {
            case MagicByte:
                if (message.Length < HeaderLength)
                {
                    throw new AvroDataException($"The message has {message.Length} bytes, fewer than the {HeaderLength}-byte Confluent header.", message.Length);
                }

                body = message.Slice(HeaderLength);
                return ConfluentSchemaId.FromId(BinaryPrimitives.ReadInt32BigEndian(message.Slice(1)));
            case GuidMagicByte:
                if (message.Length < GuidHeaderLength)
                {
                    throw new AvroDataException($"The message has {message.Length} bytes, fewer than the {GuidHeaderLength}-byte Confluent GUID header.", message.Length);
                }

                body = message.Slice(GuidHeaderLength);
                return ConfluentSchemaId.FromGuid(new Guid(message.Slice(1, 16), bigEndian: true));
            default:
                throw new AvroDataException(
                    $"Unknown magic byte 0x{message[0]:X2}: not a Confluent-framed message (expected 0x00, or 0x01 for the GUID form).", 0);
        }
    }

    /// <summary>
    /// Reads the value of a <see cref="ValueSchemaIdHeader"/>/<see cref="KeySchemaIdHeader"/> record header: exactly
    /// <c>0x01</c> + 16-byte GUID, or <c>0x00</c> + int32 id.
    /// </summary>
    public static ConfluentSchemaId ReadSchemaIdHeader(ReadOnlySpan<byte> headerValue)
    {
        var id = ReadHeader(headerValue, out var rest);
        if (!rest.IsEmpty)
        {
            throw new AvroDataException($"The schema id header has {headerValue.Length} bytes; expected {GuidHeaderLength} (GUID) or {HeaderLength} (id).", headerValue.Length - rest.Length);
        }

        return id;
    }

    /// <summary>
    /// The schema identity of a record: from its schema id header when it has one (header-based framing, then the
    /// value is the whole body), else from the prefix of the value.
    /// </summary>
    public static ConfluentSchemaId ReadSchemaId(ReadOnlySpan<byte> value, ReadOnlySpan<byte> schemaIdHeader, bool hasHeader, out ReadOnlySpan<byte> body)
    {
        if (hasHeader)
        {
            body = value;
            return ReadSchemaIdHeader(schemaIdHeader);
        }

        return ReadHeader(value, out body);
    }
}

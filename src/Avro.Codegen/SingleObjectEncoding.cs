using System.Buffers;
using System.Buffers.Binary;

namespace Avro.Codegen;

/// <summary>
/// Avro single-object encoding: the marker <c>C3 01</c>, the 8-byte little-endian CRC-64-AVRO fingerprint of the
/// schema's Parsing Canonical Form, then the Avro binary body.
/// </summary>
public static class SingleObjectEncoding
{
    /// <summary>The first marker byte.</summary>
    public const byte Marker0 = 0xC3;

    /// <summary>The second marker byte (format version 1).</summary>
    public const byte Marker1 = 0x01;

    /// <summary>Header bytes before the body.</summary>
    public const int HeaderLength = 10;

    /// <summary>Appends the header for <paramref name="fingerprint"/> to <paramref name="output"/>.</summary>
    public static void WriteHeader(IBufferWriter<byte> output, ulong fingerprint)
    {
        WriteHeader(output.GetSpan(HeaderLength), fingerprint);
        output.Advance(HeaderLength);
    }

    /// <summary>Writes the header into <paramref name="destination"/>; returns 10.</summary>
    public static int WriteHeader(Span<byte> destination, ulong fingerprint)
    {
        if (destination.Length < HeaderLength)
        {
            throw new AvroDataException($"The destination has {destination.Length} bytes; the single-object header needs {HeaderLength}.");
        }

        destination[0] = Marker0;
        destination[1] = Marker1;
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(2), fingerprint);
        return HeaderLength;
    }

    /// <summary>
    /// Reads the header and returns the writer schema's fingerprint, with <paramref name="body"/> set to the Avro bytes.
    /// A wrong marker or a message shorter than the header is an <see cref="AvroDataException"/>.
    /// </summary>
    public static ulong ReadHeader(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> body)
    {
        if (message.Length < 2 || message[0] != Marker0 || message[1] != Marker1)
        {
            var found = message.Length switch
            {
                0 => "an empty message",
                1 => $"0x{message[0]:X2} and then the end",
                _ => $"0x{message[0]:X2} 0x{message[1]:X2}",
            };
            throw new AvroDataException($"Not an Avro single-object message: expected the marker 0xC3 0x01, found {found}.", 0);
        }

        if (message.Length < HeaderLength)
        {
            throw new AvroDataException($"The message has {message.Length} bytes, fewer than the {HeaderLength}-byte single-object header.", message.Length);
        }

        body = message.Slice(HeaderLength);
        return BinaryPrimitives.ReadUInt64LittleEndian(message.Slice(2));
    }

    /// <summary>Reads the header and checks the fingerprint is <paramref name="expectedFingerprint"/>.</summary>
    public static void ReadHeader(ReadOnlySpan<byte> message, ulong expectedFingerprint, out ReadOnlySpan<byte> body)
    {
        var fingerprint = ReadHeader(message, out body);
        if (fingerprint != expectedFingerprint)
        {
            throw new AvroDataException(
                $"The message was written with the schema of fingerprint 0x{fingerprint:X16}, not the expected 0x{expectedFingerprint:X16}.", 2);
        }
    }
}

using System.Buffers;
using static Avro.Codegen.Tests.Encode;

namespace Avro.Codegen.Tests;

public class FramingTests
{
    [Fact]
    public void Confluent_header_is_magic_byte_and_big_endian_id()
    {
        var output = new ArrayBufferWriter<byte>();
        ConfluentFraming.WriteHeader(output, 0x01020304);
        output.Write(Hex("06666F6F"));
        Assert.Equal(Hex("00 01020304 06666F6F"), output.WrittenSpan.ToArray());

        var id = ConfluentFraming.ReadHeader(output.WrittenSpan, out var body);
        Assert.Equal(ConfluentSchemaId.FromId(0x01020304), id);
        Assert.Equal(Hex("06666F6F"), body.ToArray());

        var span = new byte[5];
        Assert.Equal(5, ConfluentFraming.WriteHeader(span, 42));
        Assert.Equal(Hex("000000002A"), span);
        Assert.Throws<AvroDataException>(() => ConfluentFraming.WriteHeader(new byte[4], 42));
    }

    [Fact]
    public void Confluent_guid_form_is_read()
    {
        var guid = Guid.Parse("123e4567-e89b-12d3-a456-426614174000");
        var message = Hex("01 123e4567e89b12d3a456426614174000 02");
        var id = ConfluentFraming.ReadHeader(message, out var body);
        Assert.Equal(guid, id.Guid);
        Assert.Null(id.Id);
        Assert.Equal(Hex("02"), body.ToArray());

        var written = new byte[17];
        ConfluentFraming.WriteGuidHeader(written, guid);
        Assert.Equal(message.AsSpan(0, 17).ToArray(), written);
    }

    [Fact]
    public void Confluent_header_errors_are_specific()
    {
        var magic = Assert.Throws<AvroDataException>(() => ConfluentFraming.ReadHeader(Hex("C3 01 02"), out _));
        Assert.Contains("magic byte 0xC3", magic.Message);
        Assert.Equal(0, magic.Offset);
        Assert.Contains("empty", Assert.Throws<AvroDataException>(() => ConfluentFraming.ReadHeader([], out _)).Message);
        Assert.Contains("fewer than the 5-byte", Assert.Throws<AvroDataException>(() => ConfluentFraming.ReadHeader(Hex("000000"), out _)).Message);
        Assert.Contains("fewer than the 17-byte", Assert.Throws<AvroDataException>(() => ConfluentFraming.ReadHeader(Hex("01 0000"), out _)).Message);
    }

    [Fact]
    public void Schema_id_record_headers_are_exact()
    {
        var guid = Guid.NewGuid();
        var header = new byte[17];
        ConfluentFraming.WriteGuidHeader(header, guid);
        Assert.Equal(guid, ConfluentFraming.ReadSchemaIdHeader(header).Guid);
        Assert.Equal(7, ConfluentFraming.ReadSchemaIdHeader(Hex("00 00000007")).Id);
        Assert.Throws<AvroDataException>(() => ConfluentFraming.ReadSchemaIdHeader(Hex("00 00000007 00")));

        var id = ConfluentFraming.ReadSchemaId(Hex("06666F6F"), header, hasHeader: true, out var body);
        Assert.Equal(guid, id.Guid);
        Assert.Equal(4, body.Length);
        Assert.Equal(9, ConfluentFraming.ReadSchemaId(Hex("00 00000009 02"), default, hasHeader: false, out body).Id);
        Assert.Equal(1, body.Length);
        Assert.Equal("id 9", ConfluentSchemaId.FromId(9).ToString());
    }

    [Fact]
    public void Single_object_header_is_marker_and_little_endian_fingerprint()
    {
        var output = new ArrayBufferWriter<byte>();
        SingleObjectEncoding.WriteHeader(output, 0x0102030405060708UL);
        Assert.Equal(Hex("C301 0807060504030201"), output.WrittenSpan.ToArray());

        var message = Hex("C301 0807060504030201 06666F6F");
        Assert.Equal(0x0102030405060708UL, SingleObjectEncoding.ReadHeader(message, out var body));
        Assert.Equal(Hex("06666F6F"), body.ToArray());
        SingleObjectEncoding.ReadHeader(message, 0x0102030405060708UL, out body);

        var mismatch = Assert.Throws<AvroDataException>(() => SingleObjectEncoding.ReadHeader(message, 0x1111UL, out _));
        Assert.Contains("0x0102030405060708", mismatch.Message);
        Assert.Equal(2, mismatch.Offset);
    }

    [Fact]
    public void Single_object_errors_are_specific()
    {
        Assert.Contains("found 0x00 0x00", Assert.Throws<AvroDataException>(() => SingleObjectEncoding.ReadHeader(Hex("00000000000000000000"), out _)).Message);
        Assert.Contains("empty", Assert.Throws<AvroDataException>(() => SingleObjectEncoding.ReadHeader([], out _)).Message);
        Assert.Contains("fewer than the 10-byte", Assert.Throws<AvroDataException>(() => SingleObjectEncoding.ReadHeader(Hex("C301 0102"), out _)).Message);
        Assert.Throws<AvroDataException>(() => SingleObjectEncoding.WriteHeader(new byte[9], 1));
    }
}

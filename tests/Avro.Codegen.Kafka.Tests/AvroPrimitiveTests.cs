namespace Avro.Codegen.Kafka.Tests;

/// <summary>The runtime's primitive codec that the primitive serdes write with.</summary>
public sealed class AvroPrimitiveTests
{
    [Fact]
    public void Values_use_the_Avro_binary_encoding()
    {
        Assert.Equal([0x06, (byte)'a', (byte)'b', (byte)'c'], AvroPrimitive.Serialize("abc"));
        Assert.Equal([0x03], AvroPrimitive.Serialize(-2));
        Assert.Equal([0x80, 0x01], AvroPrimitive.Serialize(64L));
        Assert.Equal([0x01], AvroPrimitive.Serialize(true));
        Assert.Equal([0x04, 9, 8], AvroPrimitive.Serialize(new byte[] { 9, 8 }));
        Assert.Empty(AvroPrimitive.Serialize(default(AvroNull)));
        Assert.Equal(2.5d, AvroPrimitive.Deserialize<double>(AvroPrimitive.Serialize(2.5d)));
        Assert.Equal(-0.5f, AvroPrimitive.Deserialize<float>(AvroPrimitive.Serialize(-0.5f)));
        Assert.Equal("\"boolean\"", AvroPrimitive.SchemaJson<bool>());
        Assert.True(AvroPrimitive.IsSupported<byte[]>());
        Assert.False(AvroPrimitive.IsSupported<DateTime>());
    }

    [Fact]
    public void Bad_input_is_a_specific_error()
    {
        var trailing = Assert.Throws<AvroDataException>(() => AvroPrimitive.Deserialize<int>(new byte[] { 0x02, 0x00 }));
        Assert.Contains("1 bytes follow the end of the Avro int value", trailing.Message);
        Assert.ThrowsAny<AvroDataException>(() => AvroPrimitive.Deserialize<string>(new byte[] { 0x10, 0x41 }));
        Assert.Throws<ArgumentNullException>(() => AvroPrimitive.Serialize<string>(null!));
        Assert.Throws<NotSupportedException>(() => AvroPrimitive.Serialize(Guid.Empty));
        Assert.Throws<NotSupportedException>(() => AvroPrimitive.SchemaJson<decimal>());
    }
}

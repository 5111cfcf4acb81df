using System.Buffers;
using System.Text.Json;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// <see cref="AvroSerializer"/> over a hand-written <see cref="IAvroRecord{TSelf}"/> (the same shape the generator emits),
/// so the convenience API is tested apart from the generator, including its span-taking overloads.
/// </summary>
public class AvroSerializerTests
{
    private sealed record Point(int X, string Label) : IAvroRecord<Point>
    {
        public static string SchemaJson => """{"type":"record","name":"Point","fields":[{"name":"x","type":"int"},{"name":"label","type":"string"}]}""";

        public static string CanonicalSchema => """{"name":"Point","type":"record","fields":[{"name":"x","type":"int"},{"name":"label","type":"string"}]}""";

        public static ulong SchemaFingerprint { get; } = Avro.Codegen.Schema.SchemaFingerprint.Crc64Avro(System.Text.Encoding.UTF8.GetBytes(CanonicalSchema));

        public void WriteAvro(ref AvroWriter writer)
        {
            writer.WriteInt(X);
            writer.WriteString(Label);
        }

        public static Point ReadAvro(ref AvroReader reader) => new(reader.ReadInt(), reader.ReadString());

        public void WriteAvroJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteNumber("x", X);
            writer.WriteString("label", Label);
            writer.WriteEndObject();
        }

        public static Point ReadAvroJson(ref Utf8JsonReader reader)
        {
            AvroJsonCodec.Expect(ref reader, JsonTokenType.StartObject, "Point");
            int x = 0;
            var label = string.Empty;
            while (AvroJsonCodec.ReadProperty(ref reader))
            {
                var name = AvroJsonCodec.ReadPropertyName(ref reader);
                if (name == "x")
                {
                    x = AvroJsonCodec.ReadInt(ref reader);
                }
                else
                {
                    label = AvroJsonCodec.ReadString(ref reader);
                }
            }

            return new Point(x, label);
        }
    }

    private static readonly Point Sample = new(-2, "ab");
    private static readonly byte[] Body = [0x03, 0x04, (byte)'a', (byte)'b'];   // zig-zag(-2) = 3, length 2 = 4, "ab"

    [Fact]
    public void PlainBinaryInAllForms()
    {
        Assert.Equal(Body, AvroSerializer.Serialize(Sample));

        var buffer = new ArrayBufferWriter<byte>();
        AvroSerializer.Serialize(Sample, buffer);
        Assert.Equal(Body, buffer.WrittenSpan.ToArray());

        var span = new byte[16];
        Assert.Equal(Body.Length, AvroSerializer.Serialize(Sample, span.AsSpan()));
        Assert.Equal(Body, span[..Body.Length]);

        Assert.Equal(Sample, AvroSerializer.Deserialize<Point>(Body.AsSpan()));
        Assert.Equal(Sample, AvroSerializer.Deserialize<Point>(new ReadOnlyMemory<byte>(Body)));
        Assert.Equal(Sample, AvroSerializer.Deserialize<Point>(Body));
    }

    [Fact]
    public void TrailingBytesAndShortBuffersAreAvroExceptions()
    {
        var e = Assert.Throws<AvroDataException>(() => AvroSerializer.Deserialize<Point>(Body.Append((byte)0).ToArray()));
        Assert.Contains("1 bytes follow", e.Message);
        Assert.Throws<AvroDataException>(() => AvroSerializer.Deserialize<Point>(Body.AsSpan(0, 3)));
        Assert.Throws<AvroDataException>(() => AvroSerializer.Serialize(Sample, new byte[2].AsSpan()));
    }

    [Fact]
    public void ConfluentFraming()
    {
        var framed = AvroSerializer.SerializeConfluent(Sample, 0x01020304);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04 }.Concat(Body), framed);

        Assert.Equal(Sample, AvroSerializer.DeserializeConfluent<Point>(framed, out var id));
        Assert.Equal(0x01020304, id.Id);

        framed[0] = 0x07;
        Assert.Throws<AvroDataException>(() => AvroSerializer.DeserializeConfluent<Point>(framed));
        var trailing = AvroSerializer.SerializeConfluent(Sample, 1).Append((byte)0).ToArray();
        Assert.Equal(9, Assert.Throws<AvroDataException>(() => AvroSerializer.DeserializeConfluent<Point>(trailing)).Offset);
    }

    [Fact]
    public void SingleObjectEncoding()
    {
        var message = AvroSerializer.SerializeSingleObject(Sample);
        Assert.Equal(new byte[] { 0xC3, 0x01 }.Concat(BitConverter.GetBytes(Point.SchemaFingerprint)).Concat(Body), message);
        Assert.Equal(Sample, AvroSerializer.DeserializeSingleObject<Point>(message));

        message[5] ^= 0xFF;   // another schema's fingerprint
        Assert.Throws<AvroDataException>(() => AvroSerializer.DeserializeSingleObject<Point>(message));
    }

    [Fact]
    public void Json()
    {
        var json = AvroSerializer.ToJson(Sample);
        Assert.Equal("""{"x":-2,"label":"ab"}""", json);
        Assert.Equal(Sample, AvroSerializer.FromJson<Point>(json));
        Assert.Equal(Sample, AvroSerializer.FromJson<Point>("""  {"label":"ab","x":-2}  """u8));
        Assert.Throws<AvroDataException>(() => AvroSerializer.FromJson<Point>("""{"x":-2,"label":"ab"} 1"""));
        Assert.Throws<AvroDataException>(() => AvroSerializer.FromJson<Point>(""));
    }
}

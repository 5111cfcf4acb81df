using Avro.Codegen.Json;
using System.Text;
using System.Text.Json;

namespace Avro.Codegen.Tests;

public class AvroJsonTests
{
    [Fact]
    public void Bytes_map_to_code_points_0_to_255_and_back()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var text = AvroJsonText.BytesToString(all);
        Assert.Equal(256, text.Length);
        Assert.Equal('\u00FF', text[255]);
        Assert.Equal('\0', text[0]);
        Assert.Equal(all, AvroJsonText.StringToBytes(text));
    }

    [Fact]
    public void Characters_beyond_U00FF_are_not_bytes()
    {
        var e = Assert.Throws<AvroDataException>(() => AvroJsonText.StringToBytes("ab\u0100"));
        Assert.Contains("U+0100 at index 2", e.Message);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.7976931348623157E308, "1.7976931348623157E308")]
    [InlineData(4.9E-324, "4.9E-324")]
    [InlineData(3.141592653589793, "3.141592653589793")]
    [InlineData(-2.5E-10, "-2.5E-10")]
    public void Doubles_are_formatted_like_java(double value, string expected) =>
        Assert.Equal(expected, AvroJsonText.FormatDouble(value));

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1.0f, "1.0")]
    [InlineData(1.0E10f, "1.0E10")]
    [InlineData(3.4028235E38f, "3.4028235E38")]
    [InlineData(1.4E-45f, "1.4E-45")]
    [InlineData(123.456f, "123.456")]
    public void Floats_are_formatted_like_java(float value, string expected) =>
        Assert.Equal(expected, AvroJsonText.FormatFloat(value));

    [Fact]
    public void Non_finite_values_are_strings_both_ways()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AvroSerializer.JsonWriterOptions))
        {
            writer.WriteStartArray();
            AvroJsonText.WriteDouble(writer, double.NaN);
            AvroJsonText.WriteDouble(writer, double.PositiveInfinity);
            AvroJsonText.WriteFloat(writer, float.NegativeInfinity);
            AvroJsonText.WriteDouble(writer, 2.5);
            AvroJsonText.WriteFloat(writer, 0.1f);
            writer.WriteEndArray();
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal("[\"NaN\",\"Infinity\",\"-Infinity\",2.5,0.1]", json);

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(AvroJsonTokens.ReadDouble(ref reader));
        }

        Assert.True(double.IsNaN(values[0]));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, 2.5, 0.1], values.Skip(1).Select(v => Math.Round(v, 6)));

        var e = Assert.Throws<AvroDataException>(() =>
        {
            var bad = new Utf8JsonReader("\"nan\""u8);
            bad.Read();
            AvroJsonTokens.ReadDouble(ref bad);
        });
        Assert.Contains("the string \"nan\"", e.Message);
    }

    [Fact]
    public void Strings_and_bytes_are_escaped_as_java_escapes_them()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AvroSerializer.JsonWriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("s");
            writer.WriteStringValue("\u007F\u00A0é😀\u2028\"\\\n\u0001");
            writer.WritePropertyName("b");
            AvroJsonText.WriteBytes(writer, [0x00, 0x7F, 0x80, 0xFF]);
            writer.WriteEndObject();
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal("{\"s\":\"\u007F\u00A0é\\uD83D\\uDE00\u2028\\\"\\\\\\n\\u0001\",\"b\":\"\\u0000\u007F\u0080\u00FF\"}", json);

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        reader.Read();
        reader.Read();
        reader.Read();
        reader.Read();
        Assert.Equal(new byte[] { 0x00, 0x7F, 0x80, 0xFF }, AvroJsonTokens.ReadBytes(ref reader));
    }

    [Fact]
    public void Reading_bytes_rejects_non_strings_and_wide_characters()
    {
        var wide = Assert.Throws<AvroDataException>(() =>
        {
            var reader = new Utf8JsonReader("[1, \"\\u0100\"]"u8);
            reader.Read();
            reader.Read();
            AvroJsonTokens.ReadBytes(ref reader);
        });
        Assert.Contains("found the number 1", wide.Message);
        Assert.Equal(1, wide.Offset);

        var e = Assert.Throws<AvroDataException>(() =>
        {
            var reader = new Utf8JsonReader("[\"\\u0100\"]"u8);
            reader.Read();
            reader.Read();
            AvroJsonTokens.ReadBytes(ref reader);
        });
        Assert.Contains("U+0100", e.Message);
        Assert.Equal(1, e.Offset);
    }

    [Fact]
    public void Map_keys_member_names_and_utf8_input_share_the_java_escaping()
    {
        // U+0080-U+009F (every bytes value 0x80-0x9F prints as one) stay raw, as Jackson writes them; System.Text.Json's
        // own encoders would write \u0080.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AvroSerializer.JsonWriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("k\u0085\t😀");
            writer.WriteStringValue("\u0080\u009F\u00AD\u200B\uFEFF<>&'+");
            writer.WritePropertyName("\"\u001Fé\u2029"u8);
            writer.WriteStringValue("\u4e16😀\r"u8);
            writer.WriteEndObject();
        }

        Assert.Equal(
            "{\"k\u0085\\t\\uD83D\\uDE00\":\"\u0080\u009F\u00AD\u200B\uFEFF<>&'+\",\"\\\"\\u001Fé\u2029\":\"\u4e16\\uD83D\\uDE00\\r\"}",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character_as_binary_writes_it()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AvroSerializer.JsonWriterOptions))
        {
            writer.WriteStringValue("a\uD800b");
        }

        Assert.Equal("\"a\uFFFDb\"", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Long_strings_needing_escapes_grow_the_output_correctly()
    {
        // Every character escaped, the longest escape (a surrogate pair as 12 characters) included, past any one buffer.
        var text = string.Concat(Enumerable.Repeat("\u0001😀\"", 5000));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AvroSerializer.JsonWriterOptions))
        {
            writer.WriteStringValue(text);
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal("\"" + string.Concat(Enumerable.Repeat("\\u0001\\uD83D\\uDE00\\\"", 5000)) + "\"", json);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(json));
    }
}

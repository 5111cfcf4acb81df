using System.Text;
using System.Text.Json;
using static Avro.Codegen.Tests.Encode;

namespace Avro.Codegen.Tests;

/// <summary>
/// The Avro JSON encoding of date/time logical types carries the same number as the binary encoding, and the same
/// checks apply; errors point at the JSON token.
/// </summary>
public class JsonTemporalTests
{
    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private delegate T JsonRead<T>(ref Utf8JsonReader reader);

    private static T ReadJson<T>(string json, JsonRead<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
        }

        return read(ref reader);
    }

    [Fact]
    public void Json_numbers_are_the_binary_wire_values()
    {
        var when = new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(5);
        Assert.Equal(Encode.Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(when)), (ref AvroReader r) => r.ReadLong()).ToString(),
            Write(w => AvroJsonCodec.WriteTimestampMillis(w, when)));
        Assert.Equal("-1", Write(w => AvroJsonCodec.WriteDate(w, new DateOnly(1969, 12, 31))));
        Assert.Equal("86399999", Write(w => AvroJsonCodec.WriteTimeMillis(w, new TimeOnly(23, 59, 59, 999))));
        Assert.Equal("1700000000123456700", Write(w => AvroJsonCodec.WriteLocalTimestampNanos(w, new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Unspecified).AddTicks(1_234_567))));

        Assert.Equal(when.AddTicks(-5), ReadJson("-1", (ref Utf8JsonReader r) => AvroJsonCodec.ReadTimestampMillis(ref r)));
        Assert.Equal(new DateOnly(1969, 12, 31), ReadJson("-1", (ref Utf8JsonReader r) => AvroJsonCodec.ReadDate(ref r)));
        Assert.Equal(new TimeOnly(0, 0, 0, 1), ReadJson("1000", (ref Utf8JsonReader r) => AvroJsonCodec.ReadTimeMicros(ref r)));
    }

    [Fact]
    public void Out_of_range_and_unrepresentable_values_fail_at_the_token()
    {
        var dayTooLong = Assert.Throws<AvroDataException>(() => ReadJson("[ 86400000]", (ref Utf8JsonReader r) => AvroJsonCodec.ReadTimeMillis(ref r)));
        Assert.Contains("not within a day", dayTooLong.Message);
        Assert.Equal(2, dayTooLong.Offset);

        var nanos = Assert.Throws<AvroDataException>(() => ReadJson("[1700000000123456789]", (ref Utf8JsonReader r) => AvroJsonCodec.ReadTimestampNanos(ref r)));
        Assert.Contains("not rounded", nanos.Message);
        Assert.Equal(1, nanos.Offset);

        var farFuture = Assert.Throws<AvroDataException>(() => ReadJson(long.MaxValue.ToString(), (ref Utf8JsonReader r) => AvroJsonCodec.ReadLocalTimestampMicros(ref r)));
        Assert.Contains("outside the years 1 to 9999", farFuture.Message);
        Assert.Throws<AvroDataException>(() => ReadJson("2147483647", (ref Utf8JsonReader r) => AvroJsonCodec.ReadDate(ref r)));
    }
}

using System.Buffers;
using System.Text;
using static Avro.Codegen.Tests.Encode;

namespace Avro.Codegen.Tests;

/// <summary>
/// The run encoders generated code uses (<see cref="AvroWriter.GetSpan"/>, the <see cref="AvroBinary"/> encoders,
/// <see cref="AvroWriter.Advance"/>) write exactly what the one-value-at-a-time <see cref="AvroWriter"/> methods write,
/// and refuse, rather than write outside the span, when the reserved room is too small.
/// </summary>
public class ReservedSpanEncodingTests
{
    private delegate int SpanEncode(Span<byte> destination, int offset);

    private static byte[] Run(int reserve, SpanEncode encode)
    {
        return ToBytes((ref AvroWriter w) =>
        {
            var span = w.GetSpan(reserve);
            // A byte in front checks the encoders honour the offset.
            span[0] = 0xAA;
            w.Advance(encode(span, 1));
        })[1..];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(63)]
    [InlineData(-64)]
    [InlineData(64)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Ints_match_the_writer(int value)
    {
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteInt(value)), Run(1 + AvroBinary.MaxIntLength, (s, o) => AvroBinary.WriteInt(s, o, value)));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteDate(DateOnly.FromDayNumber(719162).AddDays(value % 100000))),
            Run(1 + AvroBinary.MaxIntLength, (s, o) => AvroBinary.WriteDate(s, o, DateOnly.FromDayNumber(719162).AddDays(value % 100000))));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(8192L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(1733400000123L)]
    public void Longs_and_timestamps_match_the_writer(long value)
    {
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteLong(value)), Run(1 + AvroBinary.MaxLongLength, (s, o) => AvroBinary.WriteLong(s, o, value)));
        var time = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(value, -62135510400000L, 253402214399999L)).AddTicks(7).ToOffset(TimeSpan.FromHours(2));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(time)), Run(11, (s, o) => AvroBinary.WriteTimestampMillis(s, o, time)));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteTimestampMicros(time)), Run(11, (s, o) => AvroBinary.WriteTimestampMicros(s, o, time)));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampMillis(time.DateTime)), Run(11, (s, o) => AvroBinary.WriteLocalTimestampMillis(s, o, time.DateTime)));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampMicros(time.DateTime)), Run(11, (s, o) => AvroBinary.WriteLocalTimestampMicros(s, o, time.DateTime)));
    }

    [Fact]
    public void Floats_doubles_booleans_fixed_uuid_and_times_match_the_writer()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);
        foreach (var d in new[] { 0.0, -0.0, 1.5, double.MaxValue, double.NegativeInfinity, nan })
        {
            Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteDouble(d)), Run(9, (s, o) => AvroBinary.WriteDouble(s, o, d)));
            var f = (float)d;
            Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteFloat(f)), Run(5, (s, o) => AvroBinary.WriteFloat(s, o, f)));
        }

        Assert.Equal(new byte[] { 1 }, Run(2, (s, o) => AvroBinary.WriteBoolean(s, o, true)));
        Assert.Equal(new byte[] { 0 }, Run(2, (s, o) => AvroBinary.WriteBoolean(s, o, false)));
        byte[] fixedValue = [1, 2, 3, 4, 5];
        Assert.Equal(fixedValue, Run(6, (s, o) => AvroBinary.WriteFixed(s, o, fixedValue)));
        var guid = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteUuidFixed(guid)), Run(17, (s, o) => AvroBinary.WriteUuidFixed(s, o, guid)));
        var t = new TimeOnly(23, 59, 59, 999).Add(TimeSpan.FromTicks(9));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteTimeMillis(t)), Run(6, (s, o) => AvroBinary.WriteTimeMillis(s, o, t)));
        Assert.Equal(ToBytes((ref AvroWriter w) => w.WriteTimeMicros(t)), Run(11, (s, o) => AvroBinary.WriteTimeMicros(s, o, t)));
    }

    [Fact]
    public void An_encoder_refuses_when_its_largest_encoding_does_not_fit_and_writes_nothing()
    {
        var bytes = new byte[12];
        // 0 needs one byte, but a long may need ten: the check is on the largest size, so the run's reservation is what counts.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AvroBinary.WriteLong(bytes.AsSpan(0, 9), 0, 0));
        Assert.Contains("AvroWriter.GetSpan", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AvroBinary.WriteInt(bytes.AsSpan(0, 8), 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AvroBinary.WriteDouble(bytes.AsSpan(0, 8), 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AvroBinary.WriteBoolean(bytes.AsSpan(0, 8), 8, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => AvroBinary.WriteInt(bytes, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AvroBinary.WriteFixed(bytes.AsSpan(0, 4), 1, new byte[4]));
        Assert.All(bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Advance_is_limited_to_the_span_GetSpan_returned()
    {
        var destination = new byte[8];
        var writer = new AvroWriter(destination.AsSpan());
        var span = writer.GetSpan(3);
        Assert.Equal(8, span.Length);
        var tooFar = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var w = new AvroWriter(new byte[8].AsSpan());
            w.GetSpan(3);
            w.Advance(9);
        });
        Assert.Contains("9", tooFar.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var w = new AvroWriter(new byte[8].AsSpan());
            w.Advance(-1);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var w = new AvroWriter(new byte[8].AsSpan());
            w.GetSpan(-1);
        });

        // Over a span, asking for more room than is left is the writer's usual "destination full" error.
        var full = Assert.Throws<AvroDataException>(() =>
        {
            var w = new AvroWriter(new byte[8].AsSpan());
            w.WriteLong(1);
            w.GetSpan(8);
        });
        Assert.Contains("full", full.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GetSpan_over_a_buffer_writer_commits_what_was_advanced()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(buffer);
        writer.WriteInt(1);
        var span = writer.GetSpan(5000);
        Assert.True(span.Length >= 5000);
        span[0] = 7;
        span[4999] = 9;
        writer.Advance(5000);
        writer.WriteInt(-1);
        writer.Flush();
        Assert.Equal(5002, buffer.WrittenCount);
        Assert.Equal(new byte[] { 2, 7 }, buffer.WrittenSpan[..2].ToArray());
        Assert.Equal(new byte[] { 9, 1 }, buffer.WrittenSpan[^2..].ToArray());
    }

    /// <summary>The short-ASCII fast path of WriteString against the UTF-8 definition, for every length around its limits.</summary>
    [Fact]
    public void Strings_of_every_short_length_with_a_non_ascii_char_anywhere_encode_as_utf8()
    {
        for (var length = 0; length <= 70; length++)
        {
            var ascii = new string(Enumerable.Range(0, length).Select(i => (char)(' ' + (i * 7 % 95))).ToArray());
            Check(ascii);
            for (var at = 0; at < length; at++)
            {
                foreach (var other in new[] { '\u0080', '\u00E9', '\u20AC', '\uFFFF', '\u007F' })
                {
                    Check(ascii.Remove(at, 1).Insert(at, other.ToString()));
                }
            }
        }

        Check("\uD83D\uDE00 emoji");
        Check("lone \uD83D surrogate");

        static void Check(string value)
        {
            var utf8 = new UTF8Encoding(false).GetBytes(value);
            var expected = ToBytes((ref AvroWriter w) => w.WriteLong(utf8.Length)).Concat(utf8).ToArray();
            Assert.Equal(expected, ToBytes((ref AvroWriter w) => w.WriteString(value)));

            // Exactly the encoded size over a span, and one byte short of it.
            var exact = new byte[expected.Length];
            var writer = new AvroWriter(exact.AsSpan());
            writer.WriteString(value);
            Assert.Equal(expected, exact);
            Assert.Throws<AvroDataException>(() =>
            {
                var w = new AvroWriter(new byte[expected.Length - 1].AsSpan());
                w.WriteString(value);
            });
        }
    }
}

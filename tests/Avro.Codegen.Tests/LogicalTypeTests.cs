using System.Numerics;
using static Avro.Codegen.Tests.Encode;

namespace Avro.Codegen.Tests;

public class LogicalTypeTests
{
    [Theory]
    [InlineData("123.45", 2, "04 3039")]        // 12345 = 0x3039
    [InlineData("-1.00", 2, "02 9C")]           // -100 = 0x9C in one byte
    [InlineData("0", 2, "02 00")]               // zero is one byte, as Java's BigInteger.toByteArray
    [InlineData("1.5", 1, "02 0F")]
    [InlineData("1.50", 1, "02 0F")]            // a trailing zero may go
    [InlineData("1.5", 3, "04 05DC")]           // 1500
    [InlineData("127", 0, "02 7F")]
    [InlineData("128", 0, "04 0080")]           // needs a sign byte
    [InlineData("-128", 0, "02 80")]
    [InlineData("-129", 0, "04 FF7F")]
    [InlineData("79228162514264337593543950335", 0, "1A 00FFFFFFFFFFFFFFFFFFFFFFFF")] // decimal.MaxValue: 12 bytes + sign byte
    public void Decimal_on_bytes(string text, int scale, string hex)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteDecimal(value, scale)));
        Assert.Equal(value, Read(Hex(hex), (ref AvroReader r) => r.ReadDecimal(scale)));
        Assert.Equal(AvroBigDecimal.Parse(text), ((AvroBigDecimal)Read(Hex(hex), (ref AvroReader r) => r.ReadDecimal(scale))), new NumericComparer());
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteDecimal(AvroBigDecimal.Parse(text), scale)));
    }

    [Fact]
    public void Decimal_reading_keeps_the_schema_scale()
    {
        var read = Read(Hex("04 05DC"), (ref AvroReader r) => r.ReadDecimal(3));
        Assert.Equal("1.500", read.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Decimal_that_would_need_rounding_is_rejected()
    {
        var e = Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimal(1.234m, 2)));
        Assert.Contains("without rounding", e.Message);
        Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimal(AvroBigDecimal.Parse("1.234"), 2)));
        Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimalFixed(0.001m, 2, 4)));
    }

    [Fact]
    public void Decimal_beyond_its_precision_is_rejected()
    {
        Assert.Equal(Hex("04 270F"), ToBytes((ref AvroWriter w) => w.WriteDecimal(99.99m, 2, precision: 4)));
        var e = Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimal(100.00m, 2, precision: 4)));
        Assert.Contains("more than 4 digits", e.Message);
        Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimal(AvroBigDecimal.Parse("-100.00"), 2, precision: 4)));
        Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimalFixed(100m, 0, 8, precision: 2)));
    }

    [Theory]
    [InlineData("-1", 0, 4, "FFFFFFFF")]
    [InlineData("1", 0, 4, "00000001")]
    [InlineData("-0.01", 2, 3, "FFFFFF")]
    [InlineData("2147483647", 0, 4, "7FFFFFFF")]
    [InlineData("-2147483648", 0, 4, "80000000")]
    [InlineData("12.5", 1, 20, "00000000000000000000000000000000000000 7D")]
    [InlineData("-12.5", 1, 20, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 83")]
    public void Decimal_on_fixed_is_sign_extended(string text, int scale, int size, string hex)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteDecimalFixed(value, scale, size)));
        Assert.Equal(value, Read(Hex(hex), (ref AvroReader r) => r.ReadDecimalFixed(scale, size)));
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteDecimalFixed(AvroBigDecimal.Parse(text), scale, size)));
        Assert.Equal(0, AvroBigDecimal.Parse(text).CompareTo(Read(Hex(hex), (ref AvroReader r) => r.ReadLargeDecimalFixed(scale, size))));
    }

    [Fact]
    public void Decimal_too_wide_for_its_fixed_is_rejected()
    {
        var e = Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimalFixed(2147483648m, 0, 4)));
        Assert.Contains("fixed(4)", e.Message);
        Assert.Throws<AvroDataException>(() => ToBytes((ref AvroWriter w) => w.WriteDecimalFixed(AvroBigDecimal.Parse("2147483648"), 0, 4)));
    }

    [Fact]
    public void Decimals_beyond_28_digits_go_through_AvroDecimal()
    {
        var big = AvroBigDecimal.Parse("-1234567890123456789012345678901234567890.12345");
        var bytes = ToBytes((ref AvroWriter w) => w.WriteDecimal(big, 5));
        var expectedUnscaled = BigInteger.Parse("-123456789012345678901234567890123456789012345");
        Assert.Equal(expectedUnscaled.ToByteArray(isUnsigned: false, isBigEndian: true), bytes.AsSpan(1).ToArray());
        Assert.Equal(big, Read(bytes, (ref AvroReader r) => r.ReadLargeDecimal(5)));

        var e = Fails(bytes, (ref AvroReader r) => r.ReadDecimal(5));
        Assert.Contains("AvroBigDecimal", e.Message);
        Assert.Equal(0, e.Offset);

        // 29 digits overflow decimal even though they fit 128 bits.
        var twentyNine = ToBytes((ref AvroWriter w) => w.WriteDecimal(AvroBigDecimal.Parse("99999999999999999999999999999"), 0));
        Assert.Throws<AvroDataException>(() => Read(twentyNine, (ref AvroReader r) => r.ReadDecimal(0)));

        // A decimal value scaled beyond 128 bits also takes the wide path.
        var scaledUp = ToBytes((ref AvroWriter w) => w.WriteDecimal(decimal.MaxValue, 20));
        Assert.Equal(AvroBigDecimal.Parse("79228162514264337593543950335.00000000000000000000"), Read(scaledUp, (ref AvroReader r) => r.ReadLargeDecimal(20)));
    }

    [Fact]
    public void Empty_decimal_bytes_are_rejected()
    {
        Assert.Contains("no bytes", Fails(Hex("00"), (ref AvroReader r) => r.ReadDecimal(2)).Message);
        Assert.Contains("no bytes", Fails(Hex("00"), (ref AvroReader r) => r.ReadLargeDecimal(2)).Message);
    }

    [Fact]
    public void Big_decimal_holds_unscaled_bytes_then_scale_as_java_writes_it()
    {
        // 1.23: unscaled 123 (0x7B) as bytes "02 7B", scale 2 as int "04"; the three bytes are themselves bytes: "06 ...".
        var value = AvroBigDecimal.Parse("1.23");
        Assert.Equal(Hex("06 02 7B 04"), ToBytes((ref AvroWriter w) => w.WriteBigDecimal(value)));
        Assert.Equal(value, Read(Hex("06 02 7B 04"), (ref AvroReader r) => r.ReadBigDecimal()));

        var negativeScale = new AvroBigDecimal(-5, -3);
        Assert.Equal(negativeScale, Read(ToBytes((ref AvroWriter w) => w.WriteBigDecimal(negativeScale)), (ref AvroReader r) => r.ReadBigDecimal()));
        Assert.Contains("do not hold exactly", Fails(Hex("08 02 7B 04 00"), (ref AvroReader r) => r.ReadBigDecimal()).Message);
        Assert.Throws<AvroDataException>(() => Read(Hex("04 02 7B"), (ref AvroReader r) => r.ReadBigDecimal()));
    }

    [Fact]
    public void AvroDecimal_text_and_conversions()
    {
        Assert.Equal("-0.05", new AvroBigDecimal(-5, 2).ToString());
        Assert.Equal("0.00", new AvroBigDecimal(0, 2).ToString());
        Assert.Equal("1.23E+5", new AvroBigDecimal(123, -3).ToString());
        Assert.Equal("1E-10", new AvroBigDecimal(1, 10).ToString());
        Assert.Equal(new AvroBigDecimal(1500, 3), AvroBigDecimal.Parse("1.500"));
        Assert.Equal(new AvroBigDecimal(15, -2), AvroBigDecimal.Parse("1.5E+3"));
        Assert.NotEqual(AvroBigDecimal.Parse("1.0"), AvroBigDecimal.Parse("1.00"));
        Assert.Equal(0, AvroBigDecimal.Parse("1.0").CompareTo(AvroBigDecimal.Parse("1.00")));
        Assert.True(AvroBigDecimal.Parse("-2").CompareTo(AvroBigDecimal.Parse("1")) < 0);
        Assert.True(AvroBigDecimal.Parse("1E+1000000").CompareTo(AvroBigDecimal.Parse("2")) > 0);
        Assert.False(AvroBigDecimal.TryParse("1.2.3", out _));
        Assert.False(AvroBigDecimal.TryParse("abc", out _));
        Assert.Equal(12.5m, (decimal)AvroBigDecimal.Parse("12.5"));
        Assert.Equal(1m, (decimal)new AvroBigDecimal(BigInteger.Pow(10, 40), 40));
        Assert.Throws<AvroDataException>(() => (decimal)new AvroBigDecimal(BigInteger.Pow(10, 30), 0));
        Assert.Throws<AvroDataException>(() => (decimal)new AvroBigDecimal(1, int.MinValue));
        Assert.Equal(new AvroBigDecimal(-150, 2), (AvroBigDecimal)(-1.50m));
    }

    [Fact]
    public void Uuid_as_string_and_as_fixed_in_rfc4122_order()
    {
        var guid = Guid.Parse("123e4567-e89b-12d3-a456-426614174000");
        var text = ToBytes((ref AvroWriter w) => w.WriteUuid(guid));
        Assert.Equal(0x48, text[0]);
        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", System.Text.Encoding.ASCII.GetString(text, 1, 36));
        Assert.Equal(guid, Read(text, (ref AvroReader r) => r.ReadUuid()));

        var upper = Encode.ToBytes((ref AvroWriter w) => w.WriteString("123E4567-E89B-12D3-A456-426614174000"));
        Assert.Equal(guid, Read(upper, (ref AvroReader r) => r.ReadUuid()));

        var fixedBytes = ToBytes((ref AvroWriter w) => w.WriteUuidFixed(guid));
        Assert.Equal(Hex("123e4567e89b12d3a456426614174000"), fixedBytes);
        Assert.Equal(guid, Read(fixedBytes, (ref AvroReader r) => r.ReadUuidFixed()));

        var notAUuid = ToBytes((ref AvroWriter w) => w.WriteString("not-a-uuid"));
        Assert.Contains("uuid", Fails(notAUuid, (ref AvroReader r) => r.ReadUuid()).Message);
    }

    [Fact]
    public void Date_is_days_since_the_epoch()
    {
        Assert.Equal(Hex("00"), ToBytes((ref AvroWriter w) => w.WriteDate(new DateOnly(1970, 1, 1))));
        Assert.Equal(Hex("01"), ToBytes((ref AvroWriter w) => w.WriteDate(new DateOnly(1969, 12, 31))));
        var y2k = ToBytes((ref AvroWriter w) => w.WriteDate(new DateOnly(2000, 1, 1)));
        Assert.Equal(10957, Read(y2k, (ref AvroReader r) => r.ReadInt()));
        Assert.Equal(new DateOnly(2000, 1, 1), Read(y2k, (ref AvroReader r) => r.ReadDate()));
        Assert.Equal(new DateOnly(1, 1, 1), Read(ToBytes((ref AvroWriter w) => w.WriteDate(DateOnly.MinValue)), (ref AvroReader r) => r.ReadDate()));
        var tooLate = ToBytes((ref AvroWriter w) => w.WriteInt(int.MaxValue));
        Assert.Contains("outside the years", Fails(tooLate, (ref AvroReader r) => r.ReadDate()).Message);
    }

    [Fact]
    public void Time_of_day()
    {
        var time = new TimeOnly(12, 34, 56, 789, 123);
        var millis = ToBytes((ref AvroWriter w) => w.WriteTimeMillis(time));
        Assert.Equal(45_296_789, Read(millis, (ref AvroReader r) => r.ReadInt()));
        Assert.Equal(new TimeOnly(12, 34, 56, 789), Read(millis, (ref AvroReader r) => r.ReadTimeMillis()));
        var micros = ToBytes((ref AvroWriter w) => w.WriteTimeMicros(time));
        Assert.Equal(45_296_789_123L, Read(micros, (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(time, Read(micros, (ref AvroReader r) => r.ReadTimeMicros()));

        Assert.Contains("not within a day", Fails(ToBytes((ref AvroWriter w) => w.WriteInt(86_400_000)), (ref AvroReader r) => r.ReadTimeMillis()).Message);
        Assert.Contains("not within a day", Fails(ToBytes((ref AvroWriter w) => w.WriteInt(-1)), (ref AvroReader r) => r.ReadTimeMillis()).Message);
        Assert.Contains("not within a day", Fails(ToBytes((ref AvroWriter w) => w.WriteLong(86_400_000_000)), (ref AvroReader r) => r.ReadTimeMicros()).Message);
    }

    [Fact]
    public void Timestamps_follow_the_specification_example()
    {
        // Noon on 2000-01-01 in Helsinki (UTC+2) is 946720800000 ms as an instant, 946728000000 ms as local time.
        var helsinkiNoon = new DateTimeOffset(2000, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(946_720_800_000L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(helsinkiNoon)), (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(946_720_800_000_000L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMicros(helsinkiNoon)), (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(946_720_800_000_000_000L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampNanos(helsinkiNoon)), (ref AvroReader r) => r.ReadLong()));
        var localNoon = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Local);
        Assert.Equal(946_728_000_000L, Read(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampMillis(localNoon)), (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(946_728_000_000_000L, Read(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampMicros(localNoon)), (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(946_728_000_000_000_000L, Read(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampNanos(localNoon)), (ref AvroReader r) => r.ReadLong()));

        var read = Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(helsinkiNoon)), (ref AvroReader r) => r.ReadTimestampMillis());
        Assert.Equal(helsinkiNoon, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        var local = Read(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampMicros(localNoon)), (ref AvroReader r) => r.ReadLocalTimestampMicros());
        Assert.Equal(new DateTime(2000, 1, 1, 12, 0, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }

    [Fact]
    public void Timestamps_before_1970_round_toward_the_past()
    {
        var justBefore = new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(5000); // .9995 s
        Assert.Equal(-1L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(justBefore)), (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(-500L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMicros(justBefore)), (ref AvroReader r) => r.ReadLong()));
        Assert.Equal(-500_000L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampNanos(justBefore)), (ref AvroReader r) => r.ReadLong()));

        var old = new DateTimeOffset(1900, 6, 15, 8, 30, 0, TimeSpan.Zero);
        Assert.Equal(old, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(old)), (ref AvroReader r) => r.ReadTimestampMillis()));
        Assert.Equal(old, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampNanos(old)), (ref AvroReader r) => r.ReadTimestampNanos()));
        Assert.Equal(-2_194_702_200_000L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampMillis(old)), (ref AvroReader r) => r.ReadLong()));
    }

    [Fact]
    public void Timestamps_out_of_range_are_rejected()
    {
        Assert.Contains("years 1677 to 2262", Assert.Throws<AvroDataException>(() =>
            ToBytes((ref AvroWriter w) => w.WriteTimestampNanos(new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero)))).Message);
        var huge = ToBytes((ref AvroWriter w) => w.WriteLong(long.MaxValue));
        Assert.Contains("outside the years", Fails(huge, (ref AvroReader r) => r.ReadTimestampMillis()).Message);
        Assert.Contains("outside the years", Fails(huge, (ref AvroReader r) => r.ReadLocalTimestampMicros()).Message);
        var hugeNegative = ToBytes((ref AvroWriter w) => w.WriteLong(long.MinValue));
        Assert.Throws<AvroDataException>(() => Read(hugeNegative, (ref AvroReader r) => r.ReadTimestampMicros()));
        var earliestWhole = ToBytes((ref AvroWriter w) => w.WriteLong(long.MinValue / 100 * 100));
        var earliest = Read(earliestWhole, (ref AvroReader r) => r.ReadLocalTimestampNanos());
        Assert.Equal(new DateTime(1677, 9, 21, 0, 12, 43, 145).AddTicks(2242), earliest);
        Assert.Equal(long.MinValue / 100 * 100, Read(ToBytes((ref AvroWriter w) => w.WriteLocalTimestampNanos(earliest)), (ref AvroReader r) => r.ReadLong()));
    }

    [Fact]
    public void Nanosecond_timestamps_are_never_rounded()
    {
        var precise = ToBytes((ref AvroWriter w) => w.WriteLong(1_700_000_000_123_456_789L));
        var e = Fails(precise, (ref AvroReader r) => r.ReadTimestampNanos());
        Assert.Contains("1700000000123456789", e.Message);
        Assert.Contains("not rounded", e.Message);
        Assert.Equal(0, e.Offset);
        Fails(ToBytes((ref AvroWriter w) => w.WriteLong(long.MinValue)), (ref AvroReader r) => r.ReadLocalTimestampNanos());

        var whole = ToBytes((ref AvroWriter w) => w.WriteLong(1_700_000_000_123_456_700L));
        var value = Read(whole, (ref AvroReader r) => r.ReadTimestampNanos());
        Assert.Equal(1_700_000_000_123_456_700L, Read(ToBytes((ref AvroWriter w) => w.WriteTimestampNanos(value)), (ref AvroReader r) => r.ReadLong()));
    }

    [Fact]
    public void Duration_is_three_little_endian_uints()
    {
        var value = new AvroDuration(1, 2, 3);
        Assert.Equal(Hex("01000000 02000000 03000000"), ToBytes((ref AvroWriter w) => w.WriteDuration(value)));
        var max = new AvroDuration(uint.MaxValue, 0, 0x01020304);
        Assert.Equal(max, Read(ToBytes((ref AvroWriter w) => w.WriteDuration(max)), (ref AvroReader r) => r.ReadDuration()));
        Assert.Throws<AvroDataException>(() => Read(Hex("0100000002000000030000"), (ref AvroReader r) => r.ReadDuration()));
    }

    private sealed class NumericComparer : IEqualityComparer<AvroBigDecimal>
    {
        public bool Equals(AvroBigDecimal x, AvroBigDecimal y) => x.CompareTo(y) == 0;

        public int GetHashCode(AvroBigDecimal obj) => 0;
    }
}

using System.Buffers;
using static Avro.Codegen.Tests.Encode;

namespace Avro.Codegen.Tests;

public class PrimitiveEncodingTests
{
    // The specification's table plus the edges of the 32- and 64-bit ranges, worked out by hand.
    [Theory]
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(1, "02")]
    [InlineData(-2, "03")]
    [InlineData(2, "04")]
    [InlineData(-64, "7F")]
    [InlineData(64, "8001")]
    [InlineData(int.MaxValue, "FEFFFFFF0F")]
    [InlineData(int.MinValue, "FFFFFFFF0F")]
    public void Int_encodes_as_zigzag_varint(int value, string hex)
    {
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteInt(value)));
        Assert.Equal(value, Read(Hex(hex), (ref AvroReader r) => r.ReadInt()));
        Assert.Equal(value, Read(Hex(hex), (ref AvroReader r) => r.ReadLong()));
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8001")]
    [InlineData(8192L, "808001")]
    [InlineData(long.MaxValue, "FEFFFFFFFFFFFFFFFF01")]
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF01")]
    [InlineData((long)int.MaxValue + 1, "8080808010")]
    public void Long_encodes_as_zigzag_varint(long value, string hex)
    {
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteLong(value)));
        Assert.Equal(value, Read(Hex(hex), (ref AvroReader r) => r.ReadLong()));
    }

    [Fact]
    public void Long_beyond_int_range_is_rejected_by_ReadInt()
    {
        var e = Fails(Hex("8080808010"), (ref AvroReader r) => r.ReadInt());
        Assert.Equal(0, e.Offset);
        Assert.Contains("int", e.Message);
    }

    [Fact]
    public void Varint_longer_than_ten_bytes_is_rejected()
    {
        var e = Fails(Hex("FFFFFFFFFFFFFFFFFFFF01"), (ref AvroReader r) => r.ReadLong());
        Assert.Equal(0, e.Offset);
        Assert.Contains("10 bytes", e.Message);
    }

    [Fact]
    public void Truncated_varint_names_its_offset()
    {
        var e = Fails(Hex("02 8080"), (ref AvroReader r) => { r.ReadLong(); return r.ReadLong(); });
        Assert.Equal(1, e.Offset);
        Assert.Contains("end of data", e.Message);
    }

    // Varints of two to eight bytes are decoded from one 64-bit load (of the input's last eight bytes near its end);
    // every length at every distance from the end must read as the byte loop reads it.
    [Theory]
    [InlineData(0L)]
    [InlineData(-65L)]
    [InlineData(8191L)]
    [InlineData(-1_048_577L)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(1_234_567_890_123L)]
    [InlineData(-(1L << 55))]
    [InlineData((1L << 55) - 1)]
    [InlineData(1L << 56)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Multi_byte_varints_read_the_same_at_any_distance_from_the_end(long value)
    {
        var varint = ToBytes((ref AvroWriter w) => w.WriteLong(value));
        for (var before = 0; before <= 9; before++)
        {
            for (var after = 0; after <= 9; after++)
            {
                // Zeros (the long 0) before and after the value.
                byte[] data = [.. new byte[before], .. varint, .. new byte[after]];
                var read = Read(data, (ref AvroReader r) =>
                {
                    for (var i = 0; i < before; i++)
                    {
                        Assert.Equal(0, r.ReadLong());
                    }

                    var v = r.ReadLong();
                    Assert.Equal(before + varint.Length, r.Position);
                    for (var i = 0; i < after; i++)
                    {
                        Assert.Equal(0, r.ReadLong());
                    }

                    return v;
                });
                Assert.Equal(value, read);
                if (value is >= int.MinValue and <= int.MaxValue)
                {
                    Assert.Equal((int)value, Read(data, (ref AvroReader r) =>
                    {
                        r.Advance(before);
                        var v = r.ReadInt();
                        r.Advance(after);
                        return v;
                    }));
                }
                else
                {
                    var e = Fails(data, (ref AvroReader r) =>
                    {
                        r.Advance(before);
                        return r.ReadInt();
                    });
                    Assert.Equal(before, e.Offset);
                }
            }
        }
    }

    [Theory]
    [InlineData("00 00 00 00 00 00 00 8080", 7)]
    [InlineData("00 00 00 00 00 00 00 00 00 FFFFFFFF", 9)]
    [InlineData("00 8080808080808080", 1)]
    [InlineData("00 00 808080", 2)]
    public void Varint_cut_off_by_the_end_of_a_longer_input_names_its_offset(string hex, int offset)
    {
        var e = Fails<long>(Hex(hex), (ref AvroReader r) =>
        {
            while (true)
            {
                r.ReadLong();
            }
        });
        Assert.Equal(offset, e.Offset);
        Assert.Contains("end of data", e.Message);
    }

    [Fact]
    public void Five_byte_int_beyond_32_bits_is_rejected_with_bytes_after_it()
    {
        var e = Fails(Hex("00 8080808010 00 00 00 00"), (ref AvroReader r) => { r.ReadInt(); return r.ReadInt(); });
        Assert.Equal(1, e.Offset);
        Assert.Contains("32 bits", e.Message);
        var six = Fails(Hex("808080808000 00 00 00"), (ref AvroReader r) => r.ReadInt());
        Assert.Equal(0, six.Offset);
    }

    [Fact]
    public void Boolean_is_one_byte_and_other_values_are_rejected()
    {
        Assert.Equal(Hex("01 00"), ToBytes((ref AvroWriter w) => { w.WriteBoolean(true); w.WriteBoolean(false); }));
        Assert.True(Read(Hex("01"), (ref AvroReader r) => r.ReadBoolean()));
        var invalid = Fails(Hex("01 02"), (ref AvroReader r) => { r.ReadBoolean(); return r.ReadBoolean(); });
        Assert.Equal(1, invalid.Offset);
        Assert.Contains("0x02", invalid.Message);
        Assert.Equal(0, Fails(Hex("02"), (ref AvroReader r) => r.ReadBoolean()).Offset);
        Assert.Equal(0, Fails([], (ref AvroReader r) => r.ReadBoolean()).Offset);
    }

    [Fact]
    public void Float_and_double_are_little_endian_ieee754()
    {
        Assert.Equal(Hex("0000803F"), ToBytes((ref AvroWriter w) => w.WriteFloat(1.0f)));
        Assert.Equal(Hex("000000000000F03F"), ToBytes((ref AvroWriter w) => w.WriteDouble(1.0)));
        Assert.Equal(Hex("000000000000F0BF"), ToBytes((ref AvroWriter w) => w.WriteDouble(-1.0)));
        Assert.Equal(-2.5f, Read(Hex("000020C0"), (ref AvroReader r) => r.ReadFloat()));
        Assert.Equal(double.PositiveInfinity, Read(Hex("000000000000F07F"), (ref AvroReader r) => r.ReadDouble()));
    }

    [Fact]
    public void NaN_payloads_survive_as_raw_bits()
    {
        var floatNaN = BitConverter.Int32BitsToSingle(0x7FC00001);
        var bytes = ToBytes((ref AvroWriter w) => w.WriteFloat(floatNaN));
        Assert.Equal(Hex("0100C07F"), bytes);
        Assert.Equal(0x7FC00001, BitConverter.SingleToInt32Bits(Read(bytes, (ref AvroReader r) => r.ReadFloat())));

        var doubleNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000123));
        var dbytes = ToBytes((ref AvroWriter w) => w.WriteDouble(doubleNaN));
        Assert.Equal(Hex("230100000000F8FF"), dbytes);
        Assert.Equal(unchecked((long)0xFFF8000000000123), BitConverter.DoubleToInt64Bits(Read(dbytes, (ref AvroReader r) => r.ReadDouble())));
    }

    [Fact]
    public void Truncated_double_is_rejected()
    {
        Assert.Equal(0, Fails(Hex("000000"), (ref AvroReader r) => r.ReadDouble()).Offset);
    }

    [Fact]
    public void String_example_from_the_specification()
    {
        Assert.Equal(Hex("06666F6F"), ToBytes((ref AvroWriter w) => w.WriteString("foo")));
        Assert.Equal("foo", Read(Hex("06666F6F"), (ref AvroReader r) => r.ReadString()));
    }

    [Theory]
    [InlineData("", "00")]
    [InlineData("é", "04C3A9")]
    [InlineData("a€", "08 61 E282AC")]
    [InlineData("😀", "08 F09F9880")]
    public void Non_ascii_strings_are_prefixed_with_their_utf8_byte_count(string value, string hex)
    {
        Assert.Equal(Hex(hex), ToBytes((ref AvroWriter w) => w.WriteString(value)));
        Assert.Equal(value, Read(Hex(hex), (ref AvroReader r) => r.ReadString()));
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(5000)]
    [InlineData(70000)]
    public void Long_strings_get_the_right_prefix(int length)
    {
        foreach (var fill in new[] { 'x', 'é', '€' })
        {
            var text = new string(fill, length);
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            var bytes = ToBytes((ref AvroWriter w) => { w.WriteString(text); w.WriteInt(-1); });
            var reader = new AvroReader(bytes);
            Assert.Equal(utf8.Length, reader.ReadLong());
            Assert.Equal(utf8, reader.ReadFixed(utf8.Length));
            Assert.Equal(-1, reader.ReadInt());
            Assert.Equal(text, Read(bytes, (ref AvroReader r) => { var s = r.ReadString(); r.ReadInt(); return s; }));
        }
    }

    [Fact]
    public void Surrogate_pair_split_across_chunks_of_a_large_string_is_encoded_whole()
    {
        var text = new string('é', 3000) + "😀" + new string('a', 5000) + string.Concat(Enumerable.Repeat("😀", 3000));
        var bytes = ToBytes((ref AvroWriter w) => w.WriteString(text));
        Assert.Equal(text, Read(bytes, (ref AvroReader r) => r.ReadString()));
    }

    [Fact]
    public void Bytes_and_fixed()
    {
        Assert.Equal(Hex("06 010203"), ToBytes((ref AvroWriter w) => w.WriteBytes([1, 2, 3])));
        Assert.Equal(Hex("010203"), ToBytes((ref AvroWriter w) => w.WriteFixed([1, 2, 3])));
        Assert.Equal(new byte[] { 1, 2, 3 }, Read(Hex("06 010203"), (ref AvroReader r) => r.ReadBytes()));
        Assert.Equal(new byte[] { 1, 2 }, Read(Hex("0102"), (ref AvroReader r) => r.ReadFixed(2)));
        var large = Enumerable.Range(0, 10000).Select(i => (byte)i).ToArray();
        Assert.Equal(large, Read(ToBytes((ref AvroWriter w) => w.WriteBytes(large)), (ref AvroReader r) => r.ReadBytes()));
    }

    [Fact]
    public void Negative_and_oversized_lengths_are_rejected_without_allocating()
    {
        var negative = Fails(Hex("01"), (ref AvroReader r) => r.ReadBytes());
        Assert.Contains("Negative", negative.Message);
        Assert.Equal(0, negative.Offset);

        // A forged length of 2^62 with three bytes behind it.
        var forged = Fails(Hex("FEFFFFFFFFFFFFFF7F 616263"), (ref AvroReader r) => r.ReadString());
        Assert.Contains("more than the 3 bytes", forged.Message);
        Assert.Equal(0, Fails(Hex("08 616263"), (ref AvroReader r) => r.ReadString()).Offset);
        Assert.Equal(0, Fails(Hex("08 616263"), (ref AvroReader r) => r.ReadFixed(5)).Offset);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_by_default_and_replaced_on_request()
    {
        var data = Hex("02 41 06 61 FF 62");
        var e = Fails(data, (ref AvroReader r) => { r.ReadString(); return r.ReadString(); });
        Assert.Equal(4, e.Offset);
        Assert.Contains("UTF-8", e.Message);

        var options = new AvroReaderOptions { InvalidUtf8Handling = InvalidUtf8Handling.Replace };
        Assert.Equal("a\uFFFDb", Read(data, (ref AvroReader r) => { r.ReadString(); return r.ReadString(); }, options));
    }

    [Fact]
    public void Short_strings_with_a_one_byte_prefix_decode_or_fail_like_long_ones()
    {
        // The inline path covers prefixes 00..7E (lengths 0 to 63): every length, ASCII or with an invalid byte anywhere.
        for (var length = 0; length < 64; length++)
        {
            var text = new string(Enumerable.Range(0, length).Select(i => (char)('A' + (i % 26))).ToArray());
            byte[] encoded = [(byte)(length << 1), .. System.Text.Encoding.ASCII.GetBytes(text)];
            Assert.Equal(text, Read(encoded, (ref AvroReader r) => r.ReadString()));
            if (length > 0)
            {
                // One byte short: the length is more than the input holds.
                Assert.Contains($"string length {length} is more than the {length - 1} bytes", Fails(encoded[..^1], (ref AvroReader r) => r.ReadString()).Message, StringComparison.Ordinal);
                for (var at = 1; at <= length; at++)
                {
                    var invalid = (byte[])encoded.Clone();
                    invalid[at] = 0xFF;
                    Assert.Equal(at, Fails(invalid, (ref AvroReader r) => r.ReadString()).Offset);
                }
            }
        }

        // An odd one-byte prefix is a negative length.
        Assert.Contains("Negative string length -1", Fails([0x01, 0x41], (ref AvroReader r) => r.ReadString()).Message);
    }

    [Fact]
    public void Ascii_strings_decode_exactly_and_a_high_byte_anywhere_takes_the_checked_utf8_path()
    {
        // Pure-ASCII strings are widened directly; every code point below 0x80 must survive that, and a byte at or
        // above 0x80, even after a long ASCII run (beyond the first vector blocks of the check), must not.
        var ascii = new string(Enumerable.Range(0, 128).Select(i => (char)i).ToArray());
        Assert.Equal(ascii, Read(ToBytes((ref AvroWriter w) => w.WriteString(ascii)), (ref AvroReader r) => r.ReadString()));
        var mixed = new string('a', 70) + "\u00e9" + new string('b', 70);
        Assert.Equal(mixed, Read(ToBytes((ref AvroWriter w) => w.WriteString(mixed)), (ref AvroReader r) => r.ReadString()));

        // Length 79 (zig-zag 158: 9E 01), 78 ASCII bytes, then a lone continuation byte.
        var stray = new byte[] { 0x9E, 0x01 }.Concat(Enumerable.Repeat((byte)'a', 78)).Append((byte)0x80).ToArray();
        var e = Fails(stray, (ref AvroReader r) => r.ReadString());
        Assert.Equal(2 + 78, e.Offset);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Record_and_array_examples_from_the_specification()
    {
        Assert.Equal(Hex("36 06666F6F"), ToBytes((ref AvroWriter w) => { w.WriteLong(27); w.WriteString("foo"); }));
        Assert.Equal(Hex("04 06 36 00"), ToBytes((ref AvroWriter w) => { w.WriteBlockCount(2); w.WriteLong(3); w.WriteLong(27); w.WriteBlockEnd(); }));
        Assert.Equal(Hex("02 02 61"), ToBytes((ref AvroWriter w) => { w.WriteUnionIndex(1); w.WriteString("a"); }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToBytes((ref AvroWriter w) => w.WriteBlockCount(0)));
    }

    [Fact]
    public void Block_counts_positive_negative_and_forged()
    {
        Assert.Equal(new[] { 3L, 27L }, Read(Hex("04 06 36 00"), ReadLongArray));
        // Negative count -2 followed by the block's byte size 2.
        Assert.Equal(new[] { 3L, 27L }, Read(Hex("03 04 06 36 00"), ReadLongArray));

        // 100 items claimed with 3 bytes left: within the budget for zero-size items, so reading runs out of data.
        var tooMany = Fails(Hex("C801 06 36 00"), ReadLongArray);
        Assert.Contains("Unexpected end of data", tooMany.Message);
        Assert.Equal(5, tooMany.Offset);

        // The same with a one-byte count: 5 items claimed with 1 byte left.
        var oneByte = Fails(Hex("0A 02"), ReadLongArray);
        Assert.Contains("Unexpected end of data", oneByte.Message);
        Assert.Equal(2, oneByte.Offset);
        var noBudget = Fails(Hex("0A 02"), ReadLongArray, new AvroReaderOptions { MaxZeroSizeItems = 0 });
        Assert.Contains("MaxZeroSizeItems", noBudget.Message);
        Assert.Equal(0, noBudget.Offset);

        // 2^62 items: beyond both the input and the budget, rejected before anything is read.
        var forged = Fails(Hex("FEFFFFFFFFFFFFFF7F 06 36 00"), ReadLongArray);
        Assert.Contains("MaxZeroSizeItems", forged.Message);
        Assert.Equal(0, forged.Offset);

        var badSize = Fails(Hex("03 FE01 06 36 00"), ReadLongArray);
        Assert.Contains("byte size", badSize.Message);
        Assert.Equal(1, badSize.Offset);
        Assert.Contains("byte size", Fails(Hex("03 01 06 36 00"), ReadLongArray).Message);
        Assert.Contains("Invalid block count", Fails(Hex("FFFFFFFFFFFFFFFFFF01 00"), ReadLongArray).Message);
    }

    [Fact]
    public void Blocks_of_zero_size_items_draw_on_a_budget()
    {
        // 1000 nulls take no bytes: accepted from the budget whether or not the caller knows items can be empty.
        var data = Hex("D00F 00");
        Assert.Equal(1000, Read(data, (ref AvroReader r) => { var n = r.ReadBlockCount(0); r.ReadBlockCount(0); return n; }));
        Assert.Equal(1000, Read(data, (ref AvroReader r) => { var n = r.ReadBlockCount(); r.ReadBlockCount(); return n; }));

        // Items of 8 bytes (doubles): 2 of them need 16 bytes, so with 9 left the count draws on the budget.
        var doubles = new AvroReaderOptions { MaxZeroSizeItems = 1 };
        Assert.Contains("MaxZeroSizeItems = 1", Fails(Hex("04 000000000000F03F 00"), (ref AvroReader r) => r.ReadBlockCount(8), doubles).Message);

        var small = new AvroReaderOptions { MaxZeroSizeItems = 1500 };
        var twice = Hex("D00F D00F 00");
        var e = Fails(twice, (ref AvroReader r) => { r.ReadBlockCount(0); return r.ReadBlockCount(0); }, small);
        Assert.Contains("MaxZeroSizeItems", e.Message);
        Assert.Equal(2, e.Offset);
    }

    [Fact]
    public void Union_and_enum_indexes_are_checked()
    {
        Assert.Equal(1, Read(Hex("02"), (ref AvroReader r) => r.ReadUnionIndex(2)));
        Assert.Contains("Union branch index 2", Fails(Hex("04"), (ref AvroReader r) => r.ReadUnionIndex(2)).Message);
        Assert.Contains("Union branch index -1", Fails(Hex("01"), (ref AvroReader r) => r.ReadUnionIndex(2)).Message);
        Assert.Equal(3, Read(Hex("06"), (ref AvroReader r) => r.ReadEnum(4)));
        Assert.Contains("Enum symbol index 4", Fails(Hex("08"), (ref AvroReader r) => r.ReadEnum(4)).Message);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected()
    {
        var options = new AvroReaderOptions { MaxDepth = 3 };
        var e = Fails([], (ref AvroReader r) =>
        {
            for (var i = 0; i < 4; i++)
            {
                r.EnterNested();
            }

            return 0;
        }, options);
        Assert.Contains("deeper than the limit of 3", e.Message);

        Assert.Equal(0, Read([], (ref AvroReader r) =>
        {
            for (var i = 0; i < 10; i++)
            {
                r.EnterNested();
                r.ExitNested();
            }

            return 0;
        }, options));
    }

    [Fact]
    public void Span_writer_throws_AvroException_when_full()
    {
        var buffer = new byte[3];
        var e = Assert.Throws<AvroDataException>(() =>
        {
            var writer = new AvroWriter(buffer.AsSpan());
            writer.WriteString("abc");
        });
        Assert.Contains("full", e.Message);
        Assert.Throws<AvroDataException>(() =>
        {
            var writer = new AvroWriter(buffer.AsSpan());
            writer.WriteLong(long.MaxValue);
        });

        // Exactly enough room is fine.
        var exact = new byte[4];
        var w = new AvroWriter(exact.AsSpan());
        w.WriteString("abc");
        Assert.Equal(Hex("06616263"), exact);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(64L)]
    [InlineData(1L << 40)]
    [InlineData(long.MinValue)]
    public void Span_of_exactly_the_encoded_size_is_enough(long value)
    {
        var expected = ToBytes((ref AvroWriter w) => { w.WriteLong(value); w.WriteInt((int)value); });
        var exact = new byte[expected.Length];
        var writer = new AvroWriter(exact.AsSpan());
        writer.WriteLong(value);
        writer.WriteInt((int)value);
        Assert.Equal(expected, exact);
    }

    [Fact]
    public void Buffer_writer_gets_one_span_per_chunk()
    {
        var output = new CountingBufferWriter();
        var writer = new AvroWriter(output);
        for (var i = 0; i < 100; i++)
        {
            writer.WriteLong(i);
            writer.WriteString("name");
        }

        writer.Flush();
        Assert.Equal(1, output.GetSpanCalls);
        Assert.Equal(64 + (36 * 2) + (100 * 5), output.Written);
    }

    [Fact]
    public void Buffer_writer_gives_the_first_chunk_up_front_and_nothing_written_commits_nothing()
    {
        var output = new CountingBufferWriter();
        var writer = new AvroWriter(output);
        Assert.Equal(1, output.GetSpanCalls);
        writer.Flush();
        Assert.Equal(0, output.Written);

        // The first value goes into that chunk: still one span for the whole message.
        writer = new AvroWriter(output);
        writer.WriteLong(1_234_567_890_123L);
        writer.Flush();
        Assert.Equal(2, output.GetSpanCalls);
        Assert.Equal(6, output.Written);
    }

    [Fact]
    public void Reader_over_a_multi_segment_sequence_reads_across_segments()
    {
        var bytes = ToBytes((ref AvroWriter w) => { w.WriteString("hello world"); w.WriteLong(long.MinValue); });
        var first = new Segment(bytes.AsMemory(0, 3));
        var last = first.Append(bytes.AsMemory(3, 5)).Append(bytes.AsMemory(8));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        var reader = new AvroReader(sequence);
        Assert.Equal("hello world", reader.ReadString());
        Assert.Equal(long.MinValue, reader.ReadLong());
        Assert.True(reader.End);
    }

    private static long[] ReadLongArray(ref AvroReader reader)
    {
        var items = new List<long>();
        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
        {
            for (var i = 0; i < count; i++)
            {
                items.Add(reader.ReadLong());
            }
        }

        return items.ToArray();
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private readonly byte[] _buffer = new byte[1 << 16];

        public int GetSpanCalls { get; private set; }

        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new NotSupportedException();

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            GetSpanCalls++;
            return _buffer.AsSpan(Written);
        }
    }
}

// Over 400 lines on purpose: the binary decoder every generated reader calls: a ref struct whose hot paths (varints,
// strings, blocks) must stay in one type for the JIT to inline them.
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Avro.Codegen.Internal;
using Avro.Codegen.Schema;

namespace Avro.Codegen;

/// <summary>
/// Reads the Avro binary encoding from a span. Every malformed input — truncated data, an over-long or overflowing
/// varint, a negative or too-large length, an index out of range, invalid UTF-8, nesting beyond
/// <see cref="AvroReaderOptions.MaxDepth"/> — raises an <see cref="AvroDataException"/> naming the byte offset, and no
/// length or count read from the input makes it allocate more than the input that remains.
/// Pass it by <c>ref</c>: it is a mutable struct.
/// </summary>
public ref struct AvroReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly AvroReaderOptions _options;
    private int _position;
    private int _depth;
    private long _zeroSizeItemsLeft;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public AvroReader(ReadOnlySpan<byte> data, AvroReaderOptions? options = null)
    {
        _data = data;
        _options = options ?? AvroReaderOptions.Default;
        _position = 0;
        _depth = 0;
        _zeroSizeItemsLeft = _options.MaxZeroSizeItems;
    }

    /// <summary>
    /// Creates a reader over <paramref name="data"/>. A single-segment sequence is read in place; a multi-segment one
    /// is copied once into one array (Avro values may straddle segments, and the hot path wants one span).
    /// </summary>
    public AvroReader(ReadOnlySequence<byte> data, AvroReaderOptions? options = null)
        : this(data.IsSingleSegment ? data.FirstSpan : data.ToArray(), options)
    {
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly long Position => _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The options in effect.</summary>
    public readonly AvroReaderOptions Options => _options;

    /// <summary>Reads a boolean: a byte that must be 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean()
    {
        var position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            uint b = _data[position];
            if (b <= 1)
            {
                _position = position + 1;
                return b != 0;
            }
        }

        return ReadBooleanSlow();
    }

    private readonly bool ReadBooleanSlow()
    {
        var position = _position;
        if ((uint)position >= (uint)_data.Length)
        {
            ThrowTruncated(position, 1);
        }

        return ThrowHelper.Throw<bool>($"Invalid boolean byte 0x{_data[position]:X2} (must be 0 or 1)", position);
    }

    /// <summary>Reads an int: a zig-zag varint of at most 5 bytes whose value fits 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt()
    {
        var position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            uint b = _data[position];
            if (b < 0x80)
            {
                _position = position + 1;
                return (int)(b >> 1) ^ -(int)(b & 1);
            }
        }

        return ReadIntSlow();
    }

    private int ReadIntSlow()
    {
        // Two to five bytes: decoded without a loop; anything else (truncated, too long, beyond 32 bits, inputs under
        // eight bytes) takes the byte-by-byte loop, which also raises the errors.
        if (TryReadVarint64(out var length, out var value) && length <= 5 && value <= uint.MaxValue)
        {
            _position += length;
            var bits = (uint)value;
            return (int)(bits >> 1) ^ -(int)(bits & 1);
        }

        var start = _position;
        var data = _data;
        var position = start;
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if ((uint)position >= (uint)data.Length)
            {
                ThrowTruncated(start, position - start + 1);
            }

            uint b = data[position++];
            if (shift == 28 && b > 0x0F)
            {
                ThrowHelper.Throw("Invalid int: the varint is longer than 5 bytes or exceeds 32 bits", start);
            }

            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        _position = position;
        return (int)(result >> 1) ^ -(int)(result & 1);
    }

    /// <summary>Reads a long: a zig-zag varint of at most 10 bytes whose value fits 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        var position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            ulong b = _data[position];
            if (b < 0x80)
            {
                _position = position + 1;
                return (long)(b >> 1) ^ -(long)(b & 1);
            }
        }

        return ReadLongSlow();
    }

    private long ReadLongSlow()
    {
        // Two to eight bytes (values up to 2^55): decoded without a loop; nine- and ten-byte varints, truncated ones and
        // inputs under eight bytes take the byte-by-byte loop, which also raises the errors.
        if (TryReadVarint64(out var length, out var value))
        {
            _position += length;
            return (long)(value >> 1) ^ -(long)(value & 1);
        }

        var start = _position;
        var data = _data;
        var position = start;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if ((uint)position >= (uint)data.Length)
            {
                ThrowTruncated(start, position - start + 1);
            }

            ulong b = data[position++];
            if (shift == 63 && b > 1)
            {
                ThrowHelper.Throw("Invalid long: the varint is longer than 10 bytes or exceeds 64 bits", start);
            }

            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        _position = position;
        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    /// <summary>
    /// Decodes a varint of at most eight bytes from one unaligned 64-bit load (near the end of the input, of its last
    /// eight bytes): the first byte without the continuation bit ends it, the bytes after it are
    /// masked off, and the 7-bit groups are packed together in three steps (pairs, quads, the two halves) instead of
    /// one shift and one branch per byte. False for longer varints and truncated input (the caller's loop decides).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool TryReadVarint64(out int length, out ulong value)
    {
        var remaining = _data.Length - _position;
        if (remaining > 0)
        {
            ulong word;
            if (remaining >= sizeof(ulong))
            {
                word = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_position, sizeof(ulong)));
            }
            else if (_data.Length >= sizeof(ulong))
            {
                // The input's last eight bytes, shifted so that the varint's first byte comes first; the zero bytes
                // shifted in have no continuation bit, so a varint cut off by the end seems to stop after it, which the
                // length check below catches.
                word = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_data.Length - sizeof(ulong)))
                    >> ((sizeof(ulong) - remaining) * 8);
            }
            else
            {
                length = 0;
                value = 0;
                return false;
            }

            var stops = ~word & 0x8080808080808080UL;
            if (stops != 0)
            {
                // Every bit up to the last byte's (clear) continuation bit; then drop the continuation bits.
                word &= (stops ^ (stops - 1)) & 0x7F7F7F7F7F7F7F7FUL;
                word = ((word & 0x7F007F007F007F00UL) >> 1) | (word & 0x007F007F007F007FUL);
                word = ((word & 0x3FFF00003FFF0000UL) >> 2) | (word & 0x00003FFF00003FFFUL);
                word = ((word & 0x0FFFFFFF00000000UL) >> 4) | (word & 0x000000000FFFFFFFUL);
                length = (BitOperations.TrailingZeroCount(stops) >> 3) + 1;
                value = word;
                return length <= remaining;
            }
        }

        length = 0;
        value = 0;
        return false;
    }

    /// <summary>Reads a float: 4 bytes, little-endian IEEE 754.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a double: 8 bytes, little-endian IEEE 754.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads bytes into a new array.</summary>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads bytes without copying: the span points into the input.</summary>
    public ReadOnlySpan<byte> ReadBytesSpan()
    {
        var length = ReadLength("bytes");
        return Take(length);
    }

    /// <summary>Reads a string (UTF-8, checked per <see cref="AvroReaderOptions.InvalidUtf8Handling"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string ReadString()
    {
        // The common case inline: a one-byte length prefix (0 to 63 bytes) and ASCII text.
        var position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            uint prefix = _data[position];
            var length = (int)(prefix >> 1);
            if ((prefix & 0x81) == 0 && length < _data.Length - position)
            {
                var bytes = _data.Slice(position + 1, length);
                if (Ascii.IsValid(bytes))
                {
                    _position = position + 1 + length;
                    return Encoding.Latin1.GetString(bytes);
                }
            }
        }

        return ReadStringSlow();
    }

    private string ReadStringSlow()
    {
        var start = _position;
        var length = ReadLength("string");
        var bytes = Take(length);

        // ASCII text (identifiers, codes, most names) is valid UTF-8 that widens byte for byte: one vectorized check
        // and one widening copy (Latin-1 decoding is exactly that), where the UTF-8 decoder needs a counting pass
        // and a decoding pass.
        if (Ascii.IsValid(bytes))
        {
            return Encoding.Latin1.GetString(bytes);
        }

        if (_options.InvalidUtf8Handling == InvalidUtf8Handling.Replace)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = _position - length + Math.Max(0, e.Index);
            throw new AvroDataException($"Invalid UTF-8 in the string that starts at byte offset {start}", at, e);
        }
    }

    /// <summary>Reads a string's UTF-8 bytes without decoding or checking them.</summary>
    public ReadOnlySpan<byte> ReadStringUtf8() => Take(ReadLength("string"));

    /// <summary>Reads a fixed value of <paramref name="size"/> bytes into a new array.</summary>
    public byte[] ReadFixed(int size) => ReadFixedSpan(size).ToArray();

    /// <summary>Reads a fixed value into <paramref name="destination"/> (its length is the size).</summary>
    public void ReadFixed(Span<byte> destination) => Take(destination.Length).CopyTo(destination);

    /// <summary>Reads a fixed value of <paramref name="size"/> bytes without copying.</summary>
    public ReadOnlySpan<byte> ReadFixedSpan(int size)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A fixed size is not negative.");
        }

        return Take(size);
    }

    /// <summary>Reads a union branch index and checks it is below <paramref name="branchCount"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnionIndex(int branchCount)
    {
        var start = _position;
        var index = ReadInt();
        if ((uint)index >= (uint)branchCount)
        {
            ThrowHelper.Throw($"Union branch index {index} is out of range (the union has {branchCount} branches)", start);
        }

        return index;
    }

    /// <summary>Reads an enum symbol index and checks it is below <paramref name="symbolCount"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadEnum(int symbolCount)
    {
        var start = _position;
        var index = ReadInt();
        if ((uint)index >= (uint)symbolCount)
        {
            ThrowHelper.Throw($"Enum symbol index {index} is out of range (the enum has {symbolCount} symbols)", start);
        }

        return index;
    }

    /// <summary>
    /// Reads an array or map block header: the item count of the next block, 0 at the end. A negative count is
    /// followed by the block's byte size, which is checked and skipped over. A count larger than the bytes that remain
    /// (items usually take at least a byte each) is accepted only within <see cref="AvroReaderOptions.MaxZeroSizeItems"/>,
    /// the budget for items that take no bytes (<c>null</c>, empty records), so a forged count fails here rather than
    /// in an allocation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadBlockCount()
    {
        // The common case inline: a one-byte count (0 to 63 items) that the remaining bytes can hold.
        var position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            uint b = _data[position];
            if ((b & 0x81) == 0 && (int)(b >> 1) < _data.Length - position)
            {
                _position = position + 1;
                return b >> 1;
            }
        }

        return ReadBlockCount(1);
    }

    /// <summary>
    /// Reads a block header for items of at least <paramref name="minItemSize"/> bytes each: a count that
    /// <paramref name="minItemSize"/>-byte items could not fill from the remaining input is charged to
    /// <see cref="AvroReaderOptions.MaxZeroSizeItems"/> (with 0, every count is), and rejected beyond it.
    /// </summary>
    public long ReadBlockCount(int minItemSize)
    {
        var start = _position;
        var count = ReadLong();
        if (count == 0)
        {
            return 0;
        }

        if (count < 0)
        {
            if (count == long.MinValue)
            {
                ThrowHelper.Throw("Invalid block count", start);
            }

            count = -count;
            var sizeAt = _position;
            var size = ReadLong();
            if (size < 0 || size > Remaining)
            {
                ThrowHelper.Throw($"Invalid block byte size {size} ({Remaining} bytes remain)", sizeAt);
            }
        }

        if (minItemSize <= 0 || count > Remaining / minItemSize)
        {
            if (count > _zeroSizeItemsLeft)
            {
                ThrowHelper.Throw(
                    $"Block count {count} is more than the remaining {Remaining} bytes can hold and exceeds the limit on items that take no bytes (MaxZeroSizeItems = {_options.MaxZeroSizeItems})",
                    start);
            }

            _zeroSizeItemsLeft -= count;
        }

        return count;
    }

    /// <summary>Enters a nested value (record, array, map); throws when the depth exceeds <see cref="AvroReaderOptions.MaxDepth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterNested()
    {
        if (++_depth > _options.MaxDepth)
        {
            ThrowHelper.Throw($"Values nest deeper than the limit of {_options.MaxDepth} (AvroReaderOptions.MaxDepth)", _position);
        }
    }

    /// <summary>Leaves a nested value entered with <see cref="EnterNested"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitNested() => _depth--;

    /// <summary>Moves past <paramref name="count"/> bytes.</summary>
    public void Advance(int count) => Take(count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        var position = _position;
        if ((uint)count > (uint)(_data.Length - position))
        {
            ThrowTruncated(position, count);
        }

        _position = position + count;
        return _data.Slice(position, count);
    }

    /// <summary>Reads a length prefix and checks it is not negative and not beyond the input.</summary>
    private int ReadLength(string what)
    {
        var start = _position;
        var length = ReadLong();
        if ((ulong)length > (ulong)Remaining)
        {
            ThrowBadLength(what, length, start);
        }

        return (int)length;
    }

    private readonly void ThrowBadLength(string what, long length, int at)
    {
        if (length < 0)
        {
            ThrowHelper.Throw($"Negative {what} length {length}", at);
        }

        ThrowHelper.Throw($"The {what} length {length} is more than the {Remaining} bytes that remain", at);
    }

    private readonly void ThrowTruncated(int at, int needed) =>
        ThrowHelper.Throw($"Unexpected end of data: {needed} byte(s) needed, {Math.Max(0, _data.Length - at)} remain", at);

    // ---------------------------------------------------------------- logical types

    /// <summary>Reads a <c>decimal</c> on <c>bytes</c>; <see cref="AvroDataException"/> when it does not fit <see cref="decimal"/>.</summary>
    public decimal ReadDecimal(int scale)
    {
        var start = _position;
        return ToDecimal(ReadBytesSpan(), scale, start);
    }

    /// <summary>Reads a <c>decimal</c> on <c>fixed(<paramref name="size"/>)</c>.</summary>
    public decimal ReadDecimalFixed(int scale, int size)
    {
        var start = _position;
        return ToDecimal(ReadFixedSpan(size), scale, start);
    }

    /// <summary>Reads a <c>decimal</c> on <c>bytes</c> of any precision.</summary>
    public AvroBigDecimal ReadLargeDecimal(int scale)
    {
        var start = _position;
        return new AvroBigDecimal(ToBigInteger(ReadBytesSpan(), start), scale);
    }

    /// <summary>Reads a <c>decimal</c> on <c>fixed(<paramref name="size"/>)</c> of any precision.</summary>
    public AvroBigDecimal ReadLargeDecimalFixed(int scale, int size)
    {
        var start = _position;
        return new AvroBigDecimal(ToBigInteger(ReadFixedSpan(size), start), scale);
    }

    /// <summary>Reads a <c>big-decimal</c>: <c>bytes</c> holding the unscaled value as <c>bytes</c> and then the scale as an <c>int</c>.</summary>
    public AvroBigDecimal ReadBigDecimal()
    {
        var start = _position;
        var length = ReadLength("big-decimal");
        var end = _position + length;
        var unscaledAt = _position;
        var unscaled = ReadBytesSpan();
        var scale = ReadInt();
        if (_position != end)
        {
            ThrowHelper.Throw($"The big-decimal's {length} bytes do not hold exactly an unscaled value and a scale", start);
        }

        return new AvroBigDecimal(ToBigInteger(unscaled, unscaledAt), scale);
    }

    private static decimal ToDecimal(ReadOnlySpan<byte> bytes, int scale, int at)
    {
        if (bytes.IsEmpty)
        {
            ThrowHelper.Throw("A decimal's unscaled value has no bytes", at);
        }

        if (!DecimalBits.TryRead(bytes, out var unscaled) || !DecimalBits.TryToDecimal(unscaled, scale, out var value))
        {
            return ThrowHelper.Throw<decimal>($"The decimal does not fit System.Decimal (28 digits, scale up to 28; scale {scale}); read it as AvroBigDecimal", at);
        }

        return value;
    }

    private static BigInteger ToBigInteger(ReadOnlySpan<byte> bytes, int at)
    {
        if (bytes.IsEmpty)
        {
            ThrowHelper.Throw("A decimal's unscaled value has no bytes", at);
        }

        return new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Reads a <c>uuid</c> on <c>string</c>: 36 characters, 8-4-4-4-12 hex digits.</summary>
    public Guid ReadUuid()
    {
        var start = _position;
        var text = Take(ReadLength("string"));
        if (text.Length == 36 && Utf8Parser.TryParse(text, out Guid value, out var consumed, 'D') && consumed == 36)
        {
            return value;
        }

        return ThrowHelper.Throw<Guid>("The uuid string is not of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", start);
    }

    /// <summary>Reads a <c>uuid</c> on <c>fixed(16)</c> in RFC 4122 (big-endian) byte order.</summary>
    public Guid ReadUuidFixed() => new(Take(16), bigEndian: true);

    /// <summary>Reads a <c>date</c>: days since 1970-01-01.</summary>
    public DateOnly ReadDate()
    {
        var start = _position;
        return Temporal.DateFromDays(ReadInt(), start);
    }

    /// <summary>Reads a <c>time-millis</c>: milliseconds after midnight, 0 to 86,399,999.</summary>
    public TimeOnly ReadTimeMillis()
    {
        var start = _position;
        return Temporal.TimeFromMillis(ReadInt(), start);
    }

    /// <summary>Reads a <c>time-micros</c>: microseconds after midnight.</summary>
    public TimeOnly ReadTimeMicros()
    {
        var start = _position;
        return Temporal.TimeFromMicros(ReadLong(), start);
    }

    /// <summary>Reads a <c>timestamp-millis</c> as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadTimestampMillis() => new(ReadTicks(TimeSpan.TicksPerMillisecond, "timestamp-millis"), TimeSpan.Zero);

    /// <summary>Reads a <c>timestamp-micros</c> as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadTimestampMicros() => new(ReadTicks(Temporal.TicksPerMicrosecond, "timestamp-micros"), TimeSpan.Zero);

    /// <summary>
    /// Reads a <c>timestamp-nanos</c> as a UTC <see cref="DateTimeOffset"/>. .NET time counts in 100 ns ticks, so a value
    /// with digits below 100 ns raises <see cref="AvroDataException"/> rather than being rounded (read it with
    /// <see cref="ReadLong"/> to keep every digit).
    /// </summary>
    public DateTimeOffset ReadTimestampNanos() => new(ReadNanosAsTicks("timestamp-nanos"), TimeSpan.Zero);

    /// <summary>Reads a <c>local-timestamp-millis</c> as a <see cref="DateTime"/> of kind Unspecified.</summary>
    public DateTime ReadLocalTimestampMillis() => new(ReadTicks(TimeSpan.TicksPerMillisecond, "local-timestamp-millis"), DateTimeKind.Unspecified);

    /// <summary>Reads a <c>local-timestamp-micros</c> as a <see cref="DateTime"/> of kind Unspecified.</summary>
    public DateTime ReadLocalTimestampMicros() => new(ReadTicks(Temporal.TicksPerMicrosecond, "local-timestamp-micros"), DateTimeKind.Unspecified);

    /// <summary>
    /// Reads a <c>local-timestamp-nanos</c> as a <see cref="DateTime"/> of kind Unspecified; digits below 100 ns raise
    /// <see cref="AvroDataException"/> as in <see cref="ReadTimestampNanos"/>.
    /// </summary>
    public DateTime ReadLocalTimestampNanos() => new(ReadNanosAsTicks("local-timestamp-nanos"), DateTimeKind.Unspecified);

    private long ReadNanosAsTicks(string what)
    {
        var start = _position;
        return Temporal.TicksFromNanos(ReadLong(), what, start);
    }

    private long ReadTicks(long ticksPerUnit, string what)
    {
        var start = _position;
        return Temporal.TicksFromUnits(ReadLong(), ticksPerUnit, what, start);
    }

    /// <summary>Reads a <c>duration</c>: <c>fixed(12)</c> of three little-endian unsigned ints.</summary>
    public AvroDuration ReadDuration()
    {
        var span = Take(12);
        return new AvroDuration(
            BinaryPrimitives.ReadUInt32LittleEndian(span),
            BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(4)),
            BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(8)));
    }

    // ---------------------------------------------------------------- skipping

    /// <summary>
    /// Skips one value of <paramref name="schema"/> without materializing it. Blocks that carry a byte size are jumped
    /// over; strings are not decoded (so their UTF-8 is not checked). Depth and counts are checked as when reading.
    /// </summary>
    public void Skip(AvroSchema schema)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Null:
                return;
            case SchemaKind.Boolean:
                ReadBoolean();
                return;
            case SchemaKind.Int:
                ReadInt();
                return;
            case SchemaKind.Long:
                ReadLong();
                return;
            case SchemaKind.Float:
                Take(4);
                return;
            case SchemaKind.Double:
                Take(8);
                return;
            case SchemaKind.Bytes:
            case SchemaKind.String:
                Take(ReadLength(schema.Kind == SchemaKind.Bytes ? "bytes" : "string"));
                return;
            case SchemaKind.Fixed:
                Take(((FixedSchema)schema).Size);
                return;
            case SchemaKind.Enum:
                ReadEnum(((EnumSchema)schema).Symbols.Count);
                return;
            case SchemaKind.Union:
                var union = (UnionSchema)schema;
                Skip(union.Branches[ReadUnionIndex(union.Branches.Count)]);
                return;
            case SchemaKind.Record:
                EnterNested();
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    Skip(field.Type);
                }

                ExitNested();
                return;
            case SchemaKind.Array:
                SkipBlocks(((ArraySchema)schema).Items, isMap: false);
                return;
            case SchemaKind.Map:
                SkipBlocks(((MapSchema)schema).Values, isMap: true);
                return;
            default:
                throw new ArgumentException($"Unknown schema kind {schema.Kind}.", nameof(schema));
        }
    }

    private void SkipBlocks(AvroSchema items, bool isMap)
    {
        EnterNested();
        var minItemSize = isMap ? 1 : SchemaFacts.MinEncodedSize(items);
        while (true)
        {
            var start = _position;
            var count = ReadLong();
            if (count == 0)
            {
                break;
            }

            if (count < 0)
            {
                // The block says how many bytes it has: jump over them without looking at the items.
                var sizeAt = _position;
                var size = ReadLong();
                if (count == long.MinValue || size < 0 || size > Remaining)
                {
                    ThrowHelper.Throw($"Invalid block byte size {size} ({Remaining} bytes remain)", sizeAt);
                }

                _position += (int)size;
                continue;
            }

            _position = start;
            count = ReadBlockCount(minItemSize);
            for (var i = 0L; i < count; i++)
            {
                if (isMap)
                {
                    Take(ReadLength("map key"));
                }

                Skip(items);
            }
        }

        ExitNested();
    }
}

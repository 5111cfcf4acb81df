// Over 400 lines on purpose: the binary encoder every generated writer calls: a ref struct whose hot paths (varints,
// reserved spans, strings) must stay in one type for the JIT to inline them.
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Avro.Codegen.Internal;

namespace Avro.Codegen;

/// <summary>
/// Writes the Avro binary encoding into an <see cref="IBufferWriter{T}"/> or a caller's <see cref="Span{T}"/>.
/// Over a buffer writer it asks for one span per chunk and encodes straight into it; <see cref="Flush"/> commits the
/// bytes (call it once at the end). Over a span, running out of room is an <see cref="AvroDataException"/>.
/// Pass it by <c>ref</c>: it is a mutable struct.
/// </summary>
public ref struct AvroWriter
{
    /// <summary>How much to ask a buffer writer for at a time; small values are encoded without asking again.</summary>
    private const int ChunkSize = 4096;

    private readonly IBufferWriter<byte>? _output;
    private Span<byte> _buffer;
    private int _position;
    private int _committed;

    /// <summary>
    /// Creates a writer that appends to <paramref name="output"/>; call <see cref="Flush"/> when done. It asks
    /// <paramref name="output"/> for its first chunk here, so the first value written takes no slow path.
    /// </summary>
    public AvroWriter(IBufferWriter<byte> output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _buffer = output.GetSpan(ChunkSize);
        _position = 0;
        _committed = 0;
    }

    /// <summary>Creates a writer that fills <paramref name="destination"/>; it throws <see cref="AvroDataException"/> when full.</summary>
    public AvroWriter(Span<byte> destination)
    {
        _output = null;
        _buffer = destination;
        _position = 0;
        _committed = 0;
    }

    /// <summary>Bytes written so far by this writer (committed or not).</summary>
    public readonly int BytesWritten => _committed + _position;

    /// <summary>Over a buffer writer, commits what was written (Advance); over a span it does nothing.</summary>
    public void Flush()
    {
        if (_output is not null && _position > 0)
        {
            _output.Advance(_position);
            _committed = checked(_committed + _position);
            _buffer = default;
            _position = 0;
        }
    }

    /// <summary>The bytes written into a span destination (empty over a buffer writer).</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _output is null ? _buffer.Slice(0, _position) : default;

    /// <summary>Ensures <paramref name="size"/> contiguous bytes are free at <see cref="_position"/> and returns them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _position < size)
        {
            Grow(size);
        }

        return _buffer.Slice(_position);
    }

    /// <summary>Writes the Confluent framing's 5-byte header (the registry serializer's first bytes, before the body).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteConfluentHeader(int schemaId)
    {
        var span = Reserve(ConfluentFraming.HeaderLength);
        BinaryPrimitives.WriteInt32BigEndian(span.Slice(1, sizeof(int)), schemaId);
        span[0] = ConfluentFraming.MagicByte;
        _position += ConfluentFraming.HeaderLength;
    }

    /// <summary>
    /// Returns at least <paramref name="size"/> free bytes at the current position, asking the buffer writer for a new
    /// chunk when the current one has less (over a span, less room is an <see cref="AvroDataException"/>). Write into
    /// it (generated code uses the <see cref="AvroBinary"/> encoders), then commit what was written with
    /// <see cref="Advance"/>; the span is valid until the next call on this writer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return Reserve(size);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the span <see cref="GetSpan"/> returned.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than that span holds.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowAdvance(count, _buffer.Length - _position);
        }

        _position += count;
    }

    private static void ThrowAdvance(int count, int free) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"Cannot advance by {count} bytes: the span has {free}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        if (_output is null)
        {
            ThrowHelper.ThrowDestinationFull(size - (_buffer.Length - _position), _position);
        }

        if (_position > 0)
        {
            _output.Advance(_position);
            _committed = checked(_committed + _position);
            _position = 0;
        }

        _buffer = _output.GetSpan(Math.Max(size, ChunkSize));
        if (_buffer.Length < size)
        {
            throw new InvalidOperationException("The buffer writer returned a span smaller than requested.");
        }
    }

    /// <summary>Writes a boolean: one byte, 0 or 1.</summary>
    public void WriteBoolean(bool value)
    {
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
        _position++;
    }

    /// <summary>Writes an int: zig-zag, then a base-128 varint (1 to 5 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt(int value)
    {
        var v = (uint)((value << 1) ^ (value >> 31));
        if (_buffer.Length - _position < 5)
        {
            WriteVarintSlow(v);
            return;
        }

        var span = _buffer.Slice(_position);
        if (v < 0x80)
        {
            span[0] = (byte)v;
            _position++;
            return;
        }

        _position += WriteVarint(span, v);
    }

    /// <summary>Writes a long: zig-zag, then a base-128 varint (1 to 10 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteLong(long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        if (_buffer.Length - _position < 10)
        {
            WriteVarintSlow(v);
            return;
        }

        var span = _buffer.Slice(_position);
        if (v < 0x80)
        {
            span[0] = (byte)v;
            _position++;
            return;
        }

        _position += WriteVarint(span, v);
    }

    /// <summary>Near the end of the buffer: reserve only the bytes the varint needs (a span may have exactly that many).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteVarintSlow(ulong zigzagged)
    {
        var span = Reserve(VarintLength(zigzagged));
        _position += WriteVarint(span, zigzagged);
    }

    /// <summary>Writes a float: its raw IEEE 754 bits, little-endian (NaN payloads kept, as Java's floatToRawIntBits).</summary>
    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        _position += 4;
    }

    /// <summary>Writes a double: its raw IEEE 754 bits, little-endian.</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        _position += 8;
    }

    /// <summary>Writes bytes: the length as a long, then the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a fixed value: the bytes alone (the schema knows the size).</summary>
    public void WriteFixed(ReadOnlySpan<byte> value) => WriteRaw(value);

    /// <summary>Writes bytes with no prefix, e.g. a pre-encoded value.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> value)
    {
        if (value.Length <= ChunkSize || _output is null)
        {
            value.CopyTo(Reserve(value.Length));
            _position += value.Length;
            return;
        }

        // Large values go through in chunks so the buffer writer is never asked for one huge span.
        while (!value.IsEmpty)
        {
            var span = Reserve(1);
            var n = Math.Min(span.Length, value.Length);
            value.Slice(0, n).CopyTo(span);
            _position += n;
            value = value.Slice(n);
        }
    }

    /// <summary>Writes a string: the UTF-8 byte count as a long, then the UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteString(string value)
    {
        // Short ASCII text, the common case: a one-byte length prefix (a count below 64 zig-zags below 0x80) and one
        // narrowing copy, inline; anything else, or too little room left in the chunk, takes the general path.
        var length = value.Length;
        if (length < 64 && _buffer.Length - _position > length)
        {
            ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), (nint)(uint)_position);
            if (AvroBinary.TryNarrowAscii(ref MemoryMarshal.GetReference(value.AsSpan()), ref Unsafe.Add(ref at, 1), length))
            {
                at = (byte)(length << 1);
                _position += length + 1;
                return;
            }
        }

        WriteString(value.AsSpan());
    }

    /// <summary>
    /// Writes a string: the UTF-8 byte count as a long, then the UTF-8 bytes. ASCII text is encoded in one pass (its
    /// byte count is its length, so the prefix is known up front); other text is counted first, then encoded.
    /// Unpaired surrogates become U+FFFD, as in every UTF-8 encoder of the platform.
    /// </summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        var length = value.Length;
        if (length <= ChunkSize)
        {
            var prefix = VarintLength((ulong)length << 1);
            var span = Reserve(prefix + length);
            if (System.Text.Ascii.FromUtf16(value, span.Slice(prefix), out _) == OperationStatus.Done)
            {
                // ASCII: the byte count is the length, so the prefix written in front is exactly the reserved one.
                WriteVarint(span, (ulong)length << 1);
                _position += prefix + length;
                return;
            }
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLong(byteCount);
        if (byteCount <= ChunkSize || _output is null)
        {
            var written = Encoding.UTF8.GetBytes(value, Reserve(byteCount));
            _position += written;
        }
        else
        {
            WriteLargeUtf8(value);
        }
    }

    private void WriteLargeUtf8(ReadOnlySpan<char> value)
    {
        // Encode chunk by chunk; the encoder carries a surrogate pair split across chunks.
        var encoder = Encoding.UTF8.GetEncoder();
        while (true)
        {
            var span = Reserve(16);
            encoder.Convert(value, span, flush: true, out var charsUsed, out var bytesUsed, out var completed);
            _position += bytesUsed;
            value = value.Slice(charsUsed);
            if (completed)
            {
                return;
            }
        }
    }

    /// <summary>Writes a union branch index.</summary>
    public void WriteUnionIndex(int index) => WriteInt(index);

    /// <summary>Writes an enum symbol index.</summary>
    public void WriteEnum(int index) => WriteInt(index);

    /// <summary>Writes an array/map block header for <paramref name="count"/> items (count &gt; 0); the items follow.</summary>
    public void WriteBlockCount(long count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A block holds at least one item; end the array or map with WriteBlockEnd.");
        }

        WriteLong(count);
    }

    /// <summary>Ends an array or map: the zero-count block.</summary>
    public void WriteBlockEnd()
    {
        Reserve(1)[0] = 0;
        _position++;
    }

    /// <summary>Writes the varint of an already zig-zagged value at the start of <paramref name="span"/>; returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WriteVarint(Span<byte> span, ulong zigzagged)
    {
        var i = 0;
        while (zigzagged >= 0x80)
        {
            span[i++] = (byte)(zigzagged | 0x80);
            zigzagged >>= 7;
        }

        span[i++] = (byte)zigzagged;
        return i;
    }

    /// <summary>Bytes in the varint of an already zig-zagged value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int VarintLength(ulong zigzagged) => ((63 - BitOperations.LeadingZeroCount(zigzagged | 1)) / 7) + 1;

    // ---------------------------------------------------------------- logical types

    /// <summary>Writes a <c>decimal</c> on <c>bytes</c> at <paramref name="scale"/>; <see cref="AvroDataException"/> if digits would be lost.</summary>
    public void WriteDecimal(decimal value, int scale) => WriteDecimal(value, scale, 0);

    /// <summary>
    /// Writes a <c>decimal</c> on <c>bytes</c> at <paramref name="scale"/>, checking it has at most
    /// <paramref name="precision"/> digits (0: unchecked); <see cref="AvroDataException"/> if it cannot be written exactly.
    /// </summary>
    public void WriteDecimal(decimal value, int scale, int precision)
    {
        if (DecimalBits.TryGetUnscaled(value, scale, out var unscaled, out var big))
        {
            CheckPrecision(DecimalBits.FitsPrecision(unscaled, precision), value.ToString(System.Globalization.CultureInfo.InvariantCulture), precision);
            var length = DecimalBits.MinimalLength(unscaled);
            WriteLong(length);
            DecimalBits.WriteBigEndian(unscaled, Reserve(length).Slice(0, length));
            _position += length;
        }
        else
        {
            WriteUnscaledBytes(big, precision, new AvroBigDecimal(big, scale));
        }
    }

    /// <summary>Writes a <c>decimal</c> on <c>fixed(<paramref name="size"/>)</c>; <see cref="AvroDataException"/> if it cannot be written exactly.</summary>
    public void WriteDecimalFixed(decimal value, int scale, int size) => WriteDecimalFixed(value, scale, size, 0);

    /// <summary>Writes a <c>decimal</c> on <c>fixed(<paramref name="size"/>)</c>, checking <paramref name="precision"/> (0: unchecked).</summary>
    public void WriteDecimalFixed(decimal value, int scale, int size, int precision)
    {
        if (DecimalBits.TryGetUnscaled(value, scale, out var unscaled, out var big))
        {
            CheckPrecision(DecimalBits.FitsPrecision(unscaled, precision), value.ToString(System.Globalization.CultureInfo.InvariantCulture), precision);
            if (DecimalBits.MinimalLength(unscaled) > size)
            {
                ThrowTooWide(value.ToString(System.Globalization.CultureInfo.InvariantCulture), size);
            }

            DecimalBits.WriteBigEndian(unscaled, Reserve(size).Slice(0, size));
            _position += size;
        }
        else
        {
            WriteUnscaledFixed(big, size, precision, new AvroBigDecimal(big, scale));
        }
    }

    /// <summary>Writes a <c>decimal</c> on <c>bytes</c> at <paramref name="scale"/> from an <see cref="AvroBigDecimal"/>.</summary>
    public void WriteDecimal(AvroBigDecimal value, int scale) => WriteDecimal(value, scale, 0);

    /// <summary>Writes a <c>decimal</c> on <c>bytes</c> at <paramref name="scale"/>, checking <paramref name="precision"/> (0: unchecked).</summary>
    public void WriteDecimal(AvroBigDecimal value, int scale, int precision) =>
        WriteUnscaledBytes(DecimalBits.Rescale(value, scale), precision, value);

    /// <summary>Writes a <c>decimal</c> on <c>fixed(<paramref name="size"/>)</c> from an <see cref="AvroBigDecimal"/>.</summary>
    public void WriteDecimalFixed(AvroBigDecimal value, int scale, int size) => WriteDecimalFixed(value, scale, size, 0);

    /// <summary>Writes a <c>decimal</c> on <c>fixed(<paramref name="size"/>)</c>, checking <paramref name="precision"/> (0: unchecked).</summary>
    public void WriteDecimalFixed(AvroBigDecimal value, int scale, int size, int precision) =>
        WriteUnscaledFixed(DecimalBits.Rescale(value, scale), size, precision, value);

    /// <summary>
    /// Writes a <c>big-decimal</c>: as <c>bytes</c> holding the unscaled value (itself as Avro <c>bytes</c>) followed by
    /// the scale as an Avro <c>int</c>, the layout Java Avro uses.
    /// </summary>
    public void WriteBigDecimal(AvroBigDecimal value)
    {
        var unscaledLength = value.Unscaled.GetByteCount();
        var zigzagScale = (uint)((value.Scale << 1) ^ (value.Scale >> 31));
        var inner = VarintLength((ulong)unscaledLength << 1) + unscaledLength + VarintLength(zigzagScale);
        WriteLong(inner);
        WriteLong(unscaledLength);
        WriteBigInteger(value.Unscaled, unscaledLength);
        WriteInt(value.Scale);
    }

    private void WriteUnscaledBytes(BigInteger unscaled, int precision, AvroBigDecimal original)
    {
        CheckPrecision(DecimalBits.FitsPrecision(unscaled, precision), original.ToString(), precision);
        var length = unscaled.GetByteCount();
        WriteLong(length);
        WriteBigInteger(unscaled, length);
    }

    private void WriteUnscaledFixed(BigInteger unscaled, int size, int precision, AvroBigDecimal original)
    {
        CheckPrecision(DecimalBits.FitsPrecision(unscaled, precision), original.ToString(), precision);
        var length = unscaled.GetByteCount();
        if (length > size)
        {
            ThrowTooWide(original.ToString(), size);
        }

        var span = Reserve(size).Slice(0, size);
        span.Slice(0, size - length).Fill(unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        unscaled.TryWriteBytes(span.Slice(size - length), out _, isUnsigned: false, isBigEndian: true);
        _position += size;
    }

    private void WriteBigInteger(BigInteger value, int length)
    {
        if (length <= ChunkSize || _output is null)
        {
            value.TryWriteBytes(Reserve(length).Slice(0, length), out _, isUnsigned: false, isBigEndian: true);
            _position += length;
        }
        else
        {
            WriteRaw(value.ToByteArray(isUnsigned: false, isBigEndian: true));
        }
    }

    private static void CheckPrecision(bool fits, string value, int precision)
    {
        if (!fits)
        {
            throw new AvroDataException($"Cannot write decimal {value}: it has more than {precision} digits (the schema's precision).");
        }
    }

    private static void ThrowTooWide(string value, int size) =>
        throw new AvroDataException($"Cannot write decimal {value}: its unscaled value does not fit fixed({size}).");

    /// <summary>Writes a <c>uuid</c> on <c>string</c>: the 36-character lower-case form.</summary>
    public void WriteUuid(Guid value)
    {
        var span = Reserve(37);
        span[0] = 36 << 1;
        value.TryFormat(span.Slice(1, 36), out _, "D");
        _position += 37;
    }

    /// <summary>Writes a <c>uuid</c> on <c>fixed(16)</c>: the RFC 4122 (big-endian) byte order.</summary>
    public void WriteUuidFixed(Guid value)
    {
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        _position += 16;
    }

    /// <summary>Writes a <c>date</c>: days since 1970-01-01.</summary>
    public void WriteDate(DateOnly value) => WriteInt(Temporal.ToDays(value));

    /// <summary>Writes a <c>time-millis</c>: milliseconds after midnight (sub-millisecond ticks are dropped, as Java does).</summary>
    public void WriteTimeMillis(TimeOnly value) => WriteInt(Temporal.ToTimeMillis(value));

    /// <summary>Writes a <c>time-micros</c>: microseconds after midnight (sub-microsecond ticks are dropped).</summary>
    public void WriteTimeMicros(TimeOnly value) => WriteLong(Temporal.ToTimeMicros(value));

    /// <summary>Writes a <c>timestamp-millis</c>: UTC milliseconds since the Unix epoch, rounded toward the past.</summary>
    public void WriteTimestampMillis(DateTimeOffset value) => WriteLong(Temporal.ToMillis(value.UtcTicks));

    /// <summary>Writes a <c>timestamp-micros</c>: UTC microseconds since the Unix epoch, rounded toward the past.</summary>
    public void WriteTimestampMicros(DateTimeOffset value) => WriteLong(Temporal.ToMicros(value.UtcTicks));

    /// <summary>Writes a <c>timestamp-nanos</c>: UTC nanoseconds since the Unix epoch; years outside 1677–2262 do not fit.</summary>
    public void WriteTimestampNanos(DateTimeOffset value) => WriteLong(Temporal.ToNanos(value.UtcTicks));

    /// <summary>Writes a <c>local-timestamp-millis</c>: the wall-clock value's milliseconds since 1970-01-01T00:00 (its Kind is ignored).</summary>
    public void WriteLocalTimestampMillis(DateTime value) => WriteLong(Temporal.ToMillis(value.Ticks));

    /// <summary>Writes a <c>local-timestamp-micros</c>: the wall-clock value's microseconds since 1970-01-01T00:00.</summary>
    public void WriteLocalTimestampMicros(DateTime value) => WriteLong(Temporal.ToMicros(value.Ticks));

    /// <summary>Writes a <c>local-timestamp-nanos</c>: the wall-clock value's nanoseconds since 1970-01-01T00:00.</summary>
    public void WriteLocalTimestampNanos(DateTime value) => WriteLong(Temporal.ToNanos(value.Ticks));

    /// <summary>Writes a <c>duration</c>: <c>fixed(12)</c> of three little-endian unsigned ints.</summary>
    public void WriteDuration(AvroDuration value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteUInt32LittleEndian(span, value.Months);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(4), value.Days);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(8), value.Milliseconds);
        _position += 12;
    }
}

using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Avro.Codegen.Internal;

namespace Avro.Codegen;

/// <summary>
/// Encoders of single values at an offset of a span, for generated code that writes a run of fixed-size fields: it
/// asks <see cref="AvroWriter.GetSpan"/> once for the run's largest encoded size (the <c>Max…Length</c> constants
/// added up), writes each field with these methods, each returning the offset after the value, and commits the run
/// with <see cref="AvroWriter.Advance"/>. Each method checks once that its largest encoding fits (an
/// <see cref="ArgumentOutOfRangeException"/> otherwise, never a write outside the span) and then writes without
/// further checks. The encodings are those of the <see cref="AvroWriter"/> method of the same name.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AvroBinary
{
    /// <summary>The largest encoding of an Avro <c>int</c> (and of an enum index, a union index, a date, a time-millis).</summary>
    public const int MaxIntLength = 5;

    /// <summary>The largest encoding of an Avro <c>long</c> (and of the timestamps and time-micros).</summary>
    public const int MaxLongLength = 10;

    /// <summary>Writes a boolean at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteBoolean(Span<byte> destination, int offset, bool value)
    {
        At(destination, offset, 1) = value ? (byte)1 : (byte)0;
        return offset + 1;
    }

    /// <summary>Writes an int (zig-zag varint) at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteInt(Span<byte> destination, int offset, int value) =>
        offset + Varint(ref At(destination, offset, MaxIntLength), (uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes a long (zig-zag varint) at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteLong(Span<byte> destination, int offset, long value) =>
        offset + Varint(ref At(destination, offset, MaxLongLength), (ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a float (4 bytes, little-endian) at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteFloat(Span<byte> destination, int offset, float value)
    {
        Unsafe.WriteUnaligned(ref At(destination, offset, 4), BitConverter.IsLittleEndian ? value : ReverseEndianness(value));
        return offset + 4;
    }

    /// <summary>Writes a double (8 bytes, little-endian) at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteDouble(Span<byte> destination, int offset, double value)
    {
        Unsafe.WriteUnaligned(ref At(destination, offset, 8), BitConverter.IsLittleEndian ? value : ReverseEndianness(value));
        return offset + 8;
    }

    /// <summary>Writes a fixed value (its bytes alone) at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteFixed(Span<byte> destination, int offset, ReadOnlySpan<byte> value)
    {
        value.CopyTo(MemoryMarshal.CreateSpan(ref At(destination, offset, value.Length), value.Length));
        return offset + value.Length;
    }

    /// <summary>Writes a <c>date</c> (days since 1970-01-01) at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteDate(Span<byte> destination, int offset, DateOnly value) => WriteInt(destination, offset, Temporal.ToDays(value));

    /// <summary>Writes a <c>time-millis</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteTimeMillis(Span<byte> destination, int offset, TimeOnly value) => WriteInt(destination, offset, Temporal.ToTimeMillis(value));

    /// <summary>Writes a <c>time-micros</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteTimeMicros(Span<byte> destination, int offset, TimeOnly value) => WriteLong(destination, offset, Temporal.ToTimeMicros(value));

    /// <summary>Writes a <c>timestamp-millis</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteTimestampMillis(Span<byte> destination, int offset, DateTimeOffset value) =>
        WriteLong(destination, offset, Temporal.ToMillis(value.UtcTicks));

    /// <summary>Writes a <c>timestamp-micros</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteTimestampMicros(Span<byte> destination, int offset, DateTimeOffset value) =>
        WriteLong(destination, offset, Temporal.ToMicros(value.UtcTicks));

    /// <summary>Writes a <c>timestamp-nanos</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteTimestampNanos(Span<byte> destination, int offset, DateTimeOffset value) =>
        WriteLong(destination, offset, Temporal.ToNanos(value.UtcTicks));

    /// <summary>Writes a <c>local-timestamp-millis</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteLocalTimestampMillis(Span<byte> destination, int offset, DateTime value) =>
        WriteLong(destination, offset, Temporal.ToMillis(value.Ticks));

    /// <summary>Writes a <c>local-timestamp-micros</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteLocalTimestampMicros(Span<byte> destination, int offset, DateTime value) =>
        WriteLong(destination, offset, Temporal.ToMicros(value.Ticks));

    /// <summary>Writes a <c>local-timestamp-nanos</c> at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteLocalTimestampNanos(Span<byte> destination, int offset, DateTime value) =>
        WriteLong(destination, offset, Temporal.ToNanos(value.Ticks));

    /// <summary>Writes a <c>uuid</c> on <c>fixed(16)</c> (big-endian) at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int WriteUuidFixed(Span<byte> destination, int offset, Guid value)
    {
        value.TryWriteBytes(MemoryMarshal.CreateSpan(ref At(destination, offset, 16), 16), bigEndian: true, out _);
        return offset + 16;
    }

    /// <summary>
    /// A reference to <paramref name="destination"/>[<paramref name="offset"/>], after checking that
    /// <paramref name="size"/> bytes from there are inside the span: the one check of each encoder.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(Span<byte> destination, int offset, int size)
    {
        if ((ulong)(uint)offset + (uint)size > (uint)destination.Length)
        {
            ThrowTooSmall(destination.Length, offset, size);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)(uint)offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Varint(ref byte at, ulong zigzagged)
    {
        if (zigzagged < 0x80)
        {
            at = (byte)zigzagged;
            return 1;
        }

        var i = 0;
        do
        {
            Unsafe.Add(ref at, i++) = (byte)(zigzagged | 0x80);
            zigzagged >>= 7;
        }
        while (zigzagged >= 0x80);

        Unsafe.Add(ref at, i++) = (byte)zigzagged;
        return i;
    }

    /// <summary>Writes the varint of an already zig-zagged value at <paramref name="at"/>, which has room for it; returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WriteVarint(ref byte at, ulong zigzagged) => Varint(ref at, zigzagged);

    /// <summary>
    /// Copies <paramref name="length"/> UTF-16 chars to bytes when every one is ASCII and returns true; returns false
    /// (having written some bytes) at the first char above U+007F. Both sides must have <paramref name="length"/> elements.
    /// For the short strings of most records, where the general transcoder's setup costs more than the copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryNarrowAscii(ref char source, ref byte destination, int length)
    {
        ref var chars = ref Unsafe.As<char, ushort>(ref source);
        if (Vector128.IsHardwareAccelerated && length >= Vector128<ushort>.Count)
        {
            // Eight chars at a time; the last block overlaps the one before it instead of a scalar tail.
            var last = length - Vector128<ushort>.Count;
            var nonAscii = Vector128.Create((ushort)0xFF80);
            for (var i = 0; ; i += Vector128<ushort>.Count)
            {
                var at = Math.Min(i, last);
                var block = Vector128.LoadUnsafe(ref chars, (nuint)at);
                if ((block & nonAscii) != Vector128<ushort>.Zero)
                {
                    return false;
                }

                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, at), Vector128.Narrow(block, block).AsUInt64().ToScalar());
                if (at == last)
                {
                    return true;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= 4)
        {
            // Four to seven chars: two four-char blocks, the second ending at the last char.
            var last = length - 4;
            var nonAscii = Vector128.Create((ushort)0xFF80);
            var first = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref chars))).AsUInt16();
            var end = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref chars, last)))).AsUInt16();
            if (((first | end) & nonAscii) != Vector128<ushort>.Zero)
            {
                return false;
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, last), Vector128.Narrow(end, end).AsUInt32().ToScalar());
            Unsafe.WriteUnaligned(ref destination, Vector128.Narrow(first, first).AsUInt32().ToScalar());
            return true;
        }

        for (var i = 0; i < length; i++)
        {
            uint c = Unsafe.Add(ref chars, i);
            if (c > 0x7F)
            {
                return false;
            }

            Unsafe.Add(ref destination, i) = (byte)c;
        }

        return true;
    }

    private static float ReverseEndianness(float value) => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(value)));

    private static double ReverseEndianness(double value) => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(value)));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooSmall(int length, int offset, int size) =>
        throw new ArgumentOutOfRangeException(nameof(offset), offset,
            $"{size} bytes at offset {offset} do not fit the {length}-byte span (reserve the run's largest size with AvroWriter.GetSpan).");
}

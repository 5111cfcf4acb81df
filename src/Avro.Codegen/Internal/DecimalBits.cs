using System.Buffers.Binary;
using System.Numerics;

namespace Avro.Codegen.Internal;

/// <summary>
/// Conversions between decimal values and the Avro decimal encoding: the unscaled integer as big-endian two's
/// complement. The fast paths stay in <see cref="Int128"/>; <see cref="BigInteger"/> is only for values beyond it.
/// Nothing here rounds: a value that cannot be represented exactly at the schema's scale is an error.
/// </summary>
internal static class DecimalBits
{
    /// <summary>Largest magnitude of a <see cref="decimal"/> mantissa: 2^96 - 1.</summary>
    private static readonly UInt128 MaxDecimalMantissa = (UInt128.One << 96) - 1;

    /// <summary>
    /// The unscaled integer of <paramref name="value"/> at <paramref name="scale"/>, or false when it does not fit an
    /// <see cref="Int128"/> (then <paramref name="big"/> holds it). Throws when the scale would lose digits.
    /// </summary>
    public static bool TryGetUnscaled(decimal value, int scale, out Int128 unscaled, out BigInteger big)
    {
        if ((uint)scale > 1000)
        {
            throw new AvroDataException($"Decimal scale {scale} is out of range.");
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var valueScale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        big = default;

        if (valueScale > scale)
        {
            // Only trailing zeros may go: 1.50 at scale 1 is 1.5, but 1.55 at scale 1 would need rounding.
            for (var i = valueScale; i > scale; i--)
            {
                var quotient = UInt128.DivRem(mantissa, 10);
                if (quotient.Remainder != 0)
                {
                    throw new AvroDataException(
                        $"Cannot write decimal {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} at scale {scale} without rounding.");
                }

                mantissa = quotient.Quotient;
            }
        }
        else
        {
            for (var i = valueScale; i < scale; i++)
            {
                if (mantissa > UInt128.MaxValue / 10)
                {
                    var b = (BigInteger)mantissa * BigInteger.Pow(10, scale - i);
                    big = negative ? -b : b;
                    unscaled = default;
                    return false;
                }

                mantissa *= 10;
            }
        }

        if (mantissa > (UInt128)Int128.MaxValue)
        {
            big = negative ? -(BigInteger)mantissa : (BigInteger)mantissa;
            unscaled = default;
            return false;
        }

        unscaled = negative ? -(Int128)mantissa : (Int128)mantissa;
        return true;
    }

    /// <summary>The unscaled integer of <paramref name="value"/> at <paramref name="scale"/>; throws when digits would be lost.</summary>
    public static BigInteger Rescale(AvroBigDecimal value, int scale)
    {
        if (value.Scale == scale)
        {
            return value.Unscaled;
        }

        if (value.Scale < scale)
        {
            return value.Unscaled * BigInteger.Pow(10, scale - value.Scale);
        }

        var divisor = BigInteger.Pow(10, value.Scale - scale);
        var quotient = BigInteger.DivRem(value.Unscaled, divisor, out var remainder);
        if (!remainder.IsZero)
        {
            throw new AvroDataException($"Cannot write decimal {value} at scale {scale} without rounding.");
        }

        return quotient;
    }

    /// <summary>True when |<paramref name="unscaled"/>| has at most <paramref name="precision"/> digits (0 means unchecked).</summary>
    public static bool FitsPrecision(Int128 unscaled, int precision)
    {
        if (precision <= 0 || precision >= 39)
        {
            return true;
        }

        var magnitude = unscaled < 0 ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        return magnitude < Pow10(precision);
    }

    /// <summary>True when |<paramref name="unscaled"/>| has at most <paramref name="precision"/> digits (0 means unchecked).</summary>
    public static bool FitsPrecision(BigInteger unscaled, int precision) =>
        precision <= 0 || BigInteger.Abs(unscaled) < BigInteger.Pow(10, precision);

    private static UInt128 Pow10(int exponent)
    {
        UInt128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>Bytes in the shortest two's-complement form of <paramref name="value"/> (as Java's BigInteger.toByteArray; 1 for zero).</summary>
    public static int MinimalLength(Int128 value)
    {
        // Bits needed besides the sign bit: for negatives, those of the complement.
        var magnitudeBits = value < 0 ? 128 - (int)Int128.LeadingZeroCount(~value) : 128 - (int)Int128.LeadingZeroCount(value);
        return (magnitudeBits / 8) + 1;
    }

    /// <summary>Fills <paramref name="destination"/> with <paramref name="value"/> big-endian (low bytes; sign-extended beyond 16).</summary>
    public static void WriteBigEndian(Int128 value, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[16];
        BinaryPrimitives.WriteInt128BigEndian(full, value);
        var length = destination.Length;
        if (length <= 16)
        {
            full.Slice(16 - length).CopyTo(destination);
        }
        else
        {
            destination.Slice(0, length - 16).Fill(value < 0 ? (byte)0xFF : (byte)0);
            full.CopyTo(destination.Slice(length - 16));
        }
    }

    /// <summary>
    /// Reads big-endian two's complement into an <see cref="Int128"/>; false when the value needs more than 128 bits.
    /// Redundant sign bytes (as in a wide <c>fixed</c>) are allowed.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Int128 value)
    {
        var negative = bytes.Length > 0 && (sbyte)bytes[0] < 0;
        var sign = negative ? (byte)0xFF : (byte)0;
        var start = 0;
        while (bytes.Length - start > 16 && bytes[start] == sign)
        {
            start++;
        }

        var significant = bytes.Slice(start);
        if (significant.Length > 16)
        {
            value = default;
            return false;
        }

        if (significant.Length == 16 && ((sbyte)significant[0] < 0) != negative)
        {
            // The sign byte was stripped and the remaining top bit disagrees: the value needs 129 bits.
            value = default;
            return false;
        }

        Span<byte> full = stackalloc byte[16];
        full.Slice(0, 16 - significant.Length).Fill(sign);
        significant.CopyTo(full.Slice(16 - significant.Length));
        value = BinaryPrimitives.ReadInt128BigEndian(full);
        return true;
    }

    /// <summary>Builds a <see cref="decimal"/>; false when the unscaled value or the scale is beyond its range.</summary>
    public static bool TryToDecimal(Int128 unscaled, int scale, out decimal value)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        if (magnitude > MaxDecimalMantissa || (uint)scale > 28)
        {
            value = default;
            return false;
        }

        value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
        return true;
    }
}

using System.Globalization;
using System.Numerics;

namespace Avro.Codegen;

/// <summary>
/// An arbitrary-precision decimal: <see cref="Unscaled"/> × 10^-<see cref="Scale"/>. Used for Avro <c>decimal</c>
/// values beyond <see cref="decimal"/> (more than 28 digits) and for <c>big-decimal</c>, whose scale travels in each
/// value. Equality is structural, like Java's <c>BigDecimal.equals</c>: 1.0 (10, scale 1) and 1.00 (100, scale 2) differ;
/// use <see cref="CompareTo"/> for numeric comparison.
/// </summary>
public readonly struct AvroBigDecimal : IEquatable<AvroBigDecimal>, IComparable<AvroBigDecimal>
{
    /// <summary>Creates <paramref name="unscaled"/> × 10^-<paramref name="scale"/>.</summary>
    public AvroBigDecimal(BigInteger unscaled, int scale)
    {
        Unscaled = unscaled;
        Scale = scale;
    }

    /// <summary>The unscaled integer value.</summary>
    public BigInteger Unscaled { get; }

    /// <summary>Digits after the decimal point (may be negative for <c>big-decimal</c> values, as in Java).</summary>
    public int Scale { get; }

    /// <summary>
    /// The exact value of a <see cref="decimal"/>, keeping its scale (<c>1.50m</c> becomes 150 at scale 2).
    /// </summary>
    public static AvroBigDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return new AvroBigDecimal(bits[3] < 0 ? -magnitude : magnitude, (bits[3] >> 16) & 0xFF);
    }

    /// <summary>The exact value as a <see cref="decimal"/>; <see cref="AvroDataException"/> when it does not fit exactly.</summary>
    public decimal ToDecimal()
    {
        if (TryToDecimal(out var value))
        {
            return value;
        }

        throw new AvroDataException($"The decimal {this} does not fit System.Decimal exactly (28 digits, scale 0 to 28).");
    }

    /// <summary>The exact value as a <see cref="decimal"/>, when it fits without rounding.</summary>
    public bool TryToDecimal(out decimal value)
    {
        var unscaled = Unscaled;
        var scale = Scale;
        if (scale < -28 && !unscaled.IsZero)
        {
            // At least 10^29: beyond decimal's range (and a forged scale must not make us compute 10^2147483647).
            value = default;
            return false;
        }

        if (scale < 0)
        {
            unscaled *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        // Trailing zeros may go when the scale is beyond what decimal holds.
        while (scale > 28 && !unscaled.IsZero && (unscaled % 10).IsZero)
        {
            unscaled /= 10;
            scale--;
        }

        if (unscaled.IsZero && scale > 28)
        {
            scale = 28;
        }

        if (unscaled >= Int128.MinValue && unscaled <= Int128.MaxValue)
        {
            return Internal.DecimalBits.TryToDecimal((Int128)unscaled, scale, out value);
        }

        value = default;
        return false;
    }

    /// <summary>The exact value of a <see cref="decimal"/>.</summary>
    public static explicit operator AvroBigDecimal(decimal value) => FromDecimal(value);

    /// <summary>The exact value as a <see cref="decimal"/>; <see cref="AvroDataException"/> when it does not fit.</summary>
    public static explicit operator decimal(AvroBigDecimal value) => value.ToDecimal();

    /// <summary>
    /// Parses invariant decimal text: an optional sign, digits with an optional fraction, and an optional exponent
    /// (<c>-12.50</c>, <c>1E+3</c>). The scale is the number of fraction digits minus the exponent, as in Java.
    /// </summary>
    public static AvroBigDecimal Parse(string text)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new FormatException($"'{text}' is not a decimal number.");
    }

    /// <summary>Parses like <see cref="Parse"/>; false when <paramref name="text"/> is not a decimal number.</summary>
    public static bool TryParse(string? text, out AvroBigDecimal value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        var exponent = 0;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(span.Slice(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            span = span.Slice(0, e);
        }

        var negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span.Slice(1);
        }

        var dot = span.IndexOf('.');
        var integerPart = dot >= 0 ? span.Slice(0, dot) : span;
        var fractionPart = dot >= 0 ? span.Slice(dot + 1) : ReadOnlySpan<char>.Empty;
        if (integerPart.Length + fractionPart.Length == 0
            || integerPart.ContainsAnyExceptInRange('0', '9') || fractionPart.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var digits = string.Concat(integerPart, fractionPart);
        var unscaled = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long scale = (long)fractionPart.Length - exponent;
        if (scale is > int.MaxValue or < int.MinValue)
        {
            return false;
        }

        value = new AvroBigDecimal(negative ? -unscaled : unscaled, (int)scale);
        return true;
    }

    /// <summary>
    /// Invariant text the way Java's <c>BigDecimal.toString</c> writes it: plain (<c>-123.45</c>, <c>0.0001</c>) unless the
    /// scale is negative or the value is below 10^-6, then scientific (<c>1.23E+5</c>, <c>1E-10</c>).
    /// </summary>
    public override string ToString()
    {
        var negative = Unscaled.Sign < 0;
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var adjusted = -(long)Scale + (digits.Length - 1);
        string body;
        if (Scale >= 0 && adjusted >= -6)
        {
            if (Scale == 0)
            {
                body = digits;
            }
            else if (digits.Length > Scale)
            {
                body = digits.Substring(0, digits.Length - Scale) + "." + digits.Substring(digits.Length - Scale);
            }
            else
            {
                body = "0." + new string('0', Scale - digits.Length) + digits;
            }
        }
        else
        {
            var mantissa = digits.Length > 1 ? digits.Substring(0, 1) + "." + digits.Substring(1) : digits;
            body = mantissa + "E" + (adjusted >= 0 ? "+" : "") + adjusted.ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + body : body;
    }

    /// <inheritdoc />
    public bool Equals(AvroBigDecimal other) => Scale == other.Scale && Unscaled.Equals(other.Unscaled);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AvroBigDecimal other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Unscaled, Scale);

    /// <summary>Numeric comparison, ignoring representation (1.0 equals 1.00 here).</summary>
    public int CompareTo(AvroBigDecimal other)
    {
        if (Scale == other.Scale || Unscaled.Sign != other.Unscaled.Sign || Unscaled.IsZero)
        {
            return Scale == other.Scale ? Unscaled.CompareTo(other.Unscaled) : Unscaled.Sign.CompareTo(other.Unscaled.Sign);
        }

        // Same sign, both non-zero: the position of the leading digit decides unless it is equal, and then the scales
        // differ by no more than the digit counts, so the power of ten below stays small even for forged scales.
        var thisDigits = (long)BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture).Length;
        var otherDigits = (long)BigInteger.Abs(other.Unscaled).ToString(CultureInfo.InvariantCulture).Length;
        var thisLead = thisDigits - Scale;
        var otherLead = otherDigits - other.Scale;
        if (thisLead != otherLead)
        {
            return thisLead > otherLead ? Unscaled.Sign : -Unscaled.Sign;
        }

        return Scale < other.Scale
            ? (Unscaled * BigInteger.Pow(10, other.Scale - Scale)).CompareTo(other.Unscaled)
            : Unscaled.CompareTo(other.Unscaled * BigInteger.Pow(10, Scale - other.Scale));
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(AvroBigDecimal left, AvroBigDecimal right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(AvroBigDecimal left, AvroBigDecimal right) => !left.Equals(right);
}

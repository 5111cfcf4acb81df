using System.Text;
using System.Text.Encodings.Web;

namespace Avro.Codegen.Json;

/// <summary>
/// The one escaping policy of the Avro JSON encoding here, as Java Avro's <c>JsonEncoder</c> (Jackson) writes text, so
/// output compares textually with Java's: only <c>"</c>, <c>\</c>, control characters below U+0020 (<c>\b \t \n \f \r</c>
/// short, others <c>\u00XX</c> upper-case) and characters beyond the Basic Multilingual Plane (as the escaped surrogate
/// pair <c>\uD83D\uDE00</c>) are escaped; everything else, including U+007F–U+00A0 and U+2028, is raw UTF-8.
/// </summary>
/// <remarks>
/// System.Text.Json's own encoders always escape some of those (even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// escapes U+0080–U+009F, which every <c>bytes</c> value between 0x80 and 0x9F prints as), so a
/// <see cref="System.Text.Json.Utf8JsonWriter"/> given this encoder writes the same text as Java for strings, map keys
/// and bytes alike. Invalid UTF-16 (a lone surrogate) is written as U+FFFD, as the binary encoding writes it.
/// </remarks>
internal sealed class JavaJsonEncoder : JavaScriptEncoder
{
    public static JavaJsonEncoder Instance { get; } = new();

    private JavaJsonEncoder()
    {
    }

    // The longest escape is a surrogate pair: 12 characters for one scalar, 6 per UTF-16 char.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => WillEncodeScalar(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x20 || c == '"' || c == '\\' || char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var i = 0;
        while (i < utf8Text.Length)
        {
            var b = utf8Text[i];
            if (b < 0x80)
            {
                if (b < 0x20 || b == '"' || b == '\\')
                {
                    return i;
                }

                i++;
                continue;
            }

            // Invalid UTF-8 goes to the encoder too (which writes U+FFFD for it), as do scalars beyond U+FFFF.
            if (Rune.DecodeFromUtf8(utf8Text.Slice(i), out var rune, out var length) != System.Buffers.OperationStatus.Done || rune.Value > 0xFFFF)
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        TryEscape(unicodeScalar, new Span<char>(buffer, bufferLength), out numberOfCharactersWritten);

    private static bool TryEscape(int scalar, Span<char> destination, out int written)
    {
        written = 0;
        if (!WillEncodeScalar(scalar))
        {
            // U+FFFD for invalid input, or any scalar the writer hands over although WillEncode said no: raw.
            return new Rune(scalar).TryEncodeToUtf16(destination, out written);
        }

        var shortForm = scalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\t' => 't',
            '\n' => 'n',
            '\f' => 'f',
            '\r' => 'r',
            _ => '\0',
        };

        if (shortForm != '\0')
        {
            if (destination.Length < 2)
            {
                return false;
            }

            destination[0] = '\\';
            destination[1] = shortForm;
            written = 2;
            return true;
        }

        if (scalar <= 0xFFFF)
        {
            return TryWriteUnicodeEscape((char)scalar, destination, ref written);
        }

        Span<char> pair = stackalloc char[2];
        new Rune(scalar).EncodeToUtf16(pair);
        return TryWriteUnicodeEscape(pair[0], destination, ref written) && TryWriteUnicodeEscape(pair[1], destination, ref written);
    }

    private static bool WillEncodeScalar(int scalar) => scalar < 0x20 || scalar == '"' || scalar == '\\' || scalar > 0xFFFF;

    private static bool TryWriteUnicodeEscape(char c, Span<char> destination, ref int written)
    {
        if (destination.Length - written < 6)
        {
            written = 0;
            return false;
        }

        const string hex = "0123456789ABCDEF";
        var target = destination.Slice(written, 6);
        target[0] = '\\';
        target[1] = 'u';
        target[2] = hex[c >> 12];
        target[3] = hex[(c >> 8) & 0xF];
        target[4] = hex[(c >> 4) & 0xF];
        target[5] = hex[c & 0xF];
        written += 6;
        return true;
    }
}

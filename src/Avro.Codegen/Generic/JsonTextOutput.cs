using System.Buffers;
using System.Text;

namespace Avro.Codegen.Generic;

/// <summary>
/// Compact JSON text written the way Java Avro's JsonEncoder (Jackson) writes it, so output compares textually:
/// no insignificant white space; strings escape only <c>"</c>, <c>\</c>, control characters (<c>\b \t \n \f \r</c>
/// short, others as upper-case <c>\u00XX</c>) and surrogates (<c>\uD83D\uDE00</c>); all other text, including non-ASCII, is written as UTF-8.
/// Structure (commas) is the caller's business; this only writes tokens.
/// </summary>
internal sealed class JsonTextOutput
{
    private static readonly byte[] HexDigits = "0123456789ABCDEF"u8.ToArray();
    private readonly IBufferWriter<byte> _output;

    public JsonTextOutput(IBufferWriter<byte> output) => _output = output;

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public void WriteAscii(string text)
    {
        var span = _output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _output.Advance(text.Length);
    }

    public void WriteString(string value)
    {
        WriteByte((byte)'"');
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            var run = 0;
            while (run < text.Length && !NeedsEscape(text[run]))
            {
                run++;
            }

            if (run > 0)
            {
                var chunk = text.Slice(0, run);
                var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
                _output.Advance(Encoding.UTF8.GetBytes(chunk, span));
                text = text.Slice(run);
                continue;
            }

            WriteEscape(text[0]);
            text = text.Slice(1);
        }

        WriteByte((byte)'"');
    }

    // Jackson also writes each half of a surrogate pair as an escape (\uD83D\uDE00), not as four UTF-8 bytes.
    private static bool NeedsEscape(char c) => c < 0x20 || c == '"' || c == '\\' || char.IsSurrogate(c);

    private void WriteEscape(char c)
    {
        var shortForm = c switch
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
            var span = _output.GetSpan(2);
            span[0] = (byte)'\\';
            span[1] = (byte)shortForm;
            _output.Advance(2);
        }
        else
        {
            var span = _output.GetSpan(6);
            span[0] = (byte)'\\';
            span[1] = (byte)'u';
            span[2] = HexDigits[c >> 12];
            span[3] = HexDigits[(c >> 8) & 0xF];
            span[4] = HexDigits[(c >> 4) & 0xF];
            span[5] = HexDigits[c & 0xF];
            _output.Advance(6);
        }
    }
}

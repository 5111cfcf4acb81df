// Over 400 lines on purpose: a JSON reader with line/column positions and netstandard2.0 without packages (it loads
// inside the compiler and MSBuild); one tokenizer and one value builder.
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Avro.Codegen.Schema.Json;

/// <summary>
/// A strict RFC 8259 JSON reader that builds the <see cref="JsonValue"/> DOM and records where every value and member
/// name was written. Malformed input is reported as a <see cref="SchemaError"/>; the reader never throws for it.
/// </summary>
/// <remarks>
/// Columns count UTF-16 code units from 1; <c>\r\n</c>, <c>\n</c> and a lone <c>\r</c> each end a line. Nesting is bounded
/// by <see cref="MaxDepth"/> so hostile input cannot exhaust the stack. A leading byte-order mark is skipped, as RFC 8259
/// allows. Duplicate member names are reported but do not stop reading: the first member is kept, so the caller can go on
/// to find further problems.
/// </remarks>
public static class JsonParser
{
    /// <summary>The deepest nesting of arrays and objects accepted.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Reads <paramref name="text"/> as one JSON document. Returns the value, or <see langword="null"/> when the text is not
    /// well-formed JSON; every problem found is appended to <paramref name="errors"/>. A value is still returned when the
    /// only problems are duplicate member names.
    /// </summary>
    public static JsonValue? Parse(string text, string path, List<SchemaError> errors)
    {
        var reader = new Reader(text ?? string.Empty, path ?? string.Empty, errors);
        return reader.ParseDocument();
    }

    private sealed class Reader
    {
        private readonly string _text;
        private readonly string _path;
        private readonly List<SchemaError> _errors;
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private bool _failed;

        public Reader(string text, string path, List<SchemaError> errors)
        {
            _text = text;
            _path = path;
            _errors = errors;
        }

        public JsonValue? ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
                _lineStart = 1;
            }

            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                return Fail(SchemaErrors.MalformedJson(Here(), "the document is empty"));
            }

            var value = ParseValue(0);
            if (value is null)
            {
                return null;
            }

            SkipWhitespace();
            if (_pos < _text.Length)
            {
                return Fail(SchemaErrors.MalformedJson(Here(), $"unexpected {Describe(_pos)} after the end of the document"));
            }

            return value;
        }

        private JsonValue? ParseValue(int depth)
        {
            if (_pos >= _text.Length)
            {
                return Fail(SchemaErrors.MalformedJson(Here(), "unexpected end of input, expected a value"));
            }

            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject(depth + 1);
                case '[':
                    return ParseArray(depth + 1);
                case '"':
                    {
                        var start = Mark();
                        var s = ParseString();
                        return s is null ? null : new JsonString(s, SpanFrom(start));
                    }
                case 't':
                    return ParseLiteral("true", start => new JsonBoolean(true, start));
                case 'f':
                    return ParseLiteral("false", start => new JsonBoolean(false, start));
                case 'n':
                    return ParseLiteral("null", start => new JsonNull(start));
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    return Fail(SchemaErrors.MalformedJson(Here(), $"unexpected {Describe(_pos)}, expected a value"));
            }
        }

        private JsonValue? ParseLiteral(string literal, System.Func<SourceSpan, JsonValue> create)
        {
            var start = Mark();
            var end = _pos;
            while (end < _text.Length && end - _pos < literal.Length + 1 && IsWordChar(_text[end]))
            {
                end++;
            }

            if (end - _pos != literal.Length || string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                return Fail(SchemaErrors.MalformedJson(Here(), $"invalid literal '{Excerpt(_pos, end)}' (JSON literals are true, false and null)"));
            }

            _pos = end;
            return create(SpanFrom(start));
        }

        private JsonValue? ParseNumber()
        {
            var start = Mark();
            var p = _pos;
            if (_text[p] == '-')
            {
                p++;
            }

            if (p >= _text.Length || !IsDigit(_text[p]))
            {
                return FailAt(p, "a '-' must be followed by a digit");
            }

            if (_text[p] == '0')
            {
                p++;
                if (p < _text.Length && IsDigit(_text[p]))
                {
                    return FailAt(p - 1, "numbers must not have leading zeros");
                }
            }
            else
            {
                while (p < _text.Length && IsDigit(_text[p]))
                {
                    p++;
                }
            }

            if (p < _text.Length && _text[p] == '.')
            {
                p++;
                if (p >= _text.Length || !IsDigit(_text[p]))
                {
                    return FailAt(p, "a decimal point must be followed by a digit");
                }

                while (p < _text.Length && IsDigit(_text[p]))
                {
                    p++;
                }
            }

            if (p < _text.Length && (_text[p] == 'e' || _text[p] == 'E'))
            {
                p++;
                if (p < _text.Length && (_text[p] == '+' || _text[p] == '-'))
                {
                    p++;
                }

                if (p >= _text.Length || !IsDigit(_text[p]))
                {
                    return FailAt(p, "an exponent must have digits");
                }

                while (p < _text.Length && IsDigit(_text[p]))
                {
                    p++;
                }
            }

            if (p < _text.Length && IsWordChar(_text[p]))
            {
                return FailAt(p, $"unexpected {Describe(p)} in a number");
            }

            var numberText = _text.Substring(_pos, p - _pos);
            _pos = p;
            return new JsonNumber(numberText, SpanFrom(start));
        }

        /// <summary>Reads a string literal at the current position (which is a quote) and returns its value.</summary>
        private string? ParseString()
        {
            var openQuote = _pos;
            _pos++;
            StringBuilder? builder = null;
            var runStart = _pos;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    return FailString(openQuote, "unterminated string");
                }

                var c = _text[_pos];
                if (c == '"')
                {
                    string value;
                    if (builder is null)
                    {
                        value = _text.Substring(runStart, _pos - runStart);
                    }
                    else
                    {
                        builder.Append(_text, runStart, _pos - runStart);
                        value = builder.ToString();
                    }

                    _pos++;
                    return value;
                }

                if (c < ' ')
                {
                    if (c == '\n' || c == '\r')
                    {
                        return FailString(openQuote, "unterminated string (a line break inside a string must be written as \\n)");
                    }

                    FailAt(_pos, $"control character U+{(int)c:X4} inside a string must be escaped");
                    return null;
                }

                if (c != '\\')
                {
                    _pos++;
                    continue;
                }

                builder ??= new StringBuilder();
                builder.Append(_text, runStart, _pos - runStart);
                var escapeStart = _pos;
                _pos++;
                if (_pos >= _text.Length)
                {
                    return FailString(openQuote, "unterminated string");
                }

                switch (_text[_pos])
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        {
                            var code = 0;
                            for (var i = 1; i <= 4; i++)
                            {
                                var h = _pos + i < _text.Length ? HexValue(_text[_pos + i]) : -1;
                                if (h < 0)
                                {
                                    FailAt(escapeStart, "invalid escape: \\u must be followed by four hexadecimal digits");
                                    return null;
                                }

                                code = (code << 4) | h;
                            }

                            builder.Append((char)code);
                            _pos += 4;
                            break;
                        }

                    default:
                        FailAt(escapeStart, $"invalid escape '\\{Printable(_text[_pos])}' (valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                        return null;
                }

                _pos++;
                runStart = _pos;
            }
        }

        private JsonValue? ParseArray(int depth)
        {
            var start = Mark();
            if (depth > MaxDepth)
            {
                return Fail(SchemaErrors.JsonTooDeep(Here(), MaxDepth));
            }

            _pos++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                return new JsonArray(items, SpanFrom(start));
            }

            while (true)
            {
                SkipWhitespace();
                if (_pos < _text.Length && _text[_pos] == ']')
                {
                    return FailAt(_pos, "trailing comma before ']'");
                }

                var item = ParseValue(depth);
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
                SkipWhitespace();
                if (_pos >= _text.Length)
                {
                    return Fail(SchemaErrors.MalformedJson(Here(), "unexpected end of input, expected ',' or ']'"));
                }

                if (_text[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                if (_text[_pos] == ']')
                {
                    _pos++;
                    return new JsonArray(items, SpanFrom(start));
                }

                return FailAt(_pos, $"unexpected {Describe(_pos)}, expected ',' or ']'");
            }
        }

        private JsonValue? ParseObject(int depth)
        {
            var start = Mark();
            if (depth > MaxDepth)
            {
                return Fail(SchemaErrors.JsonTooDeep(Here(), MaxDepth));
            }

            _pos++;
            var properties = new List<JsonProperty>();
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
                return new JsonObject(properties, SpanFrom(start));
            }

            while (true)
            {
                SkipWhitespace();
                if (_pos >= _text.Length)
                {
                    return Fail(SchemaErrors.MalformedJson(Here(), "unexpected end of input, expected a member name"));
                }

                if (_text[_pos] == '}')
                {
                    return FailAt(_pos, "trailing comma before '}'");
                }

                if (_text[_pos] != '"')
                {
                    return FailAt(_pos, $"unexpected {Describe(_pos)}, expected a member name in double quotes");
                }

                var nameStart = Mark();
                var name = ParseString();
                if (name is null)
                {
                    return null;
                }

                var nameSpan = SpanFrom(nameStart);
                SkipWhitespace();
                if (_pos >= _text.Length)
                {
                    return Fail(SchemaErrors.MalformedJson(Here(), "unexpected end of input, expected ':'"));
                }

                if (_text[_pos] != ':')
                {
                    return FailAt(_pos, $"unexpected {Describe(_pos)}, expected ':' after the member name");
                }

                _pos++;
                SkipWhitespace();
                var value = ParseValue(depth);
                if (value is null)
                {
                    return null;
                }

                if (names.Add(name))
                {
                    properties.Add(new JsonProperty(name, value, nameSpan));
                }
                else
                {
                    // Not fatal: keep the first member and carry on, so one slip does not hide every later problem.
                    _errors.Add(SchemaErrors.DuplicateMemberName(nameSpan, name));
                }

                SkipWhitespace();
                if (_pos >= _text.Length)
                {
                    return Fail(SchemaErrors.MalformedJson(Here(), "unexpected end of input, expected ',' or '}'"));
                }

                if (_text[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                if (_text[_pos] == '}')
                {
                    _pos++;
                    return new JsonObject(properties, SpanFrom(start));
                }

                return FailAt(_pos, $"unexpected {Describe(_pos)}, expected ',' or '}}'");
            }
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ' ' || c == '\t')
                {
                    _pos++;
                }
                else if (c == '\n')
                {
                    _pos++;
                    NewLine();
                }
                else if (c == '\r')
                {
                    _pos++;
                    if (_pos < _text.Length && _text[_pos] == '\n')
                    {
                        _pos++;
                    }

                    NewLine();
                }
                else
                {
                    return;
                }
            }
        }

        private void NewLine()
        {
            _line++;
            _lineStart = _pos;
        }

        private (int Offset, int Line, int Column) Mark() => (_pos, _line, _pos - _lineStart + 1);

        /// <summary>A span from <paramref name="start"/> to the character before the current position.</summary>
        /// <remarks>Only whitespace contains line breaks, and a value never ends in whitespace, so the last
        /// character of a value is on the current line.</remarks>
        private SourceSpan SpanFrom((int Offset, int Line, int Column) start) =>
            new(_path, start.Line, start.Column, _line, _pos - _lineStart, start.Offset, _pos - start.Offset);

        private SourceSpan Here() => At(_pos);

        /// <summary>A one-character span at <paramref name="offset"/>, which is on the current line.</summary>
        private SourceSpan At(int offset)
        {
            var column = offset - _lineStart + 1;
            return new SourceSpan(_path, _line, column, _line, column, offset, offset < _text.Length ? 1 : 0);
        }

        private JsonValue? Fail(SchemaError error)
        {
            if (!_failed)
            {
                _failed = true;
                _errors.Add(error);
            }

            return null;
        }

        private JsonValue? FailAt(int offset, string message) => Fail(SchemaErrors.MalformedJson(At(offset), message));

        private string? FailString(int openQuote, string message)
        {
            Fail(SchemaErrors.MalformedJson(At(openQuote), message));
            return null;
        }

        private string Describe(int offset)
        {
            if (offset >= _text.Length)
            {
                return "end of input";
            }

            var c = _text[offset];
            if (IsWordChar(c))
            {
                var end = offset;
                while (end < _text.Length && end - offset < 20 && IsWordChar(_text[end]))
                {
                    end++;
                }

                return $"'{_text.Substring(offset, end - offset)}'";
            }

            return $"'{Printable(c)}'";
        }

        private string Excerpt(int start, int end) => _text.Substring(start, System.Math.Min(end, start + 20) - start);

        private static string Printable(char c) =>
            c < ' ' || c == '\u007f' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '.' || c == '+' || c == '-';

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}

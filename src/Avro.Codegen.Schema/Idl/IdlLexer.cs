// Over 400 lines on purpose: a hand-written lexer for Avro IDL (tokens, comments, doc comments, escapes, positions);
// a lexer reads best as one state machine.
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema.Idl;

internal enum IdlTokenKind
{
    End,
    Identifier,
    String,
    Integer,
    Float,
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Semicolon,
    Comma,
    At,
    Equals,
    Question,
    Less,
    Greater,
}

/// <summary>
/// One token of Avro IDL. <see cref="Text"/> is the identifier without backticks, the unescaped string, or the number as
/// JSON text (decimal, no suffix). <see cref="Doc"/> is the <c>/** ... */</c> comment written right before the token.
/// </summary>
internal sealed class IdlToken
{
    public IdlToken(IdlTokenKind kind, string text, bool quoted, SourceSpan span, string? doc)
    {
        Kind = kind;
        Text = text;
        Quoted = quoted;
        Span = span;
        Doc = doc;
    }

    public IdlTokenKind Kind { get; }

    public string Text { get; }

    /// <summary>True when an identifier was written with backticks, which makes a keyword an ordinary name.</summary>
    public bool Quoted { get; }

    public SourceSpan Span { get; }

    public string? Doc { get; }

    public bool IsKeyword(string keyword) => Kind == IdlTokenKind.Identifier && !Quoted && Text == keyword;

    public string Describe() => Kind switch
    {
        IdlTokenKind.End => "the end of the file",
        IdlTokenKind.Identifier => $"'{Text}'",
        IdlTokenKind.String => "a string",
        IdlTokenKind.Integer or IdlTokenKind.Float => $"the number {Text}",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits Avro IDL text into tokens (the lexer of the Avro 1.12 IDL grammar): Java-style comments, doc comments,
/// identifiers made of parts joined by <c>.</c> or <c>-</c> (each part optionally in backticks), string literals with
/// Java escapes, and integer (decimal, hex, octal) and floating-point literals. Bad characters, unterminated strings and
/// comments are reported as <see cref="SchemaErrorCodes.IdlInvalidToken"/> and skipped, so lexing always reaches the end.
/// </summary>
internal sealed class IdlLexer
{
    private readonly string _text;
    private readonly string _path;
    private readonly List<SchemaError> _errors;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private IdlLexer(string text, string path, List<SchemaError> errors)
    {
        _text = text;
        _path = path;
        _errors = errors;
    }

    public static List<IdlToken> Tokenize(string text, string path, List<SchemaError> errors)
    {
        var lexer = new IdlLexer(text, path, errors);
        var tokens = new List<IdlToken>();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            lexer._pos = 1;
            lexer._lineStart = 1;
        }

        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == IdlTokenKind.End)
            {
                return tokens;
            }
        }
    }

    private IdlToken Next()
    {
        string? doc = null;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] == '\u001a')
            {
                // U+001A (SUB) marks the end of input in older systems; the grammar ignores anything after it.
                return new IdlToken(IdlTokenKind.End, string.Empty, false, SpanFrom(_pos, _line, _pos - _lineStart + 1), doc);
            }

            var c = _text[_pos];
            if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r')
                {
                    _pos++;
                }

                continue;
            }

            if (c == '/' && Peek(1) == '*')
            {
                var start = _pos;
                var line = _line;
                var column = _pos - _lineStart + 1;
                var isDoc = Peek(2) == '*' && Peek(3) != '/';
                _pos += 2;
                var closed = false;
                while (_pos < _text.Length)
                {
                    if (_text[_pos] == '*' && Peek(1) == '/')
                    {
                        _pos += 2;
                        closed = true;
                        break;
                    }

                    Advance();
                }

                if (!closed)
                {
                    Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), "the comment is not closed with '*/'"));
                    continue;
                }

                // A doc comment documents what follows it; a later doc comment replaces an earlier one.
                doc = isDoc ? DocText(_text.Substring(start + 3, _pos - start - 5)) : doc;
                continue;
            }

            var token = Token(doc);
            if (token is not null)
            {
                return token;
            }
        }
    }

    /// <summary>The token at the current position, or <see langword="null"/> after skipping (and reporting) a bad character.</summary>
    private IdlToken? Token(string? doc)
    {
        var start = _pos;
        var line = _line;
        var column = _pos - _lineStart + 1;
        var c = _text[_pos];
        IdlTokenKind kind;
        switch (c)
        {
            case '(': kind = IdlTokenKind.LParen; break;
            case ')': kind = IdlTokenKind.RParen; break;
            case '{': kind = IdlTokenKind.LBrace; break;
            case '}': kind = IdlTokenKind.RBrace; break;
            case '[': kind = IdlTokenKind.LBracket; break;
            case ']': kind = IdlTokenKind.RBracket; break;
            case ':': kind = IdlTokenKind.Colon; break;
            case ';': kind = IdlTokenKind.Semicolon; break;
            case ',': kind = IdlTokenKind.Comma; break;
            case '@': kind = IdlTokenKind.At; break;
            case '=': kind = IdlTokenKind.Equals; break;
            case '?': kind = IdlTokenKind.Question; break;
            case '<': kind = IdlTokenKind.Less; break;
            case '>': kind = IdlTokenKind.Greater; break;
            case '"':
                return StringLiteral(doc);
            default:
                if (IsDigit(c) || ((c == '-' || c == '+') && (IsDigit(Peek(1)) || (Peek(1) == '.' && IsDigit(Peek(2))))) || (c == '.' && IsDigit(Peek(1))))
                {
                    return Number(doc);
                }

                if (c == '`' || IsIdentifierStart(c))
                {
                    return Identifier(doc);
                }

                _pos++;
                Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), $"unexpected character '{Printable(c)}'"));
                return null;
        }

        _pos++;
        return new IdlToken(kind, c.ToString(), false, SpanFrom(start, line, column), doc);
    }

    private IdlToken Identifier(string? doc)
    {
        var start = _pos;
        var line = _line;
        var column = _pos - _lineStart + 1;
        var builder = new StringBuilder();
        var quoted = false;
        while (true)
        {
            if (_pos < _text.Length && _text[_pos] == '`')
            {
                quoted = true;
                _pos++;
                if (_pos >= _text.Length || !IsIdentifierStart(_text[_pos]))
                {
                    Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), "a backtick must enclose an identifier, e.g. `error`"));
                    return new IdlToken(IdlTokenKind.Identifier, builder.ToString(), quoted, SpanFrom(start, line, column), doc);
                }

                ReadPart(builder);
                if (_pos < _text.Length && _text[_pos] == '`')
                {
                    _pos++;
                }
                else
                {
                    Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), "the backtick-quoted identifier is not closed with '`'"));
                }
            }
            else
            {
                ReadPart(builder);
            }

            // Parts joined by '.' or '-' form one identifier (a dotted name, or a property name such as java-class).
            if (_pos + 1 < _text.Length && (_text[_pos] == '.' || _text[_pos] == '-') && (IsIdentifierStart(_text[_pos + 1]) || _text[_pos + 1] == '`'))
            {
                builder.Append(_text[_pos]);
                _pos++;
                continue;
            }

            return new IdlToken(IdlTokenKind.Identifier, builder.ToString(), quoted, SpanFrom(start, line, column), doc);
        }
    }

    private void ReadPart(StringBuilder builder)
    {
        while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
        {
            builder.Append(_text[_pos]);
            _pos++;
        }
    }

    private IdlToken StringLiteral(string? doc)
    {
        var start = _pos;
        var line = _line;
        var column = _pos - _lineStart + 1;
        var builder = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n' || _text[_pos] == '\r')
            {
                Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), "the string is not closed with '\"' on its line"));
                return new IdlToken(IdlTokenKind.String, builder.ToString(), false, SpanFrom(start, line, column), doc);
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return new IdlToken(IdlTokenKind.String, builder.ToString(), false, SpanFrom(start, line, column), doc);
            }

            if (c != '\\')
            {
                builder.Append(c);
                _pos++;
                continue;
            }

            var escapeLine = _line;
            var escapeColumn = _pos - _lineStart + 1;
            var escapeStart = _pos;
            var e = Peek(1);
            _pos += 2;
            switch (e)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case '/': builder.Append('/'); break;
                case 'u':
                    {
                        var hex = _pos + 4 <= _text.Length ? _text.Substring(_pos, 4) : string.Empty;
                        if (hex.Length == 4 && int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            builder.Append((char)code);
                            _pos += 4;
                        }
                        else
                        {
                            Error(SchemaErrors.IdlInvalidToken(SpanFrom(escapeStart, escapeLine, escapeColumn), "'\\u' must be followed by four hex digits"));
                        }

                        break;
                    }

                default:
                    if (e >= '0' && e <= '7')
                    {
                        // Java octal escapes: \7, \77, \377.
                        var value = e - '0';
                        var max = e <= '3' ? 2 : 1;
                        for (var i = 0; i < max && _pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '7'; i++)
                        {
                            value = (value * 8) + (_text[_pos] - '0');
                            _pos++;
                        }

                        builder.Append((char)value);
                    }
                    else
                    {
                        if (e == '\0' || e == '\n' || e == '\r')
                        {
                            _pos--;
                        }

                        Error(SchemaErrors.IdlInvalidToken(SpanFrom(escapeStart, escapeLine, escapeColumn), $"unknown escape sequence '\\{Printable(e)}'"));
                    }

                    break;
            }
        }
    }

    private IdlToken Number(string? doc)
    {
        var start = _pos;
        var line = _line;
        var column = _pos - _lineStart + 1;
        var negative = false;
        if (_text[_pos] == '-' || _text[_pos] == '+')
        {
            negative = _text[_pos] == '-';
            _pos++;
        }

        if (_text[_pos] == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < _text.Length && IsHexDigit(_text[_pos]))
            {
                _pos++;
            }

            var digits = _text.Substring(digitsStart, _pos - digitsStart);
            SkipLongSuffix();
            return IntegerToken(digits, 16, negative, start, line, column, doc);
        }

        var intStart = _pos;
        while (_pos < _text.Length && IsDigit(_text[_pos]))
        {
            _pos++;
        }

        var intPart = _text.Substring(intStart, _pos - intStart);
        var isFloat = false;
        string fraction = string.Empty;
        string exponent = string.Empty;
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            var fractionStart = _pos;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }

            fraction = _text.Substring(fractionStart, _pos - fractionStart);
        }

        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            var expStart = _pos;
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            var digitsStart = _pos;
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == digitsStart)
            {
                Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), "the exponent of the number has no digits"));
            }

            isFloat = true;
            exponent = _text.Substring(expStart, _pos - expStart);
        }

        if (_pos < _text.Length && "fFdD".IndexOf(_text[_pos]) >= 0)
        {
            isFloat = true;
            _pos++;
        }
        else if (!isFloat)
        {
            SkipLongSuffix();
        }

        if (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
        {
            while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
            {
                _pos++;
            }

            Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), $"'{_text.Substring(start, _pos - start)}' is not a valid number"));
        }

        if (isFloat)
        {
            // As JSON: no '+', no suffix, a digit on both sides of the point.
            var json = (negative ? "-" : string.Empty) + (intPart.Length == 0 ? "0" : intPart)
                + (fraction.Length == 0 && exponent.Length == 0 ? ".0" : fraction.Length == 0 ? string.Empty : "." + fraction) + exponent;
            return new IdlToken(IdlTokenKind.Float, json, false, SpanFrom(start, line, column), doc);
        }

        // A leading 0 makes an octal literal, as in Java.
        return intPart.Length > 1 && intPart[0] == '0'
            ? IntegerToken(intPart.Substring(1), 8, negative, start, line, column, doc)
            : IntegerToken(intPart, 10, negative, start, line, column, doc);
    }

    private IdlToken IntegerToken(string digits, int radix, bool negative, int start, int line, int column, string? doc)
    {
        if (radix == 10)
        {
            return new IdlToken(IdlTokenKind.Integer, (negative ? "-" : string.Empty) + TrimZeros(digits), false, SpanFrom(start, line, column), doc);
        }

        var value = System.Numerics.BigInteger.Zero;
        foreach (var d in digits)
        {
            var v = IsDigit(d) ? d - '0' : char.ToLowerInvariant(d) - 'a' + 10;
            if (v >= radix)
            {
                Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), $"'{d}' is not an octal digit"));
                break;
            }

            value = (value * radix) + v;
        }

        if (digits.Length == 0 && radix == 16)
        {
            Error(SchemaErrors.IdlInvalidToken(SpanFrom(start, line, column), "the hex number has no digits"));
        }

        if (negative)
        {
            value = -value;
        }

        return new IdlToken(IdlTokenKind.Integer, value.ToString(CultureInfo.InvariantCulture), false, SpanFrom(start, line, column), doc);
    }

    private static string TrimZeros(string digits)
    {
        var i = 0;
        while (i < digits.Length - 1 && digits[i] == '0')
        {
            i++;
        }

        return digits.Substring(i);
    }

    private void SkipLongSuffix()
    {
        if (_pos < _text.Length && (_text[_pos] == 'l' || _text[_pos] == 'L'))
        {
            _pos++;
        }
    }

    /// <summary>
    /// The text of a doc comment as Java's IDL compiler keeps it: when every continuation line starts with '*' (the usual
    /// layout) the stars and the indentation before them go; otherwise the common indentation goes. Then trimmed.
    /// </summary>
    internal static string DocText(string body)
    {
        var lines = body.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var starred = true;
        for (var i = 1; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.Length > 0 && trimmed[0] != '*')
            {
                starred = false;
            }
        }

        if (lines.Length > 1 && starred)
        {
            for (var i = 1; i < lines.Length; i++)
            {
                var trimmed = lines[i].TrimStart();
                if (trimmed.StartsWith("*", System.StringComparison.Ordinal))
                {
                    trimmed = trimmed.Substring(1);
                    if (trimmed.StartsWith(" ", System.StringComparison.Ordinal))
                    {
                        trimmed = trimmed.Substring(1);
                    }
                }

                lines[i] = trimmed;
            }
        }
        else if (lines.Length > 1)
        {
            var indent = int.MaxValue;
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0)
                {
                    continue;
                }

                var n = 0;
                while (n < lines[i].Length && char.IsWhiteSpace(lines[i][n]))
                {
                    n++;
                }

                indent = System.Math.Min(indent, n);
            }

            for (var i = 1; i < lines.Length; i++)
            {
                lines[i] = lines[i].Length >= indent && indent != int.MaxValue ? lines[i].Substring(indent) : lines[i].TrimStart();
            }
        }

        return string.Join("\n", lines).Trim();
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r')
            {
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Moves past one character, counting lines: <c>\r\n</c>, <c>\n</c> and a lone <c>\r</c> each end a line.</summary>
    private void Advance()
    {
        var c = _text[_pos];
        _pos++;
        if (c == '\n' || (c == '\r' && (_pos >= _text.Length || _text[_pos] != '\n')))
        {
            _line++;
            _lineStart = _pos;
        }
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private SourceSpan SpanFrom(int start, int line, int column)
    {
        var length = System.Math.Max(0, _pos - start);
        var endColumn = length == 0 ? column : column + length - 1;
        return new SourceSpan(_path, line, column, line, endColumn, start, length);
    }

    private void Error(SchemaError error) => _errors.Add(error);

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsHexDigit(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    private static string Printable(char c) => c < ' ' || c == '\0' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();
}

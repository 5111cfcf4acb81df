using System;
using System.Text;

namespace Avro.Codegen.Generator.Emit;

/// <summary>An indented text writer for generated code: four spaces per level, <c>\n</c> line ends, no trailing spaces.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    // A statement after a closed block gets a blank line, as hand-written code does; 'else', 'case' and the like don't.
    private bool _afterBlock;

    public int Indent => _indent;

    public SourceWriter Line(string text = "")
    {
        if (_afterBlock && text.Length > 0 && !StartsContinuation(text))
        {
            _builder.Append('\n');
        }

        _afterBlock = false;
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }

        if (text.IndexOf('\n') < 0)
        {
            // One line (nearly every call, and the schema table's long entries): no split, no copy unless it needs trimming.
            _builder.Append(' ', _indent * 4);
            if (char.IsWhiteSpace(text[text.Length - 1]))
            {
                _builder.Append(text.TrimEnd());
            }
            else
            {
                _builder.Append(text);
            }

            _builder.Append('\n');
            return this;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                _builder.Append(' ', _indent * 4).Append(line.TrimEnd());
            }

            _builder.Append('\n');
        }

        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        _afterBlock = true;
        return this;
    }

    private static bool StartsContinuation(string text) =>
        text.StartsWith("}", StringComparison.Ordinal) || text.StartsWith("{", StringComparison.Ordinal)
        || text.StartsWith("else", StringComparison.Ordinal) || text.StartsWith("case ", StringComparison.Ordinal)
        || text.StartsWith("default:", StringComparison.Ordinal) || text.StartsWith("catch", StringComparison.Ordinal)
        || text.StartsWith("finally", StringComparison.Ordinal) || text.StartsWith("#", StringComparison.Ordinal);

    /// <summary>An XML summary: <paramref name="doc"/> (schema text, escaped) or <paramref name="fallbackXml"/> (already XML).</summary>
    public SourceWriter Doc(string? doc, string fallbackXml)
    {
        if (string.IsNullOrWhiteSpace(doc))
        {
            return Line("/// <summary>" + fallbackXml + "</summary>");
        }

        // Every C# line terminator ends a '///' comment, so each starts a new doc line; a lone surrogate has no place in
        // source text (the file is written as UTF-8) and becomes U+FFFD. The schema JSON keeps the doc exactly.
        var lines = Naming.ReplaceLoneSurrogates(doc!).Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u0085', '\n')
            .Replace('\u2028', '\n').Replace('\u2029', '\n').Trim().Split('\n');
        if (lines.Length == 1)
        {
            return Line("/// <summary>" + Naming.XmlEscape(lines[0].Trim()) + "</summary>");
        }

        Line("/// <summary>");
        foreach (var line in lines)
        {
            Line("/// " + Naming.XmlEscape(line.TrimEnd()));
        }

        return Line("/// </summary>");
    }

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("unbalanced indentation in generated code");
        }

        return _builder.ToString();
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Avro.Codegen.Generator;

/// <summary>
/// Avro names to C# names. Avro names match <c>[A-Za-z_][A-Za-z0-9_]*</c>, so they are valid C# identifiers except
/// for keywords, which get an <c>@</c>. The rules are documented in <c>docs/type-mapping.md</c>.
/// </summary>
internal static class Naming
{
    // Reserved and contextual keywords. Escaping a contextual keyword is always legal, and some of them
    // ('record', 'required', 'file', 'scoped') are not allowed as type names unescaped.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params",
        "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint",
        "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "add", "alias", "and", "args", "ascending", "async", "await", "by", "descending", "dynamic", "equals", "file",
        "from", "get", "global", "group", "init", "into", "join", "let", "managed", "nameof", "nint", "not", "notnull",
        "nuint", "on", "or", "orderby", "partial", "record", "remove", "required", "scoped", "select", "set",
        "unmanaged", "value", "var", "when", "where", "with", "yield",
    };

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>An identifier usable anywhere: keywords get <c>@</c>.</summary>
    public static string Escape(string identifier) => IsKeyword(identifier) ? "@" + identifier : identifier;

    /// <summary>
    /// A type name: keywords get <c>@</c>, and so do names of lower-case ASCII letters only, which the compiler warns
    /// about (CS8981: such names may become keywords); an escaped identifier is exempt from that warning.
    /// </summary>
    public static string EscapeTypeName(string identifier)
    {
        var bare = Unescape(identifier);
        var lowerOnly = bare.Length > 0;
        foreach (var c in bare)
        {
            lowerOnly &= c is >= 'a' and <= 'z';
        }

        return lowerOnly || IsKeyword(bare) ? "@" + bare : bare;
    }

    /// <summary>The identifier without a leading <c>@</c>, for comparing names.</summary>
    public static string Unescape(string identifier) => identifier.StartsWith("@", StringComparison.Ordinal) ? identifier.Substring(1) : identifier;

    public static bool IsValidIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidDottedName(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var part in text.Split('.'))
        {
            if (!IsValidIdentifier(Unescape(part)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A dotted namespace with each segment escaped: <c>com.acme.event</c> becomes <c>com.acme.@event</c>.</summary>
    public static string EscapeNamespace(string dotted)
    {
        var parts = dotted.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Escape(Unescape(parts[i]));
        }

        return string.Join(".", parts);
    }

    /// <summary>
    /// A field name as a C# property name: split at underscores, upper-case the first letter of each part, keep the
    /// rest (<c>user_id</c> and <c>userId</c> both become <c>UserId</c>; <c>URL</c> stays <c>URL</c>).
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var part in name.Split('_'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        if (builder.Length == 0)
        {
            // A name made of underscores only: keep it, it is a valid identifier.
            return name;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>The camel-case local variable for a property (never starts with <c>_</c>, which generated temporaries use).</summary>
    public static string ToLocal(string propertyName)
    {
        var bare = Unescape(propertyName);
        var local = bare[0] == '_' ? "f" + bare : char.ToLowerInvariant(bare[0]) + bare.Substring(1);
        if (local is "reader" or "writer" or "value" or "result")
        {
            local += "Value";
        }

        return Escape(local);
    }

    /// <summary>A C# string literal (regular, escaped), safe for any input.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029' || c == '\u0085' || char.IsSurrogate(c) || c > '\u007e')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Text for an XML doc comment: markup characters escaped.</summary>
    /// <summary>Replaces each surrogate that is not half of a pair with U+FFFD.</summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? text;
    }

    public static string XmlEscape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

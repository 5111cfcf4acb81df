using System.Collections.Generic;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>The Avro naming rules: valid names and namespaces, and the primitive type names.</summary>
public static class AvroNames
{
    private static readonly Dictionary<string, SchemaKind> Primitives = new(System.StringComparer.Ordinal)
    {
        ["null"] = SchemaKind.Null,
        ["boolean"] = SchemaKind.Boolean,
        ["int"] = SchemaKind.Int,
        ["long"] = SchemaKind.Long,
        ["float"] = SchemaKind.Float,
        ["double"] = SchemaKind.Double,
        ["bytes"] = SchemaKind.Bytes,
        ["string"] = SchemaKind.String,
    };

    /// <summary>True when <paramref name="name"/> matches <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name!.Length; i++)
        {
            var c = name[i];
            var ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="ns"/> is names separated by dots (the empty string, the null namespace, is valid too).</summary>
    public static bool IsValidNamespace(string? ns)
    {
        if (ns is null || ns.Length == 0)
        {
            return true;
        }

        foreach (var part in ns.Split('.'))
        {
            if (!IsValidName(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for the eight primitive type names.</summary>
    public static bool IsPrimitive(string name) => Primitives.ContainsKey(name);

    /// <summary>The primitive kind named <paramref name="name"/>.</summary>
    public static bool TryGetPrimitive(string name, out SchemaKind kind) => Primitives.TryGetValue(name, out kind);

    /// <summary>Splits a full name into namespace (null for none) and simple name.</summary>
    public static void Split(string fullName, out string? ns, out string name)
    {
        var dot = fullName.LastIndexOf('.');
        if (dot < 0)
        {
            ns = null;
            name = fullName;
        }
        else
        {
            ns = fullName.Substring(0, dot);
            name = fullName.Substring(dot + 1);
        }
    }

    /// <summary>
    /// The full name that <paramref name="name"/> denotes in <paramref name="enclosingNamespace"/>: a dotted name is already
    /// full; otherwise the enclosing namespace (if any) is prefixed.
    /// </summary>
    public static string Qualify(string name, string? enclosingNamespace) =>
        name.IndexOf('.') >= 0 || string.IsNullOrEmpty(enclosingNamespace) ? name : enclosingNamespace + "." + name;

    /// <summary>Describes a JSON value for error messages, e.g. <c>a string "x"</c> or <c>the number 12</c>.</summary>
    internal static string Describe(JsonValue value)
    {
        switch (value)
        {
            case JsonNull:
                return "null";
            case JsonBoolean b:
                return b.Value ? "true" : "false";
            case JsonNumber n:
                return "the number " + Shorten(n.Text);
            case JsonString s:
                return "the string \"" + Shorten(s.Value) + "\"";
            case JsonArray:
                return "an array";
            default:
                return "an object";
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}

using System.Collections.Generic;
using System.Globalization;

namespace Avro.Codegen.Schema.Json;

/// <summary>The six kinds of JSON value.</summary>
public enum JsonKind
{
    /// <summary><c>null</c>.</summary>
    Null,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A number, kept as its source text.</summary>
    Number,
    /// <summary>A string.</summary>
    String,
    /// <summary>An array.</summary>
    Array,
    /// <summary>An object; member order is kept.</summary>
    Object,
}

/// <summary>
/// An immutable JSON value that remembers where it was read. Schema defaults and custom properties keep these values
/// as they were written, so nothing about the source is lost (numbers keep their exact text).
/// </summary>
public abstract class JsonValue
{
    private protected JsonValue(SourceSpan? span) => Span = span;

    /// <summary>The kind of value.</summary>
    public abstract JsonKind Kind { get; }

    /// <summary>Where the value was read, or <see langword="null"/> for values built in code.</summary>
    public SourceSpan? Span { get; }

    /// <summary>Writes the value as compact JSON (no insignificant white space).</summary>
    public string ToJson()
    {
        var builder = new System.Text.StringBuilder();
        WriteTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends the value as compact JSON.</summary>
    public abstract void WriteTo(System.Text.StringBuilder builder);

    /// <inheritdoc />
    public override string ToString() => ToJson();

    /// <summary>Appends <paramref name="value"/> as a JSON string literal, escaping what JSON requires.</summary>
    /// <remarks>
    /// A surrogate that is not half of a pair (possible in a <c>doc</c> or default written as <c>"\ud800"</c>) is written
    /// as a <c>\uXXXX</c> escape, so the text stays valid UTF-16 and converts to UTF-8 without loss.
    /// </remarks>
    public static void WriteString(System.Text.StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    builder.Append(c).Append(value[++i]);
                }
                else
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }

                continue;
            }

            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ')
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
    }
}

/// <summary>The JSON literal <c>null</c>.</summary>
public sealed class JsonNull : JsonValue
{
    /// <summary>Creates a <c>null</c> value read at <paramref name="span"/>.</summary>
    public JsonNull(SourceSpan? span = null) : base(span) { }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Null;

    /// <inheritdoc />
    public override void WriteTo(System.Text.StringBuilder builder) => builder.Append("null");
}

/// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
public sealed class JsonBoolean : JsonValue
{
    /// <summary>Creates a boolean value.</summary>
    public JsonBoolean(bool value, SourceSpan? span = null) : base(span) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Boolean;

    /// <inheritdoc />
    public override void WriteTo(System.Text.StringBuilder builder) => builder.Append(Value ? "true" : "false");
}

/// <summary>A JSON number, kept as the exact text it was written with.</summary>
public sealed class JsonNumber : JsonValue
{
    /// <summary>Creates a number from its JSON text (which the caller has validated).</summary>
    public JsonNumber(string text, SourceSpan? span = null) : base(span) => Text = text;

    /// <summary>The number as written, e.g. <c>-12</c>, <c>1.5e3</c>.</summary>
    public string Text { get; }

    /// <summary>True when the text has no fraction and no exponent.</summary>
    public bool IsInteger => Text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;

    /// <summary>The value as a 64-bit integer, when it is an integer in range.</summary>
    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>The value as a double (the nearest representable value; may be infinite when out of range).</summary>
    public double ToDouble() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Number;

    /// <inheritdoc />
    public override void WriteTo(System.Text.StringBuilder builder) => builder.Append(Text);
}

/// <summary>A JSON string.</summary>
public sealed class JsonString : JsonValue
{
    /// <summary>Creates a string value (already unescaped).</summary>
    public JsonString(string value, SourceSpan? span = null) : base(span) => Value = value;

    /// <summary>The unescaped value.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.String;

    /// <inheritdoc />
    public override void WriteTo(System.Text.StringBuilder builder) => WriteString(builder, Value);
}

/// <summary>A JSON array.</summary>
public sealed class JsonArray : JsonValue
{
    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    public JsonArray(IReadOnlyList<JsonValue> items, SourceSpan? span = null) : base(span) => Items = items;

    /// <summary>The elements in order.</summary>
    public IReadOnlyList<JsonValue> Items { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Array;

    /// <inheritdoc />
    public override void WriteTo(System.Text.StringBuilder builder) => JsonTextWriter.Write(this, builder, indented: false);
}

/// <summary>One member of a JSON object: its name, where the name was written, and its value.</summary>
public sealed class JsonProperty
{
    /// <summary>Creates a member.</summary>
    public JsonProperty(string name, JsonValue value, SourceSpan? nameSpan = null)
    {
        Name = name;
        Value = value;
        NameSpan = nameSpan;
    }

    /// <summary>The member name.</summary>
    public string Name { get; }

    /// <summary>The member value.</summary>
    public JsonValue Value { get; }

    /// <summary>Where the name was written.</summary>
    public SourceSpan? NameSpan { get; }
}

/// <summary>A JSON object whose members keep their source order.</summary>
public sealed class JsonObject : JsonValue
{
    /// <summary>Creates an object of <paramref name="properties"/> in the given order.</summary>
    public JsonObject(IReadOnlyList<JsonProperty> properties, SourceSpan? span = null) : base(span) => Properties = properties;

    /// <summary>The members in source order. Duplicate names are rejected by the reader.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Finds the member called <paramref name="name"/>.</summary>
    public JsonProperty? Find(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>The value of the member called <paramref name="name"/>, or <see langword="null"/>.</summary>
    public JsonValue? this[string name] => Find(name)?.Value;

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Object;

    /// <inheritdoc />
    public override void WriteTo(System.Text.StringBuilder builder) => JsonTextWriter.Write(this, builder, indented: false);
}

/// <summary>Text written as it is, never escaped: the holes of a <see cref="SchemaTemplate"/>. Never leaves the schema core.</summary>
internal sealed class JsonRawText : JsonValue
{
    private readonly string _text;

    public JsonRawText(string text) : base(null) => _text = text;

    public override JsonKind Kind => JsonKind.String;

    public override void WriteTo(System.Text.StringBuilder builder) => builder.Append(_text);
}

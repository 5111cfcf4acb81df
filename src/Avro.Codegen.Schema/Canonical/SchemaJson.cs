using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// Writes a schema back as full Avro JSON: docs, defaults, aliases, field order, logical types with their attributes and
/// custom properties are all kept. Each named type is defined at its first occurrence and referred to by name afterwards,
/// so the text parses back into the same schema.
/// </summary>
/// <remarks>
/// Names are written relative to the enclosing namespace: a definition carries <c>namespace</c> only when it differs from
/// the enclosing one (<c>""</c> for the null namespace), and a reference is the simple name when the type lives in the
/// enclosing namespace, otherwise the full name.
/// </remarks>
public static class SchemaJson
{
    /// <summary>Returns the schema as JSON, compact or indented with two spaces.</summary>
    public static string ToJson(AvroSchema schema, bool indented = false)
    {
        var value = ToJsonValue(schema);
        if (!indented)
        {
            return value.ToJson();
        }

        var builder = new StringBuilder();
        WriteIndented(value, builder, 0);
        return builder.ToString();
    }

    /// <summary>
    /// Returns a protocol as <c>.avpr</c> JSON, compact or indented: <c>protocol</c>, <c>namespace</c>, <c>doc</c>, custom
    /// properties, <c>types</c> (each defined once, names relative to the protocol namespace) and <c>messages</c>.
    /// </summary>
    public static string ToJson(AvroProtocol protocol, bool indented = false)
    {
        var value = ToJsonValue(protocol);
        if (!indented)
        {
            return value.ToJson();
        }

        var builder = new StringBuilder();
        WriteIndented(value, builder, 0);
        return builder.ToString();
    }

    /// <summary>Returns a protocol as a JSON DOM.</summary>
    public static JsonValue ToJsonValue(AvroProtocol protocol)
    {
        var ns = protocol.Namespace;
        var defined = new HashSet<string>(System.StringComparer.Ordinal);
        var members = new List<JsonProperty> { Member("protocol", new JsonString(protocol.Name)) };
        if (ns is not null)
        {
            members.Add(Member("namespace", new JsonString(ns)));
        }

        if (protocol.Doc is not null)
        {
            members.Add(Member("doc", new JsonString(protocol.Doc)));
        }

        members.AddRange(protocol.Properties);
        var types = new List<JsonValue>(protocol.Types.Count);
        foreach (var type in protocol.Types)
        {
            // A type already written inside an earlier one is not repeated.
            if (!defined.Contains(type.FullName))
            {
                types.Add(ConvertNamed(type, ns, defined));
            }
        }

        members.Add(Member("types", new JsonArray(types)));
        var messages = new List<JsonProperty>(protocol.Messages.Count);
        foreach (var message in protocol.Messages)
        {
            var body = new List<JsonProperty>();
            if (message.Doc is not null)
            {
                body.Add(Member("doc", new JsonString(message.Doc)));
            }

            body.AddRange(message.Properties);
            var request = new List<JsonValue>(message.Request.Count);
            foreach (var parameter in message.Request)
            {
                request.Add(ConvertField(parameter, ns, defined));
            }

            body.Add(Member("request", new JsonArray(request)));
            body.Add(Member("response", Convert(message.Response, ns, defined)));
            if (message.Errors.Count > 0)
            {
                var errors = new List<JsonValue>(message.Errors.Count);
                foreach (var error in message.Errors)
                {
                    errors.Add(Convert(error, ns, defined));
                }

                body.Add(Member("errors", new JsonArray(errors)));
            }

            if (message.OneWay)
            {
                body.Add(Member("one-way", new JsonBoolean(true)));
            }

            messages.Add(Member(message.Name, new JsonObject(body)));
        }

        members.Add(Member("messages", new JsonObject(messages)));
        return new JsonObject(members);
    }

    /// <summary>Returns the schema as a JSON DOM (values built in code carry no source spans).</summary>
    public static JsonValue ToJsonValue(AvroSchema schema) =>
        Convert(schema, null, new HashSet<string>(System.StringComparer.Ordinal));

    private static JsonValue Convert(AvroSchema schema, string? ns, HashSet<string> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                {
                    if (primitive.LogicalType is null && primitive.Properties.Count == 0)
                    {
                        return new JsonString(primitive.TypeName);
                    }

                    var members = new List<JsonProperty> { Member("type", new JsonString(primitive.TypeName)) };
                    AddLogicalType(members, primitive.LogicalType);
                    members.AddRange(primitive.Properties);
                    return new JsonObject(members);
                }

            case UnionSchema union:
                {
                    var branches = new List<JsonValue>(union.Branches.Count);
                    foreach (var branch in union.Branches)
                    {
                        branches.Add(Convert(branch, ns, defined));
                    }

                    return new JsonArray(branches);
                }

            case ArraySchema array:
                {
                    var members = new List<JsonProperty> { Member("type", new JsonString("array")), Member("items", Convert(array.Items, ns, defined)) };
                    members.AddRange(array.Properties);
                    return new JsonObject(members);
                }

            case MapSchema map:
                {
                    var members = new List<JsonProperty> { Member("type", new JsonString("map")), Member("values", Convert(map.Values, ns, defined)) };
                    members.AddRange(map.Properties);
                    return new JsonObject(members);
                }

            case NamedSchema named:
                return ConvertNamed(named, ns, defined);
            default:
                return new JsonNull();
        }
    }

    private static JsonValue ConvertNamed(NamedSchema named, string? ns, HashSet<string> defined)
    {
        if (!defined.Add(named.FullName))
        {
            return new JsonString(named.Namespace == ns ? named.Name : named.FullName);
        }

        var type = named switch
        {
            RecordSchema { IsError: true } => "error",
            RecordSchema => "record",
            EnumSchema => "enum",
            _ => "fixed",
        };
        var members = new List<JsonProperty> { Member("type", new JsonString(type)), Member("name", new JsonString(named.Name)) };
        if (named.Namespace != ns)
        {
            members.Add(Member("namespace", new JsonString(named.Namespace ?? string.Empty)));
        }

        if (named.Doc is not null)
        {
            members.Add(Member("doc", new JsonString(named.Doc)));
        }

        if (named.Aliases.Count > 0)
        {
            var aliases = new List<JsonValue>();
            foreach (var alias in named.Aliases)
            {
                AvroNames.Split(alias, out var aliasNs, out var aliasName);
                aliases.Add(new JsonString(aliasNs == named.Namespace ? aliasName : alias));
            }

            members.Add(Member("aliases", new JsonArray(aliases)));
        }

        switch (named)
        {
            case RecordSchema record:
                {
                    var fields = new List<JsonValue>(record.Fields.Count);
                    foreach (var field in record.Fields)
                    {
                        fields.Add(ConvertField(field, named.Namespace, defined));
                    }

                    members.Add(Member("fields", new JsonArray(fields)));
                    break;
                }

            case EnumSchema @enum:
                {
                    var symbols = new List<JsonValue>(@enum.Symbols.Count);
                    foreach (var symbol in @enum.Symbols)
                    {
                        symbols.Add(new JsonString(symbol));
                    }

                    members.Add(Member("symbols", new JsonArray(symbols)));
                    if (@enum.Default is not null)
                    {
                        members.Add(Member("default", new JsonString(@enum.Default)));
                    }

                    break;
                }

            case FixedSchema @fixed:
                members.Add(Member("size", Number(@fixed.Size)));
                AddLogicalType(members, @fixed.LogicalType);
                break;
        }

        members.AddRange(named.Properties);
        return new JsonObject(members);
    }

    private static JsonValue ConvertField(RecordField field, string? ns, HashSet<string> defined)
    {
        var members = new List<JsonProperty> { Member("name", new JsonString(field.Name)), Member("type", Convert(field.Type, ns, defined)) };
        if (field.Doc is not null)
        {
            members.Add(Member("doc", new JsonString(field.Doc)));
        }

        if (field.Default is not null)
        {
            members.Add(Member("default", field.Default));
        }

        if (field.Order != FieldOrder.Ascending)
        {
            members.Add(Member("order", new JsonString(field.Order == FieldOrder.Descending ? "descending" : "ignore")));
        }

        if (field.Aliases.Count > 0)
        {
            var aliases = new List<JsonValue>();
            foreach (var alias in field.Aliases)
            {
                aliases.Add(new JsonString(alias));
            }

            members.Add(Member("aliases", new JsonArray(aliases)));
        }

        members.AddRange(field.Properties);
        return new JsonObject(members);
    }

    private static void AddLogicalType(List<JsonProperty> members, LogicalType? logical)
    {
        if (logical is null)
        {
            return;
        }

        members.Add(Member("logicalType", new JsonString(logical.Name)));
        if (logical.Kind == LogicalTypeKind.Decimal)
        {
            members.Add(Member("precision", Number(logical.Precision)));
            members.Add(Member("scale", Number(logical.Scale)));
        }
    }

    private static JsonProperty Member(string name, JsonValue value) => new(name, value);

    private static JsonNumber Number(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static void WriteIndented(JsonValue value, StringBuilder o, int depth)
    {
        switch (value)
        {
            case JsonArray array when array.Items.Count > 0:
                o.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    o.Append(i == 0 ? "\n" : ",\n");
                    Indent(o, depth + 1);
                    WriteIndented(array.Items[i], o, depth + 1);
                }

                o.Append('\n');
                Indent(o, depth);
                o.Append(']');
                break;
            case JsonObject obj when obj.Properties.Count > 0:
                o.Append('{');
                for (var i = 0; i < obj.Properties.Count; i++)
                {
                    o.Append(i == 0 ? "\n" : ",\n");
                    Indent(o, depth + 1);
                    JsonValue.WriteString(o, obj.Properties[i].Name);
                    o.Append(": ");
                    WriteIndented(obj.Properties[i].Value, o, depth + 1);
                }

                o.Append('\n');
                Indent(o, depth);
                o.Append('}');
                break;
            default:
                value.WriteTo(o);
                break;
        }
    }

    private static void Indent(StringBuilder o, int depth) => o.Append(' ', depth * 2);
}

using System.Text.Json;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema.Tests.Compatibility;

/// <summary>
/// Test-only: builds the schema model from schema JSON without the schema parser, so the checker's tests do not depend
/// on the parser's own rules. It trusts its input (no validation) and keeps only what the checker looks at: types,
/// names, namespaces, aliases, field defaults (presence), enum defaults, sizes.
/// </summary>
internal static class ModelJson
{
    public static AvroSchema Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new Builder().Build(document.RootElement, null);
    }

    public static AvroSchema Parse(JsonElement element) => new Builder().Build(element, null);

    private sealed class Builder
    {
        private readonly Dictionary<string, NamedSchema> _named = new(StringComparer.Ordinal);

        public AvroSchema Build(JsonElement element, string? enclosingNamespace)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return Reference(element.GetString()!, enclosingNamespace);
                case JsonValueKind.Array:
                    return new UnionSchema(element.EnumerateArray().Select(branch => Build(branch, enclosingNamespace)).ToList());
                case JsonValueKind.Object:
                    return BuildObject(element, enclosingNamespace);
                default:
                    throw new ArgumentException("not a schema: " + element);
            }
        }

        private AvroSchema Reference(string name, string? enclosingNamespace)
        {
            if (TryPrimitive(name, out var kind))
            {
                return new PrimitiveSchema(kind);
            }

            if (!name.Contains('.') && enclosingNamespace is not null && _named.TryGetValue(enclosingNamespace + "." + name, out var inNamespace))
            {
                return inNamespace;
            }

            return _named.TryGetValue(name, out var named) ? named : throw new ArgumentException("unknown type " + name);
        }

        private AvroSchema BuildObject(JsonElement element, string? enclosingNamespace)
        {
            var type = element.GetProperty("type");
            if (type.ValueKind != JsonValueKind.String)
            {
                return Build(type, enclosingNamespace);
            }

            var typeName = type.GetString()!;
            switch (typeName)
            {
                case "array":
                    return new ArraySchema(Build(element.GetProperty("items"), enclosingNamespace));
                case "map":
                    return new MapSchema(Build(element.GetProperty("values"), enclosingNamespace));
                case "record":
                case "error":
                case "enum":
                case "fixed":
                    return BuildNamed(element, typeName, enclosingNamespace);
                default:
                    if (TryPrimitive(typeName, out var kind))
                    {
                        return new PrimitiveSchema(kind);
                    }

                    return Reference(typeName, enclosingNamespace);
            }
        }

        private NamedSchema BuildNamed(JsonElement element, string typeName, string? enclosingNamespace)
        {
            var written = element.GetProperty("name").GetString()!;
            string name;
            string? ns;
            var dot = written.LastIndexOf('.');
            if (dot >= 0)
            {
                ns = written.Substring(0, dot);
                name = written.Substring(dot + 1);
            }
            else
            {
                name = written;
                ns = element.TryGetProperty("namespace", out var nsElement) ? nsElement.GetString() : enclosingNamespace;
            }

            ns = string.IsNullOrEmpty(ns) ? null : ns;
            var aliases = Strings(element, "aliases").Select(alias => alias.Contains('.') || ns is null ? alias : ns + "." + alias).ToList();
            NamedSchema schema;
            switch (typeName)
            {
                case "enum":
                    schema = new EnumSchema(name, ns, Strings(element, "symbols"),
                        element.TryGetProperty("default", out var enumDefault) ? enumDefault.GetString() : null, aliases);
                    break;
                case "fixed":
                    schema = new FixedSchema(name, ns, element.GetProperty("size").GetInt32(), aliases: aliases);
                    break;
                default:
                    var record = new RecordSchema(name, ns, aliases, isError: typeName == "error");
                    _named[record.FullName] = record;
                    var fields = new List<RecordField>();
                    foreach (var field in element.GetProperty("fields").EnumerateArray())
                    {
                        fields.Add(new RecordField(
                            field.GetProperty("name").GetString()!,
                            Build(field.GetProperty("type"), ns),
                            fields.Count,
                            defaultValue: field.TryGetProperty("default", out var value) ? ToJsonValue(value) : null,
                            aliases: Strings(field, "aliases")));
                    }

                    record.SetFields(fields);
                    return record;
            }

            _named[schema.FullName] = schema;
            return schema;
        }

        private static List<string> Strings(JsonElement element, string property) =>
            element.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(item => item.GetString()!).ToList() : new List<string>();

        private static JsonValue ToJsonValue(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Null => new JsonNull(),
            JsonValueKind.True => new JsonBoolean(true),
            JsonValueKind.False => new JsonBoolean(false),
            JsonValueKind.Number => new JsonNumber(value.GetRawText()),
            JsonValueKind.String => new JsonString(value.GetString()!),
            JsonValueKind.Array => new JsonArray(value.EnumerateArray().Select(ToJsonValue).ToList()),
            _ => new JsonObject(value.EnumerateObject().Select(p => new Avro.Codegen.Schema.Json.JsonProperty(p.Name, ToJsonValue(p.Value))).ToList()),
        };

        private static bool TryPrimitive(string name, out SchemaKind kind)
        {
            kind = name switch
            {
                "null" => SchemaKind.Null,
                "boolean" => SchemaKind.Boolean,
                "int" => SchemaKind.Int,
                "long" => SchemaKind.Long,
                "float" => SchemaKind.Float,
                "double" => SchemaKind.Double,
                "bytes" => SchemaKind.Bytes,
                "string" => SchemaKind.String,
                _ => SchemaKind.Record,
            };
            return kind != SchemaKind.Record;
        }
    }
}

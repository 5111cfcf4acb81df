using System.Buffers;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Encodes a field's JSON default in the reader schema's binary encoding, once, when a plan is built. Follows the
/// specification's table of default values; a union default denotes the first branch it is a valid value of
/// (as the schema core validated it), and a record default takes missing fields from their own defaults.
/// </summary>
internal static class DefaultEncoder
{
    /// <summary>The encoding of <paramref name="value"/> as <paramref name="schema"/>, or null with a reason when it is not a value of it.</summary>
    public static byte[]? TryEncode(AvroSchema schema, JsonValue value, out string? reason)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(output);
        reason = Write(ref writer, schema, value);
        writer.Flush();
        return reason is null ? output.WrittenSpan.ToArray() : null;
    }

    private static string? Write(ref AvroWriter writer, AvroSchema schema, JsonValue value)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Null when value is JsonNull:
                return null;
            case SchemaKind.Boolean when value is JsonBoolean b:
                writer.WriteBoolean(b.Value);
                return null;
            case SchemaKind.Int when value is JsonNumber n && n.IsInteger && n.TryGetInt64(out var l) && l is >= int.MinValue and <= int.MaxValue:
                writer.WriteInt((int)l);
                return null;
            case SchemaKind.Long when value is JsonNumber n && n.IsInteger && n.TryGetInt64(out var l):
                writer.WriteLong(l);
                return null;
            case SchemaKind.Float or SchemaKind.Double when TryGetDouble(value, out var d):
                if (schema.Kind == SchemaKind.Float)
                {
                    writer.WriteFloat((float)d);
                }
                else
                {
                    writer.WriteDouble(d);
                }

                return null;
            case SchemaKind.String when value is JsonString s:
                writer.WriteString(s.Value);
                return null;
            case SchemaKind.Bytes when value is JsonString s && TryLatin1(s.Value, out var bytes):
                writer.WriteBytes(bytes);
                return null;
            case SchemaKind.Fixed when value is JsonString s && TryLatin1(s.Value, out var bytes) && bytes.Length == ((FixedSchema)schema).Size:
                writer.WriteFixed(bytes);
                return null;
            case SchemaKind.Enum when value is JsonString s && ((EnumSchema)schema).IndexOf(s.Value) >= 0:
                writer.WriteEnum(((EnumSchema)schema).IndexOf(s.Value));
                return null;
            case SchemaKind.Array when value is JsonArray a:
                if (a.Items.Count > 0)
                {
                    writer.WriteBlockCount(a.Items.Count);
                    foreach (var item in a.Items)
                    {
                        if (Write(ref writer, ((ArraySchema)schema).Items, item) is { } itemReason)
                        {
                            return itemReason;
                        }
                    }
                }

                writer.WriteBlockEnd();
                return null;
            case SchemaKind.Map when value is JsonObject o:
                if (o.Properties.Count > 0)
                {
                    writer.WriteBlockCount(o.Properties.Count);
                    foreach (var property in o.Properties)
                    {
                        writer.WriteString(property.Name);
                        if (Write(ref writer, ((MapSchema)schema).Values, property.Value) is { } valueReason)
                        {
                            return valueReason;
                        }
                    }
                }

                writer.WriteBlockEnd();
                return null;
            case SchemaKind.Record when value is JsonObject o:
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    var fieldValue = o[field.Name] ?? field.Default;
                    if (fieldValue is null)
                    {
                        return $"the default of record '{((RecordSchema)schema).FullName}' gives no value for its field '{field.Name}', which has no default";
                    }

                    if (Write(ref writer, field.Type, fieldValue) is { } fieldReason)
                    {
                        return fieldReason;
                    }
                }

                return null;
            case SchemaKind.Union:
                var union = (UnionSchema)schema;
                var branch = SchemaDefaults.SelectUnionBranch(union, value);
                if (branch < 0)
                {
                    break;
                }

                writer.WriteUnionIndex(branch);
                return Write(ref writer, union.Branches[branch], value);
        }

        return $"the default {value.ToJson()} is not a value of type {schema.TypeName}";
    }

    private static bool TryGetDouble(JsonValue value, out double result)
    {
        switch (value)
        {
            case JsonNumber n:
                result = n.ToDouble();
                return true;
            case JsonString s:
                return Json.AvroJsonText.TryParseNonFinite(s.Value, out result);
            default:
                result = 0;
                return false;
        }
    }

    private static bool TryLatin1(string text, out byte[] bytes)
    {
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                bytes = [];
                return false;
            }
        }

        bytes = Json.AvroJsonText.StringToBytes(text);
        return true;
    }
}

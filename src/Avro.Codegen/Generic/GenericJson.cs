using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Avro.Codegen.Json;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;
using static Avro.Codegen.Json.AvroJsonTokens;

namespace Avro.Codegen.Generic;

/// <summary>
/// The Avro JSON encoding of generic values, driven by a schema: the specification's encoding (a union value is
/// <c>null</c> or <c>{"branch type name": value}</c>, with the full name for named types; bytes and fixed are strings of
/// code points U+0000–U+00FF), written as compact text the way Java Avro writes it. This is the schema-driven face of the
/// one Avro JSON core (<c>Json/</c>); generated records use the other (<see cref="AvroJsonCodec"/>), so one datum prints as
/// one text either way. Reading accepts record fields in any order, fills absent fields from their defaults, and rejects unknown
/// fields, as Java Avro's JSON decoder does.
/// </summary>
public static class GenericJson
{
    /// <summary>Writes <paramref name="value"/> as <paramref name="schema"/> in the Avro JSON encoding.</summary>
    public static void Write(IBufferWriter<byte> output, AvroSchema schema, object? value)
    {
        using var writer = new Utf8JsonWriter(output, AvroJsonText.WriterOptions);
        Write(writer, schema, value);
    }

    /// <summary>
    /// Writes <paramref name="value"/> as <paramref name="schema"/> to <paramref name="writer"/>; for text that matches Java
    /// Avro's, the writer is made with <see cref="AvroSerializer.JsonWriterOptions"/>, as generated records' JSON is.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, AvroSchema schema, object? value) => WriteValue(writer, schema, value);

    /// <summary>The Avro JSON encoding of <paramref name="value"/> as a string.</summary>
    public static string ToJson(AvroSchema schema, object? value)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(output, schema, value);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, AvroSchema schema, object? value)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Null:
                writer.WriteNullValue();
                return;
            case SchemaKind.Boolean:
                writer.WriteBooleanValue(value is true);
                return;
            case SchemaKind.Int:
                writer.WriteNumberValue((int)value!);
                return;
            case SchemaKind.Long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case SchemaKind.Float:
                AvroJsonText.WriteFloat(writer, Convert.ToSingle(value, CultureInfo.InvariantCulture));
                return;
            case SchemaKind.Double:
                AvroJsonText.WriteDouble(writer, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                return;
            case SchemaKind.Bytes:
                AvroJsonText.WriteBytes(writer, (byte[])value!);
                return;
            case SchemaKind.String:
                writer.WriteStringValue((string)value!);
                return;
            case SchemaKind.Fixed:
                AvroJsonText.WriteBytes(writer, value is GenericAvroFixed gf ? gf.Value : (byte[])value!);
                return;
            case SchemaKind.Enum:
                writer.WriteStringValue(value is GenericAvroEnum e ? e.Symbol : (string)value!);
                return;
            case SchemaKind.Record:
                var record = (GenericAvroRecord)value!;
                writer.WriteStartObject();
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteValue(writer, field.Type, record[field.Position]);
                }

                writer.WriteEndObject();
                return;
            case SchemaKind.Array:
                var items = ((ArraySchema)schema).Items;
                writer.WriteStartArray();
                foreach (var item in (IList)value!)
                {
                    WriteValue(writer, items, item);
                }

                writer.WriteEndArray();
                return;
            case SchemaKind.Map:
                var values = ((MapSchema)schema).Values;
                writer.WriteStartObject();
                foreach (var pair in (IDictionary<string, object?>)value!)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, values, pair.Value);
                }

                writer.WriteEndObject();
                return;
            case SchemaKind.Union:
                var union = (UnionSchema)schema;
                var branch = GenericBinary.ResolveBranch(union, value);
                var branchSchema = union.Branches[branch];
                if (branchSchema.Kind == SchemaKind.Null)
                {
                    writer.WriteNullValue();
                    return;
                }

                writer.WriteStartObject();
                writer.WritePropertyName(branchSchema.TypeName);
                WriteValue(writer, branchSchema, value is GenericUnion u ? u.Value : value);
                writer.WriteEndObject();
                return;
            default:
                throw new ArgumentException($"Unknown schema kind {schema.Kind}.", nameof(schema));
        }
    }

    /// <summary>
    /// Parses one value of <paramref name="schema"/> from Avro JSON text. Errors are <see cref="AvroDataException"/>s whose
    /// offset is the UTF-8 byte offset of the offending token.
    /// </summary>
    public static object? FromJson(AvroSchema schema, string json, GenericReadOptions? options = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 1024 });
        if (!AvroJsonTokens.TryRead(ref reader))
        {
            throw new AvroDataException("The JSON text is empty.", 0);
        }

        var value = Read(ref reader, schema, options);
        if (AvroJsonTokens.TryRead(ref reader))
        {
            throw new AvroDataException("Unexpected JSON after the value", reader.TokenStartIndex);
        }

        return value;
    }

    /// <summary>
    /// Reads one value of <paramref name="schema"/>; <paramref name="reader"/> must be on the value's first token and is
    /// left on its last. Malformed JSON, like a value that does not fit the schema, is an <see cref="AvroDataException"/>.
    /// </summary>
    public static object? Read(ref Utf8JsonReader reader, AvroSchema schema, GenericReadOptions? options = null) =>
        ReadValue(ref reader, schema, options ?? GenericReadOptions.Default, 0);

    // Counts every value level (a union is one, its branch another), so this admits about as deep data as
    // AvroReaderOptions.MaxDepth = 1000 does for binary, while keeping recursion far from the stack limit.
    private const int MaxDepth = 2500;

    private static object? ReadValue(ref Utf8JsonReader reader, AvroSchema schema, GenericReadOptions options, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(ref reader, $"Values nest deeper than {MaxDepth}");
        }

        switch (schema.Kind)
        {
            case SchemaKind.Null:
                Expect(ref reader, JsonTokenType.Null, "null");
                return null;
            case SchemaKind.Boolean:
                return AvroJsonTokens.ReadBoolean(ref reader);
            case SchemaKind.Int:
                return AvroJsonTokens.ReadInt(ref reader);
            case SchemaKind.Long:
                return AvroJsonTokens.ReadLong(ref reader);
            case SchemaKind.Float:
                return AvroJsonTokens.ReadFloat(ref reader);
            case SchemaKind.Double:
                return AvroJsonTokens.ReadDouble(ref reader);
            case SchemaKind.Bytes:
                return AvroJsonTokens.ReadBytes(ref reader);
            case SchemaKind.String:
                return AvroJsonTokens.ReadString(ref reader);
            case SchemaKind.Fixed:
                var fixedSchema = (FixedSchema)schema;
                return new GenericAvroFixed(fixedSchema, AvroJsonTokens.ReadFixed(ref reader, fixedSchema.Size, fixedSchema.FullName));
            case SchemaKind.Enum:
                var enumSchema = (EnumSchema)schema;
                Expect(ref reader, JsonTokenType.String, "an enum symbol");
                var symbol = GetString(ref reader);
                if (enumSchema.IndexOf(symbol) < 0)
                {
                    throw Error(ref reader, $"'{symbol}' is not a symbol of the enum '{enumSchema.FullName}'");
                }

                return new GenericAvroEnum(enumSchema, symbol);
            case SchemaKind.Record:
                return ReadRecord(ref reader, (RecordSchema)schema, options, depth);
            case SchemaKind.Array:
                var items = ((ArraySchema)schema).Items;
                Expect(ref reader, JsonTokenType.StartArray, "an array");
                var list = new List<object?>();
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader, items, options, depth + 1));
                }

                return list;
            case SchemaKind.Map:
                var values = ((MapSchema)schema).Values;
                Expect(ref reader, JsonTokenType.StartObject, "a map (JSON object)");
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    var key = GetString(ref reader);
                    Next(ref reader);
                    map[key] = ReadValue(ref reader, values, options, depth + 1);
                }

                return map;
            case SchemaKind.Union:
                return ReadUnion(ref reader, (UnionSchema)schema, options, depth);
            default:
                throw new ArgumentException($"Unknown schema kind {schema.Kind}.", nameof(schema));
        }
    }

    private static object? ReadUnion(ref Utf8JsonReader reader, UnionSchema union, GenericReadOptions options, int depth)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            for (var i = 0; i < union.Branches.Count; i++)
            {
                if (union.Branches[i].Kind == SchemaKind.Null)
                {
                    return options.KeepUnionBranches ? new GenericUnion(i, null) : null;
                }
            }

            throw Error(ref reader, $"null is not a branch of the union [{Names(union)}]");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, $"a union value: null or {{\"type name\": value}} with a branch of [{Names(union)}]");
        }

        if (Next(ref reader) == JsonTokenType.EndObject)
        {
            throw Error(ref reader, $"An empty object is not a union value; expected one of [{Names(union)}]");
        }

        var name = GetString(ref reader);
        var branch = -1;
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (union.Branches[i].TypeName == name)
            {
                branch = i;
                break;
            }
        }

        if (branch < 0)
        {
            throw Error(ref reader, $"'{name}' is not a branch of the union [{Names(union)}]");
        }

        Next(ref reader);
        var value = ReadValue(ref reader, union.Branches[branch], options, depth + 1);
        if (Next(ref reader) != JsonTokenType.EndObject)
        {
            throw Error(ref reader, "A union value is an object with exactly one member");
        }

        return options.KeepUnionBranches ? new GenericUnion(branch, value) : value;
    }

    private static GenericAvroRecord ReadRecord(ref Utf8JsonReader reader, RecordSchema schema, GenericReadOptions options, int depth)
    {
        Expect(ref reader, JsonTokenType.StartObject, $"a record '{schema.FullName}' (JSON object)");
        var record = new GenericAvroRecord(schema);
        var seen = new bool[schema.Fields.Count];
        var start = reader.TokenStartIndex;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = GetString(ref reader);
            var field = schema.GetField(name);
            if (field is null)
            {
                // As Java's JsonDecoder and the generated records do: a member the schema does not name is skipped.
                SkipMemberValue(ref reader);
                continue;
            }

            if (seen[field.Position])
            {
                throw DuplicateField(ref reader);
            }

            seen[field.Position] = true;
            Next(ref reader);
            record[field.Position] = ReadValue(ref reader, field.Type, options, depth + 1);
        }

        foreach (var field in schema.Fields)
        {
            if (!seen[field.Position])
            {
                if (field.Default is null)
                {
                    throw new AvroDataException($"The record '{schema.FullName}' lacks the field '{field.Name}', which has no default", start);
                }

                record[field.Position] = FromDefault(field.Type, field.Default);
            }
        }

        return record;
    }

    /// <summary>
    /// The generic value of a schema default (as parsed by the schema core). A union default may match any branch;
    /// the first that fits is used.
    /// </summary>
    public static object? FromDefault(AvroSchema schema, JsonValue value)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Null when value is JsonNull:
                return null;
            case SchemaKind.Boolean when value is JsonBoolean b:
                return b.Value;
            case SchemaKind.Int when value is JsonNumber n && int.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                return i;
            case SchemaKind.Long when value is JsonNumber n && n.TryGetInt64(out var l):
                return l;
            case SchemaKind.Float when value is JsonNumber n:
                return (float)n.ToDouble();
            case SchemaKind.Float when value is JsonString s && AvroJsonText.TryParseNonFinite(s.Value, out var special):
                return (float)special;
            case SchemaKind.Double when value is JsonNumber n:
                return n.ToDouble();
            case SchemaKind.Double when value is JsonString s && AvroJsonText.TryParseNonFinite(s.Value, out var special):
                return special;
            case SchemaKind.Bytes when value is JsonString s:
                return AvroJsonText.StringToBytes(s.Value);
            case SchemaKind.String when value is JsonString s:
                return s.Value;
            case SchemaKind.Fixed when value is JsonString s:
                return new GenericAvroFixed((FixedSchema)schema, AvroJsonText.StringToBytes(s.Value));
            case SchemaKind.Enum when value is JsonString s:
                return new GenericAvroEnum((EnumSchema)schema, s.Value);
            case SchemaKind.Array when value is JsonArray a:
                return a.Items.Select(item => FromDefault(((ArraySchema)schema).Items, item)).ToList();
            case SchemaKind.Map when value is JsonObject o:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in o.Properties)
                {
                    map[property.Name] = FromDefault(((MapSchema)schema).Values, property.Value);
                }

                return map;
            case SchemaKind.Record when value is JsonObject o:
                var recordSchema = (RecordSchema)schema;
                var record = new GenericAvroRecord(recordSchema);
                foreach (var field in recordSchema.Fields)
                {
                    var fieldValue = o[field.Name] ?? field.Default
                        ?? throw new AvroDataException($"The default of record '{recordSchema.FullName}' lacks the field '{field.Name}'.");
                    record[field.Position] = FromDefault(field.Type, fieldValue);
                }

                return record;
            case SchemaKind.Union:
                foreach (var branch in ((UnionSchema)schema).Branches)
                {
                    try
                    {
                        return FromDefault(branch, value);
                    }
                    catch (AvroDataException)
                    {
                        // try the next branch
                    }
                }

                break;
        }

        throw new AvroDataException($"The default {value.ToJson()} is not a value of type {schema.TypeName}.");
    }

    private static string Names(UnionSchema union) => string.Join(", ", union.Branches.Select(b => b.TypeName));
}

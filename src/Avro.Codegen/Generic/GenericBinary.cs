using System.Buffers;
using System.Collections;
using Avro.Codegen.Internal;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generic;

/// <summary>
/// The Avro binary encoding of generic values (see <see cref="GenericAvroRecord"/> for the model), driven by a schema.
/// </summary>
public static class GenericBinary
{
    /// <summary>Encodes <paramref name="value"/> as <paramref name="schema"/> into a new array.</summary>
    public static byte[] Encode(AvroSchema schema, object? value)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(output);
        Write(ref writer, schema, value);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one value of <paramref name="schema"/> that must span all of <paramref name="data"/>.</summary>
    public static object? Decode(AvroSchema schema, ReadOnlySpan<byte> data, AvroReaderOptions? options = null, GenericReadOptions? readOptions = null)
    {
        var reader = new AvroReader(data, options);
        var value = Read(ref reader, schema, readOptions);
        if (!reader.End)
        {
            throw new AvroDataException($"{reader.Remaining} byte(s) follow the value", reader.Position);
        }

        return value;
    }

    /// <summary>
    /// Writes <paramref name="value"/> as <paramref name="schema"/>. A value of the wrong type for its schema is an
    /// <see cref="AvroDataException"/> that names where in the value it is.
    /// </summary>
    public static void Write(ref AvroWriter writer, AvroSchema schema, object? value) => Write(ref writer, schema, value, "");

    private static void Write(ref AvroWriter writer, AvroSchema schema, object? value, string path)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Null:
                if (value is not null)
                {
                    throw Mismatch(schema, value, path);
                }

                return;
            case SchemaKind.Boolean:
                writer.WriteBoolean(value is bool b ? b : throw Mismatch(schema, value, path));
                return;
            case SchemaKind.Int:
                writer.WriteInt(value is int intValue ? intValue : throw Mismatch(schema, value, path));
                return;
            case SchemaKind.Long:
                writer.WriteLong(value switch { long l => l, int n => n, _ => throw Mismatch(schema, value, path) });
                return;
            case SchemaKind.Float:
                writer.WriteFloat(value switch { float f => f, int n => n, long l => l, _ => throw Mismatch(schema, value, path) });
                return;
            case SchemaKind.Double:
                writer.WriteDouble(value switch { double d => d, float f => f, int n => n, long l => l, _ => throw Mismatch(schema, value, path) });
                return;
            case SchemaKind.Bytes:
                writer.WriteBytes(value is byte[] bytes ? bytes : throw Mismatch(schema, value, path));
                return;
            case SchemaKind.String:
                writer.WriteString(value is string s ? s : throw Mismatch(schema, value, path));
                return;
            case SchemaKind.Fixed:
                var fixedSchema = (FixedSchema)schema;
                var fixedBytes = value switch
                {
                    GenericAvroFixed f when f.Schema.FullName == fixedSchema.FullName => f.Value,
                    byte[] raw => raw,
                    _ => throw Mismatch(schema, value, path),
                };
                if (fixedBytes.Length != fixedSchema.Size)
                {
                    throw new AvroDataException($"{Where(path)}the fixed '{fixedSchema.FullName}' needs {fixedSchema.Size} bytes, not {fixedBytes.Length}.");
                }

                writer.WriteFixed(fixedBytes);
                return;
            case SchemaKind.Enum:
                var enumSchema = (EnumSchema)schema;
                var index = value switch
                {
                    GenericAvroEnum e when e.Schema.FullName == enumSchema.FullName => e.Index,
                    string symbol => enumSchema.IndexOf(symbol),
                    _ => throw Mismatch(schema, value, path),
                };
                if (index < 0)
                {
                    throw new AvroDataException($"{Where(path)}'{value}' is not a symbol of the enum '{enumSchema.FullName}'.");
                }

                writer.WriteEnum(index);
                return;
            case SchemaKind.Record:
                var recordSchema = (RecordSchema)schema;
                if (value is not GenericAvroRecord record || record.Schema.FullName != recordSchema.FullName
                    || record.Schema.Fields.Count != recordSchema.Fields.Count)
                {
                    throw Mismatch(schema, value, path);
                }

                foreach (var field in recordSchema.Fields)
                {
                    Write(ref writer, field.Type, record[field.Position], path + "." + field.Name);
                }

                return;
            case SchemaKind.Array:
                var items = ((ArraySchema)schema).Items;
                if (value is not IList list)
                {
                    throw Mismatch(schema, value, path);
                }

                if (list.Count > 0)
                {
                    writer.WriteBlockCount(list.Count);
                    for (var i = 0; i < list.Count; i++)
                    {
                        Write(ref writer, items, list[i], path + "[" + i + "]");
                    }
                }

                writer.WriteBlockEnd();
                return;
            case SchemaKind.Map:
                var values = ((MapSchema)schema).Values;
                if (value is not IDictionary<string, object?> map)
                {
                    throw Mismatch(schema, value, path);
                }

                if (map.Count > 0)
                {
                    writer.WriteBlockCount(map.Count);
                    foreach (var pair in map)
                    {
                        writer.WriteString(pair.Key);
                        Write(ref writer, values, pair.Value, path + "[\"" + pair.Key + "\"]");
                    }
                }

                writer.WriteBlockEnd();
                return;
            case SchemaKind.Union:
                var union = (UnionSchema)schema;
                var branch = ResolveBranch(union, value, path);
                writer.WriteUnionIndex(branch);
                Write(ref writer, union.Branches[branch], value is GenericUnion u ? u.Value : value, path);
                return;
            default:
                throw new ArgumentException($"Unknown schema kind {schema.Kind}.", nameof(schema));
        }
    }

    /// <summary>
    /// The union branch a value belongs to: the one a <see cref="GenericUnion"/> names, else the first branch whose type
    /// is exactly the value's (named types by full name), else the first it can be promoted to (int to long, ...).
    /// </summary>
    public static int ResolveBranch(UnionSchema union, object? value) => ResolveBranch(union, value, "");

    private static int ResolveBranch(UnionSchema union, object? value, string path)
    {
        if (value is GenericUnion pinned)
        {
            if ((uint)pinned.Branch >= (uint)union.Branches.Count)
            {
                throw new AvroDataException($"{Where(path)}union branch {pinned.Branch} does not exist (the union has {union.Branches.Count}).");
            }

            return pinned.Branch;
        }

        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (IsExactly(union.Branches[i], value))
            {
                return i;
            }
        }

        for (var i = 0; i < union.Branches.Count; i++)
        {
            var kind = union.Branches[i].Kind;
            if ((value is int && kind is SchemaKind.Long or SchemaKind.Float or SchemaKind.Double)
                || (value is long && kind is SchemaKind.Float or SchemaKind.Double)
                || (value is float && kind == SchemaKind.Double))
            {
                return i;
            }
        }

        throw new AvroDataException($"{Where(path)}a {Describe(value)} matches no branch of the union [{string.Join(", ", union.Branches.Select(b => b.TypeName))}].");
    }

    private static bool IsExactly(AvroSchema schema, object? value) => schema.Kind switch
    {
        SchemaKind.Null => value is null,
        SchemaKind.Boolean => value is bool,
        SchemaKind.Int => value is int,
        SchemaKind.Long => value is long,
        SchemaKind.Float => value is float,
        SchemaKind.Double => value is double,
        SchemaKind.Bytes => value is byte[],
        SchemaKind.String => value is string,
        SchemaKind.Record => value is GenericAvroRecord r && r.Schema.FullName == ((RecordSchema)schema).FullName,
        SchemaKind.Enum => value is GenericAvroEnum e && e.Schema.FullName == ((EnumSchema)schema).FullName,
        SchemaKind.Fixed => value is GenericAvroFixed f && f.Schema.FullName == ((FixedSchema)schema).FullName,
        SchemaKind.Array => value is IList and not byte[],
        SchemaKind.Map => value is IDictionary<string, object?>,
        _ => false,
    };

    /// <summary>Reads one value of <paramref name="schema"/>.</summary>
    public static object? Read(ref AvroReader reader, AvroSchema schema, GenericReadOptions? options = null) =>
        ReadValue(ref reader, schema, options ?? GenericReadOptions.Default);

    private static object? ReadValue(ref AvroReader reader, AvroSchema schema, GenericReadOptions options)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Null:
                return null;
            case SchemaKind.Boolean:
                return reader.ReadBoolean();
            case SchemaKind.Int:
                return reader.ReadInt();
            case SchemaKind.Long:
                return reader.ReadLong();
            case SchemaKind.Float:
                return reader.ReadFloat();
            case SchemaKind.Double:
                return reader.ReadDouble();
            case SchemaKind.Bytes:
                return reader.ReadBytes();
            case SchemaKind.String:
                return reader.ReadString();
            case SchemaKind.Fixed:
                var fixedSchema = (FixedSchema)schema;
                return new GenericAvroFixed(fixedSchema, reader.ReadFixed(fixedSchema.Size));
            case SchemaKind.Enum:
                var enumSchema = (EnumSchema)schema;
                return new GenericAvroEnum(enumSchema, reader.ReadEnum(enumSchema.Symbols.Count));
            case SchemaKind.Record:
                var recordSchema = (RecordSchema)schema;
                reader.EnterNested();
                var record = new GenericAvroRecord(recordSchema);
                foreach (var field in recordSchema.Fields)
                {
                    record[field.Position] = ReadValue(ref reader, field.Type, options);
                }

                reader.ExitNested();
                return record;
            case SchemaKind.Array:
                var items = ((ArraySchema)schema).Items;
                var minItemSize = SchemaFacts.MinEncodedSize(items);
                reader.EnterNested();
                var list = new List<object?>();
                for (var count = reader.ReadBlockCount(minItemSize); count != 0; count = reader.ReadBlockCount(minItemSize))
                {
                    // The count was checked against the remaining input (or the zero-size budget), so this is bounded.
                    list.Capacity = checked((int)Math.Min(int.MaxValue - 64, list.Count + count));
                    for (var i = 0L; i < count; i++)
                    {
                        list.Add(ReadValue(ref reader, items, options));
                    }
                }

                reader.ExitNested();
                return list;
            case SchemaKind.Map:
                var valueSchema = ((MapSchema)schema).Values;
                reader.EnterNested();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                {
                    for (var i = 0L; i < count; i++)
                    {
                        var key = reader.ReadString();
                        map[key] = ReadValue(ref reader, valueSchema, options);
                    }
                }

                reader.ExitNested();
                return map;
            case SchemaKind.Union:
                var union = (UnionSchema)schema;
                var branch = reader.ReadUnionIndex(union.Branches.Count);
                var value = ReadValue(ref reader, union.Branches[branch], options);
                return options.KeepUnionBranches ? new GenericUnion(branch, value) : value;
            default:
                throw new ArgumentException($"Unknown schema kind {schema.Kind}.", nameof(schema));
        }
    }

    private static AvroDataException Mismatch(AvroSchema schema, object? value, string path) =>
        new($"{Where(path)}expected a value of type {schema.TypeName}, found {Describe(value)}.");

    private static string Where(string path) => path.Length == 0 ? "" : "At " + path.TrimStart('.') + ": ";

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        GenericAvroRecord r => "record " + r.Schema.FullName,
        GenericAvroEnum e => "enum " + e.Schema.FullName,
        GenericAvroFixed f => "fixed " + f.Schema.FullName,
        GenericUnion => "union value",
        _ => value.GetType().Name,
    };
}

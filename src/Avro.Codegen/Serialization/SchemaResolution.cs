using System.Collections;
using System.Text;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Avro schema resolution (specification, "Schema Resolution") for data written with one schema and read with
/// another: the body is decoded with the writer schema into the generic model, resolved field by field (matching by
/// name and reader aliases, reader defaults for missing fields, writer-only fields dropped, numeric and
/// string/bytes promotions, enum symbols by name with the reader's enum default, union branches by the first reader
/// branch that fits) and re-encoded with the reader schema, so a generated reader can decode it.
/// </summary>
/// <remarks>
/// This is the slow path of <see cref="ConfluentAvroDeserializer{T}"/>: it runs only for messages whose writer schema
/// differs from the record type's own (a writer schema with the same canonical form is decoded directly).
/// </remarks>
public static class SchemaResolution
{
    private static readonly GenericReadOptions KeepBranches = new() { KeepUnionBranches = true };

    /// <summary>
    /// Checks that <paramref name="reader"/> can read what <paramref name="writer"/> wrote (the schema core's checker);
    /// returns the reasons it cannot, empty when it can.
    /// </summary>
    public static IReadOnlyList<string> Check(AvroSchema writer, AvroSchema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var result = SchemaCompatibility.CheckReaderWriter(reader, writer);
        return result.Incompatibilities.Select(i => i.ToString()).Concat(result.Errors.Select(e => e.Message)).ToList();
    }

    /// <summary>
    /// Re-encodes one value written with <paramref name="writer"/> as the same value under <paramref name="reader"/>.
    /// Data that cannot be resolved (an enum symbol the reader lacks and no reader default, a type that does not
    /// resolve) is an <see cref="AvroException"/> naming where in the value it is.
    /// </summary>
    public static byte[] Transcode(AvroSchema writer, AvroSchema reader, ReadOnlySpan<byte> body, AvroReaderOptions? options = null) =>
        Transcode(writer, reader, body, out _, options);

    /// <summary>
    /// Re-encodes the value at the start of <paramref name="body"/> (see <see cref="Transcode(AvroSchema, AvroSchema, ReadOnlySpan{byte}, AvroReaderOptions?)"/>)
    /// and reports how many bytes it took, for streams of values.
    /// </summary>
    public static byte[] Transcode(AvroSchema writer, AvroSchema reader, ReadOnlySpan<byte> body, out int bytesRead, AvroReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var input = new AvroReader(body, options);
        var value = GenericBinary.Read(ref input, writer, KeepBranches);
        bytesRead = checked((int)input.Position);
        return GenericBinary.Encode(reader, Resolve(writer, reader, value, "$"));
    }

    private static object? Resolve(AvroSchema writer, AvroSchema reader, object? value, string path)
    {
        if (writer is UnionSchema writerUnion)
        {
            var pinned = (GenericUnion)value!;
            return Resolve(writerUnion.Branches[pinned.Branch], reader, pinned.Value, path);
        }

        if (reader is UnionSchema readerUnion)
        {
            var branch = FirstMatchingBranch(readerUnion, writer);
            if (branch < 0)
            {
                throw new AvroException($"At {path}: the reader union [{string.Join(", ", readerUnion.Branches.Select(b => b.TypeName))}] has no branch for the written {writer.TypeName}.");
            }

            return new GenericUnion(branch, Resolve(writer, readerUnion.Branches[branch], value, path));
        }

        switch (reader.Kind)
        {
            case SchemaKind.Record when writer is RecordSchema writerRecord && NamesMatch(reader, writer):
                return ResolveRecord(writerRecord, (RecordSchema)reader, (GenericRecord)value!, path);
            case SchemaKind.Enum when writer is EnumSchema && NamesMatch(reader, writer):
                var readerEnum = (EnumSchema)reader;
                var symbol = ((GenericEnum)value!).Symbol;
                if (readerEnum.IndexOf(symbol) >= 0)
                {
                    return new GenericEnum(readerEnum, symbol);
                }

                return readerEnum.Default is { } fallback
                    ? new GenericEnum(readerEnum, fallback)
                    : throw new AvroException($"At {path}: the symbol '{symbol}' is not in the reader's enum {readerEnum.FullName}, which has no default.");
            case SchemaKind.Fixed when writer is FixedSchema writerFixed && NamesMatch(reader, writer) && writerFixed.Size == ((FixedSchema)reader).Size:
                return new GenericFixed((FixedSchema)reader, ((GenericFixed)value!).Value);
            case SchemaKind.Array when writer is ArraySchema writerArray:
                var readerItems = ((ArraySchema)reader).Items;
                var list = (IList)value!;
                var items = new List<object?>(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    items.Add(Resolve(writerArray.Items, readerItems, list[i], path + "[" + i + "]"));
                }

                return items;
            case SchemaKind.Map when writer is MapSchema writerMap:
                var readerValues = ((MapSchema)reader).Values;
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in (IDictionary<string, object?>)value!)
                {
                    map[key] = Resolve(writerMap.Values, readerValues, item, path + "[\"" + key + "\"]");
                }

                return map;
        }

        if (reader.Kind == writer.Kind && reader is PrimitiveSchema)
        {
            return value;
        }

        return (writer.Kind, reader.Kind) switch
        {
            (SchemaKind.Int, SchemaKind.Long) => (long)(int)value!,
            (SchemaKind.Int, SchemaKind.Float) => (float)(int)value!,
            (SchemaKind.Int, SchemaKind.Double) => (double)(int)value!,
            (SchemaKind.Long, SchemaKind.Float) => (float)(long)value!,
            (SchemaKind.Long, SchemaKind.Double) => (double)(long)value!,
            (SchemaKind.Float, SchemaKind.Double) => (double)(float)value!,
            (SchemaKind.String, SchemaKind.Bytes) => Encoding.UTF8.GetBytes((string)value!),
            (SchemaKind.Bytes, SchemaKind.String) => Encoding.UTF8.GetString((byte[])value!),
            _ => throw new AvroException($"At {path}: data written as {writer.TypeName} cannot be read as {reader.TypeName}."),
        };
    }

    private static GenericRecord ResolveRecord(RecordSchema writer, RecordSchema reader, GenericRecord value, string path)
    {
        var result = new GenericRecord(reader);
        foreach (var readerField in reader.Fields)
        {
            var fieldPath = path + "." + readerField.Name;
            if (SchemaCompatibility.TryFindWriterField(writer, readerField, out var writerField) && writerField is not null)
            {
                result[readerField.Position] = Resolve(writerField.Type, readerField.Type, value[writerField.Position], fieldPath);
            }
            else if (readerField.Default is { } defaultValue)
            {
                result[readerField.Position] = GenericJson.FromDefault(readerField.Type, defaultValue);
            }
            else
            {
                throw new AvroException($"At {fieldPath}: the writer has no field '{readerField.Name}' and the reader's field has no default.");
            }
        }

        return result;
    }

    // The first reader branch that can read the writer type: same type (named types by name) first, then promotions,
    // as Java's ResolvingGrammarGenerator does.
    private static int FirstMatchingBranch(UnionSchema reader, AvroSchema writer)
    {
        for (var i = 0; i < reader.Branches.Count; i++)
        {
            var branch = reader.Branches[i];
            if (branch.Kind == writer.Kind && (branch is not NamedSchema || NamesMatch(branch, writer)))
            {
                return i;
            }
        }

        for (var i = 0; i < reader.Branches.Count; i++)
        {
            var kind = reader.Branches[i].Kind;
            var promotable = writer.Kind switch
            {
                SchemaKind.Int => kind is SchemaKind.Long or SchemaKind.Float or SchemaKind.Double,
                SchemaKind.Long => kind is SchemaKind.Float or SchemaKind.Double,
                SchemaKind.Float => kind == SchemaKind.Double,
                SchemaKind.String => kind == SchemaKind.Bytes,
                SchemaKind.Bytes => kind == SchemaKind.String,
                _ => false,
            };
            if (promotable)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NamesMatch(AvroSchema reader, AvroSchema writer) =>
        reader is NamedSchema r && writer is NamedSchema w && SchemaCompatibility.NamesMatch(r, w);
}

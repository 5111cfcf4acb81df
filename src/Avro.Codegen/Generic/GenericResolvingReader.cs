using Avro.Codegen.Internal;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generic;

/// <summary>
/// Reads data written with one schema (the writer's) as values of another (the reader's), following the
/// specification's schema resolution: record fields matched by name (or the reader field's aliases), writer-only fields
/// skipped, reader-only fields filled from their defaults; enum symbols by name with the reader's default for unknown
/// ones; the numeric promotions (int to long/float/double, long to float/double, float to double) and string/bytes
/// interchange; unions resolved branch by branch. Schemas that do not resolve give an <see cref="AvroException"/>
/// without an offset; bad bytes give one with the offset.
/// </summary>
public static class GenericResolvingReader
{
    /// <summary>Reads one value written as <paramref name="writerSchema"/> and returns it as a value of <paramref name="readerSchema"/>.</summary>
    public static object? Read(ref AvroReader reader, AvroSchema writerSchema, AvroSchema readerSchema, GenericReadOptions? options = null) =>
        ReadValue(ref reader, writerSchema, readerSchema, options ?? GenericReadOptions.Default);

    /// <summary>Decodes one value that spans all of <paramref name="data"/>.</summary>
    public static object? Decode(ReadOnlySpan<byte> data, AvroSchema writerSchema, AvroSchema readerSchema, AvroReaderOptions? options = null)
    {
        var reader = new AvroReader(data, options);
        var value = Read(ref reader, writerSchema, readerSchema);
        if (!reader.End)
        {
            throw new AvroException($"{reader.Remaining} byte(s) follow the value", reader.Position);
        }

        return value;
    }

    private static object? ReadValue(ref AvroReader reader, AvroSchema writer, AvroSchema target, GenericReadOptions options)
    {
        if (writer.Kind == SchemaKind.Union)
        {
            var writerUnion = (UnionSchema)writer;
            var branch = reader.ReadUnionIndex(writerUnion.Branches.Count);
            return ReadValue(ref reader, writerUnion.Branches[branch], target, options);
        }

        if (target.Kind == SchemaKind.Union)
        {
            var readerUnion = (UnionSchema)target;
            var index = FindBranch(readerUnion, writer);
            if (index < 0)
            {
                throw new AvroException($"The writer's {writer.TypeName} matches no branch of the reader's union [{string.Join(", ", readerUnion.Branches.Select(b => b.TypeName))}].");
            }

            var value = ReadValue(ref reader, writer, readerUnion.Branches[index], options);
            return options.KeepUnionBranches ? new GenericUnion(index, value) : value;
        }

        switch (target.Kind)
        {
            case SchemaKind.Long when writer.Kind == SchemaKind.Int:
                return (long)reader.ReadInt();
            case SchemaKind.Float when writer.Kind is SchemaKind.Int or SchemaKind.Long:
                return (float)reader.ReadLong();
            case SchemaKind.Double when writer.Kind is SchemaKind.Int or SchemaKind.Long:
                return (double)reader.ReadLong();
            case SchemaKind.Double when writer.Kind == SchemaKind.Float:
                return (double)reader.ReadFloat();
            case SchemaKind.String when writer.Kind == SchemaKind.Bytes:
                return reader.ReadString();
            case SchemaKind.Bytes when writer.Kind == SchemaKind.String:
                return reader.ReadBytes();
        }

        if (writer.Kind != target.Kind)
        {
            throw Mismatch(writer, target);
        }

        switch (target.Kind)
        {
            case SchemaKind.Record:
                return ReadRecord(ref reader, (RecordSchema)writer, (RecordSchema)target, options);
            case SchemaKind.Enum:
                var writerEnum = (EnumSchema)writer;
                var readerEnum = (EnumSchema)target;
                CheckNames(writerEnum, readerEnum);
                var start = reader.Position;
                var symbol = writerEnum.Symbols[reader.ReadEnum(writerEnum.Symbols.Count)];
                if (readerEnum.IndexOf(symbol) >= 0)
                {
                    return new GenericEnum(readerEnum, symbol);
                }

                if (readerEnum.Default is { } fallback)
                {
                    return new GenericEnum(readerEnum, fallback);
                }

                throw new AvroException($"The symbol '{symbol}' is not in the reader's enum '{readerEnum.FullName}', which has no default", start);
            case SchemaKind.Fixed:
                var writerFixed = (FixedSchema)writer;
                var readerFixed = (FixedSchema)target;
                CheckNames(writerFixed, readerFixed);
                if (writerFixed.Size != readerFixed.Size)
                {
                    throw Mismatch(writer, target);
                }

                return new GenericFixed(readerFixed, reader.ReadFixed(readerFixed.Size));
            case SchemaKind.Array:
                var writerItems = ((ArraySchema)writer).Items;
                var readerItems = ((ArraySchema)target).Items;
                var minItemSize = SchemaFacts.MinEncodedSize(writerItems);
                reader.EnterNested();
                var list = new List<object?>();
                for (var count = reader.ReadBlockCount(minItemSize); count != 0; count = reader.ReadBlockCount(minItemSize))
                {
                    for (var i = 0L; i < count; i++)
                    {
                        list.Add(ReadValue(ref reader, writerItems, readerItems, options));
                    }
                }

                reader.ExitNested();
                return list;
            case SchemaKind.Map:
                var writerValues = ((MapSchema)writer).Values;
                var readerValues = ((MapSchema)target).Values;
                reader.EnterNested();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                {
                    for (var i = 0L; i < count; i++)
                    {
                        var key = reader.ReadString();
                        map[key] = ReadValue(ref reader, writerValues, readerValues, options);
                    }
                }

                reader.ExitNested();
                return map;
            default:
                return GenericBinary.Read(ref reader, writer, options);
        }
    }

    private static GenericRecord ReadRecord(ref AvroReader reader, RecordSchema writer, RecordSchema target, GenericReadOptions options)
    {
        CheckNames(writer, target);
        reader.EnterNested();
        var record = new GenericRecord(target);
        var filled = new bool[target.Fields.Count];
        foreach (var writerField in writer.Fields)
        {
            var readerField = FindField(target, writerField.Name);
            if (readerField is null)
            {
                reader.Skip(writerField.Type);
                continue;
            }

            record[readerField.Position] = ReadValue(ref reader, writerField.Type, readerField.Type, options);
            filled[readerField.Position] = true;
        }

        foreach (var field in target.Fields)
        {
            if (!filled[field.Position])
            {
                record[field.Position] = field.Default is { } defaultValue
                    ? GenericJson.FromDefault(field.Type, defaultValue)
                    : throw new AvroException($"The writer's record '{writer.FullName}' has no field '{field.Name}' and the reader's field has no default.");
            }
        }

        reader.ExitNested();
        return record;
    }

    private static RecordField? FindField(RecordSchema target, string writerFieldName)
    {
        var field = target.GetField(writerFieldName);
        if (field is not null)
        {
            return field;
        }

        foreach (var candidate in target.Fields)
        {
            if (candidate.Aliases.Contains(writerFieldName))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The first reader branch of the same type as the writer's (named types by name), else the first it promotes to.</summary>
    private static int FindBranch(UnionSchema union, AvroSchema writer)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            var branch = union.Branches[i];
            if (branch.Kind == writer.Kind && (branch is not NamedSchema named || NamesMatch((NamedSchema)writer, named)))
            {
                return i;
            }
        }

        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (Promotes(writer.Kind, union.Branches[i].Kind))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Promotes(SchemaKind from, SchemaKind to) => (from, to) switch
    {
        (SchemaKind.Int, SchemaKind.Long or SchemaKind.Float or SchemaKind.Double) => true,
        (SchemaKind.Long, SchemaKind.Float or SchemaKind.Double) => true,
        (SchemaKind.Float, SchemaKind.Double) => true,
        (SchemaKind.String, SchemaKind.Bytes) or (SchemaKind.Bytes, SchemaKind.String) => true,
        _ => false,
    };

    /// <summary>Named types match by unqualified name (as the specification says), or by an alias of the reader's.</summary>
    private static bool NamesMatch(NamedSchema writer, NamedSchema target) =>
        writer.Name == target.Name || target.Aliases.Contains(writer.FullName);

    private static void CheckNames(NamedSchema writer, NamedSchema target)
    {
        if (!NamesMatch(writer, target))
        {
            throw Mismatch(writer, target);
        }
    }

    private static AvroException Mismatch(AvroSchema writer, AvroSchema target) =>
        new($"The writer's {writer.TypeName} cannot be read as the reader's {target.TypeName}.");
}

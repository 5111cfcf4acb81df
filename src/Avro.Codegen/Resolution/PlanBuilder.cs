using System.Runtime.CompilerServices;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Compiles a (writer, reader) pair into a tree of <see cref="Step"/>s, following the specification's schema
/// resolution. Whatever cannot be resolved becomes an <see cref="ErrorStep"/> that fails only when a value reaches it,
/// as Java's resolving decoder does; whether such a plan may be used at all is decided by the caller
/// (<see cref="ResolutionMode"/>). Used once per pair, on one thread.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly Dictionary<(AvroSchema, AvroSchema), Step> _records = new(PairComparer.Instance);
    private readonly Dictionary<(AvroSchema, AvroSchema), bool> _readable = new(PairComparer.Instance);
    private readonly Dictionary<AvroSchema, string> _canonical = new(ReferenceEqualityComparer.Instance);

    public Step Build(AvroSchema writer, AvroSchema reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (writer is UnionSchema writerUnion)
        {
            if (reader is UnionSchema && Same(writer, reader))
            {
                return new CopyStep(writer);
            }

            var branches = new Step[writerUnion.Branches.Count];
            for (var i = 0; i < branches.Length; i++)
            {
                var branch = writerUnion.Branches[i];
                branches[i] = reader is UnionSchema readerUnion ? BuildIntoUnion(branch, readerUnion) : Build(branch, reader);
            }

            return new WriterUnionStep(branches);
        }

        if (reader is UnionSchema union)
        {
            return BuildIntoUnion(writer, union);
        }

        if (Same(writer, reader))
        {
            return new CopyStep(writer);
        }

        switch (writer.Kind, reader.Kind)
        {
            case (SchemaKind.Int, SchemaKind.Long):
                return IntToLongStep.Instance;
            case (SchemaKind.Int, SchemaKind.Float):
                return IntToFloatStep.Instance;
            case (SchemaKind.Int, SchemaKind.Double):
                return IntToDoubleStep.Instance;
            case (SchemaKind.Long, SchemaKind.Float):
                return LongToFloatStep.Instance;
            case (SchemaKind.Long, SchemaKind.Double):
                return LongToDoubleStep.Instance;
            case (SchemaKind.Float, SchemaKind.Double):
                return FloatToDoubleStep.Instance;
            case (SchemaKind.String, SchemaKind.Bytes):
            case (SchemaKind.Bytes, SchemaKind.String):
                // Both are a length and the bytes; reading them as a string checks the UTF-8 then.
                return new CopyStep(writer);
            case (SchemaKind.Fixed, SchemaKind.Fixed):
                var writerFixed = (FixedSchema)writer;
                var readerFixed = (FixedSchema)reader;
                if (!SchemaCompatibility.NamesMatch(readerFixed, writerFixed))
                {
                    return NameMismatch(writerFixed, readerFixed);
                }

                return writerFixed.Size == readerFixed.Size
                    ? new CopyStep(writer)
                    : new ErrorStep($"The writer's fixed '{writerFixed.FullName}' has {writerFixed.Size} bytes, the reader's '{readerFixed.FullName}' {readerFixed.Size}");
            case (SchemaKind.Enum, SchemaKind.Enum):
                return BuildEnum((EnumSchema)writer, (EnumSchema)reader);
            case (SchemaKind.Array, SchemaKind.Array):
                var writerItems = ((ArraySchema)writer).Items;
                return new ArrayStep(writerItems) { Items = Build(writerItems, ((ArraySchema)reader).Items) };
            case (SchemaKind.Map, SchemaKind.Map):
                return new MapStep { Values = Build(((MapSchema)writer).Values, ((MapSchema)reader).Values) };
            case (SchemaKind.Record, SchemaKind.Record):
                return BuildRecord((RecordSchema)writer, (RecordSchema)reader);
            default:
                return new ErrorStep($"The writer's {Describe(writer)} cannot be read as the reader's {Describe(reader)}");
        }
    }

    private Step BuildIntoUnion(AvroSchema writer, UnionSchema reader)
    {
        var branch = FindBranch(writer, reader);
        if (branch < 0)
        {
            return new ErrorStep($"The reader's union [{string.Join(", ", reader.Branches.Select(b => b.TypeName))}] has no branch for the writer's {Describe(writer)}");
        }

        return new ReaderBranchStep(branch, Build(writer, reader.Branches[branch]));
    }

    /// <summary>
    /// The reader union branch that reads a (non-union) writer schema. Like Java's resolver, a branch of the writer's
    /// own type (same full name for named types) wins over a named type matched by unqualified name or alias, and both
    /// win over a promotion; within each kind of match the first branch is taken. Branches that could not read the
    /// writer are only taken when no branch can.
    /// </summary>
    private int FindBranch(AvroSchema writer, UnionSchema reader)
    {
        var branches = reader.Branches;
        int byName = -1, promoted = -1, unreadable = -1;
        for (var i = 0; i < branches.Count; i++)
        {
            var branch = branches[i];
            if (branch.Kind == writer.Kind)
            {
                var exact = branch is not NamedSchema named || named.FullName == ((NamedSchema)writer).FullName;
                var nameMatches = exact || SchemaCompatibility.NamesMatch((NamedSchema)branch, (NamedSchema)writer);
                if (!nameMatches)
                {
                    continue;
                }

                if (Readable(writer, branch))
                {
                    if (exact)
                    {
                        return i;
                    }

                    if (byName < 0)
                    {
                        byName = i;
                    }
                }
                else if (unreadable < 0)
                {
                    unreadable = i;
                }
            }
            else if (promoted < 0 && IsPromotion(writer.Kind, branch.Kind))
            {
                promoted = i;
            }
        }

        return byName >= 0 ? byName : promoted >= 0 ? promoted : unreadable;
    }

    private static bool IsPromotion(SchemaKind writer, SchemaKind reader) => (writer, reader) switch
    {
        (SchemaKind.Int, SchemaKind.Long or SchemaKind.Float or SchemaKind.Double) => true,
        (SchemaKind.Long, SchemaKind.Float or SchemaKind.Double) => true,
        (SchemaKind.Float, SchemaKind.Double) => true,
        (SchemaKind.String, SchemaKind.Bytes) or (SchemaKind.Bytes, SchemaKind.String) => true,
        _ => false,
    };

    private Step BuildEnum(EnumSchema writer, EnumSchema reader)
    {
        if (!SchemaCompatibility.NamesMatch(reader, writer))
        {
            return NameMismatch(writer, reader);
        }

        var fallback = reader.Default is null ? -1 : reader.IndexOf(reader.Default);
        var map = new int[writer.Symbols.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var index = reader.IndexOf(writer.Symbols[i]);
            map[i] = index >= 0 ? index : fallback;
        }

        return new EnumStep(map, writer, reader);
    }

    private Step BuildRecord(RecordSchema writer, RecordSchema reader)
    {
        if (!SchemaCompatibility.NamesMatch(reader, writer))
        {
            return NameMismatch(writer, reader);
        }

        if (_records.TryGetValue((writer, reader), out var known))
        {
            return known;
        }

        // Which reader field each writer field fills (-1: writer-only), and whether they come in the reader's order.
        var readerIndexOf = new int[writer.Fields.Count];
        Array.Fill(readerIndexOf, -1);
        var filled = new bool[reader.Fields.Count];
        foreach (var readerField in reader.Fields)
        {
            if (!SchemaCompatibility.TryFindWriterField(writer, readerField, out var writerField))
            {
                var ambiguous = new ErrorStep(
                    $"The reader's field '{readerField.Name}' of '{reader.FullName}' matches more than one field of the writer's '{writer.FullName}' (by name and aliases)");
                _records[(writer, reader)] = ambiguous;
                return ambiguous;
            }

            // A writer field is read once: a second reader field naming it (through an alias) counts as missing.
            if (writerField is not null && readerIndexOf[writerField.Position] < 0)
            {
                readerIndexOf[writerField.Position] = readerField.Position;
                filled[readerField.Position] = true;
            }
        }

        var inOrder = true;
        var last = -1;
        foreach (var index in readerIndexOf)
        {
            if (index >= 0)
            {
                inOrder &= index > last;
                last = index;
            }
        }

        return inOrder
            ? BuildInOrder(writer, reader, readerIndexOf)
            : BuildReordered(writer, reader, readerIndexOf, filled);
    }

    private RecordStep BuildInOrder(RecordSchema writer, RecordSchema reader, int[] readerIndexOf)
    {
        var step = new RecordStep();
        _records[(writer, reader)] = step;
        var steps = new List<Step>();
        var next = 0;
        foreach (var readerField in reader.Fields)
        {
            var writerPosition = Array.IndexOf(readerIndexOf, readerField.Position);
            if (writerPosition < 0)
            {
                steps.Add(MissingField(writer, reader, readerField));
                continue;
            }

            // The fields in between are writer-only: matched ones come in order, so none of them is needed later.
            for (; next < writerPosition; next++)
            {
                steps.Add(new SkipStep(writer.Fields[next].Type));
            }

            steps.Add(Build(writer.Fields[writerPosition].Type, readerField.Type));
            next = writerPosition + 1;
        }

        for (; next < writer.Fields.Count; next++)
        {
            steps.Add(new SkipStep(writer.Fields[next].Type));
        }

        step.Steps = Merge(steps);
        return step;
    }

    private ReorderRecordStep BuildReordered(RecordSchema writer, RecordSchema reader, int[] readerIndexOf, bool[] filled)
    {
        var step = new ReorderRecordStep { ReaderFieldCount = reader.Fields.Count };
        _records[(writer, reader)] = step;
        var writerFields = new (Step?, AvroSchema, int)[writer.Fields.Count];
        for (var i = 0; i < writerFields.Length; i++)
        {
            var writerType = writer.Fields[i].Type;
            var readerIndex = readerIndexOf[i];
            writerFields[i] = readerIndex < 0
                ? (null, writerType, -1)
                : (Build(writerType, reader.Fields[readerIndex].Type), writerType, readerIndex);
        }

        var missing = new List<(int, Step)>();
        foreach (var readerField in reader.Fields)
        {
            if (!filled[readerField.Position])
            {
                missing.Add((readerField.Position, MissingField(writer, reader, readerField)));
            }
        }

        step.WriterFields = writerFields;
        step.Missing = missing.ToArray();
        return step;
    }

    private static Step MissingField(RecordSchema writer, RecordSchema reader, RecordField readerField)
    {
        if (readerField.Default is null)
        {
            return new ErrorStep(
                $"The reader's field '{readerField.Name}' of '{reader.FullName}' has no default, and the writer's '{writer.FullName}' has no such field");
        }

        var encoded = DefaultEncoder.TryEncode(readerField.Type, readerField.Default, out var reason);
        return encoded is not null
            ? new DefaultStep(encoded)
            : new ErrorStep($"The default of the reader's field '{readerField.Name}' of '{reader.FullName}' cannot be used: {reason}");
    }

    /// <summary>Joins neighbouring copies into one copy and neighbouring defaults into one write.</summary>
    private static Step[] Merge(List<Step> steps)
    {
        var merged = new List<Step>(steps.Count);
        for (var i = 0; i < steps.Count;)
        {
            var end = i + 1;
            if (steps[i] is CopyStep)
            {
                while (end < steps.Count && steps[end] is CopyStep)
                {
                    end++;
                }

                merged.Add(end - i == 1 ? steps[i] : new CopyRunStep(steps.Skip(i).Take(end - i).Select(s => ((CopyStep)s).Writer).ToArray()));
            }
            else if (steps[i] is DefaultStep)
            {
                while (end < steps.Count && steps[end] is DefaultStep)
                {
                    end++;
                }

                merged.Add(end - i == 1 ? steps[i] : new DefaultStep(steps.Skip(i).Take(end - i).SelectMany(s => ((DefaultStep)s).Encoded).ToArray()));
            }
            else
            {
                merged.Add(steps[i]);
            }

            i = end;
        }

        return merged.ToArray();
    }

    /// <summary>True when both encode every value identically (equal Parsing Canonical Forms): the bytes can be copied.</summary>
    private bool Same(AvroSchema writer, AvroSchema reader) => Canonical(writer) == Canonical(reader);

    private string Canonical(AvroSchema schema)
    {
        if (!_canonical.TryGetValue(schema, out var text))
        {
            text = ParsingCanonicalForm.ToCanonicalJson(schema);
            _canonical[schema] = text;
        }

        return text;
    }

    private bool Readable(AvroSchema writer, AvroSchema reader)
    {
        if (!_readable.TryGetValue((writer, reader), out var readable))
        {
            readable = SchemaCompatibility.CheckReaderWriter(reader, writer).IsCompatible;
            _readable[(writer, reader)] = readable;
        }

        return readable;
    }

    private static ErrorStep NameMismatch(NamedSchema writer, NamedSchema reader) =>
        new($"The writer's {writer.Kind.ToString().ToLowerInvariant()} '{writer.FullName}' does not match the reader's '{reader.FullName}' (neither its name nor an alias)");

    private static string Describe(AvroSchema schema) => schema switch
    {
        NamedSchema named => schema.Kind.ToString().ToLowerInvariant() + " '" + named.FullName + "'",
        _ => schema.TypeName,
    };

    private sealed class PairComparer : IEqualityComparer<(AvroSchema, AvroSchema)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((AvroSchema, AvroSchema) x, (AvroSchema, AvroSchema) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((AvroSchema, AvroSchema) pair) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Item1), RuntimeHelpers.GetHashCode(pair.Item2));
    }
}

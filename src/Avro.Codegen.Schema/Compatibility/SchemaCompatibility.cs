// Over 400 lines on purpose: the reader/writer rules of the specification's schema resolution, one method per schema
// kind; kept together so the rules read in the specification's order.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema.Compatibility;

/// <summary>
/// The reader/writer check: can a reader schema decode everything a writer schema may write? It follows Apache Avro's
/// Java <c>SchemaCompatibility</c> of the 1.12 line, which is what the Confluent Schema Registry runs, and reports every
/// incompatibility with the same type, message and location.
/// </summary>
/// <remarks>
/// The rules (see <c>docs/compatibility.md</c>): the numeric promotions int→long→float→double and string↔bytes;
/// arrays and maps by their element types; named types match on the unqualified name or a reader alias; fixed sizes
/// must agree; writer enum symbols must be known to the reader unless the reader enum has a default; every reader
/// field needs a writer field (by name or reader field alias) or a default; a writer union needs every branch to be
/// readable and a reader union needs one branch that reads the writer. Logical types, docs, field order and custom
/// properties play no part.
/// </remarks>
public static class SchemaCompatibility
{
    private static readonly SchemaError[] NoErrors = new SchemaError[0];
    private static readonly CompatibilityCheck[] NoChecks = new CompatibilityCheck[0];

    /// <summary>Checks whether <paramref name="reader"/> can read all data written with <paramref name="writer"/>.</summary>
    /// <param name="reader">The schema the data is read with (the consumer's schema).</param>
    /// <param name="writer">The schema the data was written with (the producer's schema).</param>
    /// <returns>Every incompatibility found; never throws for any pair of schemas.</returns>
    public static CompatibilityResult CheckReaderWriter(AvroSchema reader, AvroSchema writer)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        try
        {
            return Check(reader, writer);
        }
        catch (InsufficientExecutionStackException)
        {
            // Named types in separate files can chain deeper than the caller's stack holds (the other schema walks keep
            // their own stacks; this one follows Java's recursive checker closely). One retry on a thread with a large
            // stack judges such chains; deeper still is an error, never a crash.
            CompatibilityResult? result = null;
            var thread = new System.Threading.Thread(() =>
            {
                try
                {
                    result = Check(reader, writer);
                }
                catch (InsufficientExecutionStackException)
                {
                    result = null;
                }
            }, DeepStackBytes);
            thread.Start();
            thread.Join();
            return result ?? new CompatibilityResult(new SchemaIncompatibility[0], new[]
            {
                new SchemaError(CompatibilityErrorCodes.TooDeep, "the schemas are nested too deeply to check their compatibility", SpanOf(reader, null)),
            }, NoChecks);
        }
    }

    // The stack of the retry for very deep schemas: room for chains of tens of thousands of named types.
    private const int DeepStackBytes = 64 * 1024 * 1024;

    private static CompatibilityResult Check(AvroSchema reader, AvroSchema writer)
    {
        try
        {
            return new CompatibilityResult(new ReaderWriterWalk().Run(reader, writer), NoErrors, NoChecks);
        }
        catch (CheckAbortedException aborted)
        {
            return new CompatibilityResult(new SchemaIncompatibility[0], new[] { aborted.Error }, NoChecks);
        }
    }

    /// <summary>
    /// True when a writer's named type is read by a reader's named type of the same kind: the unqualified names are
    /// equal (namespaces are ignored since Avro 1.10, AVRO-2400), or the writer's full name is one of the reader's aliases.
    /// </summary>
    public static bool NamesMatch(NamedSchema reader, NamedSchema writer)
    {
        if (reader.Name == writer.Name)
        {
            return true;
        }

        foreach (var alias in reader.Aliases)
        {
            if (alias == writer.FullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Finds the field of the writer record that fills <paramref name="readerField"/>: the writer field with the reader
    /// field's name, or with one of the reader field's aliases (writer field aliases are not used).
    /// </summary>
    /// <param name="writer">The writer record.</param>
    /// <param name="readerField">The reader's field.</param>
    /// <param name="writerField">The match, or <see langword="null"/> when the writer has no such field.</param>
    /// <returns>False when more than one writer field matches (by name and by alias, or by two aliases): the pair is ambiguous.</returns>
    public static bool TryFindWriterField(RecordSchema writer, RecordField readerField, out RecordField? writerField)
    {
        writerField = null;
        var matches = 0;

        // Java collects the direct match and every alias match and refuses more than one, even when an alias names
        // the same writer field as the reader field's own name; counting the same way keeps the answers equal.
        var direct = writer.GetField(readerField.Name);
        if (direct is not null)
        {
            writerField = direct;
            matches++;
        }

        foreach (var alias in readerField.Aliases)
        {
            var byAlias = writer.GetField(alias);
            if (byAlias is not null)
            {
                writerField = byAlias;
                matches++;
            }
        }

        if (matches > 1)
        {
            writerField = null;
            return false;
        }

        return true;
    }

    /// <summary>The type name Java prints in messages: the upper-case Avro type (<c>INT</c>, <c>RECORD</c>, <c>UNION</c>...).</summary>
    internal static string JavaTypeName(AvroSchema schema) => schema.Kind switch
    {
        SchemaKind.Null => "NULL",
        SchemaKind.Boolean => "BOOLEAN",
        SchemaKind.Int => "INT",
        SchemaKind.Long => "LONG",
        SchemaKind.Float => "FLOAT",
        SchemaKind.Double => "DOUBLE",
        SchemaKind.Bytes => "BYTES",
        SchemaKind.String => "STRING",
        SchemaKind.Record => "RECORD",
        SchemaKind.Enum => "ENUM",
        SchemaKind.Array => "ARRAY",
        SchemaKind.Map => "MAP",
        SchemaKind.Union => "UNION",
        _ => "FIXED",
    };

    internal static SourceSpan SpanOf(AvroSchema schema, RecordField? field) =>
        field?.Span ?? schema.Span ?? new SourceSpan("<schema>", 1, 1, 1, 1, 0, 0);

    /// <summary>Raised inside a walk when the pair cannot be judged at all; turned into <see cref="CompatibilityResult.Errors"/>.</summary>
    private sealed class CheckAbortedException : Exception
    {
        public CheckAbortedException(SchemaError error) : base(error.Message) => Error = error;

        public SchemaError Error { get; }
    }

    /// <summary>
    /// One walk over a reader and a writer schema together. A walk is used once; it memoizes results per pair of schema
    /// objects, which both makes recursive schemas terminate and gives the same answers as Java, whose memo is keyed
    /// the same way (by object identity).
    /// </summary>
    private sealed class ReaderWriterWalk
    {
        // Java's location stack starts with an empty root token that the rendered pointer leaves out.
        private const string RootToken = "";

        private static readonly IReadOnlyList<SchemaIncompatibility> None = new SchemaIncompatibility[0];

        // Stored for a pair while it is being computed. Meeting it again means the schemas recurse through this pair;
        // that path counts as compatible, and whatever is wrong with the pair is reported where it was first entered.
        private static readonly IReadOnlyList<SchemaIncompatibility> InProgress = new SchemaIncompatibility[0];

        private readonly Dictionary<SchemaPair, IReadOnlyList<SchemaIncompatibility>> _memo = new();

        public IReadOnlyList<SchemaIncompatibility> Run(AvroSchema reader, AvroSchema writer) =>
            Visit(RootToken, reader, writer, new List<string>());

        /// <summary>Checks one pair at <paramref name="path"/> + <paramref name="token"/>, through the memo.</summary>
        private IReadOnlyList<SchemaIncompatibility> Visit(string token, AvroSchema reader, AvroSchema writer, List<string> path)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            path.Add(token);
            IReadOnlyList<SchemaIncompatibility> result;

            // Java parses every occurrence of a primitive into its own object, so a primitive pair is never met twice
            // there; a parser or a caller that shares primitive objects must not make us replay the first location.
            // Primitive pairs cannot recurse, so leaving them out of the memo is safe.
            if (reader is PrimitiveSchema || writer is PrimitiveSchema)
            {
                result = Compute(reader, writer, path);
            }
            else
            {
                var pair = new SchemaPair(reader, writer);
                if (_memo.TryGetValue(pair, out var known))
                {
                    result = ReferenceEquals(known, InProgress) ? None : known;
                }
                else
                {
                    _memo[pair] = InProgress;
                    result = Compute(reader, writer, path);
                    _memo[pair] = result;
                }
            }

            path.RemoveAt(path.Count - 1);
            return result;
        }

        /// <summary>
        /// Checks a pair on its own, as Java does for the branch searches of unions: with a fresh location, whose
        /// findings only decide "readable or not" (they still land in the memo with those fresh locations).
        /// </summary>
        private bool Readable(AvroSchema reader, AvroSchema writer) =>
            Visit(RootToken, reader, writer, new List<string>()).Count == 0;

        private IReadOnlyList<SchemaIncompatibility> Compute(AvroSchema reader, AvroSchema writer, List<string> path)
        {
            if (reader.Kind == writer.Kind)
            {
                switch (reader)
                {
                    case ArraySchema readerArray:
                        return Visit("items", readerArray.Items, ((ArraySchema)writer).Items, path);
                    case MapSchema readerMap:
                        return Visit("values", readerMap.Values, ((MapSchema)writer).Values, path);
                    case FixedSchema readerFixed:
                        return Concat(CheckName(readerFixed, (NamedSchema)writer, path), CheckSize(readerFixed, (FixedSchema)writer, path));
                    case EnumSchema readerEnum:
                        return Concat(CheckName(readerEnum, (NamedSchema)writer, path), CheckSymbols(readerEnum, (EnumSchema)writer, path));
                    case RecordSchema readerRecord:
                        return Concat(CheckName(readerRecord, (NamedSchema)writer, path), CheckFields(readerRecord, (RecordSchema)writer, path));
                    case UnionSchema readerUnion:
                        return CheckWriterUnionBranches(readerUnion, (UnionSchema)writer, path);
                    default:
                        // Equal primitive types.
                        return None;
                }
            }

            if (writer is UnionSchema writerUnion)
            {
                // A non-union reader must read every branch the writer may pick; each branch reports at /<index>.
                List<SchemaIncompatibility>? found = null;
                for (var i = 0; i < writerUnion.Branches.Count; i++)
                {
                    Append(ref found, Visit(Index(i), reader, writerUnion.Branches[i], path));
                }

                return found ?? None;
            }

            switch (reader.Kind)
            {
                case SchemaKind.Long when writer.Kind == SchemaKind.Int:
                case SchemaKind.Float when writer.Kind is SchemaKind.Int or SchemaKind.Long:
                case SchemaKind.Double when writer.Kind is SchemaKind.Int or SchemaKind.Long or SchemaKind.Float:
                case SchemaKind.Bytes when writer.Kind == SchemaKind.String:
                case SchemaKind.String when writer.Kind == SchemaKind.Bytes:
                    return None;
                case SchemaKind.Union:
                    foreach (var branch in ((UnionSchema)reader).Branches)
                    {
                        if (Readable(branch, writer))
                        {
                            return None;
                        }
                    }

                    return One(SchemaIncompatibilityType.MissingUnionBranch,
                        "reader union lacking writer type: " + JavaTypeName(writer), path, reader, writer);
                default:
                    return One(SchemaIncompatibilityType.TypeMismatch,
                        "reader type: " + JavaTypeName(reader) + " not compatible with writer type: " + JavaTypeName(writer),
                        path, reader, writer);
            }
        }

        private IReadOnlyList<SchemaIncompatibility> CheckWriterUnionBranches(UnionSchema reader, UnionSchema writer, List<string> path)
        {
            List<SchemaIncompatibility>? found = null;
            for (var i = 0; i < writer.Branches.Count; i++)
            {
                var branch = writer.Branches[i];
                path.Add(Index(i));
                if (!Readable(reader, branch))
                {
                    Append(ref found, One(SchemaIncompatibilityType.MissingUnionBranch,
                        "reader union lacking writer type: " + JavaTypeName(branch), path, reader, writer));
                }

                path.RemoveAt(path.Count - 1);
            }

            return found ?? None;
        }

        private static IReadOnlyList<SchemaIncompatibility> CheckName(NamedSchema reader, NamedSchema writer, List<string> path)
        {
            if (NamesMatch(reader, writer))
            {
                return None;
            }

            path.Add("name");
            var result = One(SchemaIncompatibilityType.NameMismatch, "expected: " + writer.FullName, path, reader, writer);
            path.RemoveAt(path.Count - 1);
            return result;
        }

        private static IReadOnlyList<SchemaIncompatibility> CheckSize(FixedSchema reader, FixedSchema writer, List<string> path)
        {
            if (reader.Size == writer.Size)
            {
                return None;
            }

            path.Add("size");
            var message = string.Format(CultureInfo.InvariantCulture, "expected: {0}, found: {1}", writer.Size, reader.Size);
            var result = One(SchemaIncompatibilityType.FixedSizeMismatch, message, path, reader, writer);
            path.RemoveAt(path.Count - 1);
            return result;
        }

        private static IReadOnlyList<SchemaIncompatibility> CheckSymbols(EnumSchema reader, EnumSchema writer, List<string> path)
        {
            // Sorted and distinct, compared by UTF-16 code unit like Java's TreeSet<String>, so the message is stable.
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var symbol in writer.Symbols)
            {
                if (reader.IndexOf(symbol) < 0)
                {
                    missing.Add(symbol);
                }
            }

            // A reader enum default (Avro 1.9+, AVRO-1340) stands in for every symbol the reader does not know.
            if (missing.Count == 0 || (reader.Default is not null && reader.IndexOf(reader.Default) >= 0))
            {
                return None;
            }

            path.Add("symbols");
            var result = One(SchemaIncompatibilityType.MissingEnumSymbols, "[" + string.Join(", ", missing) + "]", path, reader, writer);
            path.RemoveAt(path.Count - 1);
            return result;
        }

        private IReadOnlyList<SchemaIncompatibility> CheckFields(RecordSchema reader, RecordSchema writer, List<string> path)
        {
            List<SchemaIncompatibility>? found = null;
            path.Add("fields");
            foreach (var readerField in reader.Fields)
            {
                path.Add(readerField.Position.ToString(CultureInfo.InvariantCulture));
                if (!TryFindWriterField(writer, readerField, out var writerField))
                {
                    throw new CheckAbortedException(AmbiguousField(reader, readerField, writer));
                }

                if (writerField is not null)
                {
                    Append(ref found, Visit("type", readerField.Type, writerField.Type, path));
                }
                else if (!readerField.HasDefault)
                {
                    if (readerField.Type is EnumSchema { Default: not null })
                    {
                        // Java compares such an enum with the writer *record* here, which is always a TYPE_MISMATCH:
                        // an enum default never stands in for a missing field default.
                        Append(ref found, Visit("type", readerField.Type, writer, path));
                    }
                    else
                    {
                        Append(ref found, One(SchemaIncompatibilityType.ReaderFieldMissingDefaultValue, readerField.Name, path, reader, writer));
                    }
                }

                path.RemoveAt(path.Count - 1);
            }

            path.RemoveAt(path.Count - 1);
            return found ?? None;
        }

        private static SchemaError AmbiguousField(RecordSchema reader, RecordField readerField, RecordSchema writer)
        {
            var names = new List<string>();
            if (writer.GetField(readerField.Name) is not null)
            {
                names.Add("'" + readerField.Name + "'");
            }

            foreach (var alias in readerField.Aliases)
            {
                if (writer.GetField(alias) is not null)
                {
                    names.Add("'" + alias + "' (alias)");
                }
            }

            var message = "reader field '" + readerField.Name + "' of record '" + reader.FullName
                + "' matches more than one field of writer record '" + writer.FullName + "': " + string.Join(", ", names)
                + "; the pair cannot be checked (Java's SchemaCompatibility throws, the Confluent registry answers incompatible)";
            return new SchemaError(CompatibilityErrorCodes.AmbiguousWriterField, message, SpanOf(reader, readerField));
        }

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static IReadOnlyList<SchemaIncompatibility> One(SchemaIncompatibilityType type, string message,
            List<string> path, AvroSchema reader, AvroSchema writer) =>
            new[] { new SchemaIncompatibility(type, message, Pointer(path), reader, writer) };

        /// <summary>Renders the location as a JSON pointer (RFC 6901 escaping), leaving out the root token.</summary>
        private static string Pointer(List<string> path)
        {
            if (path.Count <= 1)
            {
                return "/";
            }

            var builder = new StringBuilder();
            for (var i = 1; i < path.Count; i++)
            {
                builder.Append('/').Append(path[i].Replace("~", "~0").Replace("/", "~1"));
            }

            return builder.ToString();
        }

        private static void Append(ref List<SchemaIncompatibility>? found, IReadOnlyList<SchemaIncompatibility> more)
        {
            if (more.Count == 0)
            {
                return;
            }

            found ??= new List<SchemaIncompatibility>();
            found.AddRange(more);
        }

        private static IReadOnlyList<SchemaIncompatibility> Concat(IReadOnlyList<SchemaIncompatibility> first, IReadOnlyList<SchemaIncompatibility> second)
        {
            if (first.Count == 0)
            {
                return second;
            }

            if (second.Count == 0)
            {
                return first;
            }

            var all = new List<SchemaIncompatibility>(first.Count + second.Count);
            all.AddRange(first);
            all.AddRange(second);
            return all;
        }
    }

    /// <summary>A reader/writer pair compared by object identity, as the memo needs.</summary>
    private readonly struct SchemaPair : IEquatable<SchemaPair>
    {
        private readonly AvroSchema _reader;
        private readonly AvroSchema _writer;

        public SchemaPair(AvroSchema reader, AvroSchema writer)
        {
            _reader = reader;
            _writer = writer;
        }

        public bool Equals(SchemaPair other) => ReferenceEquals(_reader, other._reader) && ReferenceEquals(_writer, other._writer);

        public override bool Equals(object? obj) => obj is SchemaPair other && Equals(other);

        public override int GetHashCode() =>
            (RuntimeHelpers.GetHashCode(_reader) * 397) ^ RuntimeHelpers.GetHashCode(_writer);
    }
}

/// <summary>
/// Error codes of the compatibility check, for the rare pairs it cannot judge (see <see cref="CompatibilityResult.Errors"/>).
/// They share the <c>AVRO0nn</c> space of the schema core's error catalog.
/// </summary>
public static class CompatibilityErrorCodes
{
    /// <summary>A reader field matches more than one writer field, by its name and its aliases.</summary>
    public const string AmbiguousWriterField = "AVRO090";

    /// <summary>The schemas nest too deeply to walk.</summary>
    public const string TooDeep = "AVRO091";
}

using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Serialization;

/// <summary>
/// A registry schema id does not fit a generated type: the serializer was told to write the type under an id of
/// another schema, or a message was written with a schema the type cannot read (then
/// <see cref="Exception.InnerException"/> is the <see cref="AvroIncompatibleSchemaException"/> listing why).
/// </summary>
public sealed class AvroSchemaMismatchException : AvroDataException
{
    /// <summary>Creates the exception.</summary>
    public AvroSchemaMismatchException(string message, string writerSchemaId, ulong writerFingerprint, ulong readerFingerprint)
        : base(message)
    {
        WriterSchemaId = writerSchemaId;
        WriterFingerprint = writerFingerprint;
        ReaderFingerprint = readerFingerprint;
    }

    /// <summary>Creates the exception for a message whose writer schema (named by <paramref name="writerSchemaId"/>) the type cannot read.</summary>
    public AvroSchemaMismatchException(string writerSchemaId, string readerTypeName, AvroIncompatibleSchemaException innerException)
        : base($"The message was written with schema {writerSchemaId}, which {readerTypeName} cannot read. {innerException?.Message}", -1, innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        WriterSchemaId = writerSchemaId;
        WriterFingerprint = innerException.WriterFingerprint;
        ReaderFingerprint = innerException.ReaderFingerprint;
    }

    /// <summary>The schema id (or GUID) the message named.</summary>
    public string WriterSchemaId { get; }

    /// <summary>CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form.</summary>
    public ulong WriterFingerprint { get; }

    /// <summary>CRC-64-AVRO fingerprint of the reader (generated type's) schema.</summary>
    public ulong ReaderFingerprint { get; }
}

/// <summary>A message names a schema id (or GUID) the registry does not know.</summary>
public sealed class AvroUnknownSchemaException : AvroDataException
{
    /// <summary>Creates the exception.</summary>
    public AvroUnknownSchemaException(string schemaId, RegistryException innerException)
        : base($"The message was written with schema {schemaId}, which the schema registry does not know.", -1, innerException)
    {
        SchemaId = schemaId;
    }

    /// <summary>The schema id (or GUID) the message named.</summary>
    public string SchemaId { get; }
}

/// <summary>Facts about a generated record type's schema, computed once per type.</summary>
internal static class RecordSchema<T> where T : IAvroRecord<T>
{
    // The schema is parsed once per type, by ResolvingReader (which also reads with it).
    private static readonly Lazy<string> Name = new(() =>
        ResolvingReader.ReaderSchema<T>() is NamedSchema named ? named.FullName : ResolvingReader.ReaderSchema<T>().TypeName);

    private static readonly Lazy<RegistrySchema> Text = new(() => new RegistrySchema(T.SchemaJson));

    /// <summary>The Avro full name (what RecordName strategies use).</summary>
    public static string FullName => Name.Value;

    /// <summary>The schema as the serializer registers it: the generated <c>SchemaJson</c>.</summary>
    public static RegistrySchema Registry => Text.Value;
}

/// <summary>Parses registry schemas (following references) and compares them with generated types.</summary>
internal static class RegistrySchemaParsing
{
    /// <summary>The default of <c>MaxReferencedSchemas</c> on the serializer and deserializer options.</summary>
    public const int DefaultMaxReferencedSchemas = 256;

    /// <summary>The default of <c>RegistryTimeout</c> on the serializer and deserializer options.</summary>
    public static readonly TimeSpan DefaultRegistryTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Resolution plans a deserializer keeps; beyond it its cache starts over, so a registry serving ever new ids cannot grow it forever.</summary>
    public const int MaxCachedPlans = 1000;

    /// <summary>Caches a writer schema's plan under the bound of <see cref="MaxCachedPlans"/>.</summary>
    public static void CachePlan<TKey>(System.Collections.Concurrent.ConcurrentDictionary<TKey, ResolutionPlan> cache, TKey key, ResolutionPlan plan)
        where TKey : notnull
    {
        if (cache.Count >= MaxCachedPlans)
        {
            cache.Clear();
        }

        cache[key] = plan;
    }

    // References may not nest deeper than this (the walk is recursive; the visited set already stops cycles).
    private const int MaxReferenceDepth = 32;

    /// <summary>The CRC-64-AVRO fingerprint of the Parsing Canonical Form of a registry schema (see <see cref="ParseAsync"/>).</summary>
    public static async Task<ulong> FingerprintAsync(IRegistryClient client, RegistrySchema schema, string describedAs, int maxReferencedSchemas,
        string limitName, CancellationToken cancellationToken) =>
        SchemaFingerprint.Crc64Avro(await ParseAsync(client, schema, describedAs, maxReferencedSchemas, limitName, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Parses <paramref name="schema"/>; referenced schemas are fetched from the registry, each (subject, version)
    /// once, at most <paramref name="maxReferencedSchemas"/> of them (the error names <paramref name="limitName"/>, the
    /// option that sets it), and given to the parser as known named types.
    /// </summary>
    public static async Task<AvroSchema> ParseAsync(IRegistryClient client, RegistrySchema schema, string describedAs, int maxReferencedSchemas,
        string limitName, CancellationToken cancellationToken)
    {
        if (schema.SchemaType != SchemaTypes.Avro)
        {
            throw new AvroDataException($"Schema {describedAs} is of type {schema.SchemaType}, not AVRO.");
        }

        var walk = new ReferenceWalk(client, describedAs, maxReferencedSchemas, limitName);
        await walk.CollectAsync(schema, depth: 0, cancellationToken).ConfigureAwait(false);
        var parsed = SchemaParser.Parse(schema.Schema, describedAs, walk.Known.Values);
        if (parsed.Schema is null)
        {
            throw new AvroDataException($"Schema {describedAs} from the registry does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }

        return parsed.Schema;
    }

    /// <summary>
    /// Runs one registry operation within <paramref name="budget"/>: past it, <see cref="RegistryException"/> naming
    /// <paramref name="budgetName"/>, even when the client ignores cancellation. The caller's own cancellation stays
    /// an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<TResult> WithinBudgetAsync<TResult>(Func<CancellationToken, Task<TResult>> operation, TimeSpan budget, string budgetName,
        string describedAs, CancellationToken cancellationToken)
    {
        if (budget == Timeout.InfiniteTimeSpan)
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            // WaitAsync: a client that ignores the token still cannot hold the caller past the budget.
            return await operation(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException(0, 0,
                $"The schema registry did not give {describedAs} within {budget.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s "
                + $"({budgetName}; every request, retry and reference counts against it).");
        }
    }

    // One walk over a schema's references: the visited set makes each (subject, version) one request however many
    // schemas refer to it, so a diamond-shaped fan-out costs as many requests as it has distinct schemas, and the cap
    // bounds the distinct ones.
    private sealed class ReferenceWalk(IRegistryClient client, string describedAs, int maxReferencedSchemas, string limitName)
    {
        private readonly HashSet<(string Subject, int Version)> _visited = [];

        public Dictionary<string, NamedSchema> Known { get; } = new(StringComparer.Ordinal);

        public async Task CollectAsync(RegistrySchema schema, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxReferenceDepth)
            {
                throw new AvroDataException($"Schema {describedAs}: references nest more than {MaxReferenceDepth} levels deep.");
            }

            foreach (var reference in schema.References)
            {
                if (!_visited.Add((reference.Subject, reference.Version)))
                {
                    continue;
                }

                if (_visited.Count > maxReferencedSchemas)
                {
                    throw new AvroDataException(
                        $"Schema {describedAs} references more than {maxReferencedSchemas} schemas ({limitName}); raise the limit if the registry really holds schemas this large.");
                }

                var registered = reference.Version < 0
                    ? await client.GetLatestSchemaAsync(reference.Subject, cancellationToken).ConfigureAwait(false)
                    : await client.GetRegisteredSchemaAsync(reference.Subject, reference.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
                await CollectAsync(registered.Schema, depth + 1, cancellationToken).ConfigureAwait(false);
                var parsed = SchemaParser.Parse(registered.Schema.Schema, reference.Subject + ".avsc", Known.Values);
                foreach (var type in parsed.DefinedTypes)
                {
                    Known[type.FullName] = type;
                }
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Reads Confluent-framed Kafka messages into generated records. Every framing Confluent clients write is accepted:
/// <c>0x00</c> + 4-byte id, <c>0x01</c> + 16-byte schema GUID, and ids carried in the <c>__value_schema_id</c>/
/// <c>__key_schema_id</c> record header (then the value is the bare body). An unknown writer schema is fetched once
/// by id and cached.
/// </summary>
/// <remarks>
/// <para>Each writer schema is parsed once per id and read through its <see cref="ResolutionPlan"/>
/// (<see cref="ResolvingReader.GetPlan{T}"/>), cached with the id. When the writer schema has the record type's Parsing
/// Canonical Form (same CRC-64-AVRO fingerprint; docs, defaults and other attributes may differ) the plan is the
/// identity and the generated decoder reads the body directly. Another writer schema that the record type can read is
/// resolved to the type's encoding first, a slower path; one it cannot read raises
/// <see cref="AvroSchemaMismatchException"/> naming the id, whose inner <see cref="AvroIncompatibleSchemaException"/>
/// lists the incompatibilities. An id the registry does not know raises <see cref="AvroUnknownSchemaException"/>; bad
/// framing and bad bytes (including bytes after the value) raise <see cref="AvroDataException"/>.</para>
/// <para>Null messages (tombstones, <c>isNull</c>) give <see langword="null"/> without any registry call.
/// The synchronous methods block on the registry the first time an id is seen, at most for
/// <see cref="ConfluentDeserializerOptions.RegistryTimeout"/>. Thread-safe.</para>
/// </remarks>
/// <typeparam name="T">A generated record type.</typeparam>
public sealed class ConfluentAvroDeserializer<T> where T : class, IAvroRecord<T>
{
    private readonly IRegistryClient _client;
    private readonly ConfluentDeserializerOptions _options;

    // The resolution plan of every writer schema already fetched, by the id or GUID that named it.
    private readonly ConcurrentDictionary<int, ResolutionPlan> _byId = new();
    private readonly ConcurrentDictionary<Guid, ResolutionPlan> _byGuid = new();

    /// <summary>Creates a deserializer.</summary>
    public ConfluentAvroDeserializer(IRegistryClient client, ConfluentDeserializerOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new ConfluentDeserializerOptions();
    }

    /// <summary>
    /// Reads one message. With <paramref name="hasSchemaIdHeader"/>, the schema id comes from
    /// <paramref name="schemaIdHeader"/> (the record header's value) and <paramref name="data"/> is the bare body.
    /// </summary>
    /// <returns>The record, or <see langword="null"/> when <paramref name="isNull"/> (a tombstone).</returns>
    public T? Deserialize(ReadOnlySpan<byte> data, bool isNull = false, ReadOnlySpan<byte> schemaIdHeader = default, bool hasSchemaIdHeader = false)
    {
        if (isNull)
        {
            return null;
        }

        var id = ConfluentFraming.ReadSchemaId(data, schemaIdHeader, hasSchemaIdHeader, out var body);
        if (!TryGetKnown(id, out var plan))
        {
            // Bounded by ConfluentDeserializerOptions.RegistryTimeout: a blocked consumer thread always comes back.
            plan = PlanWithinBudgetAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        }

        return Decode(plan, body);
    }

    /// <summary>Reads one message (see <see cref="Deserialize"/>), fetching an unknown writer schema asynchronously.</summary>
    public async ValueTask<T?> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull = false, ReadOnlyMemory<byte> schemaIdHeader = default,
        bool hasSchemaIdHeader = false, CancellationToken cancellationToken = default)
    {
        if (isNull)
        {
            return null;
        }

        var id = ConfluentFraming.ReadSchemaId(data.Span, schemaIdHeader.Span, hasSchemaIdHeader, out var body);
        var bodyOffset = data.Length - body.Length;
        if (!TryGetKnown(id, out var plan))
        {
            plan = await PlanWithinBudgetAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return Decode(plan, data.Span[bodyOffset..]);
    }

    // The identity plan (writer schema with T's canonical form) reads with T's generated decoder directly; any other
    // plan transcodes to T's encoding first.
    private T Decode(ResolutionPlan plan, ReadOnlySpan<byte> body) => plan.Read<T>(body, _options.ReaderOptions);

    private bool TryGetKnown(ConfluentSchemaId id, out ResolutionPlan plan) =>
        id.Id is { } number ? _byId.TryGetValue(number, out plan!) : _byGuid.TryGetValue(id.Guid!.Value, out plan!);

    private Task<ResolutionPlan> PlanWithinBudgetAsync(ConfluentSchemaId id, CancellationToken cancellationToken) =>
        RegistrySchemaParsing.WithinBudgetAsync(token => PlanAsync(id, token), _options.RegistryTimeout,
            "ConfluentDeserializerOptions.RegistryTimeout", "writer schema " + Describe(id), cancellationToken);

    private async Task<ResolutionPlan> PlanAsync(ConfluentSchemaId id, CancellationToken cancellationToken)
    {
        RegistrySchema writer;
        try
        {
            writer = id.Id is { } number
                ? await _client.GetSchemaByIdAsync(number, cancellationToken: cancellationToken).ConfigureAwait(false)
                : (await _client.GetSchemaByGuidAsync(id.Guid!.Value, cancellationToken).ConfigureAwait(false)).Schema;
        }
        catch (RegistryException e) when (e.ErrorCode == RegistryErrorCodes.SchemaNotFound)
        {
            throw new AvroUnknownSchemaException(Describe(id), e);
        }

        var writerSchema = await RegistrySchemaParsing.ParseAsync(_client, writer, Describe(id), _options.MaxReferencedSchemas,
            "ConfluentDeserializerOptions.MaxReferencedSchemas", cancellationToken).ConfigureAwait(false);
        ResolutionPlan plan;
        try
        {
            plan = ResolvingReader.GetPlan<T>(writerSchema);
        }
        catch (AvroIncompatibleSchemaException e)
        {
            // Not cached here: a later message may carry another id anyway, and the pair's verdict is cached by SchemaResolution.
            throw new AvroSchemaMismatchException(Describe(id), typeof(T).Name, e);
        }

        if (id.Id is { } key)
        {
            RegistrySchemaParsing.CachePlan(_byId, key, plan);
        }
        else
        {
            RegistrySchemaParsing.CachePlan(_byGuid, id.Guid!.Value, plan);
        }

        return plan;
    }

    private static string Describe(ConfluentSchemaId id) =>
        id.Id is { } number ? "id " + number.ToString(CultureInfo.InvariantCulture) : "guid " + id.Guid!.Value.ToString();
}

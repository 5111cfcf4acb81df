using System.Collections.Concurrent;
using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Serialization;

/// <summary>
/// The resolution plan a deserializer reads each writer schema with, by the id or GUID a message names: fetched from
/// the registry (following references) the first time, within <see cref="ConfluentDeserializerOptions.RegistryTimeout"/>,
/// then from a bounded memo by id (the plans themselves come from the one plan cache, <see cref="SchemaResolution"/>).
/// The deserializer side's counterpart of <see cref="SchemaIdCache"/>.
/// </summary>
internal sealed class WriterPlanCache
{
    private readonly IRegistryClient _client;
    private readonly ConfluentDeserializerOptions _options;
    private readonly Func<AvroSchema, ResolutionPlan> _planFor;
    private readonly string _readerName;

    // By id and by GUID apart: the id dictionary is the hot path, and an int key hashes faster than ConfluentSchemaId.
    private readonly ConcurrentDictionary<int, ResolutionPlan> _byId = new();
    private readonly ConcurrentDictionary<Guid, ResolutionPlan> _byGuid = new();

    // The id a message named last and its plan, checked before the dictionary: a topic's messages usually carry one
    // id, and the dictionary lookup was most of what framing added to a read.
    private volatile IdPlan? _last;

    /// <param name="client">The registry writer schemas come from.</param>
    /// <param name="options">The deserializer's options (limits, timeout).</param>
    /// <param name="planFor">The plan that reads a writer schema as the reader type; throws
    /// <see cref="AvroIncompatibleSchemaException"/> when the type cannot read it.</param>
    /// <param name="readerName">The reader type's name, for <see cref="AvroSchemaMismatchException"/>.</param>
    public WriterPlanCache(IRegistryClient client, ConfluentDeserializerOptions options, Func<AvroSchema, ResolutionPlan> planFor, string readerName)
    {
        _client = client;
        _options = options;
        _planFor = planFor;
        _readerName = readerName;
    }

    /// <summary>The plan for <paramref name="id"/>, blocking on the registry the first time (at most for the registry timeout).</summary>
    public ResolutionPlan Get(ConfluentSchemaId id) =>
        TryGet(id, out var plan) ? plan : GetWithinBudgetAsync(id, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The plan for <paramref name="id"/>, fetching an unknown writer schema asynchronously.</summary>
    public ValueTask<ResolutionPlan> GetAsync(ConfluentSchemaId id, CancellationToken cancellationToken) =>
        TryGet(id, out var plan) ? new ValueTask<ResolutionPlan>(plan) : new ValueTask<ResolutionPlan>(GetWithinBudgetAsync(id, cancellationToken));

    private bool TryGet(ConfluentSchemaId id, out ResolutionPlan plan)
    {
        if (id.Id is not { } number)
        {
            return _byGuid.TryGetValue(id.Guid!.Value, out plan!);
        }

        if (TryGetLast(number, out plan))
        {
            return true;
        }

        if (_byId.TryGetValue(number, out plan!))
        {
            _last = new IdPlan(number, plan);
            return true;
        }

        return false;
    }

    /// <summary>The plan of <paramref name="id"/> when it is the id the last message named (no dictionary lookup).</summary>
    public bool TryGetLast(int id, out ResolutionPlan plan)
    {
        if (_last is { } last && last.Id == id)
        {
            plan = last.Plan;
            return true;
        }

        plan = null!;
        return false;
    }

    private sealed record IdPlan(int Id, ResolutionPlan Plan);

    private Task<ResolutionPlan> GetWithinBudgetAsync(ConfluentSchemaId id, CancellationToken cancellationToken) =>
        RegistrySchemaParsing.WithinBudgetAsync(token => FetchAsync(id, token), _options.RegistryTimeout,
            "ConfluentDeserializerOptions.RegistryTimeout", "writer schema " + id, cancellationToken);

    private async Task<ResolutionPlan> FetchAsync(ConfluentSchemaId id, CancellationToken cancellationToken)
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
            throw new AvroUnknownSchemaException(id.ToString(), e);
        }

        var writerSchema = await RegistrySchemaParsing.ParseAsync(_client, writer, id.ToString(), _options.MaxReferencedSchemas,
            "ConfluentDeserializerOptions.MaxReferencedSchemas", cancellationToken).ConfigureAwait(false);
        ResolutionPlan plan;
        try
        {
            plan = _planFor(writerSchema);
        }
        catch (AvroIncompatibleSchemaException e)
        {
            // Not cached here: a later message may carry another id anyway, and the pair's verdict is cached by SchemaResolution.
            throw new AvroSchemaMismatchException(id.ToString(), _readerName, e);
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
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Serialization;

/// <summary>What a serializer writes: the schema it registers and the facts its ids are checked against.</summary>
/// <param name="Schema">The schema as registered (its text decides the registry's id).</param>
/// <param name="FullName">The Avro full name for the RecordName strategies; null for unnamed (primitive) types.</param>
/// <param name="TypeName">The Avro type name used by a custom <see cref="SubjectNamer"/> and in messages.</param>
/// <param name="Fingerprint">CRC-64-AVRO of the Parsing Canonical Form: an id the serializer is told to use must have it.</param>
/// <param name="ClrName">The .NET type, for messages.</param>
internal sealed record WriterSchema(RegistrySchema Schema, string? FullName, string TypeName, ulong Fingerprint, string ClrName)
{
    /// <summary>The schemas to register by reference (see <see cref="ConfluentSerializerOptions.UseSchemaReferences"/>); null for types that cannot.</summary>
    public Func<IReadOnlyList<Avro.Codegen.Schema.SchemaReferenceUnit>>? ReferenceUnits { get; init; }
}

/// <summary>
/// The schema id (and, on request, the schema GUID) a serializer writes per topic: from the registry the first time
/// (register, latest, fixed id or lookup, see <see cref="SchemaIdSource"/>), then from a cache, so known topics need
/// no request, no clock read (ids other than latest never expire) and no allocation.
/// </summary>
internal sealed class SchemaIdCache
{
    private static readonly TimeSpan LatestRefresh = TimeSpan.FromMinutes(5);
    private static readonly long NeverExpires = DateTime.MaxValue.Ticks;

    private readonly IRegistryClient _client;
    private readonly ConfluentSerializerOptions _options;
    private readonly WriterSchema _writer;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedId> _ids = new(StringComparer.Ordinal);

    // The entry of the topic seen last, checked by reference before the dictionary: a producer usually writes one
    // topic with one string instance, and the dictionary's string hashing was most of the framing overhead.
    private volatile CachedId? _last;

    // With UseSchemaReferences: the record's schema with its references, once the referenced schemas are registered.
    private volatile RegistrySchema? _referenced;

    public SchemaIdCache(IRegistryClient client, ConfluentSerializerOptions options, WriterSchema writer)
    {
        _client = client;
        _options = options;
        _writer = writer;
        _time = options.TimeProvider;
        if (_options.SchemaIdSource == SchemaIdSource.UseSchemaId && _options.SchemaId is null)
        {
            throw new ArgumentException("SchemaIdSource.UseSchemaId needs ConfluentSerializerOptions.SchemaId.", nameof(options));
        }

        if (writer.FullName is null && options.SubjectNamer is null && options.SubjectNamingStrategy != SubjectNamingStrategy.TopicName)
        {
            throw new ArgumentException(
                $"The {options.SubjectNamingStrategy} subject strategy names subjects after a record's full name, and {writer.ClrName} (Avro {writer.TypeName}) has none; use TopicName or a SubjectNamer.",
                nameof(options));
        }
    }

    public string SubjectFor(string topic) => _options.SubjectFor(topic, _writer.FullName ?? _writer.TypeName);

    /// <summary>
    /// The id for <paramref name="topic"/>. The common case, the topic of the last message with an id that never
    /// expires, is checked inline (it is most of what framing adds to a serialize); the rest is out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Id(string topic)
    {
        var entry = _last;
        return entry is not null && ReferenceEquals(entry.Topic, topic) && entry.ExpiresTicks == NeverExpires ? entry.Id : IdSlow(topic);
    }

    private int IdSlow(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return TryGetCached(topic, out var id) ? id : ResolveWithinBudgetAsync(topic, CancellationToken.None).GetAwaiter().GetResult().Id;
    }

    public ValueTask<int> GetIdAsync(string topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return TryGetCached(topic, out var id) ? ValueTask.FromResult(id) : new ValueTask<int>(IdOf(ResolveWithinBudgetAsync(topic, cancellationToken)));

        static async Task<int> IdOf(Task<CachedId> entry) => (await entry.ConfigureAwait(false)).Id;
    }

    /// <summary>The GUID of the schema whose id <see cref="GetIdAsync"/> gives (for the header framing).</summary>
    public async ValueTask<Guid> GetGuidAsync(string topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!_ids.TryGetValue(topic, out var entry) || !IsFresh(entry))
        {
            entry = await ResolveWithinBudgetAsync(topic, cancellationToken).ConfigureAwait(false);
        }

        if (entry.Guid is { } known)
        {
            return known;
        }

        // The registry answers a lookup with the version's GUID (Schema Registry 8.x); the schema is the registered text.
        var found = await RegistrySchemaParsing.WithinBudgetAsync(async token =>
            {
                var schema = _options.SchemaIdSource == SchemaIdSource.UseSchemaId
                    ? await _client.GetSchemaByIdAsync(entry.Id, entry.Subject, token).ConfigureAwait(false)
                    : await SchemaToSendAsync(register: false, token).ConfigureAwait(false);
                return await _client.LookupSchemaAsync(entry.Subject, schema, _options.Normalize, cancellationToken: token).ConfigureAwait(false);
            }, _options.RegistryTimeout, "ConfluentSerializerOptions.RegistryTimeout", $"the schema GUID of subject '{entry.Subject}'", cancellationToken)
            .ConfigureAwait(false);
        var guid = found.Guid ?? throw new AvroDataException(
            $"The registry gave no GUID for schema id {entry.Id.ToString(CultureInfo.InvariantCulture)} of subject '{entry.Subject}' (Schema Registry 8.x and later do); schema id headers need it.");
        var updated = entry with { Guid = guid };
        _ids[topic] = updated;
        return guid;
    }

    public bool TryGetCached(string topic, out int id)
    {
        var entry = _last;
        if (entry is null || !ReferenceEquals(entry.Topic, topic) || !IsFresh(entry))
        {
            if (!_ids.TryGetValue(topic, out entry) || !IsFresh(entry))
            {
                id = 0;
                return false;
            }

            _last = entry;
        }

        id = entry.Id;
        return true;
    }

    // Only ids of SchemaIdSource.UseLatest expire; the others skip the clock on every message.
    private bool IsFresh(CachedId entry) => entry.ExpiresTicks == NeverExpires || entry.ExpiresTicks > _time.GetUtcNow().UtcTicks;

    private sealed record CachedId(string Topic, string Subject, int Id, long ExpiresTicks, Guid? Guid);

    private Task<CachedId> ResolveWithinBudgetAsync(string topic, CancellationToken cancellationToken) =>
        RegistrySchemaParsing.WithinBudgetAsync(token => ResolveAsync(topic, token), _options.RegistryTimeout,
            "ConfluentSerializerOptions.RegistryTimeout", $"the schema id of subject '{SubjectFor(topic)}'", cancellationToken);

    private async Task<CachedId> ResolveAsync(string topic, CancellationToken cancellationToken)
    {
        var subject = SubjectFor(topic);
        int id;
        Guid? guid = null;
        var expires = NeverExpires;
        switch (_options.SchemaIdSource)
        {
            case SchemaIdSource.UseLatest:
                var latest = await _client.GetLatestSchemaAsync(subject, cancellationToken).ConfigureAwait(false);
                await EnsureSameSchemaAsync(latest.Schema, $"{latest.Id} (latest of subject '{subject}')", cancellationToken).ConfigureAwait(false);
                id = latest.Id;
                guid = latest.Guid;
                expires = _time.GetUtcNow().Add(LatestRefresh).UtcTicks;
                break;
            case SchemaIdSource.UseSchemaId:
                id = _options.SchemaId!.Value;
                var fixedSchema = await _client.GetSchemaByIdAsync(id, subject, cancellationToken).ConfigureAwait(false);
                await EnsureSameSchemaAsync(fixedSchema, id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                break;
            case SchemaIdSource.LookupOnly:
                var lookedUp = await SchemaToSendAsync(register: false, cancellationToken).ConfigureAwait(false);
                id = await _client.GetSchemaIdAsync(subject, lookedUp, _options.Normalize, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var registered = await SchemaToSendAsync(register: true, cancellationToken).ConfigureAwait(false);
                id = await _client.RegisterSchemaAsync(subject, registered, _options.Normalize, cancellationToken).ConfigureAwait(false);
                break;
        }

        var entry = new CachedId(topic, subject, id, expires, guid);
        _ids[topic] = entry;
        return entry;
    }

    // The schema registered or looked up: self-contained, or with references once the referenced schemas are known.
    private async ValueTask<RegistrySchema> SchemaToSendAsync(bool register, CancellationToken cancellationToken)
    {
        if (!_options.UseSchemaReferences || _writer.ReferenceUnits is not { } plan)
        {
            return _writer.Schema;
        }

        if (_referenced is { } known)
        {
            return known;
        }

        var schema = await ReferencedSchemas.ResolveAsync(_client, _options, plan(), register, cancellationToken).ConfigureAwait(false);
        _referenced = schema;
        return schema;
    }

    // The body is written by the type's own codec, so the id must name a schema with its canonical form; otherwise
    // readers would decode the bytes with the wrong schema.
    private async Task EnsureSameSchemaAsync(RegistrySchema registered, string describedAs, CancellationToken cancellationToken)
    {
        var fingerprint = await RegistrySchemaParsing.FingerprintAsync(_client, registered, "id " + describedAs,
            _options.MaxReferencedSchemas, "ConfluentSerializerOptions.MaxReferencedSchemas", cancellationToken).ConfigureAwait(false);
        if (fingerprint != _writer.Fingerprint)
        {
            throw new AvroSchemaMismatchException(
                $"Schema {describedAs} is not the schema of {_writer.ClrName} ({_writer.FullName ?? _writer.TypeName}); writing {_writer.ClrName} with that id would mislabel the data.",
                describedAs, fingerprint, _writer.Fingerprint);
        }
    }
}

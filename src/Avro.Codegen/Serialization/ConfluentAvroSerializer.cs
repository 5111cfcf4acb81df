using System.Buffers;
using System.Collections.Concurrent;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Writes generated records as Confluent-framed Kafka messages: <c>0x00</c>, the 4-byte big-endian schema id, the
/// Avro binary body. The id comes from the registry (register, latest, fixed id or lookup; see
/// <see cref="SchemaIdSource"/>) and is cached per topic, so once it is known writing into an
/// <see cref="IBufferWriter{T}"/> allocates nothing and makes no request.
/// </summary>
/// <remarks>
/// <para>Null values are Kafka tombstones: <see cref="Serialize(T?, string)"/> returns <see langword="null"/> and the
/// <see cref="IBufferWriter{T}"/> overloads write nothing and return false; no registry call is made for them.</para>
/// <para>The synchronous methods block on the registry call the first time a topic is seen (and when a cached latest
/// version expires), at most for <see cref="ConfluentSerializerOptions.RegistryTimeout"/>; the asynchronous ones do
/// not block. Thread-safe.</para>
/// </remarks>
/// <typeparam name="T">A generated record type.</typeparam>
public sealed class ConfluentAvroSerializer<T> where T : class, IAvroRecord<T>
{
    private static readonly TimeSpan LatestRefresh = TimeSpan.FromMinutes(5);
    private static readonly long NeverExpires = DateTime.MaxValue.Ticks;

    private readonly IRegistryClient _client;
    private readonly ConfluentSerializerOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedId> _ids = new(StringComparer.Ordinal);

    // The entry of the topic seen last, checked by reference before the dictionary: a producer usually writes one
    // topic with one string instance, and the dictionary's string hashing was most of the framing overhead.
    private volatile CachedId? _last;

    /// <summary>Creates a serializer.</summary>
    /// <exception cref="ArgumentException"><see cref="SchemaIdSource.UseSchemaId"/> without a <see cref="ConfluentSerializerOptions.SchemaId"/>.</exception>
    public ConfluentAvroSerializer(IRegistryClient client, ConfluentSerializerOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new ConfluentSerializerOptions();
        _time = _options.TimeProvider;
        if (_options.SchemaIdSource == SchemaIdSource.UseSchemaId && _options.SchemaId is null)
        {
            throw new ArgumentException("SchemaIdSource.UseSchemaId needs ConfluentSerializerOptions.SchemaId.", nameof(options));
        }
    }

    /// <summary>The subject this serializer uses for <paramref name="topic"/>.</summary>
    public string SubjectFor(string topic) => _options.SubjectFor(topic, RecordSchema<T>.FullName);

    /// <summary>The schema id written for <paramref name="topic"/>, from the cache or the registry.</summary>
    public ValueTask<int> GetSchemaIdAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return TryGetCached(topic, out var id) ? ValueTask.FromResult(id) : new ValueTask<int>(ResolveWithinBudgetAsync(topic, cancellationToken));
    }

    /// <summary>Serializes <paramref name="value"/> for <paramref name="topic"/>; <see langword="null"/> for a tombstone.</summary>
    public byte[]? Serialize(T? value, string topic)
    {
        if (value is null)
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(256);
        Write(value, Id(topic), output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Serializes <paramref name="value"/> into <paramref name="output"/>; returns false (writing nothing) for a null
    /// value. Allocates nothing once the topic's schema id is cached.
    /// </summary>
    public bool Serialize(T? value, string topic, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is null)
        {
            return false;
        }

        Write(value, Id(topic), output);
        return true;
    }

    /// <summary>Serializes <paramref name="value"/> for <paramref name="topic"/>; <see langword="null"/> for a tombstone.</summary>
    public async ValueTask<byte[]?> SerializeAsync(T? value, string topic, CancellationToken cancellationToken = default)
    {
        if (value is null)
        {
            return null;
        }

        var id = await GetSchemaIdAsync(topic, cancellationToken).ConfigureAwait(false);
        var output = new ArrayBufferWriter<byte>(256);
        Write(value, id, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Serializes into <paramref name="output"/>; returns false (writing nothing) for a null value.</summary>
    public async ValueTask<bool> SerializeAsync(T? value, string topic, IBufferWriter<byte> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is null)
        {
            return false;
        }

        var id = await GetSchemaIdAsync(topic, cancellationToken).ConfigureAwait(false);
        Write(value, id, output);
        return true;
    }

    private static void Write(T value, int id, IBufferWriter<byte> output)
    {
        // The header goes through the same writer as the body: one span from the buffer writer for both.
        Span<byte> header = stackalloc byte[ConfluentFraming.HeaderLength];
        ConfluentFraming.WriteHeader(header, id);
        var writer = new AvroWriter(output);
        writer.WriteRaw(header);
        value.WriteAvro(ref writer);
        writer.Flush();
    }

    private int Id(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return TryGetCached(topic, out var id) ? id : ResolveWithinBudgetAsync(topic, CancellationToken.None).GetAwaiter().GetResult();
    }

    private bool TryGetCached(string topic, out int id)
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

    private sealed record CachedId(string Topic, int Id, long ExpiresTicks);

    private Task<int> ResolveWithinBudgetAsync(string topic, CancellationToken cancellationToken) =>
        RegistrySchemaParsing.WithinBudgetAsync(token => ResolveAsync(topic, token), _options.RegistryTimeout,
            "ConfluentSerializerOptions.RegistryTimeout", $"the schema id of subject '{SubjectFor(topic)}'", cancellationToken);

    private async Task<int> ResolveAsync(string topic, CancellationToken cancellationToken)
    {
        var subject = SubjectFor(topic);
        var schema = RecordSchema<T>.Registry;
        int id;
        var expires = NeverExpires;
        switch (_options.SchemaIdSource)
        {
            case SchemaIdSource.UseLatest:
                var latest = await _client.GetLatestSchemaAsync(subject, cancellationToken).ConfigureAwait(false);
                await EnsureSameSchemaAsync(latest.Schema, $"{latest.Id} (latest of subject '{subject}')", cancellationToken).ConfigureAwait(false);
                id = latest.Id;
                expires = _time.GetUtcNow().Add(LatestRefresh).UtcTicks;
                break;
            case SchemaIdSource.UseSchemaId:
                id = _options.SchemaId!.Value;
                var fixedSchema = await _client.GetSchemaByIdAsync(id, subject, cancellationToken).ConfigureAwait(false);
                await EnsureSameSchemaAsync(fixedSchema, id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                break;
            case SchemaIdSource.LookupOnly:
                id = await _client.GetSchemaIdAsync(subject, schema, _options.Normalize, cancellationToken).ConfigureAwait(false);
                break;
            default:
                id = await _client.RegisterSchemaAsync(subject, schema, _options.Normalize, cancellationToken).ConfigureAwait(false);
                break;
        }

        _ids[topic] = new CachedId(topic, id, expires);
        return id;
    }

    // The body is written by T's generated codec, so the id must name a schema with T's canonical form; otherwise
    // readers would decode the bytes with the wrong schema.
    private async Task EnsureSameSchemaAsync(RegistrySchema registered, string describedAs, CancellationToken cancellationToken)
    {
        var fingerprint = await RegistrySchemaParsing.FingerprintAsync(_client, registered, "id " + describedAs,
            _options.MaxReferencedSchemas, "ConfluentSerializerOptions.MaxReferencedSchemas", cancellationToken).ConfigureAwait(false);
        if (fingerprint != T.SchemaFingerprint)
        {
            throw new AvroSchemaMismatchException(
                $"Schema {describedAs} is not the schema of {typeof(T).Name} ({RecordSchema<T>.FullName}); writing {typeof(T).Name} with that id would mislabel the data.",
                describedAs, fingerprint, T.SchemaFingerprint);
        }
    }
}

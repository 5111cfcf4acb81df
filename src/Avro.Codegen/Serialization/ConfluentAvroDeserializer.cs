using System.Collections.Concurrent;
using System.Globalization;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Reads Confluent-framed Kafka messages into generated records. Every framing Confluent clients write is accepted:
/// <c>0x00</c> + 4-byte id, <c>0x01</c> + 16-byte schema GUID, and ids carried in the <c>__value_schema_id</c>/
/// <c>__key_schema_id</c> record header (then the value is the bare body). An unknown writer schema is fetched once
/// by id and cached.
/// </summary>
/// <remarks>
/// <para>When the writer schema has the record type's Parsing Canonical Form (same CRC-64-AVRO fingerprint; docs,
/// defaults and other attributes may differ) the generated decoder reads the body directly. A writer schema that
/// differs needs schema resolution, which this runtime does not provide yet: such a message raises
/// <see cref="AvroSchemaMismatchException"/>, naming both fingerprints. An id the registry does not know raises
/// <see cref="AvroUnknownSchemaException"/>; bad framing and bad bytes raise <see cref="AvroException"/>.</para>
/// <para>Null messages (tombstones, <c>isNull</c>) give <see langword="null"/> without any registry call.
/// The synchronous methods block on the registry the first time an id is seen. Thread-safe.</para>
/// </remarks>
/// <typeparam name="T">A generated record type.</typeparam>
public sealed class ConfluentAvroDeserializer<T> where T : class, IAvroRecord<T>
{
    private readonly ISchemaRegistryClient _client;
    private readonly ConfluentDeserializerOptions _options;

    // Writer schemas already checked against T, with the writer's fingerprint; T's decoder reads them directly when
    // the fingerprints are equal.
    private readonly ConcurrentDictionary<int, ulong> _byId = new();
    private readonly ConcurrentDictionary<Guid, ulong> _byGuid = new();

    /// <summary>Creates a deserializer.</summary>
    public ConfluentAvroDeserializer(ISchemaRegistryClient client, ConfluentDeserializerOptions? options = null)
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
        if (!TryGetKnown(id, out var writerFingerprint))
        {
            writerFingerprint = CheckWriterAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        }

        return Decode(id, writerFingerprint, body);
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
        if (!TryGetKnown(id, out var writerFingerprint))
        {
            writerFingerprint = await CheckWriterAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return Decode(id, writerFingerprint, data.Span[bodyOffset..]);
    }

    private T Decode(ConfluentSchemaId id, ulong writerFingerprint, ReadOnlySpan<byte> body)
    {
        if (writerFingerprint != T.SchemaFingerprint)
        {
            ThrowMismatch(id, writerFingerprint);
        }

        var reader = new AvroReader(body, _options.ReaderOptions);
        return T.ReadAvro(ref reader);
    }

    private bool TryGetKnown(ConfluentSchemaId id, out ulong writerFingerprint) =>
        id.Id is { } number ? _byId.TryGetValue(number, out writerFingerprint) : _byGuid.TryGetValue(id.Guid!.Value, out writerFingerprint);

    private async Task<ulong> CheckWriterAsync(ConfluentSchemaId id, CancellationToken cancellationToken)
    {
        RegistrySchema writer;
        try
        {
            writer = id.Id is { } number
                ? await _client.GetSchemaByIdAsync(number, cancellationToken: cancellationToken).ConfigureAwait(false)
                : (await _client.GetSchemaByGuidAsync(id.Guid!.Value, cancellationToken).ConfigureAwait(false)).Schema;
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == RegistryErrorCodes.SchemaNotFound)
        {
            throw new AvroUnknownSchemaException(Describe(id), e);
        }

        var fingerprint = await RegistrySchemaParsing.FingerprintAsync(_client, writer, Describe(id), cancellationToken).ConfigureAwait(false);
        if (id.Id is { } key)
        {
            _byId[key] = fingerprint;
        }
        else
        {
            _byGuid[id.Guid!.Value] = fingerprint;
        }

        return fingerprint;
    }

    private static void ThrowMismatch(ConfluentSchemaId id, ulong writerFingerprint)
    {
        var described = Describe(id);
        throw new AvroSchemaMismatchException(
            $"The message was written with schema {described}, which differs from the schema of {typeof(T).Name} ({RecordSchema<T>.FullName}) " +
            $"(writer fingerprint {writerFingerprint:X16}, reader fingerprint {T.SchemaFingerprint:X16}); reading it needs Avro schema resolution, " +
            "which is not available in this version.",
            described, writerFingerprint, T.SchemaFingerprint);
    }

    private static string Describe(ConfluentSchemaId id) =>
        id.Id is { } number ? "id " + number.ToString(CultureInfo.InvariantCulture) : "guid " + id.Guid!.Value.ToString();
}

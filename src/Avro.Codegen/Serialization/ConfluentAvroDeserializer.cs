using System.Collections.Concurrent;
using System.Globalization;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Reads Confluent-framed Kafka messages into generated records. Every framing Confluent clients write is accepted:
/// <c>0x00</c> + 4-byte id, <c>0x01</c> + 16-byte schema GUID, and ids carried in the <c>__value_schema_id</c>/
/// <c>__key_schema_id</c> record header (then the value is the bare body). An unknown writer schema is fetched once
/// by id and cached.
/// </summary>
/// <remarks>
/// <para>When the writer schema has the record type's Parsing Canonical Form (same CRC-64-AVRO fingerprint; docs,
/// defaults and other attributes may differ) the generated decoder reads the body directly. Another writer schema
/// that the record type can read (the schema core's reader/writer check) goes through <see cref="SchemaResolution"/>
/// first, a slower path; one it cannot read raises <see cref="AvroSchemaMismatchException"/> with the reasons. An id
/// the registry does not know raises <see cref="AvroUnknownSchemaException"/>; bad framing and bad bytes raise
/// <see cref="AvroException"/>.</para>
/// <para>Null messages (tombstones, <c>isNull</c>) give <see langword="null"/> without any registry call.
/// The synchronous methods block on the registry the first time an id is seen. Thread-safe.</para>
/// </remarks>
/// <typeparam name="T">A generated record type.</typeparam>
public sealed class ConfluentAvroDeserializer<T> where T : class, IAvroRecord<T>
{
    private readonly ISchemaRegistryClient _client;
    private readonly ConfluentDeserializerOptions _options;

    // Writer schemas already fetched and checked against T. A null schema means T's decoder reads the data directly.
    private readonly ConcurrentDictionary<int, WriterPlan> _byId = new();
    private readonly ConcurrentDictionary<Guid, WriterPlan> _byGuid = new();

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
        if (!TryGetKnown(id, out var plan))
        {
            plan = PlanAsync(id, CancellationToken.None).GetAwaiter().GetResult();
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
            plan = await PlanAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return Decode(plan, data.Span[bodyOffset..]);
    }

    private T Decode(WriterPlan plan, ReadOnlySpan<byte> body)
    {
        if (plan.Writer is null)
        {
            var direct = new AvroReader(body, _options.ReaderOptions);
            return T.ReadAvro(ref direct);
        }

        // Another (compatible) writer schema: resolve to T's schema first, then decode with T's generated reader.
        var resolved = SchemaResolution.Transcode(plan.Writer, RecordSchema<T>.Parsed, body, _options.ReaderOptions);
        var reader = new AvroReader(resolved, _options.ReaderOptions);
        return T.ReadAvro(ref reader);
    }

    private bool TryGetKnown(ConfluentSchemaId id, out WriterPlan plan) =>
        id.Id is { } number ? _byId.TryGetValue(number, out plan!) : _byGuid.TryGetValue(id.Guid!.Value, out plan!);

    private async Task<WriterPlan> PlanAsync(ConfluentSchemaId id, CancellationToken cancellationToken)
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

        var writerSchema = await RegistrySchemaParsing.ParseAsync(_client, writer, Describe(id), cancellationToken).ConfigureAwait(false);
        var fingerprint = SchemaFingerprint.Crc64Avro(writerSchema);
        WriterPlan plan;
        if (fingerprint == T.SchemaFingerprint)
        {
            plan = new WriterPlan(null);
        }
        else
        {
            var problems = SchemaResolution.Check(writerSchema, RecordSchema<T>.Parsed);
            if (problems.Count > 0)
            {
                // Not cached: the registry may learn nothing new, but a later message may carry another id anyway.
                throw new AvroSchemaMismatchException(
                    $"The message was written with schema {Describe(id)}, which {typeof(T).Name} ({RecordSchema<T>.FullName}) cannot read: " +
                    string.Join("; ", problems) + $" (writer fingerprint {fingerprint:X16}, reader fingerprint {T.SchemaFingerprint:X16}).",
                    Describe(id), fingerprint, T.SchemaFingerprint);
            }

            plan = new WriterPlan(writerSchema);
        }

        if (id.Id is { } key)
        {
            _byId[key] = plan;
        }
        else
        {
            _byGuid[id.Guid!.Value] = plan;
        }

        return plan;
    }

    private static string Describe(ConfluentSchemaId id) =>
        id.Id is { } number ? "id " + number.ToString(CultureInfo.InvariantCulture) : "guid " + id.Guid!.Value.ToString();

    private sealed record WriterPlan(AvroSchema? Writer);
}

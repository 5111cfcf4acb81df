using System.Buffers.Binary;
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
    private readonly ConfluentDeserializerOptions _options;

    // The resolution plan of every writer schema already fetched, by the id or GUID that named it.
    private readonly WriterPlanCache _plans;

    /// <summary>Creates a deserializer.</summary>
    public ConfluentAvroDeserializer(IRegistryClient client, ConfluentDeserializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new ConfluentDeserializerOptions();
        _plans = new WriterPlanCache(client, _options, writer => ResolvingReader.GetPlan<T>(writer), typeof(T).Name);
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

        // The usual message: 0x00 and the id the previous message named, whose plan is at hand.
        if (!hasSchemaIdHeader && data.Length >= ConfluentFraming.HeaderLength && data[0] == ConfluentFraming.MagicByte
            && _plans.TryGetLast(BinaryPrimitives.ReadInt32BigEndian(data.Slice(1)), out var last))
        {
            return Decode(last, data.Slice(ConfluentFraming.HeaderLength));
        }

        var id = ConfluentFraming.ReadSchemaId(data, schemaIdHeader, hasSchemaIdHeader, out var body);

        // Bounded by ConfluentDeserializerOptions.RegistryTimeout: a blocked consumer thread always comes back.
        return Decode(_plans.Get(id), body);
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
        var plan = await _plans.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return Decode(plan, data.Span[bodyOffset..]);
    }

    // The identity plan (writer schema with T's canonical form) reads with T's generated decoder directly, called here
    // rather than through the plan's generic method (which costs shared-generic lookups per message); any other plan
    // transcodes to T's encoding first.
    private T Decode(ResolutionPlan plan, ReadOnlySpan<byte> body)
    {
        if (!plan.IsIdentity)
        {
            return plan.Read<T>(body, _options.ReaderOptions);
        }

        var reader = new AvroReader(body, _options.ReaderOptions);
        var value = T.ReadAvro(ref reader);
        if (!reader.End)
        {
            ThrowTrailing(reader.Remaining, reader.Position);
        }

        return value;
    }

    private static void ThrowTrailing(int remaining, long position) =>
        throw new AvroDataException($"{remaining} byte(s) follow the value", position);
}

using System.Buffers;
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
    private readonly SchemaIdCache _ids;

    /// <summary>Creates a serializer.</summary>
    /// <exception cref="ArgumentException"><see cref="SchemaIdSource.UseSchemaId"/> without a <see cref="ConfluentSerializerOptions.SchemaId"/>.</exception>
    public ConfluentAvroSerializer(IRegistryClient client, ConfluentSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _ids = new SchemaIdCache(client, options ?? new ConfluentSerializerOptions(),
            new WriterSchema(RecordSchema<T>.Registry, RecordSchema<T>.FullName, RecordSchema<T>.FullName, T.SchemaFingerprint, typeof(T).Name)
            {
                ReferenceUnits = T.SchemaTable is { } table ? () => table.ReferenceUnits(RecordSchema<T>.FullName) : null,
            });
    }

    /// <summary>The subject this serializer uses for <paramref name="topic"/>.</summary>
    public string SubjectFor(string topic) => _ids.SubjectFor(topic);

    /// <summary>The schema id written for <paramref name="topic"/>, from the cache or the registry.</summary>
    public ValueTask<int> GetSchemaIdAsync(string topic, CancellationToken cancellationToken = default) => _ids.GetIdAsync(topic, cancellationToken);

    /// <summary>
    /// The GUID of the schema whose id is written for <paramref name="topic"/> (what Confluent's header framing
    /// carries), from the cache or the registry (Schema Registry 8.x and later give GUIDs).
    /// </summary>
    public ValueTask<Guid> GetSchemaGuidAsync(string topic, CancellationToken cancellationToken = default) => _ids.GetGuidAsync(topic, cancellationToken);

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
        // The header goes straight into the writer's first chunk, which the body then continues: one span from the
        // buffer writer for both, and no copy of the header.
        var writer = new AvroWriter(output);
        writer.WriteConfluentHeader(id);
        value.WriteAvro(ref writer);
        writer.Flush();
    }

    private int Id(string topic) => _ids.Id(topic);
}

using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Confluent.Kafka;

namespace Avro.Codegen.Kafka;

/// <summary>
/// A Confluent.Kafka deserializer for a generated Avro record type. Reads every Confluent framing
/// (<c>0x00</c> + id, <c>0x01</c> + schema GUID, and ids carried in the <c>__key_schema_id</c>/<c>__value_schema_id</c>
/// headers), resolving other writer schemas as <see cref="ConfluentAvroDeserializer{T}"/> does. A null message (a
/// tombstone) gives a null record.
/// </summary>
/// <remarks>Implements <see cref="IDeserializer{T}"/> and <see cref="IAsyncDeserializer{T}"/>. Thread-safe.</remarks>
/// <typeparam name="T">A generated record type.</typeparam>
public sealed class AvroKafkaDeserializer<T> : IDeserializer<T>, IAsyncDeserializer<T>
    where T : class, IAvroRecord<T>
{
    private readonly ConfluentAvroDeserializer<T> _inner;

    /// <summary>Creates the deserializer.</summary>
    public AvroKafkaDeserializer(IRegistryClient registry, ConfluentDeserializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _inner = new ConfluentAvroDeserializer<T>(registry, options);
    }

    /// <inheritdoc/>
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        var hasHeader = SchemaIdHeaders.TryGet(context, out var header);
        return _inner.Deserialize(data, isNull, header, hasHeader)!;
    }

    /// <inheritdoc/>
    public async Task<T> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context)
    {
        var hasHeader = SchemaIdHeaders.TryGet(context, out var header);
        return (await _inner.DeserializeAsync(data, isNull, header, hasHeader).ConfigureAwait(false))!;
    }
}

using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Confluent.Kafka;

namespace Avro.Codegen.Kafka;

/// <summary>
/// A Confluent.Kafka deserializer for primitive keys and values (the types of
/// <see cref="AvroKafkaPrimitiveSerializer{T}"/>), reading every Confluent framing as Confluent's
/// <c>AvroDeserializer&lt;string&gt;</c>, <c>&lt;long&gt;</c>, ... do, with Avro resolution of other primitive writer
/// schemas (<c>"int"</c> read as <see cref="long"/>, ...). A null message (a tombstone) gives <c>default</c>.
/// </summary>
/// <remarks>Implements <see cref="IDeserializer{T}"/> and <see cref="IAsyncDeserializer{T}"/>. Thread-safe.</remarks>
/// <typeparam name="T">One of the supported primitive types; any other fails at construction.</typeparam>
public sealed class AvroKafkaPrimitiveDeserializer<T> : IDeserializer<T>, IAsyncDeserializer<T>
{
    // Confluent.Kafka's Null is read as the runtime's AvroNull (checking the writer schema is "null").
    private readonly ConfluentPrimitiveDeserializer<T>? _inner;
    private readonly ConfluentPrimitiveDeserializer<AvroNull>? _null;

    /// <summary>Creates the deserializer.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported primitive type.</exception>
    public AvroKafkaPrimitiveDeserializer(IRegistryClient registry, ConfluentDeserializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (typeof(T) == typeof(Null))
        {
            _null = new ConfluentPrimitiveDeserializer<AvroNull>(registry, options);
        }
        else
        {
            _inner = new ConfluentPrimitiveDeserializer<T>(registry, options);
        }
    }

    /// <inheritdoc/>
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        var hasHeader = SchemaIdHeaders.TryGet(context, out var header);
        if (_null is not null)
        {
            _null.Deserialize(data, isNull, header, hasHeader);
            return default!;
        }

        return _inner!.Deserialize(data, isNull, header, hasHeader)!;
    }

    /// <inheritdoc/>
    public async Task<T> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context)
    {
        var hasHeader = SchemaIdHeaders.TryGet(context, out var header);
        if (_null is not null)
        {
            await _null.DeserializeAsync(data, isNull, header, hasHeader).ConfigureAwait(false);
            return default!;
        }

        return (await _inner!.DeserializeAsync(data, isNull, header, hasHeader).ConfigureAwait(false))!;
    }
}

using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Confluent.Kafka;

namespace Avro.Codegen.Kafka;

/// <summary>
/// One-line Avro serdes for Confluent.Kafka builders:
/// <c>new ProducerBuilder&lt;string, OrderPlaced&gt;(config).SetAvroKeySerializer(registry).SetAvroValueSerializer(registry)</c>.
/// </summary>
/// <remarks>
/// Producers get the synchronous <see cref="ISerializer{T}"/> side of the serializers, which both <c>Produce</c> and
/// <c>ProduceAsync</c> accept (an <see cref="IAsyncSerializer{T}"/> would make <c>Produce</c> throw). Passing an
/// <see cref="AvroKafkaSerializer{T}"/> to <c>SetValueSerializer</c> directly is ambiguous (CS0121), because it implements
/// both interfaces; these methods pick one.
/// </remarks>
public static class AvroKafkaBuilderExtensions
{
    /// <summary>Serializes the producer's values (a generated record type) with <see cref="AvroKafkaSerializer{T}"/>.</summary>
    public static ProducerBuilder<TKey, TValue> SetAvroValueSerializer<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null)
        where TValue : class, IAvroRecord<TValue>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetValueSerializer((ISerializer<TValue>)new AvroKafkaSerializer<TValue>(registry, options));
    }

    /// <summary>Serializes the producer's keys (a generated record type) with <see cref="AvroKafkaSerializer{T}"/>.</summary>
    public static ProducerBuilder<TKey, TValue> SetAvroKeySerializer<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null)
        where TKey : class, IAvroRecord<TKey>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetKeySerializer((ISerializer<TKey>)new AvroKafkaSerializer<TKey>(registry, options));
    }

    /// <summary>Deserializes the consumer's values (a generated record type) with <see cref="AvroKafkaDeserializer{T}"/>.</summary>
    public static ConsumerBuilder<TKey, TValue> SetAvroValueDeserializer<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null)
        where TValue : class, IAvroRecord<TValue>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetValueDeserializer(new AvroKafkaDeserializer<TValue>(registry, options));
    }

    /// <summary>Deserializes the consumer's keys (a generated record type) with <see cref="AvroKafkaDeserializer{T}"/>.</summary>
    public static ConsumerBuilder<TKey, TValue> SetAvroKeyDeserializer<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null)
        where TKey : class, IAvroRecord<TKey>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetKeyDeserializer(new AvroKafkaDeserializer<TKey>(registry, options));
    }
}

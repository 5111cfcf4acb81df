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
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix)
        where TValue : class, IAvroRecord<TValue>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetValueSerializer((ISerializer<TValue>)new AvroKafkaSerializer<TValue>(registry, options, location));
    }

    /// <summary>Serializes the producer's keys (a generated record type) with <see cref="AvroKafkaSerializer{T}"/>.</summary>
    public static ProducerBuilder<TKey, TValue> SetAvroKeySerializer<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix)
        where TKey : class, IAvroRecord<TKey>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetKeySerializer((ISerializer<TKey>)new AvroKafkaSerializer<TKey>(registry, options, location));
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

    // Primitive keys and values: one overload per type, so an unsupported type does not compile (and a record type
    // picks the generic overloads above, whose constraint the primitives fail).

    /// <summary>Serializes the producer's values (a <see cref="string"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, string> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, string> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<string>)new AvroKafkaPrimitiveSerializer<string>(registry, options, location));

    /// <summary>Serializes the producer's keys (a <see cref="string"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<string, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<string, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<string>)new AvroKafkaPrimitiveSerializer<string>(registry, options, location));

    /// <summary>Deserializes the consumer's values (a <see cref="string"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, string> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, string> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<string>(registry, options));

    /// <summary>Deserializes the consumer's keys (a <see cref="string"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<string, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<string, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<string>(registry, options));

    /// <summary>Serializes the producer's values (an <see cref="int"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, int> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, int> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<int>)new AvroKafkaPrimitiveSerializer<int>(registry, options, location));

    /// <summary>Serializes the producer's keys (an <see cref="int"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<int, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<int, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<int>)new AvroKafkaPrimitiveSerializer<int>(registry, options, location));

    /// <summary>Deserializes the consumer's values (an <see cref="int"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, int> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, int> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<int>(registry, options));

    /// <summary>Deserializes the consumer's keys (an <see cref="int"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<int, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<int, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<int>(registry, options));

    /// <summary>Serializes the producer's values (a <see cref="long"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, long> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, long> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<long>)new AvroKafkaPrimitiveSerializer<long>(registry, options, location));

    /// <summary>Serializes the producer's keys (a <see cref="long"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<long, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<long, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<long>)new AvroKafkaPrimitiveSerializer<long>(registry, options, location));

    /// <summary>Deserializes the consumer's values (a <see cref="long"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, long> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, long> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<long>(registry, options));

    /// <summary>Deserializes the consumer's keys (a <see cref="long"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<long, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<long, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<long>(registry, options));

    /// <summary>Serializes the producer's values (a <see cref="float"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, float> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, float> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<float>)new AvroKafkaPrimitiveSerializer<float>(registry, options, location));

    /// <summary>Serializes the producer's keys (a <see cref="float"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<float, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<float, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<float>)new AvroKafkaPrimitiveSerializer<float>(registry, options, location));

    /// <summary>Deserializes the consumer's values (a <see cref="float"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, float> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, float> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<float>(registry, options));

    /// <summary>Deserializes the consumer's keys (a <see cref="float"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<float, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<float, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<float>(registry, options));

    /// <summary>Serializes the producer's values (a <see cref="double"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, double> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, double> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<double>)new AvroKafkaPrimitiveSerializer<double>(registry, options, location));

    /// <summary>Serializes the producer's keys (a <see cref="double"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<double, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<double, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<double>)new AvroKafkaPrimitiveSerializer<double>(registry, options, location));

    /// <summary>Deserializes the consumer's values (a <see cref="double"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, double> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, double> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<double>(registry, options));

    /// <summary>Deserializes the consumer's keys (a <see cref="double"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<double, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<double, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<double>(registry, options));

    /// <summary>Serializes the producer's values (a <see cref="bool"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, bool> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, bool> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<bool>)new AvroKafkaPrimitiveSerializer<bool>(registry, options, location));

    /// <summary>Serializes the producer's keys (a <see cref="bool"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<bool, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<bool, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<bool>)new AvroKafkaPrimitiveSerializer<bool>(registry, options, location));

    /// <summary>Deserializes the consumer's values (a <see cref="bool"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, bool> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, bool> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<bool>(registry, options));

    /// <summary>Deserializes the consumer's keys (a <see cref="bool"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<bool, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<bool, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<bool>(registry, options));

    /// <summary>Serializes the producer's values (a <c>byte[]</c>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, byte[]> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, byte[]> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<byte[]>)new AvroKafkaPrimitiveSerializer<byte[]>(registry, options, location));

    /// <summary>Serializes the producer's keys (a <c>byte[]</c>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<byte[], TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<byte[], TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<byte[]>)new AvroKafkaPrimitiveSerializer<byte[]>(registry, options, location));

    /// <summary>Deserializes the consumer's values (a <c>byte[]</c>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, byte[]> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, byte[]> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<byte[]>(registry, options));

    /// <summary>Deserializes the consumer's keys (a <c>byte[]</c>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<byte[], TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<byte[], TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<byte[]>(registry, options));

    /// <summary>Serializes the producer's values (<see cref="Null"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<TKey, Null> SetAvroValueSerializer<TKey>(this ProducerBuilder<TKey, Null> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetValueSerializer((ISerializer<Null>)new AvroKafkaPrimitiveSerializer<Null>(registry, options, location));

    /// <summary>Serializes the producer's keys (<see cref="Null"/>, Avro primitive) as Confluent's <c>AvroSerializer</c> does.</summary>
    public static ProducerBuilder<Null, TValue> SetAvroKeySerializer<TValue>(this ProducerBuilder<Null, TValue> builder,
        IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix) =>
        Checked(builder).SetKeySerializer((ISerializer<Null>)new AvroKafkaPrimitiveSerializer<Null>(registry, options, location));

    /// <summary>Deserializes the consumer's values (<see cref="Null"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<TKey, Null> SetAvroValueDeserializer<TKey>(this ConsumerBuilder<TKey, Null> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetValueDeserializer(new AvroKafkaPrimitiveDeserializer<Null>(registry, options));

    /// <summary>Deserializes the consumer's keys (<see cref="Null"/>, Avro primitive) as Confluent's <c>AvroDeserializer</c> does.</summary>
    public static ConsumerBuilder<Null, TValue> SetAvroKeyDeserializer<TValue>(this ConsumerBuilder<Null, TValue> builder,
        IRegistryClient registry, ConfluentDeserializerOptions? options = null) =>
        Checked(builder).SetKeyDeserializer(new AvroKafkaPrimitiveDeserializer<Null>(registry, options));

    private static TBuilder Checked<TBuilder>(TBuilder builder) where TBuilder : class =>
        builder ?? throw new ArgumentNullException(nameof(builder));
}

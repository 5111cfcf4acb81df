using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Confluent.Kafka;

namespace Avro.Codegen.Kafka;

/// <summary>
/// A Confluent.Kafka serializer for a generated Avro record type: Confluent framing (<c>0x00</c>, 4-byte big-endian
/// schema id, Avro body), with the id from the registry as <see cref="ConfluentAvroSerializer{T}"/> gets it (subject
/// naming, id source and caching are that class's). Keys and values are told apart by each message's
/// <see cref="SerializationContext"/>, so one instance serves both. A null record is a null message (a tombstone).
/// </summary>
/// <remarks>
/// Implements both <see cref="ISerializer{T}"/> and <see cref="IAsyncSerializer{T}"/>. Pass it to a builder through
/// <see cref="AvroKafkaBuilderExtensions"/> (which chooses the synchronous interface, so both <c>Produce</c> and
/// <c>ProduceAsync</c> work); the synchronous path blocks on the registry only the first time a topic is seen.
/// Thread-safe.
/// </remarks>
/// <typeparam name="T">A generated record type.</typeparam>
public sealed class AvroKafkaSerializer<T> : ISerializer<T>, IAsyncSerializer<T>
    where T : class, IAvroRecord<T>
{
    private readonly ConfluentAvroSerializer<T> _values;
    private readonly ConfluentAvroSerializer<T> _keys;
    private readonly SchemaIdLocation _location;

    /// <summary>Creates the serializer.</summary>
    /// <param name="registry">The schema registry client (one per process is the intended use).</param>
    /// <param name="options">Subject naming and id source; its <see cref="ConfluentSerializerOptions.IsKey"/> is ignored
    /// (each message's context says whether it is a key).</param>
    /// <param name="location">Where the schema id goes: before the body (default) or in a record header.</param>
    public AvroKafkaSerializer(IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix)
    {
        _location = location;
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new ConfluentSerializerOptions();
        _values = new ConfluentAvroSerializer<T>(registry, SerdeOptions.ForComponent(options, isKey: false));
        _keys = new ConfluentAvroSerializer<T>(registry, SerdeOptions.ForComponent(options, isKey: true));
    }

    /// <inheritdoc/>
    public byte[] Serialize(T data, SerializationContext context)
    {
        if (_location == SchemaIdLocation.Prefix || data is null)
        {
            return For(context).Serialize(data, context.Topic)!;
        }

        var guid = For(context).GetSchemaGuidAsync(context.Topic);
        SchemaIdHeaders.Add(context, guid.IsCompletedSuccessfully ? guid.Result : guid.AsTask().GetAwaiter().GetResult());
        return AvroSerializer.Serialize(data);
    }

    /// <inheritdoc/>
    public async Task<byte[]> SerializeAsync(T data, SerializationContext context)
    {
        if (_location == SchemaIdLocation.Prefix || data is null)
        {
            return (await For(context).SerializeAsync(data, context.Topic).ConfigureAwait(false))!;
        }

        SchemaIdHeaders.Add(context, await For(context).GetSchemaGuidAsync(context.Topic).ConfigureAwait(false));
        return AvroSerializer.Serialize(data);
    }

    private ConfluentAvroSerializer<T> For(SerializationContext context) =>
        context.Component == MessageComponentType.Key ? _keys : _values;
}

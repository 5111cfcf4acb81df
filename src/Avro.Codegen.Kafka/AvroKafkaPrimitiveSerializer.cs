using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Confluent.Kafka;

namespace Avro.Codegen.Kafka;

/// <summary>
/// A Confluent.Kafka serializer for primitive keys and values: <see cref="string"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="float"/>, <see cref="double"/>, <see cref="bool"/>, <c>byte[]</c> and
/// <see cref="Null"/> (the Avro <c>null</c> type). Bytes, registered schema (<c>"string"</c>, <c>"long"</c>, ...) and
/// subject are those of Confluent's <c>AvroSerializer&lt;string&gt;</c>, <c>&lt;long&gt;</c>, ... (see
/// <see cref="ConfluentPrimitiveSerializer{T}"/>). A null <see cref="string"/> or <c>byte[]</c> is a tombstone.
/// </summary>
/// <remarks>Implements <see cref="ISerializer{T}"/> and <see cref="IAsyncSerializer{T}"/>. Thread-safe.</remarks>
/// <typeparam name="T">One of the supported primitive types; any other fails at construction.</typeparam>
public sealed class AvroKafkaPrimitiveSerializer<T> : ISerializer<T>, IAsyncSerializer<T>
{
    // Confluent.Kafka's Null is written as the runtime's AvroNull; every other T as itself.
    private readonly Side<T>? _keys, _values;
    private readonly Side<AvroNull>? _nullKeys, _nullValues;
    private readonly SchemaIdLocation _location;

    /// <summary>Creates the serializer.</summary>
    /// <param name="registry">The schema registry client.</param>
    /// <param name="options">Subject naming and id source (RecordName strategies need a record and are refused);
    /// <see cref="ConfluentSerializerOptions.IsKey"/> is ignored (each message's context says).</param>
    /// <param name="location">Where the schema id goes: before the body (default) or in a record header.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported primitive type.</exception>
    public AvroKafkaPrimitiveSerializer(IRegistryClient registry, ConfluentSerializerOptions? options = null, SchemaIdLocation location = SchemaIdLocation.Prefix)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new ConfluentSerializerOptions();
        _location = location;
        if (typeof(T) == typeof(Null))
        {
            _nullKeys = new Side<AvroNull>(registry, SerdeOptions.ForComponent(options, isKey: true));
            _nullValues = new Side<AvroNull>(registry, SerdeOptions.ForComponent(options, isKey: false));
        }
        else
        {
            _keys = new Side<T>(registry, SerdeOptions.ForComponent(options, isKey: true));
            _values = new Side<T>(registry, SerdeOptions.ForComponent(options, isKey: false));
        }
    }

    /// <inheritdoc/>
    public byte[] Serialize(T data, SerializationContext context)
    {
        // With sync, every registry call inside blocks, so the task has completed when it returns.
        var pending = SerializeAsync(data, context, sync: true);
        return pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public Task<byte[]> SerializeAsync(T data, SerializationContext context) => SerializeAsync(data, context, sync: false).AsTask();

    private ValueTask<byte[]> SerializeAsync(T data, SerializationContext context, bool sync)
    {
        var isKey = context.Component == MessageComponentType.Key;
        return _nullKeys is not null
            ? (isKey ? _nullKeys : _nullValues!).SerializeAsync(default, context, _location, sync)
            : (isKey ? _keys : _values)!.SerializeAsync(data, context, _location, sync);
    }

    private sealed class Side<TValue>(IRegistryClient registry, ConfluentSerializerOptions options)
    {
        private readonly ConfluentPrimitiveSerializer<TValue> _inner = new(registry, options);

        public async ValueTask<byte[]> SerializeAsync(TValue? value, SerializationContext context, SchemaIdLocation location, bool sync)
        {
            if (location == SchemaIdLocation.Prefix || (value is null && typeof(TValue) != typeof(AvroNull)))
            {
                return (sync ? _inner.Serialize(value, context.Topic) : await _inner.SerializeAsync(value, context.Topic).ConfigureAwait(false))!;
            }

            var guid = _inner.GetSchemaGuidAsync(context.Topic);
            SchemaIdHeaders.Add(context, sync && !guid.IsCompleted ? guid.AsTask().GetAwaiter().GetResult() : await guid.ConfigureAwait(false));
            return ConfluentPrimitiveSerializer<TValue>.SerializeBody(value!);
        }
    }
}

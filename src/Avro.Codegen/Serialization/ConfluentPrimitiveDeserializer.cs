using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Reads a primitive key or value (see <see cref="ConfluentPrimitiveSerializer{T}"/>) from any Confluent framing, as
/// Confluent's <c>AvroDeserializer&lt;string&gt;</c>, <c>&lt;long&gt;</c>, ... do. A writer schema other than the
/// type's own is resolved by the Avro rules (an <c>"int"</c> writer read as <see cref="long"/>, <c>"bytes"</c> as
/// <see cref="string"/>, ...); one the type cannot read raises <see cref="AvroSchemaMismatchException"/>.
/// </summary>
/// <remarks>A <c>"bytes"</c> writer's body is taken raw, as Confluent writes it (see <see cref="ConfluentPrimitiveSerializer{T}"/>).
/// Null messages (tombstones) give <see langword="null"/> (<c>default</c>) without any registry call. Thread-safe.</remarks>
/// <typeparam name="T">A supported primitive type (see <see cref="AvroPrimitive"/>).</typeparam>
public sealed class ConfluentPrimitiveDeserializer<T>
{
    private readonly ConfluentDeserializerOptions _options;
    private readonly WriterPlanCache _plans;

    /// <summary>Creates a deserializer.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported primitive type.</exception>
    public ConfluentPrimitiveDeserializer(IRegistryClient client, ConfluentDeserializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new ConfluentDeserializerOptions();
        AvroPrimitive.TypeName<T>();
        _plans = new WriterPlanCache(client, _options, writer => SchemaResolution.GetPlan(writer, AvroPrimitive.Schema<T>()), typeof(T).Name);
    }

    /// <summary>
    /// Reads one message. With <paramref name="hasSchemaIdHeader"/>, the schema id comes from
    /// <paramref name="schemaIdHeader"/> (the record header's value) and <paramref name="data"/> is the bare body.
    /// </summary>
    public T? Deserialize(ReadOnlySpan<byte> data, bool isNull = false, ReadOnlySpan<byte> schemaIdHeader = default, bool hasSchemaIdHeader = false)
    {
        if (isNull)
        {
            return default;
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
            return default;
        }

        var id = ConfluentFraming.ReadSchemaId(data.Span, schemaIdHeader.Span, hasSchemaIdHeader, out var body);
        var bodyOffset = data.Length - body.Length;
        var plan = await _plans.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return Decode(plan, data.Span[bodyOffset..]);
    }

    private T Decode(ResolutionPlan plan, ReadOnlySpan<byte> body)
    {
        // Confluent writes the "bytes" schema raw (no Avro length prefix): the whole body is the value.
        if (plan.WriterSchema.Kind == SchemaKind.Bytes)
        {
            if (typeof(T) == typeof(byte[]))
            {
                return (T)(object)body.ToArray();
            }

            return AvroPrimitive.Deserialize<T>(plan.Transcode(AvroPrimitive.Serialize(body.ToArray()), _options.ReaderOptions), _options.ReaderOptions);
        }

        return plan.IsIdentity
            ? AvroPrimitive.Deserialize<T>(body, _options.ReaderOptions)
            : AvroPrimitive.Deserialize<T>(plan.Transcode(body, _options.ReaderOptions), _options.ReaderOptions);
    }
}

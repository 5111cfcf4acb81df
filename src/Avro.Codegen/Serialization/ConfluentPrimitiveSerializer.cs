using System.Buffers;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Serialization;

/// <summary>
/// Writes a primitive key or value (<see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>,
/// <see cref="double"/>, <see cref="bool"/>, <c>byte[]</c>, <see cref="AvroNull"/>) as a Confluent-framed message under
/// the schema <c>"string"</c>, <c>"long"</c>, ...: the same bytes and the same registered schema and subject as
/// Confluent's <c>AvroSerializer&lt;string&gt;</c>, <c>&lt;long&gt;</c>, .... Ids are resolved and cached as
/// <see cref="ConfluentAvroSerializer{T}"/> does.
/// </summary>
/// <remarks>
/// A null <see cref="string"/> or <c>byte[]</c> is a tombstone (<see langword="null"/>, no registry call);
/// <see cref="AvroNull"/> is the Avro <c>null</c> type and is written as a header with an empty body. A <c>byte[]</c> is
/// written raw after the header, without the Avro length prefix, as Confluent's serializers (Java and .NET) write the
/// <c>"bytes"</c> schema. Subjects follow
/// the TopicName strategy or a <see cref="SubjectNamer"/> (given the Avro type name); the RecordName strategies need a
/// named type and are refused. Thread-safe.
/// </remarks>
/// <typeparam name="T">A supported primitive type (see <see cref="AvroPrimitive"/>).</typeparam>
public sealed class ConfluentPrimitiveSerializer<T>
{
    private readonly SchemaIdCache _ids;

    /// <summary>Creates a serializer.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported primitive type.</exception>
    /// <exception cref="ArgumentException">A RecordName strategy, or <see cref="SchemaIdSource.UseSchemaId"/> without an id.</exception>
    public ConfluentPrimitiveSerializer(IRegistryClient client, ConfluentSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var name = AvroPrimitive.TypeName<T>();
        _ids = new SchemaIdCache(client, options ?? new ConfluentSerializerOptions(),
            new WriterSchema(new RegistrySchema(AvroPrimitive.SchemaJson<T>()), null, name, AvroPrimitive.Fingerprint<T>(), typeof(T).Name));
    }

    /// <summary>The subject this serializer uses for <paramref name="topic"/>.</summary>
    public string SubjectFor(string topic) => _ids.SubjectFor(topic);

    /// <summary>The schema id written for <paramref name="topic"/>, from the cache or the registry.</summary>
    public ValueTask<int> GetSchemaIdAsync(string topic, CancellationToken cancellationToken = default) => _ids.GetIdAsync(topic, cancellationToken);

    /// <summary>The GUID of the schema whose id is written for <paramref name="topic"/> (what Confluent's header framing carries).</summary>
    public ValueTask<Guid> GetSchemaGuidAsync(string topic, CancellationToken cancellationToken = default) => _ids.GetGuidAsync(topic, cancellationToken);

    /// <summary>Serializes <paramref name="value"/> for <paramref name="topic"/>; <see langword="null"/> for a tombstone.</summary>
    public byte[]? Serialize(T? value, string topic)
    {
        if (IsTombstone(value))
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(32);
        Write(value!, _ids.Id(topic), output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Serializes <paramref name="value"/> for <paramref name="topic"/>; <see langword="null"/> for a tombstone.</summary>
    public async ValueTask<byte[]?> SerializeAsync(T? value, string topic, CancellationToken cancellationToken = default)
    {
        if (IsTombstone(value))
        {
            return null;
        }

        var id = await _ids.GetIdAsync(topic, cancellationToken).ConfigureAwait(false);
        var output = new ArrayBufferWriter<byte>(32);
        Write(value!, id, output);
        return output.WrittenSpan.ToArray();
    }

    private static bool IsTombstone(T? value) => value is null && typeof(T) != typeof(AvroNull);

    private static void Write(T value, int id, IBufferWriter<byte> output)
    {
        var writer = new AvroWriter(output);
        writer.Advance(ConfluentFraming.WriteHeader(writer.GetSpan(ConfluentFraming.HeaderLength), id));
        if (typeof(T) == typeof(byte[]))
        {
            writer.WriteRaw((byte[])(object)value!);
        }
        else
        {
            AvroPrimitive.Write(ref writer, value);
        }

        writer.Flush();
    }

    /// <summary>
    /// The message body for <paramref name="value"/> (without framing), as Confluent writes it: the Avro encoding,
    /// except that <c>byte[]</c> is written raw, without the Avro length prefix (Confluent's Java and .NET serializers
    /// do so for the <c>"bytes"</c> schema, and their deserializers expect it).
    /// </summary>
    public static byte[] SerializeBody(T value) =>
        typeof(T) == typeof(byte[]) ? ((byte[])(object)value!).ToArray() : AvroPrimitive.Serialize(value);
}

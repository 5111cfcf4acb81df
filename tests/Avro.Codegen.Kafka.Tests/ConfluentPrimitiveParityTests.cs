using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>
/// Primitive keys and values against Confluent's own <c>AvroSerializer&lt;T&gt;</c>/<c>AvroDeserializer&lt;T&gt;</c> 2.16,
/// both talking HTTP to the registry emulator: the same bytes, registered schema and subject, and each side reads the
/// other's messages, with the id before the body and in the record headers.
/// </summary>
public sealed class ConfluentPrimitiveParityTests : IAsyncLifetime
{
    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static SerializationContext Context(MessageComponentType component, string topic, Headers? headers = null) => new(component, topic, headers ?? new Headers());

    public static TheoryData<string> TypeNames() => ["string", "int", "long", "float", "double", "boolean", "bytes", "null"];

    [Theory]
    [MemberData(nameof(TypeNames))]
    public Task Values_match_Confluent(string type) => Dispatch(type, MessageComponentType.Value, SchemaIdSerializerStrategy.Prefix);

    [Theory]
    [MemberData(nameof(TypeNames))]
    public Task Keys_match_Confluent(string type) => Dispatch(type, MessageComponentType.Key, SchemaIdSerializerStrategy.Prefix);

    [Theory]
    [MemberData(nameof(TypeNames))]
    public Task Header_ids_match_Confluent(string type) => Dispatch(type, MessageComponentType.Value, SchemaIdSerializerStrategy.Header);

    [Theory]
    [MemberData(nameof(TypeNames))]
    public Task Key_header_ids_match_Confluent(string type) => Dispatch(type, MessageComponentType.Key, SchemaIdSerializerStrategy.Header);

    private Task Dispatch(string type, MessageComponentType component, SchemaIdSerializerStrategy strategy) => type switch
    {
        "string" => AssertParity("Zoë ✓ keys", component, strategy),
        "int" => AssertParity(-123_456, component, strategy),
        "long" => AssertParity(long.MinValue + 1, component, strategy),
        "float" => AssertParity(3.25f, component, strategy),
        "double" => AssertParity(-1e300, component, strategy),
        "boolean" => AssertParity(true, component, strategy),
        "bytes" => AssertParity(new byte[] { 0, 1, 0xFF, 0x80 }, component, strategy),
        _ => AssertParity<Null>(null!, component, strategy),
    };

    private async Task AssertParity<T>(T value, MessageComponentType component, SchemaIdSerializerStrategy strategy)
    {
        var location = strategy == SchemaIdSerializerStrategy.Header ? SchemaIdLocation.Header : SchemaIdLocation.Prefix;
        var topic = "parity-" + typeof(T).Name.ToLowerInvariant();
        var theirs = new AvroSerializer<T>(_emulator.ConfluentClient, new AvroSerializerConfig { SchemaIdStrategy = strategy });
        var ours = new AvroKafkaPrimitiveSerializer<T>(_emulator.Ours, location: location);

        var theirHeaders = new Headers();
        var theirBytes = await theirs.SerializeAsync(value, Context(component, topic, theirHeaders));
        var ourHeaders = new Headers();
        var ourBytes = ours.Serialize(value, Context(component, topic, ourHeaders));
        var ourAsyncHeaders = new Headers();
        var ourAsyncBytes = await ours.SerializeAsync(value, Context(component, topic, ourAsyncHeaders));

        Assert.Equal(theirBytes, ourBytes);
        Assert.Equal(theirBytes, ourAsyncBytes);
        Assert.Equal(Describe(theirHeaders), Describe(ourHeaders));
        Assert.Equal(Describe(theirHeaders), Describe(ourAsyncHeaders));
        if (strategy == SchemaIdSerializerStrategy.Header)
        {
            Assert.Single(ourHeaders);
            Assert.Equal(ConfluentFraming.GuidMagicByte, ourHeaders[0].GetValueBytes()[0]);
        }

        // One subject, one version: both registered the same schema text.
        var subject = topic + (component == MessageComponentType.Key ? "-key" : "-value");
        Assert.Equal([subject], _emulator.Server.Registry.GetSubjects());
        var registered = _emulator.Server.Registry.GetLatestVersion(subject);
        Assert.Equal(1, registered.Version);
        Assert.Equal(typeof(T) == typeof(Null) ? "\"null\"" : AvroPrimitive.SchemaJson<T>(), registered.Schema.Schema);

        // Each side reads the other's message.
        var theirReader = new AvroDeserializer<T>(_emulator.ConfluentClient);
        var ourReader = new AvroKafkaPrimitiveDeserializer<T>(_emulator.Ours);
        Assert.Equal(value, await theirReader.DeserializeAsync(ourBytes, false, Context(component, topic, ourHeaders)));
        Assert.Equal(value, ourReader.Deserialize(theirBytes, false, Context(component, topic, theirHeaders)));
        Assert.Equal(value, await ourReader.DeserializeAsync(theirBytes, false, Context(component, topic, theirHeaders)));
    }

    private static string Describe(Headers headers) => string.Join(";", headers.Select(h => h.Key + "=" + Convert.ToHexString(h.GetValueBytes())));

    [Fact]
    public async Task Null_strings_and_byte_arrays_are_tombstones_as_in_Confluent()
    {
        var context = Context(MessageComponentType.Value, "t");
        Assert.Null(await new AvroSerializer<string>(_emulator.ConfluentClient).SerializeAsync(null!, context));
        Assert.Null(new AvroKafkaPrimitiveSerializer<string>(_emulator.Ours).Serialize(null!, context));
        Assert.Null(await new AvroKafkaPrimitiveSerializer<byte[]>(_emulator.Ours, location: SchemaIdLocation.Header).SerializeAsync(null!, context));
        Assert.Empty(context.Headers);
        Assert.Null(new AvroKafkaPrimitiveDeserializer<string>(_emulator.Ours).Deserialize(default, isNull: true, context));
        Assert.Empty(_emulator.Server.Registry.GetSubjects());
    }

    [Fact]
    public async Task An_int_writer_is_read_as_long_and_a_string_writer_is_not_read_as_long()
    {
        var intBytes = await new AvroSerializer<int>(_emulator.ConfluentClient).SerializeAsync(77, Context(MessageComponentType.Value, "ints"));
        var stringBytes = await new AvroSerializer<string>(_emulator.ConfluentClient).SerializeAsync("x", Context(MessageComponentType.Value, "strings"));
        var reader = new AvroKafkaPrimitiveDeserializer<long>(_emulator.Ours);

        Assert.Equal(77L, reader.Deserialize(intBytes, false, Context(MessageComponentType.Value, "ints")));
        var error = Assert.Throws<AvroSchemaMismatchException>(() => reader.Deserialize(stringBytes, false, Context(MessageComponentType.Value, "strings")));
        Assert.Contains("Int64 cannot read", error.Message);
    }

    [Fact]
    public void Unsupported_types_and_record_strategies_are_refused_at_construction()
    {
        var type = Assert.Throws<NotSupportedException>(() => new AvroKafkaPrimitiveSerializer<Guid>(_emulator.Ours));
        Assert.Contains("System.Guid is not an Avro primitive type", type.Message);
        Assert.Throws<NotSupportedException>(() => new AvroKafkaPrimitiveDeserializer<decimal>(_emulator.Ours));
        var strategy = Assert.Throws<ArgumentException>(() =>
            new AvroKafkaPrimitiveSerializer<string>(_emulator.Ours, new ConfluentSerializerOptions { SubjectNamingStrategy = SubjectNamingStrategy.RecordName }));
        Assert.Contains("RecordName subject strategy", strategy.Message);
    }

    [Fact]
    public async Task A_custom_subject_namer_gets_the_Avro_type_name()
    {
        var serializer = new AvroKafkaPrimitiveSerializer<long>(_emulator.Ours,
            new ConfluentSerializerOptions { SubjectNamer = (topic, isKey, name) => $"{topic}.{(isKey ? "k" : "v")}.{name}" });

        await serializer.SerializeAsync(5, Context(MessageComponentType.Key, "t"));

        Assert.Equal(["t.k.long"], _emulator.Server.Registry.GetSubjects());
    }

    [Fact]
    public void Header_ids_need_the_message_headers()
    {
        var serializer = new AvroKafkaPrimitiveSerializer<string>(_emulator.Ours, location: SchemaIdLocation.Header);

        var error = Assert.Throws<InvalidOperationException>(() => serializer.Serialize("x", new SerializationContext(MessageComponentType.Value, "t", null)));
        Assert.Contains("__value_schema_id", error.Message);
    }
}

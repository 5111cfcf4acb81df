using System.Buffers.Binary;
using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Confluent.Kafka;
using kafka.tests;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>The record serdes called as Confluent.Kafka calls them, with real <see cref="SerializationContext"/>s.</summary>
public sealed class SerdeTests : IDisposable
{
    private readonly IRegistryClient _registry = RegistryClient.Create("mock://" + Guid.NewGuid().ToString("N"));

    public void Dispose() => _registry.Dispose();

    private static SerializationContext Value(string topic, Headers? headers = null) => new(MessageComponentType.Value, topic, headers);

    private static SerializationContext Key(string topic, Headers? headers = null) => new(MessageComponentType.Key, topic, headers);

    private static readonly OrderPlaced Sample = new() { OrderId = "o-9", Amount = 3.25, Note = null };

    [Fact]
    public async Task Keys_and_values_register_under_their_own_subjects_and_frame_with_the_id()
    {
        var serializer = new AvroKafkaSerializer<OrderPlaced>(_registry);

        var value = serializer.Serialize(Sample, Value("t"));
        var key = await serializer.SerializeAsync(Sample, Key("t"));

        var valueId = (await _registry.GetLatestSchemaAsync("t-value")).Id;
        var keyId = (await _registry.GetLatestSchemaAsync("t-key")).Id;
        Assert.Equal(0, value[0]);
        Assert.Equal(valueId, BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1)));
        Assert.Equal(keyId, BinaryPrimitives.ReadInt32BigEndian(key.AsSpan(1)));
        Assert.Equal(AvroSerializer.Serialize(Sample), value[5..]);
        Assert.Equal(value[5..], key[5..]);
    }

    [Fact]
    public async Task Options_choose_the_subject_strategy_for_both_sides()
    {
        var serializer = new AvroKafkaSerializer<OrderPlaced>(_registry,
            new ConfluentSerializerOptions { SubjectNamingStrategy = SubjectNamingStrategy.TopicRecordName, IsKey = true });

        serializer.Serialize(Sample, Value("t"));

        // IsKey in the options is ignored: the context said "value", and TopicRecordName has no -key/-value suffix anyway.
        Assert.Equal(["t-kafka.tests.OrderPlaced"], await _registry.GetSubjectsAsync());
    }

    [Fact]
    public async Task Schema_references_reach_both_sides_serializers()
    {
        var serializer = new AvroKafkaSerializer<Parcel>(_registry,
            new ConfluentSerializerOptions { UseSchemaReferences = true, ReferenceSubjectNamer = name => "shared-" + name });
        var parcel = new Parcel { Label = "box", Weight = new Weight { Grams = 1200 } };

        var value = await serializer.SerializeAsync(parcel, Value("parcels"));
        var key = serializer.Serialize(parcel, Key("parcels"));

        Assert.Equal(["parcels-key", "parcels-value", "shared-kafka.tests.Weight"], (await _registry.GetSubjectsAsync()).Order(StringComparer.Ordinal));
        var expected = new RegistryReference("kafka.tests.Weight", "shared-kafka.tests.Weight", 1);
        Assert.Equal([expected], (await _registry.GetLatestSchemaAsync("parcels-value")).Schema.References);
        Assert.Equal([expected], (await _registry.GetLatestSchemaAsync("parcels-key")).Schema.References);
        var back = await new AvroKafkaDeserializer<Parcel>(_registry).DeserializeAsync(value, isNull: false, Value("parcels"));
        Assert.Equal(parcel, back);
        Assert.Equal(value[5..], key[5..]);
    }

    [Fact]
    public async Task Null_records_are_tombstones_both_ways_without_a_registry_call()
    {
        var serializer = new AvroKafkaSerializer<OrderPlaced>(_registry);
        var deserializer = new AvroKafkaDeserializer<OrderPlaced>(_registry);

        Assert.Null(serializer.Serialize(null!, Value("t")));
        Assert.Null(await serializer.SerializeAsync(null!, Value("t")));
        Assert.Null(deserializer.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, Value("t")));
        Assert.Null(await deserializer.DeserializeAsync(ReadOnlyMemory<byte>.Empty, isNull: true, Value("t")));
        Assert.Empty(await _registry.GetSubjectsAsync());
    }

    [Fact]
    public async Task The_deserializer_reads_the_schema_id_from_the_header_of_its_component()
    {
        var id = await _registry.RegisterSchemaAsync("t-value", new RegistrySchema(OrderPlaced.AvroSchemaJson));
        var header = new byte[5];
        ConfluentFraming.WriteHeader(header, id);
        var headers = new Headers { { ConfluentFraming.ValueSchemaIdHeader, header } };
        var body = AvroSerializer.Serialize(Sample);
        var deserializer = new AvroKafkaDeserializer<OrderPlaced>(_registry);

        Assert.Equal(Sample, deserializer.Deserialize(body, false, Value("t", headers)));
        Assert.Equal(Sample, await deserializer.DeserializeAsync(body, false, Value("t", headers)));
        // A key is not read with the value's header: without a key header, the body must be framed.
        var error = Assert.ThrowsAny<AvroDataException>(() => deserializer.Deserialize(body, false, Key("t", headers)));
        Assert.Contains("magic byte", error.Message);
    }

    [Fact]
    public void Wrong_bytes_are_a_specific_error()
    {
        var deserializer = new AvroKafkaDeserializer<OrderPlaced>(_registry);

        Assert.Throws<AvroUnknownSchemaException>(() => deserializer.Deserialize(new byte[] { 0, 0, 0, 0, 99, 2 }, false, Value("t")));
        Assert.Throws<AvroDataException>(() => deserializer.Deserialize(new byte[] { 0, 0 }, false, Value("t")));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new AvroKafkaSerializer<OrderPlaced>(null!));
        Assert.Throws<ArgumentNullException>(() => new AvroKafkaDeserializer<OrderPlaced>(null!));
        Assert.Throws<ArgumentNullException>(() => AvroKafkaBuilderExtensions.SetAvroValueSerializer<string, OrderPlaced>(null!, _registry));
    }
}

/// <summary>Records with the schema id in the record headers, read back by our deserializer and by Confluent's generic one.</summary>
public sealed class RecordHeaderIdTests : IAsyncLifetime
{
    private Avro.Codegen.TestRegistry.TestRegistryServer _server = null!;
    private RegistryClient _ours = null!;

    public async Task InitializeAsync()
    {
        _server = await Avro.Codegen.TestRegistry.TestRegistryServer.StartAsync();
        _ours = new RegistryClient(RegistryClientOptions.ForUrl(_server.BaseAddress.ToString()));
    }

    public async Task DisposeAsync()
    {
        _ours.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Header_ids_carry_the_schema_guid_and_the_body_is_bare()
    {
        var sample = new OrderPlaced { OrderId = "h-1", Amount = 1.5, Note = "n" };
        var serializer = new AvroKafkaSerializer<OrderPlaced>(_ours, location: SchemaIdLocation.Header);
        var headers = new Headers();
        var context = new SerializationContext(MessageComponentType.Value, "hdr", headers);

        var body = serializer.Serialize(sample, context);
        var again = await serializer.SerializeAsync(sample, context);

        Assert.Equal(AvroSerializer.Serialize(sample), body);
        Assert.Equal(body, again);
        var header = Assert.Single(headers);
        Assert.Equal(ConfluentFraming.ValueSchemaIdHeader, header.Key);
        var registered = _server.Registry.GetLatestVersion("hdr-value");
        Assert.Equal(ConfluentSchemaId.FromGuid(registered.Guid!.Value), ConfluentFraming.ReadSchemaIdHeader(header.GetValueBytes()));
        Assert.Equal(sample, new AvroKafkaDeserializer<OrderPlaced>(_ours).Deserialize(body, false, context));

        using var confluent = new Confluent.SchemaRegistry.CachedSchemaRegistryClient(
            new Confluent.SchemaRegistry.SchemaRegistryConfig { Url = _server.BaseAddress.ToString() });
        var generic = await new Confluent.SchemaRegistry.Serdes.AvroDeserializer<global::Avro.Generic.GenericRecord>(confluent)
            .DeserializeAsync(body, false, context);
        Assert.Equal("h-1", generic["orderId"]);
        Assert.Equal(1.5, generic["amount"]);
    }
}

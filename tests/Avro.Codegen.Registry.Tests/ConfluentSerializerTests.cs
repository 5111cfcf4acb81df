using System.Buffers;
using System.Buffers.Binary;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema.Compatibility;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.tests;

namespace Avro.Codegen.Registry.Tests;

/// <summary>The Confluent serializer and deserializer over generated records, against the emulator and mock://.</summary>
public sealed class ConfluentSerializerTests : IAsyncLifetime
{
    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static Order SampleOrder() => new() { Id = 42, Customer = "Zoë", Amount = 9.5, Note = "gift", Tags = ["a", "b"] };

    private static void AssertSameOrder(Order expected, Order? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Id, expected.Customer, expected.Amount, expected.Note), (actual.Id, actual.Customer, actual.Amount, actual.Note));
        Assert.Equal(expected.Tags, actual.Tags);
    }

    // The Order schema with a different doc: another registry schema (and id), the same canonical form.
    private const string OrderOtherDoc = """{"type":"record","name":"Order","namespace":"registry.tests","doc":"changed","fields":[{"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"amount","type":"double"},{"name":"note","type":["null","string"],"default":null},{"name":"tags","type":{"type":"array","items":"string"},"default":[]}]}""";

    // An evolved Order: one more field. Decoding it as Order needs schema resolution.
    private const string OrderV2 = """{"type":"record","name":"Order","namespace":"registry.tests","fields":[{"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"amount","type":"double"},{"name":"note","type":["null","string"],"default":null},{"name":"tags","type":{"type":"array","items":"string"},"default":[]},{"name":"currency","type":"string","default":"EUR"}]}""";

    [Fact]
    public async Task Auto_registers_under_topic_value_and_frames_with_the_id()
    {
        _emulator.Server.Registry.Register("unrelated", new RegistrySchema("\"int\""));
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours);

        var bytes = await serializer.SerializeAsync(SampleOrder(), "orders");

        Assert.NotNull(bytes);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(2, _emulator.Server.Registry.GetLatestVersion("orders-value").Id);
        Assert.Equal(AvroSerializer.Serialize(SampleOrder()), bytes[5..]);
        var back = new ConfluentAvroDeserializer<Order>(_emulator.Ours).Deserialize(bytes);
        AssertSameOrder(SampleOrder(), back);
    }

    [Theory]
    [InlineData(SubjectNamingStrategy.TopicName, false, "orders-value")]
    [InlineData(SubjectNamingStrategy.TopicName, true, "orders-key")]
    [InlineData(SubjectNamingStrategy.RecordName, false, "registry.tests.Order")]
    [InlineData(SubjectNamingStrategy.TopicRecordName, false, "orders-registry.tests.Order")]
    public void Subject_name_strategies(SubjectNamingStrategy strategy, bool isKey, string expected)
    {
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SubjectNamingStrategy = strategy, IsKey = isKey });

        serializer.Serialize(SampleOrder(), "orders");

        Assert.Equal(expected, serializer.SubjectFor("orders"));
        Assert.Equal([expected], _emulator.Server.Registry.GetSubjects());
    }

    [Fact]
    public void A_custom_subject_namer_wins()
    {
        var options = new ConfluentSerializerOptions
        {
            SubjectNamingStrategy = SubjectNamingStrategy.RecordName,
            SubjectNamer = (topic, isKey, record) => $"{topic}|{isKey}|{record}",
        };

        new ConfluentAvroSerializer<Order>(_emulator.Ours, options).Serialize(SampleOrder(), "t");

        Assert.Equal(["t|False|registry.tests.Order"], _emulator.Server.Registry.GetSubjects());
    }

    [Fact]
    public void The_id_is_cached_per_topic_so_later_messages_make_no_request()
    {
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours);
        serializer.Serialize(SampleOrder(), "orders");
        var requests = _emulator.Server.Stats.RequestCount;

        for (var i = 0; i < 10; i++)
        {
            serializer.Serialize(SampleOrder(), "orders");
        }

        Assert.Equal(requests, _emulator.Server.Stats.RequestCount);
        serializer.Serialize(SampleOrder(), "other-topic");
        Assert.Equal(requests + 1, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public void Writing_into_a_buffer_writer_allocates_nothing_once_the_id_is_cached()
    {
        using var client = RegistryClient.Create("mock://alloc-" + Guid.NewGuid().ToString("N"));
        var serializer = new ConfluentAvroSerializer<Order>(client);
        var order = SampleOrder();
        var output = new ArrayBufferWriter<byte>(4096);
        serializer.Serialize(order, "orders", output);
        var expected = output.WrittenSpan.ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            output.ResetWrittenCount();
            serializer.Serialize(order, "orders", output);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task Use_latest_takes_the_latest_id_without_registering()
    {
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(OrderOtherDoc)).Id;
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseLatest });

        var bytes = await serializer.SerializeAsync(SampleOrder(), "orders");

        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal([1], _emulator.Server.Registry.GetVersions("orders-value"));
        Assert.DoesNotContain(_emulator.Server.Stats.Recent, r => r.Method == "POST");
    }

    [Fact]
    public async Task Use_latest_refuses_a_latest_schema_that_is_not_the_records()
    {
        _emulator.Server.Registry.Register("orders-value", new RegistrySchema(OrderV2));
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseLatest });

        var e = await Assert.ThrowsAsync<AvroSchemaMismatchException>(() => serializer.SerializeAsync(SampleOrder(), "orders").AsTask());

        Assert.Contains("latest of subject 'orders-value'", e.Message, StringComparison.Ordinal);
        Assert.Equal(Order.AvroSchemaFingerprint, e.ReaderFingerprint);
    }

    [Fact]
    public void A_fixed_schema_id_is_written_when_it_names_the_records_schema()
    {
        var good = _emulator.Server.Registry.Register("x", new RegistrySchema(OrderOtherDoc)).Id;
        var bad = _emulator.Server.Registry.Register("y", new RegistrySchema(OrderV2)).Id;

        var bytes = new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseSchemaId, SchemaId = good })
            .Serialize(SampleOrder(), "orders")!;
        var mismatch = Assert.Throws<AvroSchemaMismatchException>(() =>
            new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseSchemaId, SchemaId = bad })
                .Serialize(SampleOrder(), "orders"));

        Assert.Equal(good, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), mismatch.WriterSchemaId);
        Assert.Throws<ArgumentException>(() => new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseSchemaId }));
    }

    [Fact]
    public void Lookup_only_never_registers()
    {
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.LookupOnly });

        var missing = Assert.Throws<RegistryException>(() => serializer.Serialize(SampleOrder(), "orders"));
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(Order.AvroSchemaJson)).Id;
        var bytes = serializer.Serialize(SampleOrder(), "orders")!;

        Assert.Equal(40401, missing.ErrorCode);
        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal([1], _emulator.Server.Registry.GetVersions("orders-value"));
    }

    [Fact]
    public async Task Null_values_are_tombstones_without_registry_calls()
    {
        var serializer = new ConfluentAvroSerializer<Order>(_emulator.Ours);
        var deserializer = new ConfluentAvroDeserializer<Order>(_emulator.Ours);
        var output = new ArrayBufferWriter<byte>();

        Assert.Null(serializer.Serialize(null, "orders"));
        Assert.Null(await serializer.SerializeAsync(null, "orders"));
        Assert.False(serializer.Serialize(null, "orders", output));
        Assert.Equal(0, output.WrittenCount);
        Assert.Null(deserializer.Deserialize(default, isNull: true));
        Assert.Null(await deserializer.DeserializeAsync(default, isNull: true));
        Assert.Equal(0, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task The_deserializer_reads_guid_framing_and_schema_id_headers()
    {
        var registered = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(Order.AvroSchemaJson));
        var body = AvroSerializer.Serialize(SampleOrder());
        var guidFramed = new byte[ConfluentFraming.GuidHeaderLength + body.Length];
        ConfluentFraming.WriteGuidHeader(guidFramed, registered.Guid!.Value);
        body.CopyTo(guidFramed, ConfluentFraming.GuidHeaderLength);
        var idHeader = new byte[ConfluentFraming.HeaderLength];
        ConfluentFraming.WriteHeader(idHeader, registered.Id);
        var guidHeader = guidFramed[..ConfluentFraming.GuidHeaderLength];
        var deserializer = new ConfluentAvroDeserializer<Order>(_emulator.Ours);

        AssertSameOrder(SampleOrder(), deserializer.Deserialize(guidFramed));
        AssertSameOrder(SampleOrder(), deserializer.Deserialize(body, schemaIdHeader: idHeader, hasSchemaIdHeader: true));
        AssertSameOrder(SampleOrder(), await deserializer.DeserializeAsync(body, schemaIdHeader: guidHeader, hasSchemaIdHeader: true));
        Assert.Contains(_emulator.Server.Stats.Recent, r => r.Target.StartsWith("/schemas/guids/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writer_schemas_are_fetched_once_per_id()
    {
        var bytes = new ConfluentAvroSerializer<Order>(_emulator.Ours).Serialize(SampleOrder(), "orders")!;
        using var reader = new RegistryClient(RegistryClientOptions.ForUrl(_emulator.Server.BaseAddress.ToString()));
        var deserializer = new ConfluentAvroDeserializer<Order>(reader);
        _emulator.Server.Stats.Reset();

        for (var i = 0; i < 5; i++)
        {
            AssertSameOrder(SampleOrder(), await deserializer.DeserializeAsync(bytes));
        }

        Assert.Equal(1, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public void A_writer_schema_with_the_same_canonical_form_decodes_directly()
    {
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(OrderOtherDoc)).Id;
        var framed = AvroSerializer.SerializeConfluent(SampleOrder(), id);

        AssertSameOrder(SampleOrder(), new ConfluentAvroDeserializer<Order>(_emulator.Ours).Deserialize(framed));
    }

    [Fact]
    public void A_newer_writer_schema_is_resolved_to_the_records_schema()
    {
        var v2 = Avro.Codegen.Schema.SchemaParser.Parse(OrderV2).Schema!;
        var writerValue = new Avro.Codegen.Generic.GenericAvroRecord((Avro.Codegen.Schema.RecordSchema)v2)
        {
            ["id"] = 5L, ["customer"] = "c", ["amount"] = 1.25, ["note"] = "n", ["tags"] = new List<object?> { "t" }, ["currency"] = "USD",
        };
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(OrderV2)).Id;
        var framed = Frame(id, Avro.Codegen.Generic.GenericBinary.Encode(v2, writerValue));

        var order = new ConfluentAvroDeserializer<Order>(_emulator.Ours).Deserialize(framed);

        AssertSameOrder(new Order { Id = 5, Customer = "c", Amount = 1.25, Note = "n", Tags = ["t"] }, order);
    }

    [Fact]
    public async Task An_older_writer_schema_gets_defaults_and_promotions()
    {
        // id was an int, amount a float, and note/tags did not exist yet.
        const string v0 = """{"type":"record","name":"Order","namespace":"registry.tests","fields":[{"name":"id","type":"int"},{"name":"customer","type":"string"},{"name":"amount","type":"float"}]}""";
        var id = _emulator.Server.Registry.Register("old", new RegistrySchema(v0)).Id;
        var schema = Avro.Codegen.Schema.SchemaParser.Parse(v0).Schema!;
        var value = new Avro.Codegen.Generic.GenericAvroRecord((Avro.Codegen.Schema.RecordSchema)schema) { ["id"] = 7, ["customer"] = "x", ["amount"] = 0.5f };

        var order = await new ConfluentAvroDeserializer<Order>(_emulator.Ours).DeserializeAsync(Frame(id, Avro.Codegen.Generic.GenericBinary.Encode(schema, value)));

        AssertSameOrder(new Order { Id = 7, Customer = "x", Amount = 0.5, Note = null, Tags = [] }, order);
    }

    [Fact]
    public void Enum_symbols_resolve_by_name_and_unknown_symbols_are_incompatible()
    {
        const string reordered = """{"type":"record","name":"Payment","namespace":"registry.tests","fields":[{"name":"orderId","type":"long"},{"name":"status","type":{"type":"enum","name":"PaymentStatus","symbols":["PAID","PENDING","FAILED"]}}]}""";
        const string extended = """{"type":"record","name":"Payment","namespace":"registry.tests","fields":[{"name":"orderId","type":"long"},{"name":"status","type":{"type":"enum","name":"PaymentStatus","symbols":["PENDING","PAID","FAILED","REFUNDED"]}}]}""";
        _emulator.Server.Registry.SetGlobalConfig(new RegistryConfig("NONE"));
        var reorderedId = _emulator.Server.Registry.Register("p", new RegistrySchema(reordered)).Id;
        var extendedId = _emulator.Server.Registry.Register("p", new RegistrySchema(extended)).Id;
        var deserializer = new ConfluentAvroDeserializer<Payment>(_emulator.Ours);

        // Index 0 in the writer's order is PAID.
        var payment = deserializer.Deserialize(Frame(reorderedId, [0x54, 0x00]));
        var e = Assert.Throws<AvroSchemaMismatchException>(() => deserializer.Deserialize(Frame(extendedId, [0x54, 0x06])));

        Assert.Equal((42L, PaymentStatus.PAID), (payment!.OrderId, payment.Status));
        Assert.Contains("MISSING_ENUM_SYMBOLS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_schema_the_record_cannot_read_is_a_specific_error()
    {
        const string textAmount = """{"type":"record","name":"Order","namespace":"registry.tests","fields":[{"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"amount","type":"string"}]}""";
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(textAmount)).Id;

        var e = Assert.Throws<AvroSchemaMismatchException>(() => new ConfluentAvroDeserializer<Order>(_emulator.Ours).Deserialize(Frame(id, [0x02, 0x02, 0x61, 0x02, 0x31])));

        Assert.IsAssignableFrom<AvroDataException>(e);
        Assert.Contains("TYPE_MISMATCH", e.Message, StringComparison.Ordinal);
        Assert.Equal("id " + id, e.WriterSchemaId);
        Assert.NotEqual(e.ReaderFingerprint, e.WriterFingerprint);
        var incompatible = Assert.IsType<AvroIncompatibleSchemaException>(e.InnerException);
        Assert.Equal(SchemaIncompatibilityType.TypeMismatch, Assert.Single(incompatible.Incompatibilities).Type);
        Assert.Equal((e.WriterFingerprint, e.ReaderFingerprint), (incompatible.WriterFingerprint, incompatible.ReaderFingerprint));
    }

    [Fact]
    public async Task Writer_schemas_with_references_are_resolved_through_the_registry()
    {
        // The registry holds Customer as two subjects: Address, and Customer referring to it by name.
        _emulator.Server.Registry.Register("address", new RegistrySchema("""{"type":"record","name":"Address","namespace":"registry.tests","fields":[{"name":"city","type":"string"}]}"""));
        var customerText = """{"type":"record","name":"Customer","namespace":"registry.tests","fields":[{"name":"name","type":"string"},{"name":"home","type":"registry.tests.Address"}]}""";
        var id = _emulator.Server.Registry.Register("customers-value",
            new RegistrySchema(customerText, null, [new RegistryReference("registry.tests.Address", "address", 1)])).Id;
        var customer = new Customer { Name = "Ada", Home = new Address { City = "London" } };

        var back = await new ConfluentAvroDeserializer<Customer>(_emulator.Ours).DeserializeAsync(AvroSerializer.SerializeConfluent(customer, id));

        Assert.Equal(("Ada", "London"), (back!.Name, back.Home.City));
        Assert.Contains(_emulator.Server.Stats.Recent, r => r.Target.StartsWith("/subjects/address/versions/1", StringComparison.Ordinal));
    }

    private static byte[] Frame(int id, byte[] body)
    {
        var framed = new byte[ConfluentFraming.HeaderLength + body.Length];
        ConfluentFraming.WriteHeader(framed, id);
        body.CopyTo(framed, ConfluentFraming.HeaderLength);
        return framed;
    }

    [Fact]
    public void Unknown_ids_and_bad_framing_are_specific_errors()
    {
        var deserializer = new ConfluentAvroDeserializer<Order>(_emulator.Ours);

        var unknown = Assert.Throws<AvroUnknownSchemaException>(() => deserializer.Deserialize(new byte[] { 0, 0, 0, 0, 99, 2 }));
        var magic = Assert.Throws<AvroDataException>(() => deserializer.Deserialize(new byte[] { 7, 0, 0, 0, 1 }));
        var empty = Assert.Throws<AvroDataException>(() => deserializer.Deserialize(ReadOnlySpan<byte>.Empty));

        Assert.Equal("id 99", unknown.SchemaId);
        Assert.IsType<RegistryException>(unknown.InnerException);
        Assert.Contains("magic byte", magic.Message, StringComparison.Ordinal);
        Assert.Equal(0, empty.Offset);
    }

    [Fact]
    public void Truncated_bodies_are_avro_errors()
    {
        var bytes = new ConfluentAvroSerializer<Order>(_emulator.Ours).Serialize(SampleOrder(), "orders")!;

        var e = Assert.Throws<AvroDataException>(() => new ConfluentAvroDeserializer<Order>(_emulator.Ours).Deserialize(bytes.AsSpan(0, bytes.Length - 3)));

        Assert.IsNotType<AvroSchemaMismatchException>(e);
    }

    [Fact]
    public void Messages_alternating_between_writer_schemas_each_use_their_own_plan()
    {
        // The deserializer keeps the last id's plan at hand; a message with another id must not reuse it.
        var deserializer = new ConfluentAvroDeserializer<Order>(_emulator.Ours);
        var currentFramed = new ConfluentAvroSerializer<Order>(_emulator.Ours).Serialize(SampleOrder(), "orders")!;
        var v2 = Avro.Codegen.Schema.SchemaParser.Parse(OrderV2).Schema!;
        var v2Value = new Avro.Codegen.Generic.GenericAvroRecord((Avro.Codegen.Schema.RecordSchema)v2)
        {
            ["id"] = 5L, ["customer"] = "c", ["amount"] = 1.25, ["note"] = "n", ["tags"] = new List<object?> { "t" }, ["currency"] = "USD",
        };
        var v2Framed = Frame(_emulator.Server.Registry.Register("orders-value", new RegistrySchema(OrderV2)).Id, Avro.Codegen.Generic.GenericBinary.Encode(v2, v2Value));
        var v2Order = new Order { Id = 5, Customer = "c", Amount = 1.25, Note = "n", Tags = ["t"] };

        for (var i = 0; i < 3; i++)
        {
            AssertSameOrder(SampleOrder(), deserializer.Deserialize(currentFramed));
            AssertSameOrder(SampleOrder(), deserializer.Deserialize(currentFramed));
            AssertSameOrder(v2Order, deserializer.Deserialize(v2Framed));
            AssertSameOrder(v2Order, deserializer.Deserialize(v2Framed));
        }

        // An id that was never fetched after a cached one still goes to the registry (and is unknown there).
        var unknown = (byte[])currentFramed.Clone();
        unknown[4] ^= 0x7F;
        Assert.Throws<AvroUnknownSchemaException>(() => deserializer.Deserialize(unknown));
        AssertSameOrder(SampleOrder(), deserializer.Deserialize(currentFramed));
    }

    [Fact]
    public void Bytes_after_the_value_are_avro_errors_on_both_paths()
    {
        var framed = new ConfluentAvroSerializer<Order>(_emulator.Ours).Serialize(SampleOrder(), "orders")!;
        var bodyLength = framed.Length - ConfluentFraming.HeaderLength;
        var v2 = Avro.Codegen.Schema.SchemaParser.Parse(OrderV2).Schema!;
        var v2Value = new Avro.Codegen.Generic.GenericAvroRecord((Avro.Codegen.Schema.RecordSchema)v2)
        {
            ["id"] = 5L, ["customer"] = "c", ["amount"] = 1.25, ["note"] = null, ["tags"] = new List<object?>(), ["currency"] = "USD",
        };
        var v2Body = Avro.Codegen.Generic.GenericBinary.Encode(v2, v2Value);
        var v2Id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(OrderV2)).Id;
        var deserializer = new ConfluentAvroDeserializer<Order>(_emulator.Ours);

        var direct = Assert.Throws<AvroDataException>(() => deserializer.Deserialize([.. framed, 0x00]));
        var resolved = Assert.Throws<AvroDataException>(() => deserializer.Deserialize(Frame(v2Id, [.. v2Body, 0x00, 0x00])));

        Assert.Equal((bodyLength, v2Body.Length), (direct.Offset, resolved.Offset));
        Assert.Contains("1 byte(s) follow the value", direct.Message, StringComparison.Ordinal);
        Assert.Contains("2 byte(s) follow the value", resolved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_record_types_share_a_topic_with_topic_record_naming()
    {
        var options = new ConfluentSerializerOptions { SubjectNamingStrategy = SubjectNamingStrategy.TopicRecordName };
        var order = await new ConfluentAvroSerializer<Order>(_emulator.Ours, options).SerializeAsync(SampleOrder(), "events");
        var payment = await new ConfluentAvroSerializer<Payment>(_emulator.Ours, options)
            .SerializeAsync(new Payment { OrderId = 42, Status = PaymentStatus.PAID }, "events");

        Assert.Equal(["events-registry.tests.Order", "events-registry.tests.Payment"], _emulator.Server.Registry.GetSubjects());
        var readBack = new ConfluentAvroDeserializer<Payment>(_emulator.Ours).Deserialize(payment);
        Assert.Equal(PaymentStatus.PAID, readBack!.Status);
        Assert.Throws<AvroSchemaMismatchException>(() => new ConfluentAvroDeserializer<Payment>(_emulator.Ours).Deserialize(order));
    }
}

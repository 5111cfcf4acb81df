using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using registry.refs;
using ApacheGeneric = global::Avro.Generic;
using ConfluentSchema = Confluent.SchemaRegistry.Schema;

namespace Avro.Codegen.Registry.Tests.ConfluentSerdes;

/// <summary>
/// Messages whose schema has references, between this library and Confluent's .NET serdes 2.16, through the emulator
/// over HTTP: Confluent's deserializers read what <see cref="ConfluentSerializerOptions.UseSchemaReferences"/> registered
/// and wrote, and ours reads what Confluent's serializer wrote under schemas Confluent's client registered with references.
/// </summary>
public sealed class ConfluentReferenceTests : IAsyncLifetime
{
    private const string Topic = "invoices";
    private static readonly SerializationContext Value = new(MessageComponentType.Value, Topic);

    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Confluents_deserializers_read_what_we_wrote_with_references()
    {
        var serializer = new ConfluentAvroSerializer<Invoice>(_emulator.Ours, new ConfluentSerializerOptions { UseSchemaReferences = true });
        var message = (await serializer.SerializeAsync(SchemaReferenceSerializerTests.SampleInvoice(), Topic))!;
        Assert.NotEmpty(_emulator.Server.Registry.GetLatestVersion(Topic + "-value").Schema.References);

        var generic = await new global::Confluent.SchemaRegistry.Serdes.AvroDeserializer<ApacheGeneric.GenericRecord>(_emulator.ConfluentClient)
            .DeserializeAsync(message, false, Value);
        Assert.Equal("INV-7", generic["number"]);
        var total = (ApacheGeneric.GenericRecord)generic["total"];
        Assert.Equal(350L, total["units"]);
        Assert.Equal("EUR", ((ApacheGeneric.GenericEnum)total["currency"]).Value);
        Assert.Equal("USD", ((ApacheGeneric.GenericEnum)generic["settledIn"]).Value);
        var line = (ApacheGeneric.GenericRecord)((object[])generic["lines"])[0];
        Assert.Equal("tea", line["sku"]);
        Assert.Equal("web", ((ApacheGeneric.GenericRecord)generic["meta"])["source"]);

        using var fresh = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _emulator.Server.BaseAddress.ToString() });
        var specific = await new global::Confluent.SchemaRegistry.Serdes.AvroDeserializer<Invoice>(fresh).DeserializeAsync(message, false, Value);
        SchemaReferenceSerializerTests.AssertSameInvoice(SchemaReferenceSerializerTests.SampleInvoice(), specific);
    }

    [Fact]
    public async Task We_read_what_Confluents_serializer_wrote_under_schemas_registered_with_references()
    {
        // Confluent's client registers the shared schemas and the referring one, as a Java or .NET team would.
        var money = await _emulator.ConfluentClient.RegisterSchemaAsync("money", new ConfluentSchema(
            """{"type":"record","name":"Money","namespace":"registry.refs","fields":[{"name":"units","type":"long"},{"name":"currency","type":{"type":"enum","name":"Currency","symbols":["EUR","USD"]}}]}""",
            SchemaType.Avro));
        await _emulator.ConfluentClient.RegisterSchemaAsync("line", new ConfluentSchema(
            """{"type":"record","name":"Line","namespace":"registry.refs","fields":[{"name":"sku","type":"string"},{"name":"price","type":"Money"}]}""",
            [new SchemaReference("registry.refs.Money", "money", 1)], SchemaType.Avro));
        var invoiceId = await _emulator.ConfluentClient.RegisterSchemaAsync(Topic + "-value", new ConfluentSchema(
            """{"type":"record","name":"Invoice","namespace":"registry.refs","fields":[{"name":"number","type":"string"},{"name":"lines","type":{"type":"array","items":"Line"}},{"name":"total","type":"Money"},{"name":"settledIn","type":["null","Currency"],"default":null},{"name":"meta","type":{"type":"record","name":"InvoiceMeta","fields":[{"name":"source","type":"string"}]}}]}""",
            [new SchemaReference("registry.refs.Money", "money", 1), new SchemaReference("registry.refs.Line", "line", 1)], SchemaType.Avro));
        Assert.NotEqual(money, invoiceId);

        var serializer = new global::Confluent.SchemaRegistry.Serdes.AvroSerializer<Invoice>(_emulator.ConfluentClient,
            new global::Confluent.SchemaRegistry.Serdes.AvroSerializerConfig { AutoRegisterSchemas = false, UseLatestVersion = true });
        var message = await serializer.SerializeAsync(SchemaReferenceSerializerTests.SampleInvoice(), Value);

        Assert.Equal(invoiceId, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1)));
        var back = await new ConfluentAvroDeserializer<Invoice>(_emulator.Ours).DeserializeAsync(message);
        SchemaReferenceSerializerTests.AssertSameInvoice(SchemaReferenceSerializerTests.SampleInvoice(), back);

        // Our serializer, told to use the latest version, accepts the referring schema as the record's own.
        var ours = new ConfluentAvroSerializer<Invoice>(_emulator.Ours, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseLatest });
        Assert.Equal(invoiceId, await ours.GetSchemaIdAsync(Topic));
    }
}

using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using registry.tests.migration;
using ApacheGeneric = global::Avro.Generic;
using ApacheIO = global::Avro.IO;
using ApacheSpecific = global::Avro.Specific;

namespace Avro.Codegen.Registry.Tests.ConfluentSerdes;

/// <summary>
/// The migration path from avrogen: a record generated from <c>Schemas/Migration.avsc</c> in a project that references
/// Apache.Avro also implements ISpecificRecord, so Confluent's own AvroSerializer/AvroDeserializer 2.16 take it
/// unchanged. Each test writes with one stack and reads with the other, through the emulator over HTTP, and compares
/// the values byte for byte (the generated writer's encoding of both).
/// </summary>
public sealed class ConfluentMigrationTests : IAsyncLifetime
{
    private const string Topic = "accounts";
    private static readonly SerializationContext Value = new(MessageComponentType.Value, Topic);

    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    internal static Account Sample() => new()
    {
        Id = 7,
        Owner = "Zoë",
        Email = "zoe@example.com",
        Tier = Tier.SILVER,
        Tags = ["gold-card", "ünïcode"],
        Limits = new() { ["day"] = 100, ["month"] = 2_000 },
        Home = new Place { City = "Gent" },
        Work = null,
        Opened = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
        Seen = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4_560),
        Birthday = new DateOnly(1990, 5, 17),
        WakeUp = new TimeOnly(6, 30, 15, 250),
        LocalOpened = new DateTime(2024, 2, 29, 23, 59, 58, 7),
        Key = Guid.Parse("6f1c7a3e-94b1-4c1e-9a4d-3b2e8f0d5c71"),
        Balance = -1234.5m,
        Photo = [0, 1, 254, 255],
    };

    private static void AssertSame(Account expected, Account? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(AvroSerializer.Serialize(expected), AvroSerializer.Serialize(actual));
        Assert.Equal(expected.Opened, actual.Opened);
        Assert.Equal(expected.LocalOpened, actual.LocalOpened);
        Assert.Equal(DateTimeKind.Unspecified, actual.LocalOpened.Kind);
        Assert.Equal(expected.Balance, actual.Balance);
    }

    [Fact]
    public async Task ConfluentsSerializerWritesTheGeneratedRecordAndOursReadsIt()
    {
        var serializer = new global::Confluent.SchemaRegistry.Serdes.AvroSerializer<Account>(_emulator.ConfluentClient);

        byte[] message = await serializer.SerializeAsync(Sample(), Value);

        Assert.Equal(0, message[0]);
        Assert.Equal(AvroSerializer.Serialize(Sample()), message[5..]);
        AssertSame(Sample(), new ConfluentAvroDeserializer<Account>(_emulator.Ours).Deserialize(message));
        Assert.Equal(1, _emulator.Server.Registry.GetLatestVersion(Topic + "-value").Version);
    }

    [Fact]
    public async Task OurSerializerWritesAndConfluentsDeserializerReadsTheGeneratedRecord()
    {
        byte[] message = (await new ConfluentAvroSerializer<Account>(_emulator.Ours).SerializeAsync(Sample(), Topic))!;

        var back = await new global::Confluent.SchemaRegistry.Serdes.AvroDeserializer<Account>(_emulator.ConfluentClient).DeserializeAsync(message, false, Value);

        AssertSame(Sample(), back);
    }

    [Fact]
    public async Task NullableFieldsAndNestedRecordsCrossBothWays()
    {
        var value = Sample() with { Email = null, Work = new Place { City = "Brussel" }, Tags = [], Limits = [] };
        byte[] confluent = await new global::Confluent.SchemaRegistry.Serdes.AvroSerializer<Account>(_emulator.ConfluentClient).SerializeAsync(value, Value);
        AssertSame(value, new ConfluentAvroDeserializer<Account>(_emulator.Ours).Deserialize(confluent));

        byte[] ours = (await new ConfluentAvroSerializer<Account>(_emulator.Ours).SerializeAsync(value, Topic))!;
        AssertSame(value, await new global::Confluent.SchemaRegistry.Serdes.AvroDeserializer<Account>(_emulator.ConfluentClient).DeserializeAsync(ours, false, Value));
    }

    [Fact]
    public void ApachesOwnSpecificReaderAndWriterTakeTheGeneratedRecord()
    {
        var stream = new MemoryStream();
        new ApacheSpecific.SpecificDatumWriter<Account>(Account._SCHEMA).Write(Sample(), new ApacheIO.BinaryEncoder(stream));
        Assert.Equal(AvroSerializer.Serialize(Sample()), stream.ToArray());

        var reader = new ApacheSpecific.SpecificDatumReader<Account>(Account._SCHEMA, Account._SCHEMA);
        AssertSame(Sample(), reader.Read(null!, new ApacheIO.BinaryDecoder(new MemoryStream(AvroSerializer.Serialize(Sample())))));
    }

    [Fact]
    public async Task ADecimalWithMoreDecimalPlacesThanTheSchemaIsRefusedNotRounded()
    {
        var serializer = new global::Confluent.SchemaRegistry.Serdes.AvroSerializer<Account>(_emulator.ConfluentClient);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => serializer.SerializeAsync(Sample() with { Balance = 1.005m }, Value));

        var inner = error;
        while (inner is not AvroDataException && inner.InnerException is { } next)
        {
            inner = next;
        }

        var data = Assert.IsType<AvroDataException>(inner);
        Assert.Contains("1.005", data.Message, StringComparison.Ordinal);
        Assert.Contains("more than 2 decimal places", data.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetAndPutOutOfRangeAreApachesError()
    {
        ApacheSpecific.ISpecificRecord record = Sample();
        Assert.Throws<global::Avro.AvroRuntimeException>(() => record.Get(16));
        Assert.Throws<global::Avro.AvroRuntimeException>(() => record.Put(-1, 1L));
        Assert.Same(Account._SCHEMA, record.Schema);
    }

    [Fact]
    public async Task GenericRecordsOfConfluentsSerdesCrossBothWays()
    {
        // Confluent's generic path: Apache's GenericRecord, built here from what our writer wrote.
        var genericReader = new ApacheGeneric.GenericDatumReader<ApacheGeneric.GenericRecord>(Account._SCHEMA, Account._SCHEMA);
        var record = genericReader.Read(null!, new ApacheIO.BinaryDecoder(new MemoryStream(AvroSerializer.Serialize(Sample()))));
        Assert.Equal("Zoë", record["owner"]);

        byte[] confluent = await new global::Confluent.SchemaRegistry.Serdes.AvroSerializer<ApacheGeneric.GenericRecord>(_emulator.ConfluentClient).SerializeAsync(record, Value);
        AssertSame(Sample(), new ConfluentAvroDeserializer<Account>(_emulator.Ours).Deserialize(confluent));

        byte[] ours = (await new ConfluentAvroSerializer<Account>(_emulator.Ours).SerializeAsync(Sample(), Topic))!;
        var back = await new global::Confluent.SchemaRegistry.Serdes.AvroDeserializer<ApacheGeneric.GenericRecord>(_emulator.ConfluentClient).DeserializeAsync(ours, false, Value);
        Assert.Equal("Zoë", back["owner"]);
        Assert.Equal(Sample().Opened.UtcDateTime, back["opened"]);
        Assert.Equal(7L, back["id"]);
    }
}

using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.tests;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// Concurrent first lookups of one id share one request, and an unknown id is remembered for a short time: counted
/// at the emulator.
/// </summary>
public sealed class SingleFlightTests : IAsyncLifetime
{
    private EmulatorClients _emulator = null!;
    private readonly ManualClock _clock = new();

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private RegistryClient Client(Action<RegistryClientOptions>? configure = null) => _emulator.NewClient(options =>
    {
        options.TimeProvider = _clock;
        configure?.Invoke(options);
    });

    private int RegisterOrder() => _emulator.Server.Registry.Register("orders-value", new RegistrySchema(HostileRegistryTests.SchemaOf<Order>())).Id;

    [Fact]
    public async Task Eight_concurrent_first_lookups_of_an_id_send_one_request()
    {
        var id = RegisterOrder();
        _emulator.Server.Faults.LatencyMs = 300; // all eight ask while the first request is still out
        using var client = Client();
        _emulator.Server.Stats.Reset();

        var schemas = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.GetSchemaByIdAsync(id))));

        Assert.Equal(1, _emulator.Server.Stats.RequestCount);
        Assert.All(schemas, s => Assert.Same(schemas[0], s));
    }

    [Fact]
    public async Task Eight_concurrent_first_lookups_of_a_guid_send_one_request()
    {
        var id = RegisterOrder();
        var guid = _emulator.Server.Registry.GetGuidById(id);
        _emulator.Server.Faults.LatencyMs = 300;
        using var client = Client();
        _emulator.Server.Stats.Reset();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.GetSchemaByGuidAsync(guid))));

        Assert.Equal(1, _emulator.Server.Stats.RequestCount);
        Assert.All(answers, a => Assert.Equal((id, answers[0].Schema), a));
        Assert.Equal(HostileRegistryTests.SchemaOf<Order>(), answers[0].Schema.Schema);
    }

    [Fact]
    public async Task Eight_concurrent_first_messages_of_an_id_with_references_send_one_request_each()
    {
        _emulator.Server.Registry.Register("address", new RegistrySchema("""{"type":"record","name":"Address","namespace":"registry.tests","fields":[{"name":"city","type":"string"}]}"""));
        var id = _emulator.Server.Registry.Register("customers-value", new RegistrySchema(
            """{"type":"record","name":"Customer","namespace":"registry.tests","fields":[{"name":"name","type":"string"},{"name":"home","type":"registry.tests.Address"}]}""",
            null, [new RegistryReference("registry.tests.Address", "address", 1)])).Id;
        var message = AvroSerializer.SerializeConfluent(new Customer { Name = "Ada", Home = new Address { City = "London" } }, id);
        _emulator.Server.Faults.LatencyMs = 200;
        using var client = Client();
        var deserializer = new ConfluentAvroDeserializer<Customer>(client);
        _emulator.Server.Stats.Reset();

        var customers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await deserializer.DeserializeAsync(message))));

        Assert.All(customers, c => Assert.Equal("London", c!.Home.City));
        Assert.Equal(["/schemas/ids/" + id, "/subjects/address/versions/1?deleted=false"], _emulator.Server.Stats.Recent.Select(r => r.Target));
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_request()
    {
        var id = RegisterOrder();
        _emulator.Server.Faults.LatencyMs = 500;
        using var client = Client();
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        _emulator.Server.Stats.Reset();

        var first = client.GetSchemaByIdAsync(id, cancellationToken: impatient.Token);
        var second = client.GetSchemaByIdAsync(id);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(HostileRegistryTests.SchemaOf<Order>(), (await second).Schema);
        Assert.Equal(1, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task Fifty_messages_naming_one_unknown_id_send_one_request_until_the_ttl_passes()
    {
        using var client = Client();
        var deserializer = new ConfluentAvroDeserializer<Order>(client);
        var unknown = _emulator.Server.Registry.GetMaxId() + 1; // the id the next registration gets
        var message = AvroSerializer.SerializeConfluent(HostileRegistryTests.SampleOrder(), unknown);
        _emulator.Server.Stats.Reset();

        for (var i = 0; i < 50; i++)
        {
            var e = await Assert.ThrowsAsync<AvroUnknownSchemaException>(async () => await deserializer.DeserializeAsync(message));
            Assert.Equal(RegistryErrorCodes.SchemaNotFound, Assert.IsType<RegistryException>(e.InnerException).ErrorCode);
        }

        Assert.Equal(1, _emulator.Server.Stats.RequestCount);

        // Registered meanwhile: still unknown to the client within the TTL, found once it has passed.
        Assert.Equal(unknown, RegisterOrder());
        _clock.Advance(TimeSpan.FromSeconds(4));
        await Assert.ThrowsAsync<AvroUnknownSchemaException>(async () => await deserializer.DeserializeAsync(message));
        _clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await deserializer.DeserializeAsync(message));
        Assert.Equal(2, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task A_zero_ttl_remembers_nothing()
    {
        using var client = Client(o => o.MissingIdCacheTtl = TimeSpan.Zero);
        _emulator.Server.Stats.Reset();

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(4242));
        }

        Assert.Equal(3, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task Other_errors_are_not_remembered()
    {
        _emulator.Server.Faults.FailNext(1, 404); // a 404 that is not the registry's 40403
        using var client = Client(o => o.MaxRetries = 0);
        var id = RegisterOrder();

        await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(id));

        Assert.Equal(HostileRegistryTests.SchemaOf<Order>(), (await client.GetSchemaByIdAsync(id)).Schema);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}

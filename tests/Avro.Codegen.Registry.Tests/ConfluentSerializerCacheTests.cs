using System.Buffers;
using System.Buffers.Binary;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.tests;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// The serializer's per-topic id cache (last topic checked by reference, then the dictionary; only UseLatest ids
/// expire) and its framing through the body's writer. Each test could fail if an entry were served for the wrong
/// topic, kept past its expiry, or re-resolved when it never expires, or if the header and body were misaligned.
/// </summary>
public sealed class ConfluentSerializerCacheTests : IAsyncLifetime
{
    private TestRegistryServer _server = null!;
    private RegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestRegistryServer.StartAsync();
        var options = RegistryClientOptions.ForUrl(_server.BaseAddress.ToString());
        // The client's own latest-version cache would hide the serializer's expiry; only the serializer caches here.
        options.LatestCacheTtl = TimeSpan.Zero;
        _client = new RegistryClient(options);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    // Order with doc strings that differ from the generated one: other registry schemas (other ids), the same canonical form.
    private static string OrderWithDoc(string doc) =>
        $$"""{"type":"record","name":"Order","namespace":"registry.tests","doc":"{{doc}}","fields":[{"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"amount","type":"double"},{"name":"note","type":["null","string"],"default":null},{"name":"tags","type":{"type":"array","items":"string"},"default":[]}]}""";

    private static Order SmallOrder(long id = 42) => new() { Id = id, Customer = "Zoë", Amount = 9.5, Note = "gift", Tags = ["a", "b"] };

    // Larger than the writer's 4096-byte chunk: a long string goes through WriteRaw's chunk loop, the tags through
    // many small writes that cross span boundaries.
    private static Order LargeOrder() => new()
    {
        Id = long.MinValue,
        Customer = new string('x', 5000) + "é",
        Amount = -0.0,
        Note = null,
        Tags = Enumerable.Range(0, 1500).Select(i => "tag" + i).ToList(),
    };

    private static int FramedId(byte[]? framed)
    {
        Assert.NotNull(framed);
        Assert.True(framed.Length >= 5);
        Assert.Equal(0, framed[0]);
        return BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(1, 4));
    }

    // The expected message built independently of the serializer's writer: magic byte, big-endian id, body.
    private static byte[] Expected(int id, Order value)
    {
        var body = AvroSerializer.Serialize(value);
        var expected = new byte[5 + body.Length];
        expected[0] = 0;
        expected[1] = (byte)(id >> 24);
        expected[2] = (byte)(id >> 16);
        expected[3] = (byte)(id >> 8);
        expected[4] = (byte)id;
        body.CopyTo(expected, 5);
        return expected;
    }

    private static ConfluentSerializerOptions Options(SchemaIdSource source, TimeProvider clock, int? schemaId = null) =>
        new() { SchemaIdSource = source, SchemaId = schemaId, TimeProvider = clock };

    [Fact]
    public void A_null_topic_is_rejected_also_after_a_topic_is_cached()
    {
        var serializer = new ConfluentAvroSerializer<Order>(_client);
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentNullException>(() => serializer.Serialize(SmallOrder(), null!, output));
        Assert.True(serializer.Serialize(SmallOrder(), "gamma", output));
        Assert.Throws<ArgumentNullException>(() => serializer.Serialize(SmallOrder(), null!, output));
        Assert.Throws<ArgumentNullException>(() => serializer.Serialize(SmallOrder(), null!));
    }

    [Fact]
    public async Task Alternating_topics_each_get_their_own_subjects_id_and_equal_strings_of_other_instances_resolve_alike()
    {
        var alphaId = _server.Registry.Register("alpha-value", new RegistrySchema(OrderWithDoc("alpha"))).Id;
        var betaId = _server.Registry.Register("beta-value", new RegistrySchema(OrderWithDoc("beta"))).Id;
        Assert.NotEqual(alphaId, betaId);
        var serializer = new ConfluentAvroSerializer<Order>(_client, Options(SchemaIdSource.UseLatest, new ManualClock()));
        var output = new ArrayBufferWriter<byte>();

        for (var i = 0; i < 12; i++)
        {
            var (topic, id) = i % 2 == 0 ? ("alpha", alphaId) : ("beta", betaId);
            Assert.Equal(id, FramedId(serializer.Serialize(SmallOrder(i), topic)));
            output.ResetWrittenCount();
            Assert.True(serializer.Serialize(SmallOrder(i), topic, output));
            Assert.Equal(id, FramedId(output.WrittenSpan.ToArray()));
            Assert.Equal(id, FramedId(await serializer.SerializeAsync(SmallOrder(i), topic)));
            Assert.Equal(id, await serializer.GetSchemaIdAsync(topic));
        }

        // Equal topic strings that are other instances: the last-topic reference check misses, the dictionary answers.
        var requests = _server.Stats.RequestCount;
        for (var i = 0; i < 6; i++)
        {
            var alpha = new string("alpha".AsSpan());
            var beta = new string("beta".AsSpan());
            Assert.False(ReferenceEquals(alpha, "alpha"));
            Assert.Equal(alphaId, FramedId(serializer.Serialize(SmallOrder(), alpha)));
            Assert.Equal(alphaId, FramedId(serializer.Serialize(SmallOrder(), "alpha")));
            Assert.Equal(betaId, FramedId(serializer.Serialize(SmallOrder(), beta)));
            Assert.Equal(alphaId, FramedId(serializer.Serialize(SmallOrder(), alpha)));
            Assert.Equal(betaId, FramedId(serializer.Serialize(SmallOrder(), "beta")));
            Assert.Equal(betaId, FramedId(serializer.Serialize(SmallOrder(), beta)));
        }

        Assert.Equal(requests, _server.Stats.RequestCount);

        // A topic first seen as a fresh instance is resolved on its own, not served from the last topic's entry.
        var gammaId = _server.Registry.Register("gamma-value", new RegistrySchema(OrderWithDoc("gamma"))).Id;
        Assert.Equal(gammaId, FramedId(serializer.Serialize(SmallOrder(), new string("gamma".AsSpan()))));
        Assert.Equal(alphaId, FramedId(serializer.Serialize(SmallOrder(), "alpha")));
        Assert.Equal(gammaId, FramedId(serializer.Serialize(SmallOrder(), "gamma")));
    }

    [Fact]
    public async Task Use_latest_keeps_the_cached_id_until_it_expires_then_picks_up_the_new_latest_version()
    {
        var clock = new ManualClock();
        var firstId = _server.Registry.Register("orders-value", new RegistrySchema(OrderWithDoc("v1"))).Id;
        var serializer = new ConfluentAvroSerializer<Order>(_client, Options(SchemaIdSource.UseLatest, clock));

        Assert.Equal(firstId, FramedId(serializer.Serialize(SmallOrder(), "orders")));
        var secondId = _server.Registry.Register("orders-value", new RegistrySchema(OrderWithDoc("v2"))).Id;
        Assert.NotEqual(firstId, secondId);
        var requests = _server.Stats.RequestCount;

        // Just before the five-minute refresh: still the first id, and the registry is not asked.
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(firstId, FramedId(serializer.Serialize(SmallOrder(), "orders")));
        Assert.Equal(firstId, await serializer.GetSchemaIdAsync("orders"));
        Assert.Equal(firstId, FramedId(serializer.Serialize(SmallOrder(), new string("orders".AsSpan()))));
        Assert.Equal(requests, _server.Stats.RequestCount);

        // Past it: the new latest version, fetched once and then cached again.
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(secondId, FramedId(serializer.Serialize(SmallOrder(), "orders")));
        var afterRefresh = _server.Stats.RequestCount;
        Assert.True(afterRefresh > requests);
        Assert.Equal(secondId, FramedId(serializer.Serialize(SmallOrder(), "orders")));
        Assert.Equal(secondId, await serializer.GetSchemaIdAsync("orders"));
        Assert.Equal(afterRefresh, _server.Stats.RequestCount);
    }

    [Fact]
    public async Task Use_latest_expiry_is_per_topic_when_topics_alternate()
    {
        var clock = new ManualClock();
        var alphaFirst = _server.Registry.Register("alpha-value", new RegistrySchema(OrderWithDoc("a1"))).Id;
        var serializer = new ConfluentAvroSerializer<Order>(_client, Options(SchemaIdSource.UseLatest, clock));
        Assert.Equal(alphaFirst, FramedId(serializer.Serialize(SmallOrder(), "alpha")));

        // beta is cached three minutes later, so it expires three minutes after alpha.
        clock.Advance(TimeSpan.FromMinutes(3));
        var betaFirst = _server.Registry.Register("beta-value", new RegistrySchema(OrderWithDoc("b1"))).Id;
        Assert.Equal(betaFirst, FramedId(serializer.Serialize(SmallOrder(), "beta")));
        var alphaSecond = _server.Registry.Register("alpha-value", new RegistrySchema(OrderWithDoc("a2"))).Id;
        var betaSecond = _server.Registry.Register("beta-value", new RegistrySchema(OrderWithDoc("b2"))).Id;

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(alphaSecond, FramedId(serializer.Serialize(SmallOrder(), "alpha")));
        Assert.Equal(betaFirst, FramedId(serializer.Serialize(SmallOrder(), "beta")));
        Assert.Equal(alphaSecond, FramedId(await serializer.SerializeAsync(SmallOrder(), "alpha")));

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(betaSecond, FramedId(await serializer.SerializeAsync(SmallOrder(), "beta")));
        Assert.Equal(alphaSecond, FramedId(serializer.Serialize(SmallOrder(), "alpha")));
        Assert.Equal(betaSecond, FramedId(serializer.Serialize(SmallOrder(), "beta")));
    }

    [Theory]
    [InlineData(SchemaIdSource.AutoRegister)]
    [InlineData(SchemaIdSource.UseSchemaId)]
    [InlineData(SchemaIdSource.LookupOnly)]
    public async Task Ids_that_never_expire_never_read_the_clock_and_make_no_request_after_the_first(SchemaIdSource source)
    {
        // For UseSchemaId and LookupOnly the generated schema must already be registered; under AutoRegister this
        // same registration means the serializer's register call returns this id.
        var id = _server.Registry.Register("orders-value", RecordSchema<Order>.Registry).Id;
        _server.Registry.Register("other-value", RecordSchema<Order>.Registry);
        var clock = new ManualClock();
        var serializer = new ConfluentAvroSerializer<Order>(_client, Options(source, clock, source == SchemaIdSource.UseSchemaId ? id : null));

        Assert.Equal(id, FramedId(serializer.Serialize(SmallOrder(), "orders")));
        Assert.Equal(id, FramedId(serializer.Serialize(SmallOrder(), "other")));
        var requests = _server.Stats.RequestCount;
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 50; i++)
        {
            // A day per message: a cache that consulted the clock for these ids would have expired long ago.
            clock.Advance(TimeSpan.FromDays(1));
            var topic = i % 3 == 0 ? "other" : "orders";
            Assert.Equal(id, FramedId(serializer.Serialize(SmallOrder(i), topic)));
            output.ResetWrittenCount();
            Assert.True(await serializer.SerializeAsync(SmallOrder(i), new string(topic.AsSpan()), output));
            Assert.Equal(id, FramedId(output.WrittenSpan.ToArray()));
        }

        Assert.Equal(requests, _server.Stats.RequestCount);
        Assert.Equal(0, clock.Reads);
    }

    [Fact]
    public void Use_latest_ids_do_read_the_clock()
    {
        // The counterpart of the test above, so a clock that is never consulted at all would not pass both.
        _server.Registry.Register("orders-value", RecordSchema<Order>.Registry);
        var clock = new ManualClock();
        var serializer = new ConfluentAvroSerializer<Order>(_client, Options(SchemaIdSource.UseLatest, clock));

        serializer.Serialize(SmallOrder(), "orders");
        var reads = clock.Reads;
        serializer.Serialize(SmallOrder(), "orders");

        Assert.True(reads > 0);
        Assert.True(clock.Reads > reads);
    }

    [Fact]
    public async Task Framed_output_is_the_magic_byte_the_big_endian_id_and_exactly_the_unframed_body()
    {
        // An imported id whose four bytes all differ and two have the high bit set, so a byte-order, sign or offset
        // slip shows.
        const int id = 0x0180FF7F;
        _server.Registry.SetGlobalMode("IMPORT");
        _server.Registry.Register("orders-value", RecordSchema<Order>.Registry, importId: id, importVersion: 1);
        var serializer = new ConfluentAvroSerializer<Order>(_client, new ConfluentSerializerOptions { SchemaIdSource = SchemaIdSource.UseSchemaId, SchemaId = id });

        foreach (var order in new[] { SmallOrder(), LargeOrder() })
        {
            var expected = Expected(id, order);

            Assert.Equal(expected, serializer.Serialize(order, "orders"));
            Assert.Equal(expected, await serializer.SerializeAsync(order, "orders"));

            // Appending after bytes already in the buffer writer.
            var array = new ArrayBufferWriter<byte>(1);
            array.Write(new byte[] { 0xAA, 0xBB, 0xCC });
            Assert.True(serializer.Serialize(order, "orders", array));
            Assert.Equal([0xAA, 0xBB, 0xCC, .. expected], array.WrittenSpan.ToArray());

            var stingy = new StingyBufferWriter(seed: 7);
            Assert.True(serializer.Serialize(order, "orders", stingy));
            Assert.Equal(expected, stingy.Written);

            stingy = new StingyBufferWriter(seed: 11);
            Assert.True(await serializer.SerializeAsync(order, "orders", stingy));
            Assert.Equal(expected, stingy.Written);
        }

        // The large order really spans several separate buffers.
        var spans = new StingyBufferWriter(seed: 3);
        serializer.Serialize(LargeOrder(), "orders", spans);
        Assert.True(spans.Segments > 2);
    }

    [Fact]
    public void A_buffer_writer_that_breaks_its_size_contract_gets_a_clear_error_and_nothing_is_committed()
    {
        using var client = RegistryClient.Create("mock://tiny-" + Guid.NewGuid().ToString("N"));
        var serializer = new ConfluentAvroSerializer<Order>(client);
        serializer.Serialize(SmallOrder(), "orders");
        var tiny = new StingyBufferWriter(seed: 5, honourSizeHint: false);

        var error = Assert.Throws<InvalidOperationException>(() => serializer.Serialize(SmallOrder(), "orders", tiny));

        Assert.Contains("smaller than requested", error.Message);
        Assert.Empty(tiny.Written);
    }

    /// <summary>A clock the test moves by hand; it counts how often it is read.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _reads);
            return _now;
        }
    }

    /// <summary>
    /// A buffer writer that hands out a fresh, separate array per <see cref="GetSpan"/>: exactly the size hint (or 1-3
    /// bytes for a hint of 0), so every byte the writer does not commit is lost and any write past a span is caught.
    /// With <c>honourSizeHint: false</c> it always returns 1-3 bytes, breaking the IBufferWriter contract.
    /// </summary>
    private sealed class StingyBufferWriter(int seed, bool honourSizeHint = true) : IBufferWriter<byte>
    {
        private readonly Random _random = new(seed);
        private readonly List<byte> _written = [];
        private byte[] _current = [];

        public byte[] Written => _written.ToArray();

        public int Segments { get; private set; }

        public void Advance(int count)
        {
            if (count < 0 || count > _current.Length)
            {
                throw new InvalidOperationException($"Advance({count}) past the {_current.Length}-byte span handed out.");
            }

            _written.AddRange(_current.AsSpan(0, count).ToArray());
            _current = [];
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Next(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Next(sizeHint);

        private byte[] Next(int sizeHint)
        {
            var size = honourSizeHint && sizeHint > 0 ? sizeHint : _random.Next(1, 4);
            _current = new byte[size];
            // Garbage, so bytes the writer forgets to set do not read as zeros.
            _random.NextBytes(_current);
            Segments++;
            return _current;
        }
    }
}

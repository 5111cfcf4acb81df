using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.tests;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// A registry that works against its clients: writer schemas whose references fan out, registries that stall. Every
/// test counts what the client asked for, since the failure mode is "keeps asking" or "keeps waiting".
/// </summary>
public sealed class HostileRegistryTests : IAsyncLifetime
{
    private const int Levels = 30;
    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    /// <summary>
    /// Registers 30 levels of two records each, every record referring to both records of the next level: no cycle,
    /// 60 distinct schemas, but 2^31 paths from the top. Returns the id of the top record's schema.
    /// </summary>
    internal static int RegisterFanOut(InMemorySchemaRegistry registry, int levels = Levels)
    {
        for (var level = levels - 1; level >= 0; level--)
        {
            foreach (var side in new[] { "a", "b" })
            {
                var name = $"fan.L{level}{side}";
                if (level == levels - 1)
                {
                    registry.Register($"f{level}{side}", new RegistrySchema($$"""{"type":"record","name":"{{name}}","fields":[{"name":"x","type":"int"}]}"""));
                    continue;
                }

                registry.Register($"f{level}{side}", new RegistrySchema(
                    $$"""{"type":"record","name":"{{name}}","fields":[{"name":"a","type":"fan.L{{level + 1}}a"},{"name":"b","type":"fan.L{{level + 1}}b"}]}""",
                    null, NextLevel(level + 1)));
            }
        }

        return registry.Register("fan-value", new RegistrySchema(
            """{"type":"record","name":"fan.Top","fields":[{"name":"a","type":"fan.L0a"},{"name":"b","type":"fan.L0b"}]}""", null, NextLevel(0))).Id;

        static List<RegistryReference> NextLevel(int level) =>
            [new RegistryReference($"fan.L{level}a", $"f{level}a", 1), new RegistryReference($"fan.L{level}b", $"f{level}b", 1)];
    }

    [Fact]
    public async Task A_fanning_out_writer_schema_costs_one_request_per_distinct_reference()
    {
        var id = RegisterFanOut(_emulator.Server.Registry);
        using var client = _emulator.NewClient();
        var deserializer = new ConfluentAvroDeserializer<Order>(client);
        _emulator.Server.Stats.Reset();

        // The writer schema parses (all 61 records resolve) but is not an Order.
        await Assert.ThrowsAsync<AvroSchemaMismatchException>(async () => await deserializer.DeserializeAsync(AvroSerializer.SerializeConfluent(SampleOrder(), id)));

        // The id, then each of the 60 referenced (subject, version) pairs once.
        Assert.Equal(1 + 2 * Levels, _emulator.Server.Stats.RequestCount);
        Assert.Equal(2 * Levels, _emulator.Server.Stats.Recent.Select(r => r.Target).Where(t => t.StartsWith("/subjects/", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public async Task The_visited_set_bounds_the_walk_even_with_a_client_that_caches_nothing()
    {
        var registry = new InMemorySchemaRegistry();
        var id = RegisterFanOut(registry);
        var client = CountingClient.Over(new MockRegistryClient(registry));
        var deserializer = new ConfluentAvroDeserializer<Order>(client);

        await Assert.ThrowsAsync<AvroSchemaMismatchException>(async () => await deserializer.DeserializeAsync(AvroSerializer.SerializeConfluent(SampleOrder(), id)));

        Assert.Equal(2 * Levels, ((CountingClient)(object)client).Count(nameof(IRegistryClient.GetRegisteredSchemaAsync)));
    }

    [Fact]
    public void More_referenced_schemas_than_the_cap_is_an_error_naming_the_option_after_at_most_that_many_requests()
    {
        var id = RegisterFanOut(_emulator.Server.Registry);
        using var client = _emulator.NewClient();
        var deserializer = new ConfluentAvroDeserializer<Order>(client, new ConfluentDeserializerOptions { MaxReferencedSchemas = 10 });
        _emulator.Server.Stats.Reset();

        var e = Assert.Throws<AvroDataException>(() => deserializer.Deserialize(AvroSerializer.SerializeConfluent(SampleOrder(), id)));

        Assert.Contains("more than 10 schemas", e.Message, StringComparison.Ordinal);
        Assert.Contains("ConfluentDeserializerOptions.MaxReferencedSchemas", e.Message, StringComparison.Ordinal);
        Assert.InRange(_emulator.Server.Stats.RequestCount, 1, 1 + 10);
    }

    [Fact]
    public async Task The_serializer_caps_the_references_of_a_latest_schema_it_checks()
    {
        RegisterFanOut(_emulator.Server.Registry);
        using var client = _emulator.NewClient();
        var serializer = new ConfluentAvroSerializer<Order>(client, new ConfluentSerializerOptions
        {
            SchemaIdSource = SchemaIdSource.UseLatest, SubjectNamer = (_, _, _) => "fan-value", MaxReferencedSchemas = 4,
        });

        var e = await Assert.ThrowsAsync<AvroDataException>(async () => await serializer.SerializeAsync(SampleOrder(), "fan"));

        Assert.Contains("ConfluentSerializerOptions.MaxReferencedSchemas", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stalling_registry_cannot_block_the_synchronous_deserializer_past_its_budget()
    {
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(SchemaOf<Order>())).Id;
        _emulator.Server.Faults.LatencyMs = 20_000;
        using var client = _emulator.NewClient();
        var deserializer = new ConfluentAvroDeserializer<Order>(client, new ConfluentDeserializerOptions { RegistryTimeout = TimeSpan.FromMilliseconds(300) });

        var e = Assert.Throws<RegistryException>(() => deserializer.Deserialize(AvroSerializer.SerializeConfluent(SampleOrder(), id)));

        Assert.Contains("ConfluentDeserializerOptions.RegistryTimeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("id " + id, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.Status);
    }

    [Fact]
    public void A_client_that_ignores_cancellation_cannot_block_the_synchronous_deserializer_either()
    {
        var client = CountingClient.Over(new MockRegistryClient(new InMemorySchemaRegistry()), hang: nameof(IRegistryClient.GetSchemaByIdAsync));
        var deserializer = new ConfluentAvroDeserializer<Order>(client, new ConfluentDeserializerOptions { RegistryTimeout = TimeSpan.FromMilliseconds(200) });

        var e = Assert.Throws<RegistryException>(() => deserializer.Deserialize(AvroSerializer.SerializeConfluent(SampleOrder(), 7)));

        Assert.Contains("ConfluentDeserializerOptions.RegistryTimeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stalling_registry_cannot_block_the_synchronous_serializer_past_its_budget()
    {
        _emulator.Server.Faults.LatencyMs = 20_000;
        using var client = _emulator.NewClient();
        var serializer = new ConfluentAvroSerializer<Order>(client, new ConfluentSerializerOptions { RegistryTimeout = TimeSpan.FromMilliseconds(300) });

        var e = Assert.Throws<RegistryException>(() => serializer.Serialize(SampleOrder(), "orders"));

        Assert.Contains("ConfluentSerializerOptions.RegistryTimeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("orders-value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation()
    {
        var id = _emulator.Server.Registry.Register("orders-value", new RegistrySchema(SchemaOf<Order>())).Id;
        _emulator.Server.Faults.LatencyMs = 20_000;
        using var client = _emulator.NewClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var deserializer = new ConfluentAvroDeserializer<Order>(client);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await deserializer.DeserializeAsync(AvroSerializer.SerializeConfluent(SampleOrder(), id), cancellationToken: cancel.Token));
    }

    internal static string SchemaOf<T>() where T : IAvroRecord<T> => T.SchemaJson;

    internal static Order SampleOrder() => new() { Id = 1, Customer = "c", Amount = 2.5 };
}

/// <summary>
/// An <see cref="IRegistryClient"/> decorator that counts calls per method and can make one method never complete
/// (ignoring its cancellation token), as a broken custom client would.
/// </summary>
public class CountingClient : DispatchProxy
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private IRegistryClient _inner = null!;
    private string? _hang;

    public static IRegistryClient Over(IRegistryClient inner, string? hang = null)
    {
        var proxy = Create<IRegistryClient, CountingClient>();
        var counting = (CountingClient)(object)proxy;
        counting._inner = inner;
        counting._hang = hang;
        return proxy;
    }

    public int Count(string method) => _calls.TryGetValue(method, out var n) ? n : 0;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        _calls.AddOrUpdate(targetMethod!.Name, 1, (_, n) => n + 1);
        if (targetMethod.Name == _hang)
        {
            // A task of the method's own result type that never completes.
            var result = targetMethod.ReturnType.GetGenericArguments()[0];
            var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(result))!;
            return source.GetType().GetProperty("Task")!.GetValue(source);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

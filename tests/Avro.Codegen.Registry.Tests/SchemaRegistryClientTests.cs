using System.Net;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Registry.Tests;

/// <summary>The HTTP client against the emulator: API, caches, retries, failover, timeouts, credentials.</summary>
public sealed class SchemaRegistryClientTests : IAsyncLifetime
{
    private const string Password = "pa55-w0rd-xyzzy";
    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static RegistrySchema Avro(string text) => new(text);

    [Fact]
    public async Task Registers_looks_up_and_reads_back()
    {
        using var client = _emulator.NewClient();

        var id = await client.RegisterSchemaAsync("t-value", Avro(InMemorySchemaRegistryTests.V1));
        var lookedUp = await client.LookupSchemaAsync("t-value", Avro(InMemorySchemaRegistryTests.V1));
        var byId = await client.GetSchemaByIdAsync(id);
        var latest = await client.GetLatestSchemaAsync("t-value");
        var versions = await client.GetSubjectVersionsAsync("t-value");
        var one = await client.GetRegisteredSchemaAsync("t-value", 1);
        var subjects = await client.GetSubjectsAsync();
        var (guidId, byGuid) = await client.GetSchemaByGuidAsync(latest.Guid!.Value);

        Assert.Equal(1, id);
        Assert.Equal(("t-value", 1, 1), (lookedUp.Subject, lookedUp.Version, lookedUp.Id));
        Assert.Equal(InMemorySchemaRegistryTests.V1, byId.Schema);
        Assert.Equal("AVRO", byId.SchemaType);
        Assert.Equal((1, 1), (latest.Id, latest.Version));
        Assert.Equal([1], versions);
        Assert.Equal(InMemorySchemaRegistryTests.V1, one.Schema.Schema);
        Assert.Equal(["t-value"], subjects);
        Assert.Equal((1, InMemorySchemaRegistryTests.V1), (guidId, byGuid.Schema));
    }

    [Fact]
    public async Task Compatibility_and_config()
    {
        using var client = _emulator.NewClient();
        await client.RegisterSchemaAsync("s", Avro(InMemorySchemaRegistryTests.V1));

        var bad = await client.TestCompatibilityAsync("s", Avro(InMemorySchemaRegistryTests.V2NoDefault));
        var good = await client.TestCompatibilityAsync("s", Avro(InMemorySchemaRegistryTests.V2WithDefault), version: null);
        Assert.Equal("BACKWARD", await client.GetCompatibilityAsync());
        Assert.Equal("NONE", await client.SetCompatibilityAsync("s", "none"));
        var afterNone = await client.TestCompatibilityAsync("s", Avro(InMemorySchemaRegistryTests.V2NoDefault));

        Assert.False(bad.IsCompatible);
        Assert.Contains(bad.Messages, m => m.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", StringComparison.Ordinal));
        Assert.True(good.IsCompatible);
        Assert.Equal("NONE", await client.GetCompatibilityAsync("s"));
        Assert.Equal("BACKWARD", await client.GetCompatibilityAsync("other"));
        Assert.True(afterNone.IsCompatible);
    }

    [Fact]
    public async Task Errors_carry_status_and_error_code()
    {
        using var client = _emulator.NewClient();
        await client.RegisterSchemaAsync("s", Avro(InMemorySchemaRegistryTests.V1));

        var conflict = await Assert.ThrowsAsync<RegistryException>(() => client.RegisterSchemaAsync("s", Avro(InMemorySchemaRegistryTests.V2NoDefault)));
        var missing = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(77));
        var noSubject = await Assert.ThrowsAsync<RegistryException>(() => client.GetLatestSchemaAsync("nobody"));
        var invalid = await Assert.ThrowsAsync<RegistryException>(() => client.RegisterSchemaAsync("s", Avro("{\"type\":\"nope\"}")));

        Assert.Equal((409, 40901), (conflict.Status, conflict.ErrorCode));
        Assert.Equal((404, 40403), (missing.Status, missing.ErrorCode));
        Assert.True(missing.IsNotFound);
        Assert.Contains("Schema 77 not found", missing.Message, StringComparison.Ordinal);
        Assert.Equal((404, 40401), (noSubject.Status, noSubject.ErrorCode));
        Assert.Equal((422, 42201), (invalid.Status, invalid.ErrorCode));
        // Not retried: one request each.
        Assert.Equal(5, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task Caches_answer_repeated_calls_without_requests()
    {
        using var client = _emulator.NewClient();
        var id = await client.RegisterSchemaAsync("s", Avro(InMemorySchemaRegistryTests.V1));
        await client.GetSchemaByIdAsync(id);
        await client.GetLatestSchemaAsync("s");
        var before = _emulator.Server.Stats.RequestCount;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(id, await client.RegisterSchemaAsync("s", Avro(InMemorySchemaRegistryTests.V1)));
            Assert.Equal(id, await client.GetSchemaIdAsync("s", Avro(InMemorySchemaRegistryTests.V1)));
            await client.GetSchemaByIdAsync(id);
            await client.GetLatestSchemaAsync("s");
        }

        Assert.Equal(before, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task The_latest_version_is_cached_only_for_its_time_to_live()
    {
        using var client = _emulator.NewClient(o => o.LatestCacheTtl = TimeSpan.FromMilliseconds(50));
        _emulator.Server.Registry.Register("s", Avro(InMemorySchemaRegistryTests.V1));
        Assert.Equal(1, (await client.GetLatestSchemaAsync("s")).Version);
        _emulator.Server.Registry.Register("s", Avro(InMemorySchemaRegistryTests.V2WithDefault));

        Assert.Equal(1, (await client.GetLatestSchemaAsync("s")).Version);
        await Task.Delay(120);
        Assert.Equal(2, (await client.GetLatestSchemaAsync("s")).Version);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Retriable_statuses_are_retried_until_success(int status)
    {
        using var client = _emulator.NewClient(o => o.MaxRetries = 3);
        _emulator.Server.Faults.FailNext(2, status);

        Assert.Equal(1, await client.RegisterSchemaAsync("s", Avro("\"int\"")));
        Assert.Equal(3, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_error_is_reported()
    {
        using var client = _emulator.NewClient(o => o.MaxRetries = 2);
        _emulator.Server.Faults.FailNext(100, 503);

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal(503, e.Status);
        Assert.Equal(503, e.ErrorCode);
        Assert.Equal(3, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task Dropped_connections_are_retried()
    {
        using var client = _emulator.NewClient();
        _emulator.Server.Faults.DropNext(2);

        Assert.Empty(await client.GetSubjectsAsync());
        Assert.Equal(3, _emulator.Server.Stats.RequestCount);
    }

    [Fact]
    public async Task Fails_over_to_the_next_url_and_remembers_the_one_that_answered()
    {
        var dead = LoopbackPort.ClosedUrl() + "/";
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Urls = { dead + "," + _emulator.Server.BaseAddress },
            MaxRetries = 0,
        });

        Assert.Empty(await client.GetSubjectsAsync());
        Assert.Empty(await client.GetSubjectsAsync());
        Assert.Equal(2, _emulator.Server.Stats.RequestCount);
        Assert.Equal(2, client.BaseUrls.Count);
    }

    [Fact]
    public async Task An_unreachable_registry_gives_status_zero_naming_the_url()
    {
        var dead = LoopbackPort.ClosedUrl() + "/";
        using var client = new RegistryClient(new RegistryClientOptions { Urls = { dead }, MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal(0, e.Status);
        Assert.Contains(dead.TrimEnd('/'), e.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_registry_times_out_per_attempt()
    {
        using var client = _emulator.NewClient(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetries = 1;
        });
        _emulator.Server.Faults.LatencyMs = 1000;

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal(0, e.Status);
        Assert.Contains("did not answer within", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_registry_error()
    {
        using var client = _emulator.NewClient();
        _emulator.Server.Faults.LatencyMs = 2000;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetSubjectsAsync(cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task User_info_in_the_url_becomes_basic_auth_and_never_appears_in_messages_or_logs()
    {
        var options = new TestRegistryOptions();
        options.BasicAuthUsers["bob"] = Password;
        await using var secured = await TestRegistryServer.StartAsync(options: options);
        var log = new List<string>();
        var url = $"http://bob:{Password}@127.0.0.1:{secured.BaseAddress.Port}";
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Urls = { url },
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetries = 1,
            Log = log.Add,
        });

        Assert.Equal(1, await client.RegisterSchemaAsync("s", Avro("\"int\"")));
        secured.Faults.FailNext(10, 503);
        var failed = await Assert.ThrowsAsync<RegistryException>(() => client.GetSubjectsAsync());
        secured.Faults.Clear();
        var notFound = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(5));

        Assert.DoesNotContain(client.BaseUrls, u => u.ToString().Contains(Password, StringComparison.Ordinal));
        Assert.NotEmpty(log);
        foreach (var text in log.Append(failed.Message).Append(failed.ToString()).Append(notFound.Message))
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("bob:", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refused_credentials_are_a_final_401_without_the_secret()
    {
        var options = new TestRegistryOptions();
        options.BasicAuthUsers["bob"] = "right";
        await using var secured = await TestRegistryServer.StartAsync(options: options);
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Urls = { secured.BaseAddress.ToString() },
            BasicAuthUserInfo = "bob:" + Password,
        });

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal(401, e.Status);
        Assert.Equal(1, secured.Stats.RequestCount);
        Assert.DoesNotContain(Password, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_tokens_are_sent_and_win_over_basic_auth()
    {
        var options = new TestRegistryOptions();
        options.BearerTokens.Add("tok");
        await using var secured = await TestRegistryServer.StartAsync(options: options);
        var calls = 0;
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Urls = { secured.BaseAddress.ToString() },
            BasicAuthUserInfo = "ignored:ignored",
            BearerTokenProvider = _ =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.FromResult("tok");
            },
        });

        Assert.Empty(await client.GetSubjectsAsync());
        Assert.Equal(1, calls);
        Assert.Equal("Bearer", secured.Stats.Recent[0].Authorization);
    }

    [Fact]
    public void Bad_urls_are_rejected_without_echoing_credentials()
    {
        var e = Assert.Throws<ArgumentException>(() => new RegistryClient(RegistryClientOptions.ForUrl($"ftp://u:{Password}@host")));
        Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RegistryClient(new RegistryClientOptions()));
    }

    [Fact]
    public async Task Concurrent_calls_share_one_client_safely()
    {
        using var client = _emulator.NewClient();
        _emulator.Server.Registry.SetGlobalConfig(new RegistryConfig("NONE"));
        var schemas = Enumerable.Range(0, 20).Select(i => Avro($"{{\"type\":\"fixed\",\"name\":\"F{i}\",\"size\":{i + 1}}}")).ToList();

        var ids = await Task.WhenAll(schemas.Select((s, i) => client.RegisterSchemaAsync("s" + (i % 3), s)));
        var back = await Task.WhenAll(ids.Select(id => client.GetSchemaByIdAsync(id)));

        Assert.Equal(20, ids.Distinct().Count());
        Assert.Equal(schemas.Select(s => s.Schema), back.Select(s => s.Schema));
    }

    [Fact]
    public async Task Mock_urls_share_one_in_memory_registry_per_scope()
    {
        var scope = "client-tests-" + Guid.NewGuid().ToString("N");
        using var a = RegistryClient.Create("mock://" + scope);
        using var b = RegistryClient.Create("mock://" + scope);
        using var other = RegistryClient.Create("mock://" + scope + "-other");

        var id = await a.RegisterSchemaAsync("s", Avro("\"int\""));

        Assert.IsType<MockRegistryClient>(a);
        Assert.Equal("\"int\"", (await b.GetSchemaByIdAsync(id)).Schema);
        var e = await Assert.ThrowsAsync<RegistryException>(() => other.GetSchemaByIdAsync(id));
        Assert.Equal(40403, e.ErrorCode);
        MockSchemaRegistry.DropScope(scope);
        Assert.Empty(MockSchemaRegistry.GetScope(scope).GetSubjects());
    }

    [Fact]
    public async Task Mock_and_http_clients_agree()
    {
        var scope = "agree-" + Guid.NewGuid().ToString("N");
        IRegistryClient[] clients = [RegistryClient.Create("mock://" + scope), _emulator.NewClient()];
        var answers = new List<string>();
        foreach (var client in clients)
        {
            using (client)
            {
                var id = await client.RegisterSchemaAsync("s", Avro(InMemorySchemaRegistryTests.V1));
                var compat = await client.TestCompatibilityAsync("s", Avro(InMemorySchemaRegistryTests.V2NoDefault));
                var deleted = await client.DeleteSubjectAsync("s");
                var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetLatestSchemaAsync("s"));
                var level = await client.SetCompatibilityAsync(null, "full");
                answers.Add($"{id} {compat.IsCompatible} {compat.Messages.Count} {string.Join(",", deleted)} {e.Status}/{e.ErrorCode} {level}");
            }
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal("1 False 4 1 404/40401 FULL", answers[0]);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.tests;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// Runs when Confluent's JS client is installed (<c>build/install-interop.sh</c> puts it in build/oracles/node);
/// skipped when it is absent, except under CI (<c>CI</c> set), where a missing client is a failure.
/// </summary>
public sealed class NodeClientFactAttribute : FactAttribute
{
    public NodeClientFactAttribute()
    {
        if (ConfluentJsClientTests.NodeModules is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "@confluentinc/schemaregistry is not installed (run build/install-interop.sh)";
        }
    }
}

/// <summary>
/// Proof with a client nobody here wrote: Confluent's <c>@confluentinc/schemaregistry</c> registers and serializes
/// against the emulator and our deserializer reads the message; our serializer writes and Confluent's deserializer
/// reads it.
/// </summary>
public sealed class ConfluentJsClientTests : IAsyncLifetime
{
    private static readonly string RepoRoot = RepositoryRoot.Path;
    private TestRegistryServer _server = null!;

    internal static string? NodeModules
    {
        get
        {
            var modules = Path.Combine(RepoRoot, "build", "oracles", "node", "node_modules");
            return Directory.Exists(Path.Combine(modules, "@confluentinc", "schemaregistry")) ? modules : null;
        }
    }

    public async Task InitializeAsync() => _server = await TestRegistryServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();


    internal static async Task<string> RunNodeAsync(params string[] args)
    {
        var modules = NodeModules ?? throw new InvalidOperationException(
            "CI is set but @confluentinc/schemaregistry is not installed in build/oracles/node: run build/install-interop.sh");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoRoot, "tests", "Avro.Codegen.Registry.Tests", "Js", "confluent-client.js"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }

    [NodeClientFact]
    public async Task Our_deserializer_reads_what_the_Confluent_JS_serializer_wrote()
    {
        using var temp = new TempFiles();
        // The .avsc as written (multi-line): the registry must treat it as the schema our records carry.
        var schemaFile = Path.Combine(RepoRoot, "tests", "Avro.Codegen.Registry.Tests", "Schemas", "Order.avsc");
        var valueFile = temp.Write("order.json", """{"id": 7, "customer": "Ünïcode ✓", "amount": -0.25, "note": null, "tags": ["x"]}""");

        var hex = await RunNodeAsync("produce", _server.BaseAddress.ToString().TrimEnd('/'), "js-orders", schemaFile, valueFile);
        using var client = new RegistryClient(RegistryClientOptions.ForUrl(_server.BaseAddress.ToString()));
        var order = await new ConfluentAvroDeserializer<Order>(client).DeserializeAsync(Convert.FromHexString(hex));

        Assert.NotNull(order);
        Assert.Equal((7L, "Ünïcode ✓", -0.25, (string?)null), (order.Id, order.Customer, order.Amount, order.Note));
        Assert.Equal(["x"], order.Tags);
        Assert.Equal(0, Convert.FromHexString(hex)[0]);
        Assert.Equal(["js-orders-value"], _server.Registry.GetSubjects());
    }

    [NodeClientFact]
    public async Task Data_the_JS_client_wrote_with_an_older_schema_is_resolved()
    {
        using var temp = new TempFiles();
        var schemaFile = temp.Write("order-v0.avsc",
            """{"type":"record","name":"Order","namespace":"registry.tests","fields":[{"name":"id","type":"int"},{"name":"customer","type":"string"},{"name":"amount","type":"float"}]}""");
        var valueFile = temp.Write("order.json", """{"id": 3, "customer": "legacy", "amount": 2.5}""");

        var hex = await RunNodeAsync("produce", _server.BaseAddress.ToString().TrimEnd('/'), "legacy-orders", schemaFile, valueFile);
        using var client = new RegistryClient(RegistryClientOptions.ForUrl(_server.BaseAddress.ToString()));
        var order = new ConfluentAvroDeserializer<Order>(client).Deserialize(Convert.FromHexString(hex));

        Assert.NotNull(order);
        Assert.Equal((3L, "legacy", 2.5, (string?)null), (order.Id, order.Customer, order.Amount, order.Note));
        Assert.Empty(order.Tags);
    }

    [NodeClientFact]
    public async Task The_Confluent_JS_deserializer_reads_what_our_serializer_wrote()
    {
        using var client = new RegistryClient(RegistryClientOptions.ForUrl(_server.BaseAddress.ToString()));
        var order = new Order { Id = 123456789012, Customer = "Zoë", Amount = 19.99, Note = "gift", Tags = ["a", "b"] };
        var bytes = await new ConfluentAvroSerializer<Order>(client).SerializeAsync(order, "dotnet-orders");

        var json = await RunNodeAsync("consume", _server.BaseAddress.ToString().TrimEnd('/'), "dotnet-orders", Convert.ToHexString(bytes!));
        var value = JsonDocument.Parse(json).RootElement;

        Assert.Equal(123456789012, value.GetProperty("id").GetInt64());
        Assert.Equal("Zoë", value.GetProperty("customer").GetString());
        Assert.Equal(19.99, value.GetProperty("amount").GetDouble());
        Assert.Equal("gift", value.GetProperty("note").GetString());
        Assert.Equal("[\"a\",\"b\"]", value.GetProperty("tags").GetRawText());
        Assert.Contains(_server.Stats.Recent, r => r.Target.StartsWith("/schemas/ids/1", StringComparison.Ordinal));
    }

    private sealed class TempFiles : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("avro-registry-js-").FullName;

        public string Write(string name, string text)
        {
            var path = Path.Combine(_dir, name);
            System.IO.File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}

using Avro.Codegen.Registry;
using Avro.Codegen.TestRegistry;
using Confluent.SchemaRegistry;

namespace Avro.Codegen.TestUtilities;

/// <summary>
/// A fresh registry emulator with the clients that talk to it over HTTP: ours, and Confluent's
/// <see cref="CachedSchemaRegistryClient"/> (created on first use). A test class starts one in <c>InitializeAsync</c> and
/// disposes it in <c>DisposeAsync</c>. Linked into the test projects that reference Confluent's client.
/// </summary>
internal sealed class EmulatorClients : IAsyncDisposable
{
    private readonly Lazy<CachedSchemaRegistryClient> _confluent;

    private EmulatorClients(TestRegistryServer server)
    {
        Server = server;
        Ours = new RegistryClient(RegistryClientOptions.ForUrl(server.BaseAddress.ToString()));
        _confluent = new(() => new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = server.BaseAddress.ToString() }));
    }

    /// <summary>The emulator, on a free loopback port.</summary>
    public TestRegistryServer Server { get; }

    /// <summary>This library's client, with its default options.</summary>
    public RegistryClient Ours { get; }

    /// <summary>Confluent's client, with its default options.</summary>
    public CachedSchemaRegistryClient ConfluentClient => _confluent.Value;

    /// <summary>
    /// A new client of ours for one test to configure: retries wait 1 ms instead of the default backoff, then
    /// <paramref name="configure"/> applies. The caller disposes it.
    /// </summary>
    public RegistryClient NewClient(Action<RegistryClientOptions>? configure = null)
    {
        var options = RegistryClientOptions.ForUrl(Server.BaseAddress.ToString());
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        configure?.Invoke(options);
        return new RegistryClient(options);
    }

    /// <summary>Starts an emulator and creates the clients.</summary>
    public static async Task<EmulatorClients> StartAsync() => new(await TestRegistryServer.StartAsync());

    public async ValueTask DisposeAsync()
    {
        if (_confluent.IsValueCreated)
        {
            _confluent.Value.Dispose();
        }

        Ours.Dispose();
        await Server.DisposeAsync();
    }
}

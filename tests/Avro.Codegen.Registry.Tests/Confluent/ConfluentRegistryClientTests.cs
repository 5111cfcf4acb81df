using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using registry.tests.migration;
using ConfluentSchema = Confluent.SchemaRegistry.Schema;

namespace Avro.Codegen.Registry.Tests.ConfluentSerdes;

/// <summary>
/// Every <see cref="ISchemaRegistryClient"/> member of Confluent's own CachedSchemaRegistryClient 2.16, against the
/// emulator over HTTP, with the answers Confluent's server gives (the registry contract the emulator follows).
/// </summary>
#pragma warning disable CS0618 // the interface's obsolete members are still part of what Confluent's client exposes
public sealed class ConfluentRegistryClientTests : IAsyncLifetime
{
    private const string V1 = """{"type":"record","name":"Ping","namespace":"peers","fields":[{"name":"n","type":"long"}]}""";
    private const string V2 = """{"type":"record","name":"Ping","namespace":"peers","fields":[{"name":"n","type":"long"},{"name":"note","type":["null","string"],"default":null}]}""";
    private const string Breaking = """{"type":"record","name":"Ping","namespace":"peers","fields":[{"name":"n","type":"string"}]}""";

    private TestRegistryServer _server = null!;
    private CachedSchemaRegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestRegistryServer.StartAsync();
        _client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _server.BaseAddress.ToString(), MaxCachedSchemas = 50 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RegisterAndLookUpByEveryRoute()
    {
        int id = await _client.RegisterSchemaAsync("pings-value", new ConfluentSchema(V1, SchemaType.Avro));
        Assert.Equal(id, await _client.RegisterSchemaAsync("pings-value", V1));
        var registered = await _client.RegisterSchemaWithResponseAsync("pings-value", new ConfluentSchema(V2, SchemaType.Avro));
        Assert.NotEqual(id, registered.Id);

        Assert.Equal(id, await _client.GetSchemaIdAsync("pings-value", V1));
        Assert.Equal(registered.Id, await _client.GetSchemaIdAsync("pings-value", new ConfluentSchema(V2, SchemaType.Avro)));

        var byId = await _client.GetSchemaAsync(id);
        Assert.Equal(SchemaType.Avro, byId.SchemaType);
        Assert.Contains("\"Ping\"", byId.SchemaString, StringComparison.Ordinal);
        Assert.Contains("\"Ping\"", (await _client.GetSchemaBySubjectAndIdAsync("pings-value", id)).SchemaString, StringComparison.Ordinal);

        // A fresh client asks the registry (POST /subjects/{subject}); the registering client answers from its cache,
        // whose entry has no subject.
        using (var fresh = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _server.BaseAddress.ToString() }))
        {
            var lookedUp = await fresh.LookupSchemaAsync("pings-value", new ConfluentSchema(V1, SchemaType.Avro), ignoreDeletedSchemas: true);
            Assert.Equal((id, 1, "pings-value"), (lookedUp.Id, lookedUp.Version, lookedUp.Subject));
        }

        var v1 = await _client.GetRegisteredSchemaAsync("pings-value", 1, ignoreDeletedSchemas: true);
        Assert.Equal(id, v1.Id);
        Assert.Contains("\"n\"", await _client.GetSchemaAsync("pings-value", 2), StringComparison.Ordinal);

        var latest = await _client.GetLatestSchemaAsync("pings-value");
        Assert.Equal((registered.Id, 2), (latest.Id, latest.Version));
        Assert.NotNull(latest.Guid);
        var byGuid = await _client.GetSchemaByGuidAsync(latest.Guid);
        Assert.Equal(latest.SchemaString, byGuid.SchemaString);

        Assert.Contains("pings-value", await _client.GetAllSubjectsAsync());
        Assert.Equal([1, 2], await _client.GetSubjectVersionsAsync("pings-value"));
    }

    [Fact]
    public async Task CompatibilityLevelsAndChecks()
    {
        await _client.RegisterSchemaAsync("pings-value", V1);
        Assert.True(await _client.IsCompatibleAsync("pings-value", V2));
        Assert.True(await _client.IsCompatibleAsync("pings-value", new ConfluentSchema(V2, SchemaType.Avro)));
        Assert.False(await _client.IsCompatibleAsync("pings-value", Breaking));

        Assert.Equal(Compatibility.Full, await _client.UpdateCompatibilityAsync(Compatibility.Full, "pings-value"));
        Assert.Equal(Compatibility.Full, await _client.GetCompatibilityAsync("pings-value"));
        Assert.Equal(Compatibility.Backward, await _client.GetCompatibilityAsync(null!));
        Assert.Equal(Compatibility.None, await _client.UpdateCompatibilityAsync(Compatibility.None, "pings-value"));
        Assert.True(await _client.IsCompatibleAsync("pings-value", Breaking));
    }

    [Fact]
    public async Task LatestWithMetadataAndCachesAndNames()
    {
        await _client.RegisterSchemaAsync("pings-value", V1);
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _client.GetLatestWithMetadataAsync("pings-value", new Dictionary<string, string> { ["owner"] = "peers" }, ignoreDeletedSchemas: true));
        Assert.Equal(404, (int)error.Status);

        _client.ClearLatestCaches();
        _client.ClearCaches();
        Assert.Equal(1, (await _client.GetLatestSchemaAsync("pings-value")).Version);

        Assert.Equal("pings-key", _client.ConstructKeySubjectName("pings"));
        Assert.Equal("pings-value", _client.ConstructValueSubjectName("pings"));
        Assert.Equal(50, _client.MaxCachedSchemas);
        Assert.Null(_client.AuthHeaderProvider);
        Assert.Null(_client.Proxy);
        Assert.Contains(_client.Config, kv => kv.Key == "schema.registry.url");
    }

    [Fact]
    public async Task UnknownIdsSubjectsAndVersionsAreConfluentsErrorCodes()
    {
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.GetLatestSchemaAsync("nobody-value"));
        Assert.Equal(40401, noSubject.ErrorCode);
        var noId = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.GetSchemaAsync(9999));
        Assert.Equal(40403, noId.ErrorCode);
        await _client.RegisterSchemaAsync("pings-value", V1);
        var noVersion = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.GetRegisteredSchemaAsync("pings-value", 7, ignoreDeletedSchemas: true));
        Assert.Equal(40402, noVersion.ErrorCode);
        var notThere = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            _client.LookupSchemaAsync("pings-value", new ConfluentSchema(Breaking, SchemaType.Avro), ignoreDeletedSchemas: true));
        Assert.Equal(40403, notThere.ErrorCode);
        var invalid = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.RegisterSchemaAsync("bad-value", """{"type":"nope"}"""));
        Assert.Equal(42201, invalid.ErrorCode);
        var incompatible = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.RegisterSchemaAsync("pings-value", Breaking));
        Assert.Equal(409, (int)incompatible.Status);
    }

    [Fact]
    public async Task ConfluentsHeaderIdsAreReadByOurDeserializer()
    {
        // Confluent 2.16 can carry the schema id in a __value_schema_id header (0x01 + the schema's GUID) instead of
        // the 5-byte prefix; ours reads that form.
        var config = new global::Confluent.SchemaRegistry.Serdes.AvroSerializerConfig { SchemaIdStrategy = SchemaIdSerializerStrategy.Header };
        var serializer = new global::Confluent.SchemaRegistry.Serdes.AvroSerializer<Account>(_client, config);
        var headers = new Headers();
        byte[] body = await serializer.SerializeAsync(ConfluentMigrationTests.Sample(), new SerializationContext(MessageComponentType.Value, "accounts", headers));

        Assert.Equal(AvroSerializer.Serialize(ConfluentMigrationTests.Sample()), body);
        byte[] header = headers.GetLastBytes("__value_schema_id");
        Assert.Equal(1, header[0]);
        using var ours = new RegistryClient(RegistryClientOptions.ForUrl(_server.BaseAddress.ToString()));
        var read = new ConfluentAvroDeserializer<Account>(ours).Deserialize(body, isNull: false, header, hasSchemaIdHeader: true);
        Assert.Equal(body, AvroSerializer.Serialize(read!));
    }
}

using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>Configuration from Confluent's property names, fed with Confluent's own config objects where they exist.</summary>
public sealed class ConfigTests
{
    private static AvroKafkaConfig From(params (string Key, string Value)[] properties) =>
        AvroKafkaConfig.FromConfluent(properties.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Confluents_own_config_objects_are_read()
    {
        var registry = new SchemaRegistryConfig
        {
            Url = "https://sr1.example:8081,https://sr2.example:8081",
            BasicAuthCredentialsSource = AuthCredentialsSource.UserInfo,
            BasicAuthUserInfo = "alice:s3cret",
            RequestTimeoutMs = 2500,
            MaxCachedSchemas = 77,
            LatestCacheTtlSecs = 30,
            MaxRetries = 1,
            RetriesWaitMs = 10,
            RetriesMaxWaitMs = 200,
        };
        var serializer = new AvroSerializerConfig
        {
            AutoRegisterSchemas = false,
            UseLatestVersion = true,
            NormalizeSchemas = true,
            SubjectNameStrategy = SubjectNameStrategy.TopicRecord,
            SchemaIdStrategy = SchemaIdSerializerStrategy.Header,
            BufferBytes = 256,
        };

        var config = AvroKafkaConfig.FromConfluent(registry.Concat(serializer));

        Assert.Equal(["https://sr1.example:8081", "https://sr2.example:8081"], config.Registry.Urls);
        Assert.Equal("alice:s3cret", config.Registry.BasicAuthUserInfo);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), config.Registry.RequestTimeout);
        Assert.Equal(77, config.Registry.MaxCachedSchemas);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Registry.LatestCacheTtl);
        Assert.Equal(1, config.Registry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.Registry.RetryDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.Registry.MaxRetryDelay);
        Assert.Equal(SchemaIdSource.UseLatest, config.Serializer.SchemaIdSource);
        Assert.True(config.Serializer.Normalize);
        Assert.Equal(SubjectNamingStrategy.TopicRecordName, config.Serializer.SubjectNamingStrategy);
        Assert.Equal(SchemaIdLocation.Header, config.SchemaIdLocation);
    }

    [Fact]
    public void Bearer_and_sasl_inherit_are_read_from_Confluent_config_objects()
    {
        var bearer = new SchemaRegistryConfig
        {
            Url = "https://sr.example",
            BearerAuthCredentialsSource = BearerAuthCredentialsSource.StaticToken,
            BearerAuthToken = "tok-123",
            BearerAuthLogicalCluster = "lsrc-1",
            BearerAuthIdentityPoolId = "pool-2",
        };
        var config = AvroKafkaConfig.FromConfluent(bearer);
        Assert.Equal(("tok-123", "lsrc-1", "pool-2"), (config.Registry.BearerToken, config.Registry.BearerLogicalCluster, config.Registry.BearerIdentityPoolId));

        var sasl = From(("schema.registry.url", "http://sr"), ("schema.registry.basic.auth.credentials.source", "SASL_INHERIT"),
            ("sasl.username", "bob"), ("sasl.password", "pw"));
        Assert.Equal("bob:pw", sasl.Registry.BasicAuthUserInfo);
    }

    [Fact]
    public void Java_names_work_without_the_dotnet_prefixes()
    {
        var config = From(("schema.registry.url", "mock://java"), ("basic.auth.user.info", "u:p"), ("auto.register.schemas", "false"),
            ("use.schema.id", "12"), ("subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"));

        Assert.Equal("u:p", config.Registry.BasicAuthUserInfo);
        Assert.Equal((SchemaIdSource.UseSchemaId, 12), (config.Serializer.SchemaIdSource, config.Serializer.SchemaId!.Value));
        Assert.Equal(SubjectNamingStrategy.RecordName, config.Serializer.SubjectNamingStrategy);
        Assert.Equal(SchemaIdSource.LookupOnly, From(("auto.register.schemas", "False")).Serializer.SchemaIdSource);
        Assert.Equal(SchemaIdSource.AutoRegister, From().Serializer.SchemaIdSource);
    }

    [Theory]
    [InlineData("bootstrap.servers", "localhost:9092", "Unknown configuration property 'bootstrap.servers'")]
    [InlineData("schema.registry.urls", "http://x", "Unknown configuration property 'schema.registry.urls'")]
    [InlineData("avro.serializer.auto.register.schemas", "yes", "'avro.serializer.auto.register.schemas' is 'yes'; expected true or false")]
    [InlineData("schema.registry.request.timeout.ms", "-5", "'schema.registry.request.timeout.ms' is '-5'; expected an integer of at least 1")]
    [InlineData("schema.registry.max.cached.schemas", "many", "'schema.registry.max.cached.schemas' is 'many'")]
    [InlineData("avro.serializer.subject.name.strategy", "Whatever", "'avro.serializer.subject.name.strategy' is 'Whatever'; expected Topic, Record or TopicRecord")]
    [InlineData("avro.serializer.schema.id.strategy", "Footer", "'avro.serializer.schema.id.strategy' is 'Footer'; expected one of PREFIX, HEADER")]
    [InlineData("schema.registry.basic.auth.credentials.source", "LDAP", "expected one of USER_INFO, SASL_INHERIT")]
    [InlineData("schema.registry.bearer.auth.credentials.source", "OAUTHBEARER", "is OAUTHBEARER, which this library does not implement")]
    [InlineData("schema.registry.ssl.ca.location", "/etc/ca.pem", "Unknown configuration property 'schema.registry.ssl.ca.location'")]
    public void Unknown_keys_and_malformed_values_name_the_key(string key, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => From((key, value)));
        Assert.Contains(expected, error.Message);
        Assert.Equal("properties", error.ParamName);
    }

    [Fact]
    public void Credentials_and_urls_never_appear_in_messages()
    {
        var badUserInfo = Assert.Throws<ArgumentException>(() => From(("schema.registry.basic.auth.user.info", "no-colon-secret")));
        Assert.DoesNotContain("no-colon-secret", badUserInfo.Message);
        var badUrl = Assert.Throws<ArgumentException>(() => From(("schema.registry.url", "ftp://user:hunter2@host")));
        Assert.DoesNotContain("hunter2", badUrl.Message);
        Assert.Contains("'schema.registry.url'", badUrl.Message);
        var sasl = Assert.Throws<ArgumentException>(() => From(("schema.registry.basic.auth.credentials.source", "SASL_INHERIT"), ("sasl.password", "pw-secret")));
        Assert.Contains("'sasl.username' is not set", sasl.Message);
        Assert.DoesNotContain("pw-secret", sasl.Message);
    }

    [Fact]
    public void Contradictions_are_refused()
    {
        Assert.Contains("contradict", Assert.Throws<ArgumentException>(() =>
            From(("avro.serializer.use.latest.version", "true"), ("avro.serializer.use.schema.id", "3"), ("avro.serializer.auto.register.schemas", "false"))).Message);
        Assert.Contains("needs 'avro.serializer.auto.register.schemas' = false", Assert.Throws<ArgumentException>(() =>
            From(("avro.serializer.use.latest.version", "true"), ("avro.serializer.auto.register.schemas", "true"))).Message);
        Assert.Contains("set the same thing", Assert.Throws<ArgumentException>(() =>
            From(("schema.registry.basic.auth.user.info", "a:b"), ("basic.auth.user.info", "a:b"))).Message);
        Assert.Contains("must not be set too", Assert.Throws<ArgumentException>(() =>
            From(("schema.registry.basic.auth.credentials.source", "SASL_INHERIT"), ("schema.registry.basic.auth.user.info", "a:b"))).Message);
    }

    [Fact]
    public async Task A_configured_client_and_serializer_talk_to_the_registry_with_basic_auth()
    {
        var options = new TestRegistryOptions();
        options.BasicAuthUsers["alice"] = "s3cret";
        await using var server = await TestRegistryServer.StartAsync(options: options);
        var config = AvroKafkaConfig.FromConfluent(new SchemaRegistryConfig
        {
            Url = server.BaseAddress.ToString(),
            BasicAuthUserInfo = "alice:s3cret",
        }.Concat(new AvroSerializerConfig { SchemaIdStrategy = SchemaIdSerializerStrategy.Header }));
        using var registry = RegistryClient.Create(config.Registry);
        var serializer = new AvroKafkaPrimitiveSerializer<long>(registry, config.Serializer, config.SchemaIdLocation);
        var headers = new Headers();

        var body = await serializer.SerializeAsync(42L, new SerializationContext(MessageComponentType.Key, "accounts", headers));

        Assert.Equal(AvroPrimitive.Serialize(42L), body);
        Assert.Equal(ConfluentFraming.KeySchemaIdHeader, Assert.Single(headers).Key);
        Assert.Equal(["accounts-key"], server.Registry.GetSubjects());
    }
}

using System.Globalization;
using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;

namespace Avro.Codegen.Kafka;

/// <summary>
/// Registry client and serde settings read from Confluent's property names, as users already hold them in
/// Confluent's <c>SchemaRegistryConfig</c> and <c>AvroSerializerConfig</c> (both are
/// <c>IEnumerable&lt;KeyValuePair&lt;string, string&gt;&gt;</c>) or in a Java-style properties file.
/// </summary>
/// <remarks>
/// <para>Recognized keys, each with or without Confluent .NET's prefix (<c>schema.registry.</c> for the client,
/// <c>avro.serializer.</c> / <c>avro.deserializer.</c> for the serdes): <c>schema.registry.url</c>,
/// <c>basic.auth.credentials.source</c> (<c>USER_INFO</c>, <c>SASL_INHERIT</c> with <c>sasl.username</c>/<c>sasl.password</c>),
/// <c>basic.auth.user.info</c>, <c>bearer.auth.credentials.source</c> (<c>STATIC_TOKEN</c>), <c>bearer.auth.token</c>,
/// <c>bearer.auth.logical.cluster</c>, <c>bearer.auth.identity.pool.id</c>, <c>request.timeout.ms</c>,
/// <c>max.cached.schemas</c>, <c>latest.cache.ttl.secs</c>, <c>max.retries</c>, <c>retries.wait.ms</c>,
/// <c>retries.max.wait.ms</c>, <c>auto.register.schemas</c>, <c>use.latest.version</c>, <c>use.schema.id</c>,
/// <c>normalize.schemas</c>, <c>subject.name.strategy</c> (<c>Topic</c>, <c>Record</c>, <c>TopicRecord</c>, or Java's
/// strategy class names), <c>schema.id.strategy</c> (<c>Prefix</c>, <c>Header</c>) and <c>buffer.bytes</c> (accepted,
/// no effect: buffers grow as needed).</para>
/// <para>Any other key, including Kafka client properties such as <c>bootstrap.servers</c> and Confluent options this
/// library does not implement (OAuth client credentials, TLS files: pass an <see cref="HttpMessageHandler"/> through
/// <see cref="RegistryClientOptions.HttpMessageHandler"/> instead), and any malformed value, is an
/// <see cref="ArgumentException"/> naming the key. Values of credential keys and URLs never appear in messages.</para>
/// </remarks>
public sealed class AvroKafkaConfig
{
    /// <summary>The registry client's options (<c>RegistryClient.Create(config.Registry)</c>).</summary>
    public RegistryClientOptions Registry { get; } = new();

    /// <summary>The serializers' options.</summary>
    public ConfluentSerializerOptions Serializer { get; } = new();

    /// <summary>The deserializers' options.</summary>
    public ConfluentDeserializerOptions Deserializer { get; } = new();

    /// <summary>Where serializers put the schema id (<c>schema.id.strategy</c>).</summary>
    public SchemaIdLocation SchemaIdLocation { get; set; }

    /// <summary>Reads Confluent-named properties (see the remarks for the keys).</summary>
    /// <exception cref="ArgumentException">An unknown key, a malformed value, or settings that contradict each other; the message names the key.</exception>
    public static AvroKafkaConfig FromConfluent(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var config = new AvroKafkaConfig();
        var seen = new Dictionary<string, (string Key, string Value)>(StringComparer.Ordinal);
        foreach (var (rawKey, value) in properties)
        {
            if (rawKey is null)
            {
                throw new ArgumentException("A configuration property has no name.", nameof(properties));
            }

            var key = rawKey.Trim();
            var name = Canonical(key) ?? throw new ArgumentException(
                $"Unknown configuration property '{key}'. Pass the schema registry and Avro serde properties (schema.registry.*, avro.serializer.*, as Confluent's SchemaRegistryConfig and AvroSerializerConfig hold them), not the Kafka client's.",
                nameof(properties));
            if (seen.TryGetValue(name, out var earlier) && earlier.Key != key)
            {
                throw new ArgumentException($"Configuration properties '{earlier.Key}' and '{key}' set the same thing; keep one.", nameof(properties));
            }

            seen[name] = (key, value ?? "");
        }

        string? Get(string name) => seen.TryGetValue(name, out var entry) ? entry.Value : null;
        string KeyOf(string name) => seen[name].Key;

        if (Get("url") is { } urls)
        {
            foreach (var url in urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!url.StartsWith("mock://", StringComparison.OrdinalIgnoreCase)
                    && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
                {
                    // The URL is not echoed: it may carry user-info.
                    throw new ArgumentException($"Configuration property '{KeyOf("url")}' holds a value that is not an http(s):// or mock:// URL.", nameof(properties));
                }

                config.Registry.Urls.Add(url);
            }

            if (config.Registry.Urls.Count == 0)
            {
                throw new ArgumentException($"Configuration property '{KeyOf("url")}' is empty.", nameof(properties));
            }
        }

        ApplyBasicAuth(config, Get, KeyOf);
        ApplyBearerAuth(config, Get, KeyOf);

        if (Get("request.timeout.ms") is { } timeout)
        {
            config.Registry.RequestTimeout = TimeSpan.FromMilliseconds(PositiveInt(KeyOf("request.timeout.ms"), timeout));
        }

        if (Get("max.cached.schemas") is { } cached)
        {
            config.Registry.MaxCachedSchemas = PositiveInt(KeyOf("max.cached.schemas"), cached);
        }

        if (Get("latest.cache.ttl.secs") is { } ttl)
        {
            // Confluent: -1 (the default) keeps the latest version until it is evicted; here that is the longest time to live.
            var seconds = Int(KeyOf("latest.cache.ttl.secs"), ttl, min: -1);
            config.Registry.LatestCacheTtl = seconds < 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
        }

        if (Get("max.retries") is { } retries)
        {
            config.Registry.MaxRetries = Int(KeyOf("max.retries"), retries, min: 0);
        }

        if (Get("retries.wait.ms") is { } wait)
        {
            config.Registry.RetryDelay = TimeSpan.FromMilliseconds(Int(KeyOf("retries.wait.ms"), wait, min: 0));
        }

        if (Get("retries.max.wait.ms") is { } maxWait)
        {
            config.Registry.MaxRetryDelay = TimeSpan.FromMilliseconds(Int(KeyOf("retries.max.wait.ms"), maxWait, min: 0));
        }

        ApplySerializer(config, Get, KeyOf);
        return config;
    }

    private static void ApplyBasicAuth(AvroKafkaConfig config, Func<string, string?> get, Func<string, string> keyOf)
    {
        var source = get("basic.auth.credentials.source") is { } text
            ? Choice(keyOf("basic.auth.credentials.source"), text, "USER_INFO", "SASL_INHERIT")
            : "USER_INFO";
        var userInfo = get("basic.auth.user.info");
        if (source == "SASL_INHERIT")
        {
            if (userInfo is not null)
            {
                throw new ArgumentException(
                    $"'{keyOf("basic.auth.credentials.source")}' is SASL_INHERIT, so '{keyOf("basic.auth.user.info")}' must not be set too.", "properties");
            }

            var user = get("sasl.username") ?? throw new ArgumentException(
                $"'{keyOf("basic.auth.credentials.source")}' is SASL_INHERIT, but 'sasl.username' is not set.", "properties");
            var password = get("sasl.password") ?? throw new ArgumentException(
                $"'{keyOf("basic.auth.credentials.source")}' is SASL_INHERIT, but 'sasl.password' is not set.", "properties");
            config.Registry.BasicAuthUserInfo = user + ":" + password;
            return;
        }

        if (userInfo is not null)
        {
            if (!userInfo.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Configuration property '{keyOf("basic.auth.user.info")}' must be 'user:password' (the value is not shown).", "properties");
            }

            config.Registry.BasicAuthUserInfo = userInfo;
        }
    }

    private static void ApplyBearerAuth(AvroKafkaConfig config, Func<string, string?> get, Func<string, string> keyOf)
    {
        var token = get("bearer.auth.token");
        if (get("bearer.auth.credentials.source") is { } text)
        {
            var source = Choice(keyOf("bearer.auth.credentials.source"), text, "STATIC_TOKEN", "OAUTHBEARER", "CUSTOM");
            if (source != "STATIC_TOKEN")
            {
                throw new ArgumentException(
                    $"Configuration property '{keyOf("bearer.auth.credentials.source")}' is {source}, which this library does not implement; use STATIC_TOKEN, or set RegistryClientOptions.BearerTokenProvider.",
                    "properties");
            }

            if (token is null)
            {
                throw new ArgumentException($"'{keyOf("bearer.auth.credentials.source")}' is STATIC_TOKEN, but 'bearer.auth.token' is not set.", "properties");
            }
        }

        config.Registry.BearerToken = token;
        config.Registry.BearerLogicalCluster = get("bearer.auth.logical.cluster");
        config.Registry.BearerIdentityPoolId = get("bearer.auth.identity.pool.id");
    }

    private static void ApplySerializer(AvroKafkaConfig config, Func<string, string?> get, Func<string, string> keyOf)
    {
        var options = config.Serializer;
        var autoRegister = get("auto.register.schemas") is { } auto ? Bool(keyOf("auto.register.schemas"), auto) : true;
        var useLatest = get("use.latest.version") is { } latest && Bool(keyOf("use.latest.version"), latest);
        int? schemaId = get("use.schema.id") is { } id ? Int(keyOf("use.schema.id"), id, min: 0) : null;
        if (schemaId is not null && schemaId < 0)
        {
            schemaId = null; // Confluent's -1: not set.
        }

        if (useLatest && schemaId is not null)
        {
            throw new ArgumentException($"'{keyOf("use.latest.version")}' and '{keyOf("use.schema.id")}' contradict each other; set one.", "properties");
        }

        if ((useLatest || schemaId is not null) && get("auto.register.schemas") is not null && autoRegister)
        {
            var which = useLatest ? keyOf("use.latest.version") : keyOf("use.schema.id");
            throw new ArgumentException($"'{which}' needs '{keyOf("auto.register.schemas")}' = false (as in Confluent's serializer).", "properties");
        }

        options.SchemaIdSource = useLatest ? SchemaIdSource.UseLatest
            : schemaId is not null ? SchemaIdSource.UseSchemaId
            : autoRegister ? SchemaIdSource.AutoRegister
            : SchemaIdSource.LookupOnly;
        options.SchemaId = schemaId;
        if (get("normalize.schemas") is { } normalize)
        {
            options.Normalize = Bool(keyOf("normalize.schemas"), normalize);
        }

        if (get("subject.name.strategy") is { } strategy)
        {
            options.SubjectNamingStrategy = Strategy(keyOf("subject.name.strategy"), strategy);
        }

        if (get("schema.id.strategy") is { } location)
        {
            config.SchemaIdLocation = Choice(keyOf("schema.id.strategy"), location, "PREFIX", "HEADER") == "HEADER" ? SchemaIdLocation.Header : SchemaIdLocation.Prefix;
        }

        if (get("deserializer.schema.id.strategy") is { } readStrategy)
        {
            // The deserializers read every framing (header first, then prefix), which is Confluent's Dual.
            Choice(keyOf("deserializer.schema.id.strategy"), readStrategy, "DUAL", "PREFIX", "HEADER");
        }

        if (get("buffer.bytes") is { } buffer)
        {
            PositiveInt(keyOf("buffer.bytes"), buffer);
        }
    }

    // Maps a key to its setting: Confluent .NET's prefixed names and Java's bare ones are the same setting.
    private static string? Canonical(string key)
    {
        var lower = key.ToLowerInvariant();
        if (lower is "sasl.username" or "sasl.password")
        {
            return lower;
        }

        if (lower == "avro.deserializer.schema.id.strategy")
        {
            return "deserializer.schema.id.strategy";
        }

        foreach (var prefix in new[] { "schema.registry.", "avro.serializer.", "" })
        {
            if (!lower.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = lower[prefix.Length..];
            var registry = rest is "url" or "basic.auth.credentials.source" or "basic.auth.user.info" or "bearer.auth.credentials.source"
                or "bearer.auth.token" or "bearer.auth.logical.cluster" or "bearer.auth.identity.pool.id" or "request.timeout.ms"
                or "max.cached.schemas" or "latest.cache.ttl.secs" or "max.retries" or "retries.wait.ms" or "retries.max.wait.ms";
            var serializer = rest is "auto.register.schemas" or "use.latest.version" or "use.schema.id" or "normalize.schemas"
                or "subject.name.strategy" or "schema.id.strategy" or "buffer.bytes";
            if ((registry && prefix != "avro.serializer.") || (serializer && prefix != "schema.registry."))
            {
                return rest;
            }
        }

        return null;
    }

    private static string Choice(string key, string value, params string[] allowed)
    {
        // Confluent .NET stores its enums both as USER_INFO and as UserInfo; compare without case and underscores.
        var wanted = value.Replace("_", "", StringComparison.Ordinal).Trim();
        foreach (var option in allowed)
        {
            if (string.Equals(option.Replace("_", "", StringComparison.Ordinal), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        throw new ArgumentException($"Configuration property '{key}' is '{value}'; expected one of {string.Join(", ", allowed)}.", "properties");
    }

    private static SubjectNamingStrategy Strategy(string key, string value) =>
        value.Trim().Length > 0 && SubjectNaming.TryParse(value, out var strategy)
            ? strategy
            : throw new ArgumentException(
                $"Configuration property '{key}' is '{value}'; expected Topic, Record or TopicRecord (or io.confluent.kafka.serializers.subject.TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy).",
                "properties");

    private static bool Bool(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new ArgumentException($"Configuration property '{key}' is '{value}'; expected true or false.", "properties"),
    };

    private static int PositiveInt(string key, string value) => Int(key, value, min: 1);

    private static int Int(string key, string value, int min)
    {
        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min)
        {
            throw new ArgumentException($"Configuration property '{key}' is '{value}'; expected an integer of at least {min}.", "properties");
        }

        return number;
    }
}

namespace Avro.Codegen.Registry;

/// <summary>How a <see cref="RegistryClient"/> reaches the registry.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>
    /// One or more base URLs, tried in order (failover), e.g. <c>https://sr1:8081</c>. A comma-separated list is
    /// accepted too, as in Confluent's <c>schema.registry.url</c>. User-info in a URL (<c>https://user:pass@host</c>)
    /// becomes basic authentication and is removed from the URL. <c>mock://scope</c> selects the in-memory registry.
    /// </summary>
    public IList<string> Urls { get; } = new List<string>();

    /// <summary>Basic authentication as <c>user:password</c>; overrides user-info in the URLs.</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>A static bearer token (sent as <c>Authorization: Bearer</c>; wins over basic authentication).</summary>
    public string? BearerToken { get; set; }

    /// <summary>A bearer token source called before each request (for expiring OAuth tokens); wins over <see cref="BearerToken"/>.</summary>
    public Func<CancellationToken, ValueTask<string>>? BearerTokenProvider { get; set; }

    /// <summary>The logical cluster header (<c>target-sr-cluster</c>) sent with bearer authentication, as Confluent Cloud needs.</summary>
    public string? BearerLogicalCluster { get; set; }

    /// <summary>The identity pool header (<c>Confluent-Identity-Pool-Id</c>) sent with bearer authentication.</summary>
    public string? BearerIdentityPoolId { get; set; }

    /// <summary>Timeout of one HTTP attempt. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries after the first attempt on 408, 429, 500, 502, 503, 504, timeouts and connection failures (each retry
    /// tries every URL once more). Default 3. Other errors are final at once.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; it doubles per retry, with jitter, up to <see cref="MaxRetryDelay"/>. Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between retries. Default 5 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a subject's latest version is cached. Default 5 minutes; <see cref="TimeSpan.Zero"/> disables it.</summary>
    public TimeSpan LatestCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The largest answer body read from the registry, in bytes. A longer answer (by its <c>Content-Length</c>, or
    /// while it streams in) is abandoned at once, never buffered past the limit, and raises
    /// <see cref="RegistryException"/> naming this option. It also bounds what decoding a writer schema can cost,
    /// since no schema text can exceed it. Default 8 MiB (8,388,608); Confluent's registry keeps schemas in a Kafka
    /// topic whose messages are 1 MB by default.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 8 MiB.</summary>
    public const long DefaultMaxResponseBytes = 8L * 1024 * 1024;

    /// <summary>
    /// How long an id the registry does not know (error 40403) is remembered as unknown: lookups of it within this time
    /// fail at once, without a request, so a stream of messages naming one unknown id costs one request, not one per
    /// message. Default 5 seconds (short: the id may be registered a moment later); <see cref="TimeSpan.Zero"/>
    /// disables it. Confluent's clients call this <c>missing.id.cache.ttl.sec</c>.
    /// </summary>
    public TimeSpan MissingIdCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    // The clock of MissingIdCacheTtl; tests substitute one they can move.
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>At most this many schemas and ids are cached; beyond it the cache starts over. Default 1000.</summary>
    public int MaxCachedSchemas { get; set; } = 1000;

    /// <summary>The handler for HTTP requests (TLS settings, proxies, tests). When null, a default one; certificates are verified.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// Receives diagnostic lines (retries, failover). Never receives credentials: URLs are logged without user-info
    /// and headers are not logged.
    /// </summary>
    public Action<string>? Log { get; set; }

    /// <summary>Options for one URL.</summary>
    public static RegistryClientOptions ForUrl(string url)
    {
        var options = new RegistryClientOptions();
        options.Urls.Add(url);
        return options;
    }
}

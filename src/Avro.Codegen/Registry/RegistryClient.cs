using System.Collections.Concurrent;

namespace Avro.Codegen.Registry;

/// <summary>
/// The HTTP client of the Confluent Schema Registry REST API: async and thread-safe, with caches (id to schema,
/// (subject, schema) to id, latest version with a time to live), basic or bearer authentication, failover across
/// several URLs, per-attempt timeouts and bounded retries with backoff on 408/429/5xx and connection failures.
/// Concurrent first lookups of one schema id (or subject version) share one request, and an id the registry does not
/// know is remembered for <see cref="RegistryClientOptions.MissingIdCacheTtl"/>. Answers are read up to
/// <see cref="RegistryClientOptions.MaxResponseBytes"/>. Credentials never appear in exception messages or logs.
/// </summary>
/// <remarks>
/// The requests themselves (paths, bodies, authentication, retries, failover, limits, error mapping, redaction) are
/// the registry protocol layer's, shared with the build gate and the CLI; this class adds the caches.
/// </remarks>
public sealed class RegistryClient : IRegistryClient
{
    private readonly RegistryProtocol _protocol;
    private readonly RegistryClientOptions _options;

    private readonly ConcurrentDictionary<int, RegistrySchema> _schemasById = new();
    private readonly ConcurrentDictionary<Guid, (int Id, RegistrySchema Schema)> _schemasByGuid = new();
    private readonly ConcurrentDictionary<(string Subject, RegistrySchema Schema, bool Normalize), int> _idsBySchema = new();
    private readonly ConcurrentDictionary<string, (RegisteredVersion Schema, DateTime ExpiresUtc)> _latest = new(StringComparer.Ordinal);

    // Numbered versions never change (only deletes, which this client forgets), so references are fetched once each.
    private readonly ConcurrentDictionary<(string Subject, int Version, bool IncludeDeleted), RegisteredVersion> _versions = new();

    // Lookups under way: a second caller for the same key waits for the first one's request instead of sending its own.
    private readonly ConcurrentDictionary<int, Task<RegistrySchema>> _idFlights = new();
    private readonly ConcurrentDictionary<Guid, Task<(int Id, RegistrySchema Schema)>> _guidFlights = new();
    private readonly ConcurrentDictionary<(string Subject, int Version, bool IncludeDeleted), Task<RegisteredVersion>> _versionFlights = new();

    // Ids the registry answered 40403 for, with when that answer expires (ticks of the options' clock).
    private readonly ConcurrentDictionary<int, (int Status, string Message, long ExpiresTicks)> _missingIds = new();

    /// <summary>Creates a client for the HTTP(S) URLs in <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">No URL, a URL that is not absolute http(s), or a <c>mock://</c> URL (use <see cref="Create(RegistryClientOptions)"/>).</exception>
    public RegistryClient(RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxResponseBytes, Array.MaxLength, nameof(options));
        _options = options;
        string? userInfo = null;
        var urls = new List<Uri>();
        foreach (var text in SplitUrls(options.Urls))
        {
            // The user-info is removed here, once, so no later message or log can contain it.
            if (!RegistryUrl.TryParse(text, out var url, out var urlUserInfo))
            {
                throw new ArgumentException($"'{SecretRedaction.RedactUrl(text)}' is not an http(s) schema registry URL.", nameof(options));
            }

            userInfo ??= urlUserInfo;
            urls.Add(url);
        }

        if (urls.Count == 0)
        {
            throw new ArgumentException("At least one schema registry URL is needed.", nameof(options));
        }

        var provider = options.BearerTokenProvider;
        _protocol = new RegistryProtocol(new RegistryTransportOptions
        {
            BaseUrls = urls,
            UserInfo = options.BasicAuthUserInfo ?? userInfo,
            HiddenSecrets = [userInfo],
            BearerToken = options.BearerToken,
            BearerTokenProvider = provider is null ? null : cancellationToken => provider(cancellationToken).AsTask(),
            BearerLogicalCluster = options.BearerLogicalCluster,
            BearerIdentityPoolId = options.BearerIdentityPoolId,
            RequestTimeout = options.RequestTimeout,
            MaxRetries = options.MaxRetries,
            RetryDelay = options.RetryDelay,
            MaxRetryDelay = options.MaxRetryDelay,
            MaxResponseBytes = options.MaxResponseBytes,
            Handler = options.HttpMessageHandler,
            Log = options.Log,
        });
    }

    /// <summary>
    /// Creates the client a URL asks for: <see cref="MockRegistryClient"/> for <c>mock://scope</c> (one in-memory
    /// registry per scope, shared by every client of that scope), otherwise the HTTP client.
    /// </summary>
    public static IRegistryClient Create(RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = SplitUrls(options.Urls).ToList();
        if (urls.Count > 0 && urls[0].StartsWith("mock://", StringComparison.OrdinalIgnoreCase))
        {
            return new MockRegistryClient(MockSchemaRegistry.GetScope(urls[0]["mock://".Length..].TrimEnd('/')));
        }

        return new RegistryClient(options);
    }

    /// <summary>Creates the client for one URL (see <see cref="Create(RegistryClientOptions)"/>).</summary>
    public static IRegistryClient Create(string url) => Create(RegistryClientOptions.ForUrl(url));

    /// <summary>The base URLs, without credentials.</summary>
    public IReadOnlyList<Uri> BaseUrls => _protocol.Transport.BaseUrls;

    // ------------------------------------------------------------------ API

    /// <inheritdoc />
    public async Task<int> RegisterSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        if (_idsBySchema.TryGetValue((subject, schema, normalize), out var cached))
        {
            return cached;
        }

        var id = await _protocol.RegisterAsync(subject, schema, normalize, cancellationToken).ConfigureAwait(false);
        Remember(_idsBySchema, (subject, schema, normalize), id);
        return id;
    }

    /// <inheritdoc />
    public async Task<RegisteredVersion> LookupSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, bool includeDeleted = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        return await _protocol.LookupAsync(subject, schema, normalize, includeDeleted, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> GetSchemaIdAsync(string subject, RegistrySchema schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        if (_idsBySchema.TryGetValue((subject, schema, normalize), out var cached))
        {
            return cached;
        }

        var found = await LookupSchemaAsync(subject, schema, normalize, false, cancellationToken).ConfigureAwait(false);
        Remember(_idsBySchema, (subject, schema, normalize), found.Id);
        return found.Id;
    }

    /// <inheritdoc />
    public async Task<RegistrySchema> GetSchemaByIdAsync(int id, string? subject = null, CancellationToken cancellationToken = default)
    {
        if (_schemasById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (_missingIds.TryGetValue(id, out var missing))
        {
            if (missing.ExpiresTicks > _options.TimeProvider.GetUtcNow().UtcTicks)
            {
                // A fresh exception per caller: one instance thrown on many threads would mix their stack traces.
                throw new RegistryException(missing.Status, RegistryErrorCodes.SchemaNotFound, missing.Message);
            }

            _missingIds.TryRemove(new KeyValuePair<int, (int, string, long)>(id, missing));
        }

        return await Shared(_idFlights, id, () => FetchSchemaByIdAsync(id, subject)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The shared request of GetSchemaByIdAsync. It runs without any one caller's token (each caller stops waiting on
    // its own); RequestTimeout and MaxRetries bound it.
    private async Task<RegistrySchema> FetchSchemaByIdAsync(int id, string? subject)
    {
        RegistrySchema schema;
        try
        {
            schema = await _protocol.GetSchemaByIdAsync(id, subject, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.ErrorCode == RegistryErrorCodes.SchemaNotFound && _options.MissingIdCacheTtl > TimeSpan.Zero)
        {
            var expires = _options.TimeProvider.GetUtcNow().Add(_options.MissingIdCacheTtl).UtcTicks;
            Remember(_missingIds, id, (e.Status, e.Message, expires));
            throw;
        }

        Remember(_schemasById, id, schema);
        return schema;
    }

    /// <summary>
    /// The task of the lookup under way for <paramref name="key"/>, or a new one started with <paramref name="fetch"/>:
    /// concurrent first lookups share one request. The entry goes once the lookup ends (its result is in a cache by then).
    /// </summary>
    private static Task<TResult> Shared<TKey, TResult>(ConcurrentDictionary<TKey, Task<TResult>> flights, TKey key, Func<Task<TResult>> fetch)
        where TKey : notnull
    {
        var ours = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = flights.GetOrAdd(key, ours.Task);
        if (shared != ours.Task)
        {
            return shared;
        }

        _ = RunAsync();
        return ours.Task;

        async Task RunAsync()
        {
            try
            {
                ours.SetResult(await fetch().ConfigureAwait(false));
            }
            catch (Exception e)
            {
                ours.SetException(e);
            }
            finally
            {
                flights.TryRemove(new KeyValuePair<TKey, Task<TResult>>(key, ours.Task));
            }
        }
    }

    /// <inheritdoc />
    public async Task<(int Id, RegistrySchema Schema)> GetSchemaByGuidAsync(Guid guid, CancellationToken cancellationToken = default)
    {
        if (_schemasByGuid.TryGetValue(guid, out var cached))
        {
            return cached;
        }

        return await Shared(_guidFlights, guid, () => FetchSchemaByGuidAsync(guid)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The shared request of GetSchemaByGuidAsync, as FetchSchemaByIdAsync is for ids.
    private async Task<(int Id, RegistrySchema Schema)> FetchSchemaByGuidAsync(Guid guid)
    {
        var result = await _protocol.GetSchemaByGuidAsync(guid, CancellationToken.None).ConfigureAwait(false);
        Remember(_schemasByGuid, guid, result);
        return result;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetSubjectsAsync(bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        _protocol.GetSubjectsAsync(includeDeleted, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        _protocol.GetSubjectVersionsAsync(subject, includeDeleted, cancellationToken);

    /// <inheritdoc />
    public async Task<RegisteredVersion> GetRegisteredSchemaAsync(string subject, int version, bool includeDeleted = false,
        CancellationToken cancellationToken = default)
    {
        if (_versions.TryGetValue((subject, version, includeDeleted), out var cached))
        {
            return cached;
        }

        var key = (subject, version, includeDeleted);
        return await Shared(_versionFlights, key, async () =>
        {
            var registered = await _protocol.GetVersionAsync(subject, version, includeDeleted, CancellationToken.None).ConfigureAwait(false);
            Remember(_versions, key, registered);
            return registered;
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RegisteredVersion> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        if (_latest.TryGetValue(subject, out var cached) && cached.ExpiresUtc > DateTime.UtcNow)
        {
            return cached.Schema;
        }

        var latest = await _protocol.GetLatestAsync(subject, cancellationToken).ConfigureAwait(false);
        if (_options.LatestCacheTtl > TimeSpan.Zero)
        {
            _latest[subject] = (latest, DateTime.UtcNow + _options.LatestCacheTtl);
        }

        Remember(_schemasById, latest.Id, latest.Schema);
        return latest;
    }

    /// <inheritdoc />
    public Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, RegistrySchema schema, string? version = "latest",
        bool verbose = true, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        return _protocol.TestCompatibilityAsync(subject, schema, version, verbose, normalize, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default) =>
        _protocol.GetCompatibilityAsync(subject, cancellationToken);

    /// <inheritdoc />
    public async Task<string> SetCompatibilityAsync(string? subject, string level, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(level);
        var stored = await _protocol.SetCompatibilityAsync(subject, level, cancellationToken).ConfigureAwait(false);
        _latest.Clear();
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default)
    {
        var deleted = await _protocol.DeleteSubjectAsync(subject, permanent, cancellationToken).ConfigureAwait(false);
        _latest.TryRemove(subject, out _);
        ForgetSubject(subject);
        return deleted;
    }

    /// <inheritdoc />
    public async Task<int> DeleteSubjectVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default)
    {
        var deleted = await _protocol.DeleteSubjectVersionAsync(subject, version, permanent, cancellationToken).ConfigureAwait(false);
        _latest.TryRemove(subject, out _);
        ForgetSubject(subject);
        return deleted;
    }

    /// <inheritdoc />
    public void Dispose() => _protocol.Dispose();

    // ------------------------------------------------------------------ helpers

    private void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value) where TKey : notnull
    {
        if (cache.Count >= _options.MaxCachedSchemas)
        {
            cache.Clear();
        }

        cache[key] = value;
    }

    private void ForgetSubject(string subject)
    {
        foreach (var key in _versions.Keys.Where(k => k.Subject == subject).ToList())
        {
            _versions.TryRemove(key, out _);
        }

        foreach (var key in _idsBySchema.Keys.Where(k => k.Subject == subject).ToList())
        {
            _idsBySchema.TryRemove(key, out _);
        }
    }

    private static IEnumerable<string> SplitUrls(IEnumerable<string> urls) =>
        urls.SelectMany(u => u.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Avro.Codegen.Registry;

/// <summary>
/// The HTTP client of the Confluent Schema Registry REST API: async and thread-safe, with caches (id to schema,
/// (subject, schema) to id, latest version with a time to live), basic or bearer authentication, failover across
/// several URLs, per-attempt timeouts and bounded retries with backoff on 408/429/5xx and connection failures.
/// Concurrent first lookups of one schema id (or subject version) share one request, and an id the registry does not
/// know is remembered for <see cref="RegistryClientOptions.MissingIdCacheTtl"/>. Answers are read up to
/// <see cref="RegistryClientOptions.MaxResponseBytes"/>. Credentials never appear in exception messages or logs.
/// </summary>
public sealed class RegistryClient : IRegistryClient
{
    private const string V1Json = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri[] _urls;
    private readonly RegistryClientOptions _options;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly string? _userInfo;
    private string? _providedBearer;
    private readonly Random _jitter = new();
    private int _preferredUrl;

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
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"'{SecretRedaction.RedactUrl(text)}' is not an http(s) schema registry URL.", nameof(options));
            }

            if (uri.UserInfo.Length > 0)
            {
                userInfo ??= Uri.UnescapeDataString(uri.UserInfo);
            }

            // The user-info is removed here, once, so no later message or log can contain it.
            var builder = new UriBuilder(uri) { UserName = "", Password = "" };
            if (!builder.Path.EndsWith('/'))
            {
                builder.Path += "/";
            }

            urls.Add(builder.Uri);
        }

        if (urls.Count == 0)
        {
            throw new ArgumentException("At least one schema registry URL is needed.", nameof(options));
        }

        _urls = [.. urls];
        userInfo = options.BasicAuthUserInfo ?? userInfo;
        _userInfo = userInfo;
        if (userInfo is not null)
        {
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }

        _ownsHttp = true;
        _http = options.HttpMessageHandler is null ? new HttpClient() : new HttpClient(options.HttpMessageHandler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout
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
    public IReadOnlyList<Uri> BaseUrls => _urls;

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

        var root = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}/versions?normalize={Bool(normalize)}", WriteSchemaRequest(schema),
            cancellationToken).ConfigureAwait(false);
        var id = RequiredInt(root, "id");
        Remember(_idsBySchema, (subject, schema, normalize), id);
        return id;
    }

    /// <inheritdoc />
    public async Task<RegisteredVersion> LookupSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, bool includeDeleted = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        var root = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}?normalize={Bool(normalize)}&deleted={Bool(includeDeleted)}",
            WriteSchemaRequest(schema), cancellationToken).ConfigureAwait(false);
        return ReadRegistered(root, subject);
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
        var path = "schemas/ids/" + id.ToString(CultureInfo.InvariantCulture) + (subject is null ? "" : "?subject=" + Escape(subject));
        JsonElement root;
        try
        {
            root = await SendAsync(HttpMethod.Get, path, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.ErrorCode == RegistryErrorCodes.SchemaNotFound && _options.MissingIdCacheTtl > TimeSpan.Zero)
        {
            var expires = _options.TimeProvider.GetUtcNow().Add(_options.MissingIdCacheTtl).UtcTicks;
            Remember(_missingIds, id, (e.Status, e.Message, expires));
            throw;
        }

        var schema = ReadSchema(root);
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
        var root = await SendAsync(HttpMethod.Get, "schemas/guids/" + guid.ToString(), null, CancellationToken.None).ConfigureAwait(false);
        var result = (OptionalInt(root, "id") ?? -1, ReadSchema(root));
        Remember(_schemasByGuid, guid, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetSubjectsAsync(bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(HttpMethod.Get, "subjects?deleted=" + Bool(includeDeleted), null, cancellationToken).ConfigureAwait(false);
        return ExpectArray(root).Select(e => e.GetString() ?? "").ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions?deleted={Bool(includeDeleted)}", null, cancellationToken)
            .ConfigureAwait(false);
        return ExpectArray(root).Select(ReadIntElement).ToList();
    }

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
            var path = $"subjects/{Escape(subject)}/versions/{version.ToString(CultureInfo.InvariantCulture)}?deleted={Bool(includeDeleted)}";
            var root = await SendAsync(HttpMethod.Get, path, null, CancellationToken.None).ConfigureAwait(false);
            var registered = ReadRegistered(root, subject);
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

        var root = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions/latest", null, cancellationToken).ConfigureAwait(false);
        var latest = ReadRegistered(root, subject);
        if (_options.LatestCacheTtl > TimeSpan.Zero)
        {
            _latest[subject] = (latest, DateTime.UtcNow + _options.LatestCacheTtl);
        }

        Remember(_schemasById, latest.Id, latest.Schema);
        return latest;
    }

    /// <inheritdoc />
    public async Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, RegistrySchema schema, string? version = "latest",
        bool verbose = true, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        var path = $"compatibility/subjects/{Escape(subject)}/versions" + (version is null ? "" : "/" + Escape(version))
            + $"?verbose={Bool(verbose)}&normalize={Bool(normalize)}";
        var root = await SendAsync(HttpMethod.Post, path, WriteSchemaRequest(schema), cancellationToken).ConfigureAwait(false);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("is_compatible", out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Malformed("a compatibility answer without is_compatible");
        }

        var messages = new List<string>();
        if (root.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            messages.AddRange(list.EnumerateArray().Select(m => Redact(m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())));
        }

        return new CompatibilityCheckResult(flag.GetBoolean(), messages);
    }

    /// <inheritdoc />
    public async Task<string> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}?defaultToGlobal=true";
        var root = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return OptionalString(root, "compatibilityLevel") ?? OptionalString(root, "compatibility") ?? RegistryConfig.DefaultCompatibilityLevel;
    }

    /// <inheritdoc />
    public async Task<string> SetCompatibilityAsync(string? subject, string level, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(level);
        var body = WriteJson(w =>
        {
            w.WriteStartObject();
            w.WriteString("compatibility", level);
            w.WriteEndObject();
        });
        var root = await SendAsync(HttpMethod.Put, subject is null ? "config" : "config/" + Escape(subject), body, cancellationToken).ConfigureAwait(false);
        _latest.Clear();
        return OptionalString(root, "compatibility") ?? level;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(HttpMethod.Delete, $"subjects/{Escape(subject)}?permanent={Bool(permanent)}", null, cancellationToken).ConfigureAwait(false);
        _latest.TryRemove(subject, out _);
        ForgetSubject(subject);
        return ExpectArray(root).Select(ReadIntElement).ToList();
    }

    /// <inheritdoc />
    public async Task<int> DeleteSubjectVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default)
    {
        var path = $"subjects/{Escape(subject)}/versions/{version.ToString(CultureInfo.InvariantCulture)}?permanent={Bool(permanent)}";
        var root = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        _latest.TryRemove(subject, out _);
        ForgetSubject(subject);
        return ReadIntElement(root);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // ------------------------------------------------------------------ transport

    private static bool IsRetriable(HttpStatusCode status) =>
        (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Sends one logical request: each round tries every URL, starting with the last one that answered; a retriable
    /// failure moves on to the next URL, and after a full round the client waits (exponential backoff with jitter,
    /// or the server's Retry-After) before the next round, at most <see cref="RegistryClientOptions.MaxRetries"/> times.
    /// </summary>
    private async Task<JsonElement> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        RegistryException? last = null;
        TimeSpan? retryAfter = null;
        for (var round = 0; ; round++)
        {
            var start = Volatile.Read(ref _preferredUrl);
            for (var i = 0; i < _urls.Length; i++)
            {
                var index = (start + i) % _urls.Length;
                var url = new Uri(_urls[index], pathAndQuery);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var request = await CreateRequestAsync(method, url, body, timeout.Token).ConfigureAwait(false);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    var content = await ReadBodyAsync(response.Content, method, url, (int)response.StatusCode, timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        Volatile.Write(ref _preferredUrl, index);
                        return ParseBody(content, method, url);
                    }

                    var error = ErrorFromResponse(response.StatusCode, content, method, url, Redact);
                    if (!IsRetriable(response.StatusCode))
                    {
                        throw error;
                    }

                    last = error;
                    retryAfter = response.Headers.RetryAfter?.Delta;
                    Log($"Schema registry {method} {url} answered {(int)response.StatusCode}; trying again.");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = new RegistryException(0, 0,
                        $"Schema registry {method} {url} did not answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
                    Log(last.Message);
                }
                catch (HttpRequestException e)
                {
                    last = new RegistryException(0, 0, Redact($"Schema registry {method} {url} could not be reached: {e.Message}"), e);
                    Log(last.Message);
                }
            }

            if (round >= _options.MaxRetries)
            {
                throw last!;
            }

            var delay = retryAfter is { } serverDelay && serverDelay > TimeSpan.Zero ? serverDelay : Backoff(round);
            retryAfter = null;
            await Task.Delay(delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int round)
    {
        var baseMs = _options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(round, 20));
        double jitter;
        lock (_jitter)
        {
            jitter = 0.5 + _jitter.NextDouble() * 0.5;
        }

        return TimeSpan.FromMilliseconds(Math.Min(baseMs * jitter, _options.MaxRetryDelay.TotalMilliseconds));
    }

    private async ValueTask<HttpRequestMessage> CreateRequestAsync(HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/vnd.schemaregistry.v1+json");
        request.Headers.Accept.ParseAdd("application/vnd.schemaregistry+json; q=0.9");
        request.Headers.Accept.ParseAdd("application/json; q=0.5");
        request.Headers.TryAddWithoutValidation("Confluent-Accept-Unknown-Properties", "true");
        string? bearer = _options.BearerToken;
        if (_options.BearerTokenProvider is { } provider)
        {
            // Remembered so that messages can be cleaned of the token a server echoes back.
            bearer = await provider(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _providedBearer, bearer);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (_options.BearerLogicalCluster is { } cluster)
            {
                request.Headers.TryAddWithoutValidation("target-sr-cluster", cluster);
            }

            if (_options.BearerIdentityPoolId is { } pool)
            {
                request.Headers.TryAddWithoutValidation("Confluent-Identity-Pool-Id", pool);
            }
        }
        else if (_basic is not null)
        {
            request.Headers.Authorization = _basic;
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(V1Json);
        }

        return request;
    }

    /// <summary>
    /// Reads an answer body, at most <see cref="RegistryClientOptions.MaxResponseBytes"/>: a declared length over it
    /// fails before reading, and a body that streams past it fails as soon as the first byte over arrives.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContent content, HttpMethod method, Uri url, int status, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(method, url, status, limit);
        }

        using var buffer = new MemoryStream(declared is { } length ? (int)length : 0);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(method, url, status, limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static RegistryException TooLarge(HttpMethod method, Uri url, int status, long limit) =>
        new(status, RegistryErrorCodes.UnparsableErrorBody,
            $"Schema registry {method} {url} answered with more than {limit.ToString(CultureInfo.InvariantCulture)} bytes, the limit "
            + "(RegistryClientOptions.MaxResponseBytes); the answer was not read. Raise the limit if the registry really serves answers this large.");

    private static JsonElement ParseBody(ReadOnlyMemory<byte> content, HttpMethod method, Uri url)
    {
        // JsonDocument leaves string contents unchecked until they are read (GetString then throws
        // InvalidOperationException), so a body that is not UTF-8 is refused here, whole.
        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
        {
            throw new RegistryException(200, RegistryErrorCodes.UnparsableErrorBody, $"Schema registry {method} {url} answered with a body that is not UTF-8 JSON.");
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new RegistryException(200, RegistryErrorCodes.UnparsableErrorBody, $"Schema registry {method} {url} answered with a body that is not JSON.");
        }
    }

    private static RegistryException ErrorFromResponse(HttpStatusCode status, ReadOnlyMemory<byte> content, HttpMethod method, Uri url, Func<string, string> redact)
    {
        var code = (int)status;
        try
        {
            if (!System.Text.Unicode.Utf8.IsValid(content.Span))
            {
                throw new JsonException("not UTF-8");
            }

            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_code", out var errorCode) && errorCode.TryGetInt32(out var registryCode))
            {
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                // The registry's message is the server's text: it may echo the request's credentials.
                return new RegistryException(code, registryCode,
                    $"Schema registry {method} {url} failed with HTTP {code}, error_code {registryCode}: {redact(message ?? "")}");
            }
        }
        catch (JsonException)
        {
            // Not the registry's error body (a proxy's page, Jetty's 401 page): reported as Java's client does, 50005.
        }

        var reason = code == 401 ? "the credentials were refused or missing" : code == 403 ? "access is forbidden" : "the error body was not the registry's JSON";
        return new RegistryException(code, RegistryErrorCodes.UnparsableErrorBody,
            $"Schema registry {method} {url} failed with HTTP {code}: {reason}.");
    }

    // ------------------------------------------------------------------ JSON

    private static byte[] WriteSchemaRequest(RegistrySchema schema) => WriteJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("schemaType", schema.SchemaType);
        w.WriteString("schema", schema.Schema);
        if (schema.References.Count > 0)
        {
            w.WriteStartArray("references");
            foreach (var r in schema.References)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("subject", r.Subject);
                w.WriteNumber("version", r.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    });

    private static byte[] WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static RegistrySchema ReadSchema(JsonElement root)
    {
        var text = OptionalString(root, "schema") ?? throw Malformed("a schema answer without \"schema\"");
        var references = new List<RegistryReference>();
        if (root.TryGetProperty("references", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in list.EnumerateArray())
            {
                references.Add(new RegistryReference(OptionalString(r, "name") ?? "", OptionalString(r, "subject") ?? "", OptionalInt(r, "version") ?? -1));
            }
        }

        return new RegistrySchema(text, OptionalString(root, "schemaType"), references);
    }

    private static RegisteredVersion ReadRegistered(JsonElement root, string subject)
    {
        var guid = OptionalString(root, "guid") is { } g && Guid.TryParse(g, out var parsed) ? parsed : (Guid?)null;
        return new RegisteredVersion(OptionalString(root, "subject") ?? subject, RequiredInt(root, "version"), RequiredInt(root, "id"), ReadSchema(root))
        {
            Guid = guid,
            Deleted = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True,
        };
    }

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? OptionalInt(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    private static int RequiredInt(JsonElement obj, string name) =>
        OptionalInt(obj, name) ?? throw Malformed($"an answer without \"{name}\"");

    private static int ReadIntElement(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) ? n : throw Malformed("a number was expected");

    private static JsonElement.ArrayEnumerator ExpectArray(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw Malformed("an array was expected");

    private static RegistryException Malformed(string what) =>
        new(200, RegistryErrorCodes.UnparsableErrorBody, "Schema registry answered with " + what + ".");

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

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static IEnumerable<string> SplitUrls(IEnumerable<string> urls) =>
        urls.SelectMany(u => u.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Text without any form of this client's credentials (see <see cref="SecretRedaction"/>).</summary>
    private string Redact(string text) => SecretRedaction.Redact(text, _userInfo, _options.BearerToken, Volatile.Read(ref _providedBearer));

    private void Log(string line) => _options.Log?.Invoke(Redact(line));
}

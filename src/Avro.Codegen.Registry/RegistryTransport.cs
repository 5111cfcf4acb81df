using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Registry;

/// <summary>
/// The one HTTP pipeline to a Confluent Schema Registry: authentication (bearer, or basic from user-info), a timeout
/// per attempt that covers the answer body too, failover across the base URLs, retries with exponential backoff and
/// jitter (or the server's <c>Retry-After</c>) on 408, 429, 500, 502, 503, 504, timeouts and connection failures, a
/// size limit on answers, and the registry's error bodies mapped to <see cref="RegistryException"/>. No message it
/// makes contains credentials.
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private const string V1Json = "application/vnd.schemaregistry.v1+json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RegistryTransportOptions _options;
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly Random _jitter = new();
    private string? _providedBearer;
    private int _preferredUrl;
    private int _requestCount;

    /// <summary>Creates the pipeline; <paramref name="options"/> must name at least one base URL.</summary>
    public RegistryTransport(RegistryTransportOptions options)
    {
        if (options.BaseUrls.Count == 0)
        {
            throw new ArgumentException("At least one schema registry URL is needed.", nameof(options));
        }

        _options = options;
        if (options.UserInfo is { } userInfo)
        {
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }

        _http = options.Handler is null ? new HttpClient() : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout
    }

    /// <summary>The base URLs, without credentials.</summary>
    public IReadOnlyList<Uri> BaseUrls => _options.BaseUrls;

    /// <summary>The first base URL as messages print it.</summary>
    public string DisplayUrl => RegistryUrl.Display(_options.BaseUrls[0]);

    /// <summary>True when requests carry credentials.</summary>
    public bool HasCredentials => _options.UserInfo is not null || _options.BearerToken is not null || _options.BearerTokenProvider is not null;

    /// <summary>How many HTTP requests were sent (retries and failover included).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>True for the statuses worth another attempt: 408, 429, 500, 502, 503 and 504.</summary>
    public static bool IsRetriable(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// True when <paramref name="exception"/> means no usable answer arrived: no answer at all (status 0) or a
    /// retriable status that lasted through every retry.
    /// </summary>
    public static bool IsUnreachable(RegistryException exception) => exception.Status == 0 || IsRetriable(exception.Status);

    /// <summary>Text without any form of this pipeline's credentials (see <see cref="SecretRedaction"/>).</summary>
    public string Redact(string text)
    {
        var secrets = new List<string?>(_options.HiddenSecrets) { _options.UserInfo, _options.BearerToken, Volatile.Read(ref _providedBearer) };
        return SecretRedaction.Redact(text, [.. secrets]);
    }

    /// <summary>
    /// Sends one logical request: each round tries every URL, starting with the last one that answered; a retriable
    /// failure moves on to the next URL, and after a full round the pipeline waits (exponential backoff with jitter,
    /// or the server's Retry-After, at most <see cref="RegistryTransportOptions.MaxRetryDelay"/>) before the next
    /// round, at most <see cref="RegistryTransportOptions.MaxRetries"/> times.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path relative to the base URL, with its query (segments already escaped).</param>
    /// <param name="body">The JSON request body, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the whole request, retries included.</param>
    /// <returns>The parsed JSON of a 2xx answer.</returns>
    /// <exception cref="RegistryException">An error answer, no answer after every retry, or an answer that is not JSON or too large.</exception>
    public async Task<RegistryAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body, CancellationToken cancellationToken)
    {
        var path = PathOnly(pathAndQuery);
        var bytes = body is null ? null : StrictUtf8.GetBytes(body);
        RegistryException? last = null;
        TimeSpan? retryAfter = null;
        var attempts = 0;
        for (var round = 0; ; round++)
        {
            var start = Volatile.Read(ref _preferredUrl);
            for (var i = 0; i < _options.BaseUrls.Count; i++)
            {
                var index = (start + i) % _options.BaseUrls.Count;
                var display = RegistryUrl.Display(_options.BaseUrls[index]);
                var url = new Uri(_options.BaseUrls[index], pathAndQuery);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                attempts++;
                try
                {
                    using var request = await CreateRequestAsync(method, url, bytes, timeout.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref _requestCount);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    var content = await ReadBodyAsync(response.Content, method, display, path, status, timeout.Token).ConfigureAwait(false);
                    if (status is >= 200 and < 300)
                    {
                        Volatile.Write(ref _preferredUrl, index);
                        return new RegistryAnswer(ParseBody(content, method, display, path, status), status, method, display, path);
                    }

                    var error = ErrorFromAnswer(status, response.ReasonPhrase, content, method, display, path);
                    if (!IsRetriable(status))
                    {
                        throw error;
                    }

                    last = error;
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                    Log($"registry {display} answered {status.ToString(CultureInfo.InvariantCulture)} to {method.Method} /{path}; trying again.");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = new RegistryException(0, 0,
                        $"registry {display} could not be reached: {method.Method} /{path} did not answer within "
                        + $"{_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
                    Log(last.Message);
                }
                catch (HttpRequestException e)
                {
                    last = new RegistryException(0, 0, $"registry {display} could not be reached: {Redact(Innermost(e))}", e);
                    Log(last.Message);
                }
            }

            if (round >= _options.MaxRetries)
            {
                var tries = attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt" : " attempts");
                throw new RegistryException(last!.Status, last.ErrorCode, $"{last.Message} ({tries})", last.InnerException);
            }

            var delay = retryAfter is { } serverDelay && serverDelay > TimeSpan.Zero ? serverDelay : Backoff(round);
            retryAfter = null;
            await Task.Delay(delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

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

    private async Task<HttpRequestMessage> CreateRequestAsync(HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(V1Json);
        request.Headers.Accept.ParseAdd("application/vnd.schemaregistry+json; q=0.9");
        request.Headers.Accept.ParseAdd("application/json; q=0.5");
        request.Headers.TryAddWithoutValidation("Confluent-Accept-Unknown-Properties", "true");
        var bearer = _options.BearerToken;
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
    /// Reads an answer body, at most <see cref="RegistryTransportOptions.MaxResponseBytes"/>: a declared length over
    /// it fails before reading, and a body that streams past it fails as soon as the first byte over arrives.
    /// </summary>
    private async Task<ArraySegment<byte>> ReadBodyAsync(HttpContent? content, HttpMethod method, string display, string path, int status,
        CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return new ArraySegment<byte>([]);
        }

        var limit = _options.MaxResponseBytes;
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(method, display, path, status);
        }

        using var buffer = new MemoryStream(declared is { } length ? (int)length : 0);
        using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(method, display, path, status);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private RegistryException TooLarge(HttpMethod method, string display, string path, int status) =>
        new(status, RegistryErrorCodes.UnparsableErrorBody,
            $"registry {display} answered {method.Method} /{path} with more than {_options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes, "
            + $"the limit ({_options.MaxResponseBytesSetting}); the answer was not read. Raise the limit if the registry really serves answers this large.");

    /// <summary>The body as text, or <see langword="null"/> when it is not UTF-8 (a leading byte-order mark is skipped).</summary>
    private static string? Text(ArraySegment<byte> content)
    {
        var bom = content.Count >= 3 && content.Array![content.Offset] == 0xEF && content.Array[content.Offset + 1] == 0xBB
            && content.Array[content.Offset + 2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(content.Array!, content.Offset + bom, content.Count - bom);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static JsonValue? Json(string text)
    {
        var errors = new List<SchemaError>();
        var value = JsonParser.Parse(text, "registry-answer.json", errors);
        return errors.Count == 0 ? value : null;
    }

    private static JsonValue ParseBody(ArraySegment<byte> content, HttpMethod method, string display, string path, int status)
    {
        var text = Text(content) ?? throw RegistryAnswer.Malformed(method, display, path, status, "a body that is not UTF-8 JSON");
        return Json(text) ?? throw RegistryAnswer.Malformed(method, display, path, status, "a body that is not JSON");
    }

    private RegistryException ErrorFromAnswer(int status, string? reason, ArraySegment<byte> content, HttpMethod method, string display, string path)
    {
        var statusText = (status.ToString(CultureInfo.InvariantCulture) + " " + reason).TrimEnd();
        var text = Text(content);
        if (text is not null && Json(text) is JsonObject body && body["error_code"] is JsonNumber number && number.TryGetInt64(out var code)
            && code is > 0 and <= int.MaxValue)
        {
            // The registry's message is the server's text: it may echo the request's credentials.
            var message = (body["message"] as JsonString)?.Value;
            return new RegistryException(status, (int)code,
                $"registry {display} answered {statusText} (error {code.ToString(CultureInfo.InvariantCulture)}) to {method.Method} /{path}"
                + (string.IsNullOrEmpty(message) ? "" : ": " + Redact(message!)));
        }

        // Not the registry's error body (a proxy's page, Jetty's 401 page): reported as Java's client does, 50005. A
        // short plain-text body is worth showing; HTML pages are not.
        var detail = text is { Length: > 0 and <= 200 } && text.IndexOf('<') < 0 ? Redact(text.Trim())
            : status == 401 ? "the credentials were refused or missing"
            : status == 403 ? "access is forbidden"
            : "";
        return new RegistryException(status, RegistryErrorCodes.UnparsableErrorBody,
            $"registry {display} answered {statusText} to {method.Method} /{path}" + (detail.Length == 0 ? "" : ": " + detail));
    }

    // The innermost message is the useful one ("Connection refused", "Name or service not known", TLS errors).
    private static string Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        var message = current.Message.Trim();
        return message.Length == 0 ? exception.Message : message;
    }

    private static string PathOnly(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.Substring(0, query);
    }

    private void Log(string line) => _options.Log?.Invoke(Redact(line));
}

/// <summary>A 2xx answer: its JSON body and where it came from, to word an error about its shape.</summary>
internal sealed class RegistryAnswer
{
    private readonly HttpMethod _method;
    private readonly string _display;
    private readonly string _path;

    internal RegistryAnswer(JsonValue body, int status, HttpMethod method, string display, string path)
    {
        Body = body;
        Status = status;
        _method = method;
        _display = display;
        _path = path;
    }

    /// <summary>The parsed body.</summary>
    public JsonValue Body { get; }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The error for a body without what the caller needs (<paramref name="what"/>, e.g. <c>no "id"</c>).</summary>
    public RegistryException Malformed(string what) => Malformed(_method, _display, _path, Status, what);

    internal static RegistryException Malformed(HttpMethod method, string display, string path, int status, string what) =>
        new(status, RegistryErrorCodes.UnparsableErrorBody,
            $"registry {display} gave an unexpected answer to {method.Method} /{path} ({status.ToString(CultureInfo.InvariantCulture)}, {what}); "
            + "is the URL a Confluent-compatible schema registry?");
}

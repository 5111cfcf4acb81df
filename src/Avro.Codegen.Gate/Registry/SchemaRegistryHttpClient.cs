using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Gate.Registry;

/// <summary>
/// The few Confluent Schema Registry calls the gate needs: latest or given version,
/// compatibility test, lookup, register (each with schema references when the schema has them). Requests are bounded by the connection's timeout and retried on transport
/// failures and on 408/429/5xx; every failure becomes a <see cref="RegistryException"/> without credentials.
/// </summary>
/// <remarks>
/// This is deliberately not the runtime's registry client: the task is netstandard2.0 with no dependencies beyond the
/// schema core, so it cannot reference the net8.0 runtime assembly.
/// </remarks>
public sealed class SchemaRegistryHttpClient : IDisposable
{
    private const string SchemaRegistryJson = "application/vnd.schemaregistry.v1+json";
    private readonly RegistryConnection _connection;
    private readonly HttpClient _http;
    private readonly TimeSpan _retryDelay;

    /// <summary>Creates a client. <paramref name="handler"/> replaces the network stack (tests).</summary>
    public SchemaRegistryHttpClient(RegistryConnection connection, HttpMessageHandler? handler = null)
        : this(connection, handler, TimeSpan.FromMilliseconds(250))
    {
    }

    internal SchemaRegistryHttpClient(RegistryConnection connection, HttpMessageHandler? handler, TimeSpan retryDelay)
    {
        _connection = connection;
        _retryDelay = retryDelay;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = connection.Timeout;
    }

    /// <summary>The connection this client uses.</summary>
    public RegistryConnection Connection => _connection;

    /// <summary>How many HTTP requests were sent (retries included).</summary>
    public int RequestCount => _requestCount;

    private int _requestCount;

    /// <summary>The latest non-deleted version of <paramref name="subject"/>, or <see langword="null"/> when the subject does not exist.</summary>
    public async Task<RegisteredVersion?> GetLatestAsync(string subject, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Get, "subjects/" + Escape(subject) + "/versions/latest", null, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && response.ErrorCode is 40401 or 40402)
        {
            return null;
        }

        EnsureSuccess(response, "GET", "subjects/{subject}/versions/latest");
        return ReadSchema(response, subject);
    }

    /// <summary>Version <paramref name="version"/> of <paramref name="subject"/> (a referenced schema), or <see langword="null"/> when it does not exist.</summary>
    public async Task<RegisteredVersion?> GetVersionAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        var path = "subjects/" + Escape(subject) + "/versions/" + version.ToString(CultureInfo.InvariantCulture);
        var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && response.ErrorCode is 40401 or 40402)
        {
            return null;
        }

        EnsureSuccess(response, "GET", "subjects/{subject}/versions/{version}");
        return ReadSchema(response, subject);
    }

    /// <summary>Asks whether <paramref name="schema"/> may follow the latest version of <paramref name="subject"/>, with the registry's reasons.</summary>
    /// <returns>The verdict; <see langword="null"/> when the subject does not exist (servers before 6.1 answer 404 then).</returns>
    public async Task<CompatibilityAnswer?> TestCompatibilityAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        await TestCompatibilityAsync(subject, schema, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Asks whether <paramref name="schema"/>, with <paramref name="references"/>, may follow the latest version of <paramref name="subject"/>.</summary>
    /// <returns>The verdict; <see langword="null"/> when the subject does not exist (servers before 6.1 answer 404 then).</returns>
    public async Task<CompatibilityAnswer?> TestCompatibilityAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references,
        CancellationToken cancellationToken = default)
    {
        var path = "compatibility/subjects/" + Escape(subject) + "/versions/latest?verbose=true";
        var response = await SendAsync(HttpMethod.Post, path, SchemaBody(schema, references), cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && response.ErrorCode is 40401 or 40402)
        {
            return null;
        }

        EnsureSuccess(response, "POST", "compatibility/subjects/{subject}/versions/latest");
        var compatible = (response.Body as JsonObject)?["is_compatible"] as JsonBoolean;
        if (compatible is null)
        {
            throw Unexpected(response, "POST", "compatibility/subjects/{subject}/versions/latest", "no boolean 'is_compatible'");
        }

        var messages = new List<string>();
        if ((response.Body as JsonObject)?["messages"] is JsonArray array)
        {
            foreach (var item in array.Items)
            {
                if (item is JsonString text)
                {
                    messages.Add(_connection.Redact(text.Value));
                }
            }
        }

        return new CompatibilityAnswer(compatible.Value, messages);
    }

    /// <summary>Finds <paramref name="schema"/> among the versions of <paramref name="subject"/>; <see langword="null"/> when it is not registered there.</summary>
    public async Task<RegisteredVersion?> LookupAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        await LookupAsync(subject, schema, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Finds <paramref name="schema"/> with <paramref name="references"/> among the versions of <paramref name="subject"/>; <see langword="null"/> when it is not registered there.</summary>
    public async Task<RegisteredVersion?> LookupAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Post, "subjects/" + Escape(subject), SchemaBody(schema, references), cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && response.ErrorCode is 40401 or 40403)
        {
            return null;
        }

        EnsureSuccess(response, "POST", "subjects/{subject}");
        return ReadSchema(response, subject);
    }

    /// <summary>Registers <paramref name="schema"/> under <paramref name="subject"/> (idempotent on the registry side) and returns its id.</summary>
    /// <exception cref="RegistryIncompatibleException">The registry refused the schema as incompatible (409).</exception>
    public async Task<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        await RegisterAsync(subject, schema, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Registers <paramref name="schema"/> with <paramref name="references"/> under <paramref name="subject"/> and returns its id.</summary>
    /// <exception cref="RegistryIncompatibleException">The registry refused the schema as incompatible (409).</exception>
    public async Task<int> RegisterAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Post, "subjects/" + Escape(subject) + "/versions", SchemaBody(schema, references), cancellationToken).ConfigureAwait(false);
        if (response.Status == 409)
        {
            throw new RegistryIncompatibleException(_connection.Redact(response.Message ?? "incompatible with an earlier schema"));
        }

        EnsureSuccess(response, "POST", "subjects/{subject}/versions");
        if ((response.Body as JsonObject)?["id"] is JsonNumber id && id.TryGetInt64(out var value) && value is >= 0 and <= int.MaxValue)
        {
            return (int)value;
        }

        throw Unexpected(response, "POST", "subjects/{subject}/versions", "no integer 'id'");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string SchemaBody(string schema, IReadOnlyList<SchemaReference>? references)
    {
        var body = new StringBuilder(schema.Length + 16);
        body.Append("{\"schema\":");
        JsonValue.WriteString(body, schema);
        if (references is { Count: > 0 })
        {
            body.Append(",\"references\":[");
            for (var i = 0; i < references.Count; i++)
            {
                body.Append(i == 0 ? "{\"name\":" : ",{\"name\":");
                JsonValue.WriteString(body, references[i].Name);
                body.Append(",\"subject\":");
                JsonValue.WriteString(body, references[i].Subject);
                body.Append(",\"version\":").Append(references[i].Version.ToString(CultureInfo.InvariantCulture)).Append('}');
            }

            body.Append(']');
        }

        body.Append('}');
        return body.ToString();
    }

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private RegisteredVersion ReadSchema(Response response, string subject)
    {
        if (response.Body is JsonObject body
            && body["id"] is JsonNumber id && id.TryGetInt64(out var idValue)
            && body["version"] is JsonNumber version && version.TryGetInt64(out var versionValue)
            && body["schema"] is JsonString schema)
        {
            var registeredSubject = (body["subject"] as JsonString)?.Value ?? subject;
            return new RegisteredVersion(registeredSubject, (int)versionValue, (int)idValue, schema.Value) { References = ReadReferences(body) };
        }

        throw Unexpected(response, "GET", "subjects/{subject}/versions", "no 'id', 'version' and 'schema'");
    }

    // Entries that are not {name, subject, version} objects are left out: a reference the gate cannot name is one it cannot follow.
    private static IReadOnlyList<SchemaReference> ReadReferences(JsonObject body)
    {
        if (body["references"] is not JsonArray array || array.Items.Count == 0)
        {
            return Array.Empty<SchemaReference>();
        }

        var references = new List<SchemaReference>(array.Items.Count);
        foreach (var item in array.Items)
        {
            if (item is JsonObject reference && reference["name"] is JsonString name && reference["subject"] is JsonString subject
                && reference["version"] is JsonNumber version && version.TryGetInt64(out var value) && value is >= -1 and <= int.MaxValue)
            {
                references.Add(new SchemaReference(name.Value, subject.Value, (int)value));
            }
        }

        return references;
    }

    private void EnsureSuccess(Response response, string method, string endpoint)
    {
        if (response.Status is >= 200 and < 300)
        {
            if (response.Body is null)
            {
                throw Unexpected(response, method, endpoint, "the body is not JSON");
            }

            return;
        }

        var detail = response.Message is null ? "" : ": " + _connection.Redact(response.Message);
        var code = response.ErrorCode != 0 ? $" (error {response.ErrorCode.ToString(CultureInfo.InvariantCulture)})" : "";
        var status = $"{response.Status.ToString(CultureInfo.InvariantCulture)} {response.Reason}".TrimEnd();
        if (response.ErrorCode == 42201)
        {
            throw new RegistryException(RegistryFailure.InvalidSchema,
                $"registry {_connection.DisplayUrl} rejected the schema as invalid{detail}", response.Status, response.ErrorCode);
        }

        var hint = response.Status is 401 or 403
            ? _connection.HasCredentials
                ? "; check the credentials in " + RegistryConnection.UserInfoVariable + " or " + RegistryConnection.BearerTokenVariable
                : "; the registry wants credentials: set " + RegistryConnection.UserInfoVariable + " or " + RegistryConnection.BearerTokenVariable
            : "";
        throw new RegistryException(RegistryFailure.RequestFailed,
            $"registry {_connection.DisplayUrl} answered {status}{code} to {method} /{endpoint}{detail}{hint}", response.Status, response.ErrorCode);
    }

    private RegistryException Unexpected(Response response, string method, string endpoint, string what) =>
        new(RegistryFailure.RequestFailed,
            $"registry {_connection.DisplayUrl} gave an unexpected answer to {method} /{endpoint} ({response.Status.ToString(CultureInfo.InvariantCulture)}, {what}); is the URL a Confluent-compatible schema registry?",
            response.Status, response.ErrorCode);

    private static bool IsRetriable(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    private async Task<Response> SendAsync(HttpMethod method, string relativePath, string? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_connection.BaseUri, relativePath);
        string? lastFailure = null;
        Response? lastResponse = null;
        for (var attempt = 0; attempt <= _connection.Retries; attempt++)
        {
            if (attempt > 0)
            {
                // Exponential backoff, capped so a failing CI build ends in seconds, not minutes.
                var delay = TimeSpan.FromMilliseconds(Math.Min(_retryDelay.TotalMilliseconds * (1 << Math.Min(attempt - 1, 4)), 4000));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.ParseAdd("application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json");
            if (_connection.BearerToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.BearerToken);
            }
            else if (_connection.UserInfo is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_connection.UserInfo)));
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(SchemaRegistryJson);
            }

            Interlocked.Increment(ref _requestCount);
            try
            {
                // Headers only: the body is read under the size limit (HttpClient would buffer any amount first).
                using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var text = await ReadBodyAsync(answer, method, relativePath, cancellationToken).ConfigureAwait(false);
                lastResponse = Response.From((int)answer.StatusCode, answer.ReasonPhrase, text);
                if (!IsRetriable(lastResponse.Status))
                {
                    return lastResponse;
                }

                lastFailure = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                // HttpClient reports its own timeout as a cancellation.
                lastResponse = null;
                lastFailure = "no answer within " + _connection.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
            }
            catch (HttpRequestException exception)
            {
                lastResponse = null;
                lastFailure = Describe(exception);
            }
        }

        var tries = (_connection.Retries + 1).ToString(CultureInfo.InvariantCulture) + (_connection.Retries == 0 ? " attempt" : " attempts");
        if (lastResponse is not null)
        {
            var detail = lastResponse.Message is null ? "" : ": " + _connection.Redact(lastResponse.Message);
            throw new RegistryException(RegistryFailure.Unreachable,
                $"registry {_connection.DisplayUrl} answered {lastResponse.Status.ToString(CultureInfo.InvariantCulture)} {lastResponse.Reason}{detail} to {method.Method} /{PathOnly(relativePath)} ({tries})",
                lastResponse.Status, lastResponse.ErrorCode);
        }

        throw new RegistryException(RegistryFailure.Unreachable,
            $"registry {_connection.DisplayUrl} could not be reached: {lastFailure} ({tries})");
    }

    /// <summary>
    /// Reads an answer body as UTF-8, at most <see cref="RegistryConnection.MaxResponseBytes"/>: a declared length over
    /// it fails before reading, a body that streams past it fails as soon as the first byte over arrives. The read
    /// has the request's timeout too (HttpClient's own covers only the headers here).
    /// </summary>
    private async Task<string> ReadBodyAsync(HttpResponseMessage answer, HttpMethod method, string relativePath, CancellationToken cancellationToken)
    {
        if (answer.Content is null)
        {
            return "";
        }

        var limit = _connection.MaxResponseBytes;
        if (answer.Content.Headers.ContentLength > limit)
        {
            throw TooLarge(method, relativePath, (int)answer.StatusCode);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connection.Timeout);
        using var stream = await answer.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, timeout.Token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(method, relativePath, (int)answer.StatusCode);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer();
        var length = (int)buffer.Length;
        var bom = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, bom, length - bom);
    }

    private RegistryException TooLarge(HttpMethod method, string relativePath, int status) =>
        new(RegistryFailure.RequestFailed,
            $"registry {_connection.DisplayUrl} answered {method.Method} /{PathOnly(relativePath)} with more than "
            + $"{_connection.MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes, the limit ({RegistryConnection.MaxResponseBytesProperty}, "
            + "or --max-response-bytes); the answer was not read. Raise the limit if the registry really serves answers this large",
            status);

    private static string PathOnly(string relativePath)
    {
        var query = relativePath.IndexOf('?');
        return query < 0 ? relativePath : relativePath.Substring(0, query);
    }

    private string Describe(HttpRequestException exception)
    {
        // The innermost message is the useful one ("Connection refused", "Name or service not known", TLS errors).
        Exception current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        var message = current.Message.Trim();
        return _connection.Redact(message.Length == 0 ? exception.Message : message);
    }

    private sealed class Response
    {
        private Response(int status, string? reason, JsonValue? body, int errorCode, string? message)
        {
            Status = status;
            Reason = reason ?? "";
            Body = body;
            ErrorCode = errorCode;
            Message = message;
        }

        public int Status { get; }
        public string Reason { get; }
        public JsonValue? Body { get; }
        public int ErrorCode { get; }
        public string? Message { get; }

        public static Response From(int status, string? reason, string text)
        {
            var errors = new List<SchemaError>();
            var body = text.Length == 0 ? null : JsonParser.Parse(text, "registry-response.json", errors);
            if (errors.Count > 0)
            {
                body = null;
            }

            var errorCode = 0;
            string? message = null;
            if (body is JsonObject error)
            {
                if (error["error_code"] is JsonNumber code && code.TryGetInt64(out var value) && value is > 0 and < int.MaxValue)
                {
                    errorCode = (int)value;
                }

                message = (error["message"] as JsonString)?.Value;
            }
            else if (status >= 400 && text.Length > 0 && text.Length <= 200 && text.IndexOf('<') < 0)
            {
                // A short plain-text error (proxies, 401 pages) is worth showing; HTML pages are not.
                message = text.Trim();
            }

            return new Response(status, reason, body, errorCode, message);
        }
    }
}

/// <summary>The registry refused to register a schema because it is incompatible (HTTP 409).</summary>
public sealed class RegistryIncompatibleException : Exception
{
    /// <summary>Creates the exception with the registry's message.</summary>
    public RegistryIncompatibleException(string message) : base(message) { }
}

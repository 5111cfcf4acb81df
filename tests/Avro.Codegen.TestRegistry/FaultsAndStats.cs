using System.Text.Json;

namespace Avro.Codegen.TestRegistry;

/// <summary>
/// Faults the emulator injects into registry requests (never into the <c>/__</c> admin endpoints), so client tests
/// can see latency, server errors, dropped connections, a server that echoes the request's credentials, huge
/// answers, and any canned answer (what an old server, a proxy or a misconfigured URL sends). Counts decrease as
/// requests consume them.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private int _latencyMs;
    private int _failNext;
    private int _failStatus = 503;
    private int _dropNext;
    private string? _pathContains;
    private int _echoNext;
    private int _echoStatus = 401;
    private bool _echoPlainText;
    private int _hugeNext;
    private long _hugeBytes;
    private bool _hugeDeclaresLength = true;
    private int _answerNext;
    private int _answerStatus = 200;
    private string _answerBody = "";
    private string _answerContentType = DefaultAnswerContentType;

    private const string DefaultAnswerContentType = "application/vnd.schemaregistry.v1+json";

    /// <summary>Delay added to every registry request, in milliseconds.</summary>
    public int LatencyMs { get { lock (_gate) { return _latencyMs; } } set { lock (_gate) { _latencyMs = Math.Max(0, value); } } }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching requests with <paramref name="status"/> (when null, the
    /// current <see cref="FailStatus"/>, 503 unless changed).
    /// </summary>
    public void FailNext(int count, int? status = null)
    {
        lock (_gate)
        {
            _failNext = count;
            _failStatus = status ?? _failStatus;
        }
    }

    /// <summary>The status injected failures answer with.</summary>
    public int FailStatus { get { lock (_gate) { return _failStatus; } } set { lock (_gate) { _failStatus = value; } } }

    /// <summary>Aborts the connection of the next <paramref name="count"/> matching requests without an answer.</summary>
    public void DropNext(int count)
    {
        lock (_gate)
        {
            _dropNext = count;
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching requests with <paramref name="status"/> and a body that
    /// repeats the request's <c>Authorization</c> header, and for basic authentication the decoded
    /// <c>user:password</c> and the password alone: what a misconfigured proxy or debug page does. The body is the
    /// registry's JSON error, or with <paramref name="plainText"/> a short <c>text/plain</c> line.
    /// </summary>
    public void EchoAuthorizationNext(int count, int status = 401, bool plainText = false)
    {
        lock (_gate)
        {
            _echoNext = count;
            _echoStatus = status;
            _echoPlainText = plainText;
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching requests with 200 and a JSON schema answer of
    /// <paramref name="bytes"/> bytes, sent in chunks as the client reads; with <paramref name="declareLength"/> false
    /// no <c>Content-Length</c> is sent, so only counting the bytes read can stop a client.
    /// </summary>
    public void HugeBodyNext(int count, long bytes, bool declareLength = true)
    {
        lock (_gate)
        {
            _hugeNext = count;
            _hugeBytes = bytes;
            _hugeDeclaresLength = declareLength;
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching requests with <paramref name="status"/> and exactly
    /// <paramref name="body"/> (of <paramref name="contentType"/>, the registry's JSON type unless given), whatever the
    /// registry holds: an old server's 404, a rejection, an answer without reasons, a page that is not a registry.
    /// </summary>
    public void AnswerNext(int count, int status, string body, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        lock (_gate)
        {
            _answerNext = count;
            _answerStatus = status;
            _answerBody = body;
            _answerContentType = contentType ?? DefaultAnswerContentType;
        }
    }

    /// <summary>When set, faults apply only to requests whose path contains this text.</summary>
    public string? PathContains { get { lock (_gate) { return _pathContains; } } set { lock (_gate) { _pathContains = value; } } }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _latencyMs = 0;
            _failNext = 0;
            _failStatus = 503;
            _dropNext = 0;
            _pathContains = null;
            _echoNext = 0;
            _echoStatus = 401;
            _echoPlainText = false;
            _hugeNext = 0;
            _hugeBytes = 0;
            _hugeDeclaresLength = true;
            _answerNext = 0;
            _answerStatus = 200;
            _answerBody = "";
            _answerContentType = DefaultAnswerContentType;
        }
    }

    internal enum Action { None, Fail, Drop, EchoAuthorization, HugeBody, Answer }

    /// <summary>
    /// The fault for one request. <c>Bytes</c> is the huge body's size; <c>Flag</c> is plain text (echo) or declared
    /// length (huge body); <c>Body</c> and <c>ContentType</c> are a canned answer's.
    /// </summary>
    internal readonly record struct Fault(Action Action, int Status, int LatencyMs, long Bytes = 0, bool Flag = false, string? Body = null, string? ContentType = null);

    internal Fault Next(string path)
    {
        lock (_gate)
        {
            if (_pathContains is not null && !path.Contains(_pathContains, StringComparison.Ordinal))
            {
                return new Fault(Action.None, 0, _latencyMs);
            }

            if (_dropNext > 0)
            {
                _dropNext--;
                return new Fault(Action.Drop, 0, _latencyMs);
            }

            if (_failNext > 0)
            {
                _failNext--;
                return new Fault(Action.Fail, _failStatus, _latencyMs);
            }

            if (_echoNext > 0)
            {
                _echoNext--;
                return new Fault(Action.EchoAuthorization, _echoStatus, _latencyMs, Flag: _echoPlainText);
            }

            if (_hugeNext > 0)
            {
                _hugeNext--;
                return new Fault(Action.HugeBody, 200, _latencyMs, _hugeBytes, _hugeDeclaresLength);
            }

            if (_answerNext > 0)
            {
                _answerNext--;
                return new Fault(Action.Answer, _answerStatus, _latencyMs, Body: _answerBody, ContentType: _answerContentType);
            }

            return new Fault(Action.None, 0, _latencyMs);
        }
    }

    internal void Apply(JsonElement body)
    {
        lock (_gate)
        {
            if (body.TryGetProperty("latencyMs", out var latency))
            {
                _latencyMs = Math.Max(0, latency.GetInt32());
            }

            if (body.TryGetProperty("failNext", out var fail))
            {
                _failNext = fail.GetInt32();
                _failStatus = body.TryGetProperty("failStatus", out var status) ? status.GetInt32() : 503;
            }

            if (body.TryGetProperty("dropNext", out var drop))
            {
                _dropNext = drop.GetInt32();
            }

            if (body.TryGetProperty("echoAuthorizationNext", out var echo))
            {
                _echoNext = echo.GetInt32();
                _echoStatus = body.TryGetProperty("echoStatus", out var echoStatus) ? echoStatus.GetInt32() : 401;
                _echoPlainText = body.TryGetProperty("echoPlainText", out var plain) && plain.ValueKind == JsonValueKind.True;
            }

            if (body.TryGetProperty("hugeBodyNext", out var huge))
            {
                _hugeNext = huge.GetInt32();
                _hugeBytes = body.TryGetProperty("hugeBodyBytes", out var bytes) ? bytes.GetInt64() : 0;
                _hugeDeclaresLength = !body.TryGetProperty("hugeBodyDeclaresLength", out var declares) || declares.ValueKind != JsonValueKind.False;
            }

            if (body.TryGetProperty("answerNext", out var answer))
            {
                _answerNext = answer.GetInt32();
                _answerStatus = body.TryGetProperty("answerStatus", out var answerStatus) ? answerStatus.GetInt32() : 200;
                _answerBody = body.TryGetProperty("answerBody", out var answerBody) ? answerBody.GetString() ?? "" : "";
                _answerContentType = body.TryGetProperty("answerContentType", out var answerType) ? answerType.GetString() ?? DefaultAnswerContentType : DefaultAnswerContentType;
            }

            if (body.TryGetProperty("pathContains", out var path))
            {
                _pathContains = path.ValueKind == JsonValueKind.String ? path.GetString() : null;
            }
        }
    }

    internal void Write(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteNumber("latencyMs", _latencyMs);
            w.WriteNumber("failNext", _failNext);
            w.WriteNumber("failStatus", _failStatus);
            w.WriteNumber("dropNext", _dropNext);
            w.WriteNumber("echoAuthorizationNext", _echoNext);
            w.WriteNumber("echoStatus", _echoStatus);
            w.WriteBoolean("echoPlainText", _echoPlainText);
            w.WriteNumber("hugeBodyNext", _hugeNext);
            w.WriteNumber("hugeBodyBytes", _hugeBytes);
            w.WriteBoolean("hugeBodyDeclaresLength", _hugeDeclaresLength);
            w.WriteNumber("answerNext", _answerNext);
            w.WriteNumber("answerStatus", _answerStatus);
            w.WriteString("answerBody", _answerBody);
            w.WriteString("answerContentType", _answerContentType);
            if (_pathContains is not null)
            {
                w.WriteString("pathContains", _pathContains);
            }

            w.WriteEndObject();
        }
    }
}

/// <summary>One registry request as the emulator saw it (admin endpoints are not recorded).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">Path and query, as sent.</param>
/// <param name="Authorization">The Authorization scheme used (<c>Basic</c>, <c>Bearer</c>) or <see langword="null"/>; never the credentials.</param>
/// <param name="Status">The status answered.</param>
/// <param name="ContentType">The request's <c>Content-Type</c>, or <see langword="null"/> when it sent none.</param>
/// <param name="Body">The request body as UTF-8 text (empty when there was none).</param>
public sealed record RecordedRequest(string Method, string Target, string? Authorization, int Status, string? ContentType = null, string Body = "");

/// <summary>
/// Counts the registry requests served (admin endpoints excluded). Build-gate tests use the count to prove that a
/// no-op rebuild makes no request; client tests use the log to see retries and failover.
/// </summary>
public sealed class RequestStats
{
    private const int MaxRecorded = 1000;
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _recent = [];
    private long _count;

    /// <summary>Requests served since start or the last reset.</summary>
    public long RequestCount => Interlocked.Read(ref _count);

    /// <summary>The most recent requests (up to 1000), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Recent
    {
        get
        {
            lock (_gate)
            {
                return _recent.ToArray();
            }
        }
    }

    /// <summary>Sets the count to zero and forgets the log.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _count, 0);
            _recent.Clear();
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _count);
            if (_recent.Count == MaxRecorded)
            {
                _recent.RemoveAt(0);
            }

            _recent.Add(request);
        }
    }

    internal void Write(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteNumber("requests", _count);
            w.WriteStartArray("recent");
            foreach (var r in _recent)
            {
                w.WriteStartObject();
                w.WriteString("method", r.Method);
                w.WriteString("target", r.Target);
                if (r.Authorization is not null)
                {
                    w.WriteString("authorization", r.Authorization);
                }

                w.WriteNumber("status", r.Status);
                if (r.ContentType is not null)
                {
                    w.WriteString("contentType", r.ContentType);
                }

                if (r.Body.Length > 0)
                {
                    w.WriteString("body", r.Body);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}

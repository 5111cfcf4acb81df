using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Avro.Codegen.Build.Tests;

/// <summary>One request the fake registry received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string Body, string? Authorization, string? ContentType);

/// <summary>
/// A loopback registry with canned answers, speaking the Confluent REST shapes (shared/registry/contract.md): latest
/// version, verbose compatibility, lookup and register. Tests set what each subject holds and how the registry answers;
/// <see cref="Override"/> replaces any answer (faults, auth). Every request is recorded.
/// </summary>
internal sealed class FakeRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeRegistry()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public string Url { get; }

    public List<RecordedRequest> Requests { get; } = new();

    /// <summary>subject -> (id, version, schema text) of the latest version.</summary>
    public Dictionary<string, (int Id, int Version, string Schema)> Latest { get; } = new();

    /// <summary>subject -> the verbose compatibility answer (default: compatible).</summary>
    public Dictionary<string, (bool Compatible, string[] Messages)> Compatibility { get; } = new();

    /// <summary>subject -> (id, version) the lookup answers (default: 40403 schema not found, or 40401 if the subject is unknown).</summary>
    public Dictionary<string, (int Id, int Version)> Lookup { get; } = new();

    /// <summary>subject -> the id a register returns, or a 409 message (default: id 100 + count).</summary>
    public Dictionary<string, object> Register { get; } = new();

    /// <summary>When it returns an answer, that answer is sent instead of the canned one.</summary>
    public Func<RecordedRequest, (int Status, string Body)?>? Override { get; set; }

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal));

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        var url = context.Request.Url!;
        var request = new RecordedRequest(context.Request.HttpMethod, Uri.UnescapeDataString(url.AbsolutePath), url.Query, body,
            context.Request.Headers["Authorization"], context.Request.ContentType);
        lock (Requests)
        {
            Requests.Add(request);
        }

        var (status, text) = Override?.Invoke(request) ?? Answer(request);
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
        catch (HttpListenerException)
        {
        }
    }

    private (int, string) Answer(RecordedRequest request)
    {
        Match match;
        lock (Latest)
        {
            if (request.Method == "GET" && (match = Regex.Match(request.Path, "^/subjects/(.+)/versions/latest$")).Success)
            {
                var subject = match.Groups[1].Value;
                return Latest.TryGetValue(subject, out var latest)
                    ? (200, $"{{\"subject\":{Json(subject)},\"version\":{latest.Version},\"id\":{latest.Id},\"schema\":{Json(latest.Schema)}}}")
                    : NotFound(subject);
            }

            if (request.Method == "POST" && (match = Regex.Match(request.Path, "^/compatibility/subjects/(.+)/versions/latest$")).Success)
            {
                var subject = match.Groups[1].Value;
                var (compatible, messages) = Compatibility.TryGetValue(subject, out var answer) ? answer : (true, Array.Empty<string>());
                return (200, $"{{\"is_compatible\":{(compatible ? "true" : "false")},\"messages\":[{string.Join(",", messages.Select(Json))}]}}");
            }

            if (request.Method == "POST" && (match = Regex.Match(request.Path, "^/subjects/(.+)/versions$")).Success)
            {
                var subject = match.Groups[1].Value;
                if (Register.TryGetValue(subject, out var outcome) && outcome is string conflict)
                {
                    return (409, $"{{\"error_code\":40901,\"message\":{Json(conflict)}}}");
                }

                var id = outcome is int given ? given : 100 + Requests.Count;
                Lookup[subject] = (id, 1);
                Latest[subject] = (id, 1, "{}");
                return (200, $"{{\"id\":{id}}}");
            }

            if (request.Method == "POST" && (match = Regex.Match(request.Path, "^/subjects/([^/]+)$")).Success)
            {
                var subject = match.Groups[1].Value;
                if (Lookup.TryGetValue(subject, out var found))
                {
                    return (200, $"{{\"subject\":{Json(subject)},\"version\":{found.Version},\"id\":{found.Id},\"schema\":\"{{}}\"}}");
                }

                return Latest.ContainsKey(subject)
                    ? (404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")
                    : NotFound(subject);
            }
        }

        return (404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }

    private static (int, string) NotFound(string subject) =>
        (404, $"{{\"error_code\":40401,\"message\":{Json($"Subject '{subject}' not found.")}}}");

    public static string Json(string text)
    {
        var builder = new StringBuilder();
        Avro.Codegen.Schema.Json.JsonValue.WriteString(builder, text);
        return builder.ToString();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }
}

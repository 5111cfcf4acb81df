using System.Text;
using Avro.Codegen.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Avro.Codegen.TestRegistry;

/// <summary>Options of the emulator.</summary>
public sealed class TestRegistryOptions
{
    /// <summary>
    /// When not empty, every registry request needs <c>Authorization: Basic</c> with one of these user/password pairs
    /// (or a bearer token from <see cref="BearerTokens"/>); otherwise 401 with <c>WWW-Authenticate: Basic realm="SchemaRegistry"</c>.
    /// </summary>
    public Dictionary<string, string> BasicAuthUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>When not empty, these bearer tokens are accepted (and authentication is required).</summary>
    public HashSet<string> BearerTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults to start with (also settable later through <c>/__faults</c>).</summary>
    public FaultInjector Faults { get; } = new();

    internal bool RequiresAuth => BasicAuthUsers.Count > 0 || BearerTokens.Count > 0;
}

/// <summary>
/// A loopback emulator of the Confluent Schema Registry REST API, serving <see cref="InMemorySchemaRegistry"/> (the
/// same code behind <c>mock://</c> URLs). Admin endpoints, outside the registry's API: <c>GET/POST/DELETE /__faults</c>
/// (fault injection), <c>GET/DELETE /__stats</c> (request count and log), <c>DELETE /__registry</c> (forget everything).
/// </summary>
public sealed class TestRegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private InMemorySchemaRegistry _registry = new();

    private TestRegistryServer(WebApplication app, TestRegistryOptions options, Uri baseAddress)
    {
        _app = app;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The registry being served; tests may seed or inspect it directly.</summary>
    public InMemorySchemaRegistry Registry => Volatile.Read(ref _registry);

    /// <summary>The emulator's options (auth; faults).</summary>
    public TestRegistryOptions Options { get; }

    /// <summary>Fault injection.</summary>
    public FaultInjector Faults => Options.Faults;

    /// <summary>Requests served.</summary>
    public RequestStats Stats { get; } = new();

    /// <summary>Replaces the registry with an empty one.</summary>
    public void Reset() => Volatile.Write(ref _registry, new InMemorySchemaRegistry());

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (default: a free port on 127.0.0.1) and returns once it accepts
    /// connections; <see cref="BaseAddress"/> holds the bound address.
    /// </summary>
    public static Task<TestRegistryServer> StartAsync(string url = "http://127.0.0.1:0", TestRegistryOptions? options = null,
        CancellationToken cancellationToken = default) => StartAsync([url], options, quiet: true, cancellationToken);

    /// <summary>Starts an emulator on a given loopback port (0: a free one).</summary>
    public static Task<TestRegistryServer> StartAsync(int port, TestRegistryOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture), options, cancellationToken);

    internal static async Task<TestRegistryServer> StartAsync(IReadOnlyList<string> urls, TestRegistryOptions? options, bool quiet,
        CancellationToken cancellationToken)
    {
        options ??= new TestRegistryOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (!quiet)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.UseUrls([.. urls]);
        var app = builder.Build();
        var holder = new TestRegistryServer[1];
        ConfigurePipeline(app, options, () => holder[0]);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new TestRegistryServer(app, options, new Uri(address.TrimEnd('/') + "/"));
        holder[0] = server;
        return server;
    }

    /// <summary>Blocks until the host shuts down (Ctrl+C when run from the command line).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void ConfigurePipeline(WebApplication app, TestRegistryOptions options, Func<TestRegistryServer> server)
    {
        // Admin endpoints first: no auth, no faults, not counted.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith("/__", StringComparison.Ordinal))
            {
                RegistryHttp.SetResponseType(context, RegistryHttp.PlainJson);
                await AdminAsync(context, server(), path);
                return;
            }

            await next(context);
        });

        // Record every registry request with the status it got. Recording happens as the response starts, before the
        // client can see it, so a test that asserts the count right after an answer never races the bookkeeping.
        app.Use(async (context, next) =>
        {
            // The body is read once here and rewound, so the endpoints read it again as usual.
            context.Request.EnableBuffering();
            string body;
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }

            context.Request.Body.Position = 0;
            var recorded = 0;
            void Record()
            {
                if (Interlocked.Exchange(ref recorded, 1) == 0)
                {
                    var scheme = context.Request.Headers.Authorization.ToString().Split(' ', 2)[0];
                    server().Stats.Record(new RecordedRequest(context.Request.Method,
                        context.Request.Path + context.Request.QueryString, scheme.Length == 0 ? null : scheme, context.Response.StatusCode,
                        context.Request.ContentType, body));
                }
            }

            context.Response.OnStarting(() =>
            {
                Record();
                return Task.CompletedTask;
            });
            try
            {
                await next(context);
            }
            finally
            {
                // Dropped connections never start a response.
                Record();
            }
        });

        // Faults: latency, injected errors, dropped connections, echoed credentials, huge and canned answers.
        app.Use(async (context, next) =>
        {
            var (action, status, latency, bytes, flag, body, contentType) = options.Faults.Next(context.Request.Path.Value ?? "/");
            if (latency > 0)
            {
                await Task.Delay(latency, context.RequestAborted);
            }

            switch (action)
            {
                case FaultInjector.Action.Drop:
                    context.Abort();
                    return;
                case FaultInjector.Action.Fail:
                    await RegistryHttp.WriteErrorAsync(context, status, status == 500 ? RegistryErrorCodes.ServerError : status,
                        "Injected fault: HTTP " + status);
                    return;
                case FaultInjector.Action.EchoAuthorization:
                    await EchoAuthorizationAsync(context, status, plainText: flag);
                    return;
                case FaultInjector.Action.HugeBody:
                    await HugeBodyAsync(context, bytes, declareLength: flag);
                    return;
                case FaultInjector.Action.Answer:
                    context.Response.StatusCode = status;
                    context.Response.ContentType = contentType;
                    await context.Response.WriteAsync(body!);
                    return;
                default:
                    await next(context);
                    return;
            }
        });

        // Transport rules: auth, request content type, response content type, trailing slash.
        app.Use(async (context, next) =>
        {
            var responseType = RegistryHttp.NegotiateResponseType(context.Request.Headers.Accept);
            RegistryHttp.SetResponseType(context, responseType ?? RegistryHttp.V1Json);
            if (options.RequiresAuth && !Authorized(context, options))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"SchemaRegistry\"";
                await RegistryHttp.WriteErrorAsync(context, 401, 401, RegistryHttp.ReasonMessage(401));
                return;
            }

            if (responseType is null)
            {
                await RegistryHttp.WriteErrorAsync(context, 406, 406, RegistryHttp.ReasonMessage(406));
                return;
            }

            if ((HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
                && !RegistryHttp.IsAcceptedRequestType(context.Request.ContentType))
            {
                await RegistryHttp.WriteErrorAsync(context, 415, 415, RegistryHttp.ReasonMessage(415));
                return;
            }

            // The Java client posts to ".../versions/" with a trailing slash; the server treats it as ".../versions".
            var path = context.Request.Path.Value;
            if (path is { Length: > 1 } && path.EndsWith('/'))
            {
                context.Request.Path = path.TrimEnd('/');
            }

            await next(context);
        });

        app.UseRouting();

        // Statuses the framework answers without a body (405, 404 on no route) get the registry's error body.
        app.Use(async (context, next) =>
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0)
            {
                await RegistryHttp.WriteErrorAsync(context, context.Response.StatusCode, context.Response.StatusCode,
                    RegistryHttp.ReasonMessage(context.Response.StatusCode));
            }
        });

        // No fallback route: an unknown path ends in the framework's 404, a known path with the wrong method in 405.
        RegistryEndpoints.Map(app, () => server().Registry);
    }

    // What a proxy that echoes its request does: the header as received and, for basic authentication, what it decodes to.
    private static async Task EchoAuthorizationAsync(HttpContext context, int status, bool plainText)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var decoded = "";
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                decoded = $" user:password {pair}, password {(colon < 0 ? "" : pair[(colon + 1)..])}";
            }
            catch (FormatException)
            {
                decoded = " (not base64)";
            }
        }

        var message = $"denied: got 'Authorization: {header}'{decoded}";
        if (!plainText)
        {
            await RegistryHttp.WriteErrorAsync(context, status, status, message);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message);
    }

    // A schema answer of the given size, written in chunks as the client reads. The client hanging up ends it.
    private static async Task HugeBodyAsync(HttpContext context, long bytes, bool declareLength)
    {
        var head = Encoding.UTF8.GetBytes("{\"subject\":\"huge\",\"version\":1,\"id\":1,\"schema\":\"");
        var tail = Encoding.UTF8.GetBytes("\"}");
        var filler = Math.Max(0, bytes - head.Length - tail.Length);
        context.Response.StatusCode = 200;
        context.Response.ContentType = RegistryHttp.ResponseType(context);
        if (declareLength)
        {
            context.Response.ContentLength = head.Length + filler + tail.Length;
        }

        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'a');
        try
        {
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            for (var left = filler; left > 0; left -= chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(tail, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading: what a size limit is for.
        }
    }

    private static bool Authorized(HttpContext context, TestRegistryOptions options)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 && options.BasicAuthUsers.TryGetValue(pair[..colon], out var password) && password == pair[(colon + 1)..];
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && options.BearerTokens.Contains(header[7..].Trim());
    }

    private static async Task AdminAsync(HttpContext context, TestRegistryServer server, string path)
    {
        var method = context.Request.Method;
        switch (path.TrimEnd('/'))
        {
            case "/__faults" when HttpMethods.IsGet(method):
                await RegistryHttp.WriteJsonAsync(context, 200, server.Faults.Write);
                return;
            case "/__faults" when HttpMethods.IsPost(method) || HttpMethods.IsPut(method):
                using (var body = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(body);
                    try
                    {
                        server.Faults.Apply(RegistryJsonBodies.ParseBody(body.ToArray()));
                    }
                    catch (Exception e) when (e is BadRequestException or InvalidOperationException or FormatException)
                    {
                        await RegistryHttp.WriteErrorAsync(context, 400, 400, "Bad fault description: " + e.Message);
                        return;
                    }
                }

                await RegistryHttp.WriteJsonAsync(context, 200, server.Faults.Write);
                return;
            case "/__faults" when HttpMethods.IsDelete(method):
                server.Faults.Clear();
                await RegistryHttp.WriteJsonAsync(context, 200, server.Faults.Write);
                return;
            case "/__stats" when HttpMethods.IsGet(method):
                await RegistryHttp.WriteJsonAsync(context, 200, server.Stats.Write);
                return;
            case "/__stats" when HttpMethods.IsDelete(method):
                server.Stats.Reset();
                await RegistryHttp.WriteJsonAsync(context, 200, server.Stats.Write);
                return;
            case "/__registry" when HttpMethods.IsDelete(method):
                server.Reset();
                await RegistryHttp.WriteJsonAsync(context, 200, w => { w.WriteStartObject(); w.WriteEndObject(); });
                return;
            default:
                await RegistryHttp.WriteErrorAsync(context, 404, 404, RegistryHttp.ReasonMessage(404));
                return;
        }
    }
}

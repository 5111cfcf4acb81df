using System.Net.Http;

namespace Avro.Codegen.Registry;

/// <summary>
/// How <see cref="RegistryTransport"/> reaches a registry: base URLs (tried in order, failover), credentials, the
/// per-attempt timeout, the retry rules and the answer size limit. The runtime client fills it from
/// <c>RegistryClientOptions</c>, the gate and the CLI from their settings.
/// </summary>
internal sealed class RegistryTransportOptions
{
    /// <summary>The default of <see cref="MaxResponseBytes"/>: 8 MiB.</summary>
    public const long DefaultMaxResponseBytes = 8L * 1024 * 1024;

    /// <summary>The base URLs without user-info, each ending with <c>/</c> (see <see cref="RegistryUrl.TryParse"/>).</summary>
    public IReadOnlyList<Uri> BaseUrls { get; set; } = [];

    /// <summary>Basic authentication, <c>user:password</c>, or <see langword="null"/>.</summary>
    public string? UserInfo { get; set; }

    /// <summary>A static bearer token; it wins over <see cref="UserInfo"/>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>A bearer token source called before each attempt; it wins over <see cref="BearerToken"/>.</summary>
    public Func<CancellationToken, Task<string>>? BearerTokenProvider { get; set; }

    /// <summary>The <c>target-sr-cluster</c> header sent with bearer authentication.</summary>
    public string? BearerLogicalCluster { get; set; }

    /// <summary>The <c>Confluent-Identity-Pool-Id</c> header sent with bearer authentication.</summary>
    public string? BearerIdentityPoolId { get; set; }

    /// <summary>Credentials never sent but still never printed (user-info of a URL that other credentials replace).</summary>
    public IReadOnlyList<string?> HiddenSecrets { get; set; } = [];

    /// <summary>The time one attempt may take, answer body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rounds after the first on 408, 429, 500, 502, 503, 504, timeouts and connection failures.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; it doubles per round, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between rounds, the server's <c>Retry-After</c> included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest answer body read, in bytes.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The setting that raises <see cref="MaxResponseBytes"/>, named in the error of an answer over it.</summary>
    public string MaxResponseBytesSetting { get; set; } = "RegistryClientOptions.MaxResponseBytes";

    /// <summary>The network stack (TLS, proxies, tests); <see langword="null"/> for the default one.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>Receives a line per retried attempt, credentials removed.</summary>
    public Action<string>? Log { get; set; }
}

/// <summary>Registry base URLs: validation and the removal of user-info, in one place.</summary>
internal static class RegistryUrl
{
    /// <summary>
    /// Reads an absolute http(s) URL as a registry base: user-info, query and fragment removed, the path ending with
    /// <c>/</c> so relative request paths keep any path prefix.
    /// </summary>
    /// <param name="text">The URL as given.</param>
    /// <param name="baseUrl">The base URL, without credentials.</param>
    /// <param name="userInfo">The URL's user-info, unescaped (<c>user:password</c>), or <see langword="null"/>.</param>
    /// <returns>False when <paramref name="text"/> is not an absolute http(s) URL.</returns>
    public static bool TryParse(string text, out Uri baseUrl, out string? userInfo)
    {
        baseUrl = null!;
        userInfo = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        userInfo = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) : null;
        var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
        if (!builder.Path.EndsWith("/", StringComparison.Ordinal))
        {
            builder.Path += "/";
        }

        baseUrl = builder.Uri;
        return true;
    }

    /// <summary>A base URL as messages print it: scheme, host, port and path, no trailing <c>/</c>, never credentials.</summary>
    public static string Display(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
}

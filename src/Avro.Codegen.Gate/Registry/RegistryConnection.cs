using System;

namespace Avro.Codegen.Gate.Registry;

/// <summary>
/// Where a schema registry is and how to authenticate to it. Credentials come from the URL's user-info or from the
/// environment (<see cref="UserInfoVariable"/>, <see cref="BearerTokenVariable"/>) and are never part of
/// <see cref="DisplayUrl"/>, which is the only form of the address that may appear in messages.
/// </summary>
public sealed class RegistryConnection
{
    /// <summary>The environment variable holding basic-auth user info, <c>user:password</c>.</summary>
    public const string UserInfoVariable = "AVRO_SCHEMA_REGISTRY_USER_INFO";

    /// <summary>The environment variable holding a bearer token (sent instead of basic auth when both are set).</summary>
    public const string BearerTokenVariable = "AVRO_SCHEMA_REGISTRY_BEARER_TOKEN";

    /// <summary>The environment variable (and MSBuild property) holding the registry URL.</summary>
    public const string UrlVariable = "AvroSchemaRegistryUrl";

    /// <summary>The default time allowed for one request.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 8 MiB, as in the runtime client.</summary>
    public const long DefaultMaxResponseBytes = 8L * 1024 * 1024;

    /// <summary>The MSBuild property that sets <see cref="MaxResponseBytes"/> (named in the error when an answer is over it).</summary>
    public const string MaxResponseBytesProperty = "AvroCodegen_RegistryMaxResponseBytes";

    // User-info given in the URL when the environment's credentials replace it: never sent, still never printed.
    private readonly string? _urlUserInfo;

    private RegistryConnection(Uri baseUri, string displayUrl, string? userInfo, string? bearerToken, string? urlUserInfo, TimeSpan timeout, int retries)
    {
        _urlUserInfo = urlUserInfo;
        BaseUri = baseUri;
        DisplayUrl = displayUrl;
        UserInfo = userInfo;
        BearerToken = bearerToken;
        Timeout = timeout;
        Retries = retries;
    }

    /// <summary>The base address without user-info, ending with <c>/</c> so relative paths keep any path prefix.</summary>
    public Uri BaseUri { get; }

    /// <summary>The address as it may be printed: scheme, host, port and path, never credentials.</summary>
    public string DisplayUrl { get; }

    /// <summary>Basic-auth user info (<c>user:password</c>), or <see langword="null"/>.</summary>
    internal string? UserInfo { get; }

    /// <summary>The bearer token, or <see langword="null"/>.</summary>
    internal string? BearerToken { get; }

    /// <summary>The time allowed for one request (each retry gets the same).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many times a request is retried after a transport failure or a retriable status (408, 429, 5xx).</summary>
    public int Retries { get; }

    /// <summary>The largest answer body read; a longer one is abandoned (never buffered past it) with an error.</summary>
    public long MaxResponseBytes { get; private set; } = DefaultMaxResponseBytes;

    /// <summary>True when requests carry credentials.</summary>
    public bool HasCredentials => UserInfo is not null || BearerToken is not null;

    /// <summary>
    /// Validates <paramref name="url"/> and builds a connection. Credentials in the URL (<c>https://user:pass@host</c>)
    /// are taken out of it; <paramref name="userInfo"/> and <paramref name="bearerToken"/> (normally read from the
    /// environment) take precedence over them.
    /// </summary>
    /// <returns>The connection, or <see langword="null"/> with <paramref name="error"/> set (the error never repeats credentials).</returns>
    public static RegistryConnection? TryCreate(string url, string? userInfo, string? bearerToken, TimeSpan timeout, int retries, out string? error) =>
        TryCreate(url, userInfo, bearerToken, timeout, retries, DefaultMaxResponseBytes, out error);

    /// <summary>
    /// <see cref="TryCreate(string, string?, string?, TimeSpan, int, out string?)"/> with a limit on the size of
    /// answers, <paramref name="maxResponseBytes"/> (1 KiB to 2 GiB).
    /// </summary>
    public static RegistryConnection? TryCreate(string url, string? userInfo, string? bearerToken, TimeSpan timeout, int retries, long maxResponseBytes,
        out string? error)
    {
        error = null;
        url = url.Trim();
        if (url.StartsWith("mock://", StringComparison.OrdinalIgnoreCase))
        {
            error = "a mock:// registry lives inside one process and cannot be checked from a build; give an http:// or https:// URL";
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // The text may contain user-info, so it is not echoed back.
            error = "the registry URL must be an absolute http:// or https:// URL";
            return null;
        }

        if (timeout <= TimeSpan.Zero)
        {
            error = "the registry timeout must be positive";
            return null;
        }

        if (retries < 0)
        {
            error = "the number of registry retries cannot be negative";
            return null;
        }

        if (maxResponseBytes < 1024 || maxResponseBytes > int.MaxValue)
        {
            error = "the registry answer size limit must be from 1024 bytes to 2 GiB";
            return null;
        }

        var urlUserInfo = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) : null;
        var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
        if (!builder.Path.EndsWith("/", StringComparison.Ordinal))
        {
            builder.Path += "/";
        }

        var baseUri = builder.Uri;
        var display = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new RegistryConnection(baseUri, display, Empty(userInfo) ?? urlUserInfo, Empty(bearerToken), urlUserInfo, timeout, retries)
        {
            MaxResponseBytes = maxResponseBytes,
        };
    }

    /// <summary>
    /// Replaces every form of a credential in <paramref name="text"/> (plain, base64 as in a Basic header,
    /// percent-encoded, the password alone) and any echoed <c>Authorization</c> header value with <c>***</c>.
    /// </summary>
    public string Redact(string text) => Avro.Codegen.Registry.SecretRedaction.Redact(text, UserInfo, BearerToken, _urlUserInfo);

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}

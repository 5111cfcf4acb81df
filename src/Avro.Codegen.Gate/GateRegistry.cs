using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Gate;

/// <summary>
/// The gate's view of the registry: the calls of the registry protocol layer (<see cref="RegistryProtocol"/>, the
/// same requests, retries, limits and redaction as the runtime client) with the gate's settings, where "not found"
/// is an answer (<see langword="null"/>) rather than an error, and a refused credential names the environment
/// variables that set it.
/// </summary>
internal sealed class GateRegistry : IDisposable
{
    // Exponential backoff capped so a failing CI build ends in seconds, not minutes.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(4);

    private readonly RegistryProtocol _protocol;

    private GateRegistry(RegistryProtocol protocol) => _protocol = protocol;

    /// <summary>The address as it may be printed: scheme, host, port and path, never credentials.</summary>
    public string DisplayUrl => _protocol.Transport.DisplayUrl;

    /// <summary>The base address without user-info, ending with <c>/</c>.</summary>
    public Uri BaseUrl => _protocol.Transport.BaseUrls[0];

    /// <summary>True when requests carry credentials.</summary>
    public bool HasCredentials => _protocol.Transport.HasCredentials;

    /// <summary>How many HTTP requests were sent (retries included).</summary>
    public int RequestCount => _protocol.Transport.RequestCount;

    /// <summary>
    /// Validates the registry settings and opens the protocol. Credentials in the URL are taken out of it;
    /// <see cref="GateSettings.UserInfo"/> and <see cref="GateSettings.BearerToken"/> take precedence over them.
    /// </summary>
    /// <returns>The registry, or <see langword="null"/> with <paramref name="error"/> set (the error never repeats credentials).</returns>
    public static GateRegistry? TryCreate(GateSettings settings, out string? error)
    {
        error = null;
        var url = (settings.RegistryUrl ?? "").Trim();
        if (url.StartsWith("mock://", StringComparison.OrdinalIgnoreCase))
        {
            error = "a mock:// registry lives inside one process and cannot be checked from a build; give an http:// or https:// URL";
            return null;
        }

        if (!RegistryUrl.TryParse(url, out var baseUrl, out var urlUserInfo))
        {
            // The text may contain user-info, so it is not echoed back.
            error = "the registry URL must be an absolute http:// or https:// URL";
            return null;
        }

        if (settings.Timeout <= TimeSpan.Zero)
        {
            error = "the registry timeout must be positive";
            return null;
        }

        if (settings.Retries < 0)
        {
            error = "the number of registry retries cannot be negative";
            return null;
        }

        if (settings.MaxResponseBytes < 1024 || settings.MaxResponseBytes > int.MaxValue)
        {
            error = "the registry answer size limit must be from 1024 bytes to 2 GiB";
            return null;
        }

        return new GateRegistry(new RegistryProtocol(new RegistryTransportOptions
        {
            BaseUrls = [baseUrl],
            UserInfo = Trimmed(settings.UserInfo) ?? urlUserInfo,
            BearerToken = Trimmed(settings.BearerToken),
            HiddenSecrets = [urlUserInfo],
            RequestTimeout = settings.Timeout,
            MaxRetries = settings.Retries,
            RetryDelay = settings.RetryDelay,
            MaxRetryDelay = MaxRetryDelay,
            MaxResponseBytes = settings.MaxResponseBytes,
            MaxResponseBytesSetting = GateSettings.MaxResponseBytesProperty + ", or --max-response-bytes",
            Handler = settings.HttpHandler,
        }));
    }

    /// <summary>
    /// <paramref name="text"/> without any form of the credentials <paramref name="settings"/> hold (given or in the
    /// URL), as the registry protocol layer removes them from its own messages.
    /// </summary>
    public static string Redact(GateSettings settings, string text)
    {
        string? urlUserInfo = null;
        if (settings.RegistryUrl is { } url && !RegistryUrl.TryParse(url, out _, out urlUserInfo))
        {
            urlUserInfo = null;
        }

        return SecretRedaction.Redact(text, settings.UserInfo, settings.BearerToken, urlUserInfo);
    }

    /// <summary>True when <paramref name="exception"/> means no usable answer (AVROB002) rather than a refused request (AVROB003).</summary>
    public static bool IsUnreachable(RegistryException exception) => RegistryTransport.IsUnreachable(exception);

    /// <summary>The latest version of <paramref name="subject"/>, or <see langword="null"/> when the subject does not exist.</summary>
    public Task<RegisteredVersion?> GetLatestAsync(string subject, CancellationToken cancellationToken) =>
        OrNull(_protocol.GetLatestAsync(subject, cancellationToken), RegistryErrorCodes.SubjectNotFound, RegistryErrorCodes.VersionNotFound);

    /// <summary>Version <paramref name="version"/> of <paramref name="subject"/>, or <see langword="null"/> when it does not exist.</summary>
    public Task<RegisteredVersion?> GetVersionAsync(string subject, int version, CancellationToken cancellationToken) =>
        OrNull(_protocol.GetVersionAsync(subject, version, false, cancellationToken), RegistryErrorCodes.SubjectNotFound, RegistryErrorCodes.VersionNotFound);

    /// <summary>
    /// Whether <paramref name="schema"/> may follow the latest version of <paramref name="subject"/>, with the
    /// registry's reasons; <see langword="null"/> when the subject does not exist (servers before 6.1 answer 404 then).
    /// </summary>
    public Task<CompatibilityCheckResult?> TestCompatibilityAsync(string subject, RegistrySchema schema, CancellationToken cancellationToken) =>
        OrNull(_protocol.TestCompatibilityAsync(subject, schema, "latest", verbose: true, normalize: false, cancellationToken),
            RegistryErrorCodes.SubjectNotFound, RegistryErrorCodes.VersionNotFound);

    /// <summary>The version of <paramref name="subject"/> holding <paramref name="schema"/>, or <see langword="null"/> when it is not registered there.</summary>
    public Task<RegisteredVersion?> LookupAsync(string subject, RegistrySchema schema, CancellationToken cancellationToken) =>
        OrNull(_protocol.LookupAsync(subject, schema, normalize: false, includeDeleted: false, cancellationToken),
            RegistryErrorCodes.SubjectNotFound, RegistryErrorCodes.SchemaNotFound);

    /// <summary>Registers <paramref name="schema"/> under <paramref name="subject"/> and returns its id.</summary>
    /// <exception cref="RegistryException">Among others, status 409 when the registry refused the schema as incompatible.</exception>
    public async Task<int> RegisterAsync(string subject, RegistrySchema schema, CancellationToken cancellationToken)
    {
        try
        {
            return await _protocol.RegisterAsync(subject, schema, normalize: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException exception) when (exception.Status is 401 or 403)
        {
            throw WithCredentialHint(exception);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _protocol.Dispose();

    private async Task<T?> OrNull<T>(Task<T> call, int notFound, int alsoNotFound) where T : class
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (RegistryException exception) when (exception.Status == 404 && (exception.ErrorCode == notFound || exception.ErrorCode == alsoNotFound))
        {
            return null;
        }
        catch (RegistryException exception) when (exception.Status is 401 or 403)
        {
            throw WithCredentialHint(exception);
        }
    }

    private RegistryException WithCredentialHint(RegistryException exception) =>
        new(exception.Status, exception.ErrorCode, exception.Message + (HasCredentials
            ? "; check the credentials in " + GateSettings.UserInfoVariable + " or " + GateSettings.BearerTokenVariable
            : "; the registry wants credentials: set " + GateSettings.UserInfoVariable + " or " + GateSettings.BearerTokenVariable), exception);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}

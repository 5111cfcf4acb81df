using System;
using System.Net.Http;

namespace Avro.Codegen.Gate;

/// <summary>One schema file handed to the gate, with the item metadata that decides its subject.</summary>
/// <param name="Path">The <c>.avsc</c> path (as the build or the user gave it; diagnostics use it verbatim).</param>
/// <param name="Subject">An explicit subject (item metadata <c>Subject</c>), or <see langword="null"/>.</param>
/// <param name="Topic">The Kafka topic (item metadata <c>Topic</c>), or <see langword="null"/>.</param>
/// <param name="IsKey">True for a key schema (item metadata <c>IsKey</c>).</param>
/// <param name="SubjectNameStrategy">A per-file strategy overriding <see cref="GateSettings.SubjectNameStrategy"/>.</param>
public sealed record GateSchemaInput(string Path, string? Subject = null, string? Topic = null, bool IsKey = false, string? SubjectNameStrategy = null);

/// <summary>
/// Everything that configures a gate run. The MSBuild task fills it from properties and the environment, the CLI
/// from its options. Credentials live only here and in the HTTP headers; nothing prints them.
/// </summary>
public sealed class GateSettings
{
    /// <summary>The environment variable holding basic-auth user info, <c>user:password</c>.</summary>
    public const string UserInfoVariable = "AVRO_SCHEMA_REGISTRY_USER_INFO";

    /// <summary>The environment variable holding a bearer token (sent instead of basic auth when both are set).</summary>
    public const string BearerTokenVariable = "AVRO_SCHEMA_REGISTRY_BEARER_TOKEN";

    /// <summary>The environment variable (and MSBuild property) holding the registry URL.</summary>
    public const string UrlVariable = "AvroSchemaRegistryUrl";

    /// <summary>The MSBuild property that sets <see cref="GateSettings.MaxResponseBytes"/> (named in the error when an answer is over it).</summary>
    public const string MaxResponseBytesProperty = "AvroCodegen_RegistryMaxResponseBytes";

    /// <summary>The default of <see cref="Timeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 8 MiB, as in the runtime client.</summary>
    public const long DefaultMaxResponseBytes = 8L * 1024 * 1024;

    /// <summary>The registry URL; when set, schemas are checked against the live registry.</summary>
    public string? RegistryUrl { get; set; }

    /// <summary>Basic-auth user info (<c>user:password</c>), normally from <c>AVRO_SCHEMA_REGISTRY_USER_INFO</c>.</summary>
    public string? UserInfo { get; set; }

    /// <summary>A bearer token, normally from <c>AVRO_SCHEMA_REGISTRY_BEARER_TOKEN</c>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The time allowed for one registry request.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The largest registry answer read, in bytes (default 8 MiB); a longer one fails the request.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Retries after a transport failure or a retriable status.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>How many subjects are checked at once.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>The default subject name strategy (<c>TopicName</c> when empty).</summary>
    public string? SubjectNameStrategy { get; set; }

    /// <summary>The severity of an unreachable or failing registry during a check (error: the gate fails closed).</summary>
    public GateSeverity RegistryFailureSeverity { get; set; } = GateSeverity.Error;

    /// <summary>The offline baseline folder: <c>&lt;subject&gt;.avsc</c> or <c>&lt;subject&gt;/*.avsc</c> (versions in name order).</summary>
    public string? BaselineDirectory { get; set; }

    /// <summary>The level for offline checks (<c>BACKWARD</c> when empty).</summary>
    public string? CompatibilityLevel { get; set; }

    /// <summary>Report invalid <c>.avsc</c> files as errors with their <c>AVRO0nn</c> codes (the CLI does; the build
    /// leaves that to the source generator and only notes the skipped file).</summary>
    public bool ReportSchemaErrors { get; set; }

    /// <summary>
    /// Register and check schemas with Confluent schema references: named types defined in another schema file of the
    /// project are named, not inlined, and referenced by name, subject and version; each such file's schema is a
    /// subject of its own (its item's subject, else its full name), registered first.
    /// </summary>
    public bool UseSchemaReferences { get; set; }

    /// <summary>The schema-id lock file to verify and update, or <see langword="null"/>.</summary>
    public string? LockFile { get; set; }

    /// <summary>The HTTP stack to use instead of the network (tests).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The first retry waits this long; each further one twice as long.</summary>
    internal TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Parses <c>error</c> / <c>warning</c> (case-insensitive).</summary>
    public static bool TryParseSeverity(string? text, out GateSeverity severity)
    {
        severity = GateSeverity.Error;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text!.Trim(), "error", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text.Trim(), "warning", StringComparison.OrdinalIgnoreCase))
        {
            severity = GateSeverity.Warning;
            return true;
        }

        return false;
    }
}

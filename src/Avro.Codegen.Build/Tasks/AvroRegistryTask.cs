using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using Avro.Codegen.Gate;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Task = Microsoft.Build.Utilities.Task;

namespace Avro.Codegen.Build.Tasks;

/// <summary>
/// What the gate's MSBuild tasks share: the options (all strings, so a bad value gets an <c>AVROB006</c> error
/// instead of MSBuild's generic conversion error), credentials from the environment, cancellation, and the
/// translation of <see cref="GateDiagnostic"/>s into located MSBuild errors and warnings.
/// </summary>
public abstract class AvroRegistryTask : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>
    /// The <c>AvroSchema</c> items. Metadata: <c>Subject</c>, <c>Topic</c>, <c>IsKey</c>, <c>SubjectNameStrategy</c>.
    /// Not <c>[Required]</c>: an empty list is a warning from the gate (AVROB011), not MSBuild's generic error.
    /// </summary>
    public ITaskItem[] Schemas { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The registry URL; when empty, the <c>AvroSchemaRegistryUrl</c> environment variable.</summary>
    public string? RegistryUrl { get; set; }

    /// <summary><c>TopicName</c> (default), <c>RecordName</c> or <c>TopicRecordName</c>.</summary>
    public string? SubjectNameStrategy { get; set; }

    /// <summary>Seconds allowed for one registry request (default 30).</summary>
    public string? TimeoutSeconds { get; set; }

    /// <summary>Retries after transport failures and 408/429/5xx (default 2).</summary>
    public string? Retries { get; set; }

    /// <summary>The largest registry answer read, in bytes (default 8388608, 8 MiB).</summary>
    public string? MaxResponseBytes { get; set; }

    /// <summary>How many subjects are handled at once (default 4).</summary>
    public string? MaxParallelism { get; set; }

    /// <summary><c>true</c> to register and check schemas with schema references (<c>AvroCodegen_SchemaReferences</c>).</summary>
    public string? SchemaReferences { get; set; }

    /// <summary>The schema-id lock file to verify and update, or empty for none.</summary>
    public string? LockFile { get; set; }

    /// <summary>Replaces the network (tests).</summary>
    internal HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Reads environment variables (tests replace it).</summary>
    internal Func<string, string?> ReadEnvironment { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Shortens retry waits (tests).</summary>
    internal TimeSpan? RetryDelay { get; set; }

    /// <summary>The token that <see cref="Cancel"/> trips.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <inheritdoc />
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "Avro schema registry task cancelled.");
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work; errors are logged, never thrown.</summary>
    protected abstract void ExecuteCore();

    /// <summary>Builds the settings from the task parameters and the environment; <see langword="null"/> after logging an invalid option.</summary>
    protected GateSettings? CreateSettings()
    {
        var settings = new GateSettings
        {
            RegistryUrl = FirstNonEmpty(RegistryUrl, ReadEnvironment(GateSettings.UrlVariable)),
            UserInfo = ReadEnvironment(GateSettings.UserInfoVariable),
            BearerToken = ReadEnvironment(GateSettings.BearerTokenVariable),
            SubjectNameStrategy = SubjectNameStrategy,
            LockFile = string.IsNullOrWhiteSpace(LockFile) ? null : LockFile,
            HttpHandler = HttpHandler,
        };
        if (RetryDelay is TimeSpan delay)
        {
            settings.RetryDelay = delay;
        }

        var ok = true;
        if (!string.IsNullOrWhiteSpace(SchemaReferences))
        {
            if (bool.TryParse(SchemaReferences!.Trim(), out var references))
            {
                settings.UseSchemaReferences = references;
            }
            else
            {
                InvalidOption($"AvroCodegen_SchemaReferences must be true or false, not '{SchemaReferences}'");
                ok = false;
            }
        }

        if (ParseInt(TimeoutSeconds, "AvroCodegen_RegistryTimeoutSeconds", 1, 3600, ref ok) is int seconds)
        {
            settings.Timeout = TimeSpan.FromSeconds(seconds);
        }

        if (ParseInt(Retries, "AvroCodegen_RegistryRetries", 0, 10, ref ok) is int retries)
        {
            settings.Retries = retries;
        }

        if (ParseInt(MaxResponseBytes, GateSettings.MaxResponseBytesProperty, 1024, int.MaxValue, ref ok) is int maxResponseBytes)
        {
            settings.MaxResponseBytes = maxResponseBytes;
        }

        if (ParseInt(MaxParallelism, "AvroCodegen_RegistryParallelism", 1, 64, ref ok) is int parallelism)
        {
            settings.MaxParallelism = parallelism;
        }

        return ok ? settings : null;
    }

    /// <summary>The inputs as the engine takes them.</summary>
    protected IReadOnlyList<GateSchemaInput> Inputs() =>
        Schemas.Select(item => new GateSchemaInput(
            FullPath(item),
            Metadata(item, "Subject"),
            Metadata(item, "Topic"),
            string.Equals(Metadata(item, "IsKey"), "true", StringComparison.OrdinalIgnoreCase),
            Metadata(item, "SubjectNameStrategy"))).ToList();

    /// <summary>Logs each diagnostic: errors and warnings with code, file, line and column; messages at high importance.</summary>
    protected void Report(GateResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            switch (diagnostic.Severity)
            {
                case GateSeverity.Error:
                    Log.LogError(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column,
                        diagnostic.EndLine, diagnostic.EndColumn, "{0}", diagnostic.Message);
                    break;
                case GateSeverity.Warning:
                    Log.LogWarning(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column,
                        diagnostic.EndLine, diagnostic.EndColumn, "{0}", diagnostic.Message);
                    break;
                default:
                    Log.LogMessage(MessageImportance.High, "{0}", diagnostic.Message);
                    break;
            }
        }
    }

    /// <summary>The outcomes as output items: the file, with <c>Subject</c>, <c>Status</c>, <c>Id</c> and <c>Version</c> metadata.</summary>
    protected static ITaskItem[] OutcomeItems(GateResult result) =>
        result.Subjects.Select(outcome =>
        {
            var item = new TaskItem(outcome.File);
            item.SetMetadata("Subject", outcome.Subject);
            item.SetMetadata("Status", outcome.Status.ToString());
            item.SetMetadata("Id", outcome.Id?.ToString(CultureInfo.InvariantCulture) ?? "");
            item.SetMetadata("Version", outcome.Version?.ToString(CultureInfo.InvariantCulture) ?? "");
            return (ITaskItem)item;
        }).ToArray();

    /// <summary>Logs an invalid-option error.</summary>
    protected void InvalidOption(string message) =>
        Log.LogError(null, GateCodes.InvalidOption, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, "{0}", message);

    private int? ParseInt(string? text, string property, int min, int max, ref bool ok)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        InvalidOption($"{property} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
        ok = false;
        return null;
    }

    private static string FullPath(ITaskItem item)
    {
        var full = item.GetMetadata("FullPath");
        return string.IsNullOrEmpty(full) ? item.ItemSpec : full;
    }

    private static string? Metadata(ITaskItem item, string name)
    {
        var value = item.GetMetadata(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}

using System;
using Avro.Codegen.Gate;
using Microsoft.Build.Framework;

namespace Avro.Codegen.Build.Tasks;

/// <summary>
/// The build-time compatibility gate: checks each <c>.avsc</c> with a subject against the schema registry (or an
/// offline baseline folder) and reports every incompatibility as <c>file(line,col): error AVROB001: subject 'x': …</c>.
/// </summary>
public sealed class CheckAvroSchemaCompatibility : AvroRegistryTask
{
    /// <summary>Offline mode: the folder of earlier schemas (<c>&lt;subject&gt;.avsc</c> or <c>&lt;subject&gt;/*.avsc</c>), used when no registry URL is set.</summary>
    public string? BaselineDirectory { get; set; }

    /// <summary>The level for offline checks: <c>BACKWARD</c> (default), <c>FULL_TRANSITIVE</c>, ...</summary>
    public string? CompatibilityLevel { get; set; }

    /// <summary><c>error</c> (default: the gate fails closed) or <c>warning</c>: what an unreachable or failing registry is.</summary>
    public string? RegistryFailureSeverity { get; set; }

    /// <summary>Report invalid <c>.avsc</c> files with their <c>AVRO0nn</c> codes (off in builds, where the source generator reports them).</summary>
    public bool ReportSchemaErrors { get; set; }

    /// <summary>The checked schemas: the file, with <c>Subject</c>, <c>Status</c>, <c>Id</c>, <c>Version</c>.</summary>
    [Output]
    public ITaskItem[] CheckedSchemas { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>True when every subject got a definite answer without errors; only then may the build write its stamp.</summary>
    [Output]
    public bool Completed { get; private set; }

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var settings = CreateSettings();
        if (!GateSettings.TryParseSeverity(RegistryFailureSeverity, out var severity))
        {
            InvalidOption($"AvroCodegen_RegistryFailureSeverity must be 'error' or 'warning', not '{RegistryFailureSeverity}'");
            return;
        }

        if (settings is null)
        {
            return;
        }

        settings.RegistryFailureSeverity = severity;
        settings.BaselineDirectory = string.IsNullOrWhiteSpace(BaselineDirectory) ? null : BaselineDirectory;
        settings.CompatibilityLevel = CompatibilityLevel;
        settings.ReportSchemaErrors = ReportSchemaErrors;
        var result = System.Threading.Tasks.Task.Run(() => SchemaGate.CheckAsync(Inputs(), settings, CancellationToken)).GetAwaiter().GetResult();
        Report(result);
        CheckedSchemas = OutcomeItems(result);
        Completed = result.Complete && !Log.HasLoggedErrors;
    }
}

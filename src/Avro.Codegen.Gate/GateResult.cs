using System.Collections.Generic;
using System.Linq;

namespace Avro.Codegen.Gate;

/// <summary>What happened to one subject.</summary>
public enum SubjectStatus
{
    /// <summary>The subject does not exist yet (registry) or has no baseline: nothing to be incompatible with.</summary>
    New,
    /// <summary>Compatible with the latest version (or the baseline history at the level).</summary>
    Compatible,
    /// <summary>Incompatible: <c>AVROB001</c> errors were reported.</summary>
    Incompatible,
    /// <summary>Registered; <see cref="SubjectOutcome.Id"/> holds the id.</summary>
    Registered,
    /// <summary>Downloaded into the folder.</summary>
    Downloaded,
    /// <summary>Not checked: the registry failed, or the schema was rejected.</summary>
    Failed,
}

/// <summary>The outcome for one schema file with a subject.</summary>
/// <param name="File">The schema file (for downloads: the file written).</param>
/// <param name="Subject">The subject.</param>
/// <param name="Status">What happened.</param>
/// <param name="Id">The schema id, when known (register, lock file, latest version for downloads).</param>
/// <param name="Version">The version, when known.</param>
public sealed record SubjectOutcome(string File, string Subject, SubjectStatus Status, int? Id = null, int? Version = null);

/// <summary>The result of a gate run: diagnostics in a stable order, and one outcome per subject.</summary>
public sealed class GateResult
{
    internal GateResult(IReadOnlyList<GateDiagnostic> diagnostics, IReadOnlyList<SubjectOutcome> subjects, bool complete)
    {
        Diagnostics = diagnostics;
        Subjects = subjects;
        Complete = complete;
    }

    /// <summary>Every diagnostic, grouped by file in input order.</summary>
    public IReadOnlyList<GateDiagnostic> Diagnostics { get; }

    /// <summary>One entry per subject handled.</summary>
    public IReadOnlyList<SubjectOutcome> Subjects { get; }

    /// <summary>
    /// True when every subject got a definite answer and nothing failed. Only then may the build record that the
    /// inputs were checked (a registry outage reported as a warning must not make the next build skip the check).
    /// </summary>
    public bool Complete { get; }

    /// <summary>True when an error was reported.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == GateSeverity.Error);

    /// <summary>
    /// The CLI exit code: 0 when all is well, 1 when the only errors are incompatibilities (the answer is no),
    /// 2 for any other error (bad input, unreachable registry, usage).
    /// </summary>
    public int ExitCode
    {
        get
        {
            var errors = Diagnostics.Where(d => d.Severity == GateSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                return 0;
            }

            return errors.All(d => d.Code == GateCodes.Incompatible) ? 1 : 2;
        }
    }
}

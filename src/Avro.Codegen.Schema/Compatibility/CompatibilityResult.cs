using System.Collections.Generic;

namespace Avro.Codegen.Schema.Compatibility;

/// <summary>Which way a check of a candidate against one earlier version went.</summary>
public enum CompatibilityDirection
{
    /// <summary>The candidate (new) schema reads data written with the earlier schema: the BACKWARD half.</summary>
    NewReadsOld,

    /// <summary>The earlier schema reads data written with the candidate (new) schema: the FORWARD half.</summary>
    OldReadsNew,
}

/// <summary>One reader/writer check that a compatibility level ran against one version of the history.</summary>
/// <param name="HistoryIndex">The version checked, as a 0-based index into the history (oldest first).</param>
/// <param name="Direction">Which schema was the reader.</param>
/// <param name="Incompatibilities">What the check found; empty when the pair is compatible.</param>
/// <param name="Errors">Why the check could not be completed, if it could not (see <see cref="CompatibilityResult.Errors"/>).</param>
public sealed record CompatibilityCheck(
    int HistoryIndex,
    CompatibilityDirection Direction,
    IReadOnlyList<SchemaIncompatibility> Incompatibilities,
    IReadOnlyList<SchemaError> Errors)
{
    /// <summary>True when the check found nothing wrong.</summary>
    public bool IsCompatible => Incompatibilities.Count == 0 && Errors.Count == 0;
}

/// <summary>The outcome of a reader/writer check or of a compatibility level over a history.</summary>
public sealed class CompatibilityResult
{
    private static readonly SchemaIncompatibility[] NoIncompatibilities = new SchemaIncompatibility[0];
    private static readonly SchemaError[] NoErrors = new SchemaError[0];
    private static readonly CompatibilityCheck[] NoChecks = new CompatibilityCheck[0];

    /// <summary>A compatible result with nothing checked (level NONE, or an empty history).</summary>
    public static CompatibilityResult Compatible { get; } = new(NoIncompatibilities, NoErrors, NoChecks);

    internal CompatibilityResult(
        IReadOnlyList<SchemaIncompatibility> incompatibilities,
        IReadOnlyList<SchemaError> errors,
        IReadOnlyList<CompatibilityCheck> checks)
    {
        Incompatibilities = incompatibilities;
        Errors = errors;
        Checks = checks;
    }

    /// <summary>
    /// True when the reader can read everything the writer may write (or, for a level, when every required check passed).
    /// </summary>
    public bool IsCompatible => Incompatibilities.Count == 0 && Errors.Count == 0;

    /// <summary>Every incompatibility found, in the order Java's <c>SchemaCompatibility</c> reports them.</summary>
    public IReadOnlyList<SchemaIncompatibility> Incompatibilities { get; }

    /// <summary>
    /// Problems that stopped the check before it reached an answer; such a result is never compatible. This happens
    /// when a reader field matches two writer fields (by name and by alias), where Java's checker throws and the
    /// Confluent registry answers "incompatible", or when a schema graph is too deep to walk.
    /// </summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>
    /// For a level check: each reader/writer check that ran, in order (newest version first; for FULL levels the
    /// FORWARD half before the BACKWARD half, as the registry does). Empty for a single reader/writer check.
    /// </summary>
    public IReadOnlyList<CompatibilityCheck> Checks { get; }
}

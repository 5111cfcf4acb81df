using System;
using System.Collections.Generic;

namespace Avro.Codegen.Schema.Compatibility;

/// <summary>
/// The registry's compatibility levels over a subject's history, applied as the Confluent Schema Registry applies them
/// (<c>CompatibilityChecker</c>): non-transitive levels look at the latest version only; transitive levels go from the
/// newest version to the oldest and stop at the first version that fails; FULL levels run the FORWARD half, then the
/// BACKWARD half, for each version.
/// </summary>
public static class CompatibilityLevels
{
    private static readonly SchemaError[] NoErrors = new SchemaError[0];

    /// <summary>Checks a candidate schema against a subject's history at a level.</summary>
    /// <param name="level">The subject's compatibility level.</param>
    /// <param name="candidate">The schema about to be registered.</param>
    /// <param name="historyOldestFirst">The subject's live (not deleted) versions, oldest first; may be empty.</param>
    /// <returns>
    /// The incompatibilities of the first version that failed (all of them, both halves for FULL levels), and in
    /// <see cref="CompatibilityResult.Checks"/> every reader/writer check that ran. An empty history is compatible.
    /// </returns>
    public static CompatibilityResult Check(CompatibilityLevel level, AvroSchema candidate, IReadOnlyList<AvroSchema> historyOldestFirst)
    {
        if (candidate is null)
        {
            throw new ArgumentNullException(nameof(candidate));
        }

        if (historyOldestFirst is null)
        {
            throw new ArgumentNullException(nameof(historyOldestFirst));
        }

        bool backward, forward, transitive;
        switch (level)
        {
            case CompatibilityLevel.Backward: (backward, forward, transitive) = (true, false, false); break;
            case CompatibilityLevel.BackwardTransitive: (backward, forward, transitive) = (true, false, true); break;
            case CompatibilityLevel.Forward: (backward, forward, transitive) = (false, true, false); break;
            case CompatibilityLevel.ForwardTransitive: (backward, forward, transitive) = (false, true, true); break;
            case CompatibilityLevel.Full: (backward, forward, transitive) = (true, true, false); break;
            case CompatibilityLevel.FullTransitive: (backward, forward, transitive) = (true, true, true); break;
            default: return CompatibilityResult.Compatible;
        }

        var checks = new List<CompatibilityCheck>();
        var newest = historyOldestFirst.Count - 1;
        var oldest = transitive ? 0 : Math.Max(newest, 0);
        for (var index = newest; index >= oldest; index--)
        {
            var previous = historyOldestFirst[index];
            var incompatibilities = new List<SchemaIncompatibility>();
            var errors = new List<SchemaError>();
            if (forward)
            {
                Run(checks, index, CompatibilityDirection.OldReadsNew, reader: previous, writer: candidate, incompatibilities, errors);
            }

            if (backward)
            {
                Run(checks, index, CompatibilityDirection.NewReadsOld, reader: candidate, writer: previous, incompatibilities, errors);
            }

            if (incompatibilities.Count > 0 || errors.Count > 0)
            {
                return new CompatibilityResult(incompatibilities, errors, checks);
            }
        }

        return new CompatibilityResult(new SchemaIncompatibility[0], NoErrors, checks);
    }

    private static void Run(List<CompatibilityCheck> checks, int index, CompatibilityDirection direction, AvroSchema reader,
        AvroSchema writer, List<SchemaIncompatibility> incompatibilities, List<SchemaError> errors)
    {
        var result = SchemaCompatibility.CheckReaderWriter(reader, writer);
        checks.Add(new CompatibilityCheck(index, direction, result.Incompatibilities, result.Errors));
        incompatibilities.AddRange(result.Incompatibilities);
        errors.AddRange(result.Errors);
    }

    /// <summary>
    /// Parses a level as the registry spells it (<c>BACKWARD_TRANSITIVE</c>, ...); case is ignored, as the registry
    /// ignores it.
    /// </summary>
    public static bool TryParse(string? text, out CompatibilityLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(ToRegistryName(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = CompatibilityLevel.None;
        return false;
    }

    /// <summary>The registry's name of a level, e.g. <c>FULL_TRANSITIVE</c>.</summary>
    public static string ToRegistryName(CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a compatibility level"),
    };

    /// <summary>Every level, in the registry's documentation order.</summary>
    public static IReadOnlyList<CompatibilityLevel> All { get; } = new[]
    {
        CompatibilityLevel.None,
        CompatibilityLevel.Backward,
        CompatibilityLevel.BackwardTransitive,
        CompatibilityLevel.Forward,
        CompatibilityLevel.ForwardTransitive,
        CompatibilityLevel.Full,
        CompatibilityLevel.FullTransitive,
    };
}

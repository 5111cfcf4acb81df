namespace Avro.Codegen.Registry;

/// <summary>
/// A registry configuration (global or per subject). Unset members are <see langword="null"/>: a subject config only
/// overrides what it sets.
/// </summary>
/// <param name="CompatibilityLevel">
/// <c>NONE</c>, <c>BACKWARD</c>, <c>BACKWARD_TRANSITIVE</c>, <c>FORWARD</c>, <c>FORWARD_TRANSITIVE</c>, <c>FULL</c> or
/// <c>FULL_TRANSITIVE</c>.
/// </param>
/// <param name="Normalize">When true, schemas are normalized on register and lookup even if the request does not ask.</param>
public sealed record RegistryConfig(string? CompatibilityLevel, bool? Normalize = null)
{
    /// <summary>The seven level names, as the registry spells them.</summary>
    public static IReadOnlyList<string> CompatibilityLevelNames { get; } =
        ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"];

    /// <summary>The server default, <c>BACKWARD</c>.</summary>
    public const string DefaultCompatibilityLevel = "BACKWARD";

    /// <summary>Matches a level name case-insensitively, as the registry does; returns the upper-case name.</summary>
    public static bool TryNormalizeLevel(string? text, out string level)
    {
        foreach (var name in CompatibilityLevelNames)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                level = name;
                return true;
            }
        }

        level = "";
        return false;
    }
}

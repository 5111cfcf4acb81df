using System.Globalization;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Registry;

// The in-memory registry, continued: compatibility checks of a candidate against a subject's history at its level,
// through the schema core's CompatibilityLevels, worded as Confluent's messages.
public sealed partial class InMemorySchemaRegistry
{
    private const int OldSchemaMessageLimit = 10 * 1024;

    // ---------------------------------------------------------------- compatibility

    /// <summary>
    /// <c>POST /compatibility/subjects/{subject}/versions/{version}</c> (with a version) or
    /// <c>POST /compatibility/subjects/{subject}/versions</c> (<paramref name="version"/> <see langword="null"/>: the whole
    /// history as registration would check it).
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">A version number, <c>latest</c>, or <see langword="null"/> for the whole history.</param>
    /// <param name="schema">The candidate schema.</param>
    /// <param name="normalize">Normalize the candidate first.</param>
    /// <param name="verbose">Fill <see cref="CompatibilityCheckResult.Messages"/>, and answer an invalid schema with a
    /// negative result instead of error 42201.</param>
    public CompatibilityCheckResult TestCompatibility(string subject, string? version, RegistrySchema schema, bool normalize = false, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        var versionId = version is null ? (int?)null : ParseVersion(version);
        lock (_gate)
        {
            RegistryAvroSchema parsed;
            try
            {
                parsed = ParseLocked(schema, normalize || EffectiveConfigLocked(subject).Normalize == true);
            }
            catch (RegistryException e) when (verbose && e.ErrorCode == RegistryErrorCodes.InvalidSchema)
            {
                return new CompatibilityCheckResult(false, [e.Message]);
            }

            var live = _subjects.TryGetValue(subject, out var state) ? state.Versions.Where(v => !v.Deleted).ToList() : [];
            List<VersionEntry> history;
            var level = EffectiveConfigLocked(subject).CompatibilityLevel ?? RegistryConfig.DefaultCompatibilityLevel;
            if (versionId is null)
            {
                history = live;
            }
            else if (versionId == LatestVersion)
            {
                // A missing subject (or one whose versions are all deleted) is compatible with anything (since 6.1).
                history = live.Count == 0 ? [] : [live[^1]];
            }
            else
            {
                var one = live.FirstOrDefault(v => v.Version == versionId);
                history = one is null ? throw Errors.VersionNotFound(versionId.Value) : [one];
            }

            // Against a single version the _TRANSITIVE suffix changes nothing; CheckLevelLocked handles both.
            var messages = CheckLevelLocked(level, parsed, history);
            return new CompatibilityCheckResult(messages.Count == 0, verbose ? messages : []);
        }
    }

    /// <summary>
    /// Applies a compatibility level to <paramref name="candidate"/> against <paramref name="history"/> (live versions,
    /// oldest first) with the schema core's <see cref="CompatibilityLevels"/>, and words the result as Confluent's
    /// verbose messages; empty when compatible.
    /// </summary>
    private static List<string> CheckLevelLocked(string level, RegistryAvroSchema candidate, List<VersionEntry> history)
    {
        var messages = new List<string>();
        if (!CompatibilityLevels.TryParse(level, out var parsedLevel))
        {
            throw Errors.InvalidCompatibilityLevel();
        }

        var result = CompatibilityLevels.Check(parsedLevel, candidate.Schema, history.ConvertAll(v => v.Schema.Parsed.Schema));
        if (result.IsCompatible)
        {
            return messages;
        }

        // Only the first version that failed has failing checks: FORWARD's half (old reads new) before BACKWARD's.
        foreach (var check in result.Checks.Where(c => !c.IsCompatible))
        {
            var (reader, writer) = check.Direction == CompatibilityDirection.OldReadsNew ? ("old", "new") : ("new", "old");
            foreach (var issue in check.Incompatibilities)
            {
                messages.Add(Describe(issue.Type.ToJavaName(), issue.Location, issue.Message, reader, writer));
            }

            // The checker stops on input Java would throw for (two writer fields matching one reader field): never compatible.
            foreach (var failure in check.Errors)
            {
                messages.Add(Describe("CHECK_FAILED", "/", failure.Message, reader, writer));
            }

            if (check.Direction == CompatibilityDirection.NewReadsOld)
            {
                var old = history[check.HistoryIndex];
                messages.Add("{oldSchemaVersion: " + old.Version.ToString(CultureInfo.InvariantCulture) + "}");
                var text = old.Schema.Schema.Schema;
                messages.Add(text.Length <= OldSchemaMessageLimit
                    ? "{oldSchema: '" + text + "'}"
                    : "{oldSchema: <truncated> '" + text[..OldSchemaMessageLimit] + "'}");
            }
        }

        messages.Add("{validateFields: 'false', compatibility: '" + level + "'}");
        return messages;
    }

    private static string Describe(string errorType, string path, string message, string reader, string writer)
    {
        var description = errorType switch
        {
            "FIXED_SIZE_MISMATCH" => $"The size of FIXED type field at path '{path}' in the {reader} schema does not match with the {writer} schema",
            "TYPE_MISMATCH" => $"The type (path '{path}') of a field in the {reader} schema does not match with the {writer} schema",
            "NAME_MISMATCH" => $"The name of the schema has changed (path '{path}')",
            "MISSING_ENUM_SYMBOLS" => $"The {reader} schema is missing enum symbols '{message}' at path '{path}' in the {writer} schema",
            "MISSING_UNION_BRANCH" => $"The {reader} schema is missing a type inside a union field at path '{path}' in the {writer} schema",
            "READER_FIELD_MISSING_DEFAULT_VALUE" => $"The field '{message}' at path '{path}' in the {reader} schema has no default value and is missing in the {writer} schema",
            _ => $"The {reader} schema cannot read the {writer} schema at path '{path}'",
        };
        return "{errorType:'" + errorType + "', description:'" + description + "', additionalInfo:'" + message + "'}";
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Gate;

// The offline baseline: checks each schema against the versions kept in a folder, with the schema core's
// compatibility levels, so the verdict follows the same rules as the registry's.
public static partial class SchemaGate
{
    private sealed partial class Run
    {
        public void CheckAgainstBaseline(List<Prepared> prepared)
        {
            var directory = _settings.BaselineDirectory!;
            if (!Directory.Exists(directory))
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.BaselineMissing,
                    $"the compatibility baseline folder '{directory}' does not exist (dotnet build -t:AvroDownloadSchemas fills it from a registry)"));
                return;
            }

            var levelText = string.IsNullOrWhiteSpace(_settings.CompatibilityLevel) ? "BACKWARD" : _settings.CompatibilityLevel!.Trim();
            if (!CompatibilityLevels.TryParse(levelText, out var level))
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption,
                    $"unknown compatibility level '{levelText}': use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE"));
                return;
            }

            foreach (var item in prepared)
            {
                var versions = BaselineVersions(directory, item.Subject);
                if (versions.Count == 0)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' has no baseline in {directory}; nothing to be incompatible with"));
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.New));
                    continue;
                }

                var history = new List<AvroSchema>();
                var valid = true;
                foreach (var version in versions)
                {
                    var text = File.ReadAllText(version);
                    var parsed = SchemaParser.Parse(text, version);
                    if (!parsed.Success || parsed.Schema is null)
                    {
                        valid = false;
                        foreach (var error in parsed.Errors)
                        {
                            Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.BaselineInvalid,
                                $"baseline of subject '{item.Subject}' is not a valid schema: {error.Code}: {error.Message}", error.Span, version));
                        }

                        continue;
                    }

                    history.Add(parsed.Schema);
                }

                if (!valid)
                {
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Failed));
                    continue;
                }

                var result = CompatibilityLevels.Check(level, item.Schema, history);
                if (result.IsCompatible)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' is compatible with its baseline at {CompatibilityLevels.ToRegistryName(level)}"));
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Compatible));
                    continue;
                }

                var levelName = CompatibilityLevels.ToRegistryName(level);
                foreach (var check in result.Checks.Where(c => !c.IsCompatible))
                {
                    var readerIsNew = check.Direction == CompatibilityDirection.NewReadsOld;
                    var old = history[check.HistoryIndex];
                    var against = "baseline " + Path.GetFileName(versions[check.HistoryIndex]);
                    foreach (var found in check.Incompatibilities)
                    {
                        var reader = readerIsNew ? item.Schema : old;
                        var incompatibility = IncompatibilityText.From(found, readerIsNew, IncompatibilityLocator.FieldName(reader, found.Location));
                        var span = IncompatibilityLocator.Locate(item.Schema, old, found.Location, readerIsNew);
                        Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.Incompatible,
                            IncompatibilityText.Format(item.Subject, incompatibility, against, levelName), span, item.Input.Path));
                    }

                    foreach (var error in check.Errors)
                    {
                        Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.Incompatible,
                            $"subject '{item.Subject}': {error.Message} (against {against}, level {levelName})", item.Schema.Span, item.Input.Path));
                    }
                }

                Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Incompatible));
            }
        }

        /// <summary>
        /// The baseline versions of a subject, oldest first: <c>&lt;subject&gt;.avsc</c>, and/or the files of the folder
        /// <c>&lt;subject&gt;/</c> ordered by the number in their names (<c>v2</c> before <c>v10</c>).
        /// </summary>
        private static List<string> BaselineVersions(string directory, string subject)
        {
            var name = SubjectFileName(subject);
            var versions = new List<string>();
            var folder = Path.Combine(directory, name);
            if (Directory.Exists(folder))
            {
                versions.AddRange(Directory.GetFiles(folder, "*.avsc")
                    .OrderBy(VersionNumber)
                    .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal));
            }

            var single = Path.Combine(directory, name + ".avsc");
            if (File.Exists(single))
            {
                // A single file is the latest version: a download writes it, and committed history lives in the folder.
                versions.Add(single);
            }

            return versions;
        }

        private static long VersionNumber(string path)
        {
            var digits = new string(Path.GetFileNameWithoutExtension(path).Where(char.IsDigit).ToArray());
            return digits.Length is > 0 and <= 9 ? long.Parse(digits, CultureInfo.InvariantCulture) : long.MaxValue;
        }
    }
}

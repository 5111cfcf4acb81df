using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Avro.Codegen.Gate;

/// <summary>One incompatibility as the registry's verbose answer describes it.</summary>
/// <param name="ErrorType">E.g. <c>READER_FIELD_MISSING_DEFAULT_VALUE</c>, or <see langword="null"/> for a free-form message.</param>
/// <param name="Description">The human-readable description.</param>
/// <param name="AdditionalInfo">Avro's own message (a field name, a symbol list), or <see langword="null"/>.</param>
/// <param name="Path">The location in the reader schema (<c>/fields/1</c>), or <see langword="null"/>.</param>
/// <param name="ReaderIsNew">True when the reader was the new schema (also the assumption when the text does not say).</param>
public sealed record Incompatibility(string? ErrorType, string Description, string? AdditionalInfo, string? Path, bool ReaderIsNew);

/// <summary>
/// Reads the <c>messages</c> of a verbose compatibility answer (format since Confluent 6.1):
/// <c>{errorType:'…', description:'…', additionalInfo:'…'}</c> entries, then
/// <c>{oldSchemaVersion: N}</c>, <c>{oldSchema: '…'}</c> and <c>{validateFields: '…', compatibility: '…'}</c>.
/// The texts are diagnostics, not an API, so anything unrecognised is kept verbatim as a free-form incompatibility.
/// </summary>
public static class RegistryMessages
{
    private static readonly Regex Entry = new(
        @"^\{errorType:'(?<type>[A-Z_]+)', description:'(?<description>.*)', additionalInfo:'(?<info>.*)'\}$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex PathPattern = new(@"path '(?<path>/[^']*)'", RegexOptions.CultureInvariant);
    private static readonly Regex ReaderPattern = new(@"\b(?<which>new|old) schema\b", RegexOptions.CultureInvariant);
    private static readonly Regex OldVersion = new(@"^\{oldSchemaVersion: (?<version>\d+)\}$", RegexOptions.CultureInvariant);
    private static readonly Regex Level = new(@"compatibility: '(?<level>[A-Z_]+)'", RegexOptions.CultureInvariant);

    /// <summary>The parsed messages.</summary>
    public sealed class Parsed
    {
        internal Parsed(IReadOnlyList<Incompatibility> incompatibilities, int? oldVersion, string? level)
        {
            Incompatibilities = incompatibilities;
            OldVersion = oldVersion;
            Level = level;
        }

        /// <summary>The incompatibilities, in the registry's order.</summary>
        public IReadOnlyList<Incompatibility> Incompatibilities { get; }

        /// <summary>The version checked against, when the registry said.</summary>
        public int? OldVersion { get; }

        /// <summary>The compatibility level applied, when the registry said.</summary>
        public string? Level { get; }
    }

    /// <summary>Parses the <c>messages</c> array.</summary>
    public static Parsed Parse(IReadOnlyList<string> messages)
    {
        var result = new List<Incompatibility>();
        int? oldVersion = null;
        string? level = null;
        foreach (var raw in messages)
        {
            var message = raw.Trim();
            var entry = Entry.Match(message);
            if (entry.Success)
            {
                var description = entry.Groups["description"].Value;
                var path = PathPattern.Match(description);
                var reader = ReaderPattern.Match(description);
                result.Add(new Incompatibility(
                    entry.Groups["type"].Value,
                    description,
                    NullIfEmpty(entry.Groups["info"].Value),
                    path.Success ? path.Groups["path"].Value : null,
                    !reader.Success || reader.Groups["which"].Value == "new"));
                continue;
            }

            var version = OldVersion.Match(message);
            if (version.Success)
            {
                if (int.TryParse(version.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    oldVersion = number;
                }

                continue;
            }

            if (message.StartsWith("{oldSchema:", System.StringComparison.Ordinal))
            {
                continue;
            }

            if (message.StartsWith("{validateFields:", System.StringComparison.Ordinal))
            {
                var match = Level.Match(message);
                if (match.Success)
                {
                    level = match.Groups["level"].Value;
                }

                continue;
            }

            if (message.Length > 0)
            {
                var path = PathPattern.Match(message);
                result.Add(new Incompatibility(null, message, null, path.Success ? path.Groups["path"].Value : null, true));
            }
        }

        return new Parsed(result, oldVersion, level);
    }

    private static readonly Regex ConflictItem = new(
        @"\{errorType:'[A-Z_]+', description:'.*?', additionalInfo:'.*?'\}(?=, \{|\]\s*$)|\{oldSchemaVersion: \d+\}|\{validateFields: '[^']*', compatibility: '[A-Z_]+'\}",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>
    /// Parses the message of a 409 answer to a register request (<c>Schema being registered is incompatible with an
    /// earlier schema for subject "s", details: [{errorType:…}, {oldSchemaVersion: 1}, …]</c>, since Confluent 7.2).
    /// Without recognisable details the whole message is one free-form incompatibility.
    /// </summary>
    public static Parsed ParseConflict(string message)
    {
        var items = new List<string>();
        foreach (Match match in ConflictItem.Matches(message))
        {
            items.Add(match.Value);
        }

        var parsed = Parse(items);
        return parsed.Incompatibilities.Count > 0
            ? parsed
            : new Parsed(new[] { new Incompatibility(null, message, null, null, true) }, parsed.OldVersion, parsed.Level);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

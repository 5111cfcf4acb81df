using System.Collections.Generic;
using System.IO;

namespace Avro.Codegen.Schema;

/// <summary>
/// Entry points for Avro IDL (<c>.avdl</c>) files. An IDL file maps onto the same schema model as <c>.avsc</c> files, so
/// canonical forms, fingerprints, compatibility and code generation work on it unchanged. A file may declare a protocol
/// (<see cref="SchemaFileResult.Protocol"/>), or use the Avro 1.12 schema syntax with a main schema
/// (<see cref="SchemaFileResult.Schema"/>); either way <see cref="SchemaFileResult.AllTypes"/> lists its named types.
/// </summary>
public static class AvroIdl
{
    /// <summary>
    /// Parses one <c>.avdl</c> file. The file is the first of the returned set; the files it imports follow, read through
    /// <paramref name="importResolver"/> (none: every import is an error). Errors of all of them are in
    /// <see cref="SchemaSetResult.Errors"/>.
    /// </summary>
    public static SchemaSetResult Parse(string text, string path, SchemaImportResolver? importResolver = null)
    {
        var builder = new SchemaSetBuilder();
        builder.SetImportResolver(importResolver);
        builder.ReadAllAsIdl();
        return builder.Build(new[] { new SchemaSource(string.IsNullOrEmpty(path) ? "schema.avdl" : path, text ?? string.Empty) });
    }

    /// <summary>
    /// An import resolver over the file system: a location is looked up relative to the importing file first, then in
    /// each of <paramref name="importDirectories"/> in order (as Java's IDL tool does with its class path).
    /// </summary>
    public static SchemaImportResolver FileSystemResolver(IEnumerable<string>? importDirectories = null)
    {
        var directories = new List<string>(importDirectories ?? new string[0]);
        return (importingFile, location) =>
        {
            var candidates = new List<string> { Path.Combine(Path.GetDirectoryName(importingFile) ?? string.Empty, location) };
            foreach (var directory in directories)
            {
                candidates.Add(Path.Combine(directory, location));
            }

            foreach (var candidate in candidates)
            {
                if (File.Exists(candidate))
                {
                    return new SchemaSource(Path.GetFullPath(candidate), File.ReadAllText(candidate));
                }
            }

            return null;
        };
    }

    /// <summary>True when the path names an Avro IDL file (<c>.avdl</c>).</summary>
    public static bool IsIdlPath(string? path) => path is not null && path.EndsWith(".avdl", System.StringComparison.OrdinalIgnoreCase);
}

using System.CommandLine;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Shared;

/// <summary>
/// Loads a schema file (<c>.avsc</c>, or an Avro IDL <c>.avdl</c> that declares a main schema) together with the
/// <c>.avsc</c>/<c>.avdl</c> files of any <c>--schema-dir</c> folders, parsed as one set so the file may refer to named
/// types defined there; IDL imports are looked up next to the importing file, then in those folders. Problems are printed
/// as <c>file(line,col): error AVROnnn: message</c>.
/// </summary>
internal static class SchemaLoader
{
    /// <summary>The repeatable <c>--schema-dir DIR</c> option; each verb that loads schemas adds its own instance.</summary>
    public static Option<string[]> CreateSchemaDirOption() =>
        new("--schema-dir")
        {
            Description = "A folder whose .avsc and .avdl files (searched recursively) define named types the schema may reference. Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

    /// <summary>The schema-file argument shared by the verbs that read one schema.</summary>
    public static Argument<string> CreateFileArgument() =>
        new("FILE") { Description = "The .avsc file, or an Avro IDL .avdl file that declares its main schema ('schema T;')." };

    /// <summary>
    /// Reads and parses <paramref name="file"/> with every <c>.avsc</c> under <paramref name="schemaDirs"/>. Returns the
    /// file's schema, or <see langword="null"/> after printing every error to <paramref name="error"/>.
    /// </summary>
    public static AvroSchema? Load(string file, IReadOnlyList<string>? schemaDirs, TextWriter error)
    {
        var problems = new List<SchemaError>();
        var sources = new List<SchemaSource>();
        var main = Read(file, problems);
        if (main is not null)
        {
            sources.Add(new SchemaSource(file, main));
        }

        var mainFullPath = SafeFullPath(file);
        foreach (var dir in schemaDirs ?? Array.Empty<string>())
        {
            foreach (var path in ListSchemas(dir, problems))
            {
                if (string.Equals(SafeFullPath(path), mainFullPath, StringComparison.Ordinal))
                {
                    continue;
                }

                var text = Read(path, problems);
                if (text is not null)
                {
                    sources.Add(new SchemaSource(path, text));
                }
            }
        }

        AvroSchema? schema = null;
        if (main is not null)
        {
            var set = SchemaParser.ParseSet(sources, null, AvroIdl.FileSystemResolver(schemaDirs));
            problems.AddRange(set.Errors);
            schema = set.Files[0].Schema;
            if (set.Success && schema is null && AvroIdl.IsIdlPath(file))
            {
                problems.Add(SchemaErrorCodes.NoMainSchema(file));
            }
        }

        if (problems.Count > 0)
        {
            Print(problems, error);
            return null;
        }

        return schema;
    }

    /// <summary>Prints errors one per line, in the compiler format that editors and CI logs recognise.</summary>
    public static void Print(IEnumerable<SchemaError> errors, TextWriter error)
    {
        foreach (var e in errors)
        {
            error.WriteLine(e.ToString());
        }
    }

    /// <summary>Reads one file's text, or records why it cannot be read and returns <see langword="null"/>.</summary>
    public static string? Read(string path, List<SchemaError> problems)
    {
        try
        {
            if (Directory.Exists(path))
            {
                problems.Add(SchemaErrorCodes.CannotRead(path, "it is a folder, not a file."));
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add(SchemaErrorCodes.CannotRead(path, Reason(ex)));
            return null;
        }
    }

    private static IEnumerable<string> ListSchemas(string dir, List<SchemaError> problems)
    {
        try
        {
            if (!Directory.Exists(dir))
            {
                problems.Add(SchemaErrorCodes.CannotRead(dir, "no such folder."));
                return Array.Empty<string>();
            }

            // Sorted, so that which of two duplicate definitions is "the second" does not depend on the file system.
            var files = Directory.GetFiles(dir, "*.avsc", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(dir, "*.avdl", SearchOption.AllDirectories)).ToArray();
            Array.Sort(files, StringComparer.Ordinal);
            return files;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add(SchemaErrorCodes.CannotRead(dir, Reason(ex)));
            return Array.Empty<string>();
        }
    }

    private static string SafeFullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException => "no such file.",
        DirectoryNotFoundException => "no such file or folder.",
        UnauthorizedAccessException => "access denied.",
        _ => ex.Message,
    };
}

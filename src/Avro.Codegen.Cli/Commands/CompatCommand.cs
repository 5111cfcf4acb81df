using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen compat --reader R.avsc --writer W.avsc [--schema-dir DIR]...</c> and
/// <c>avro-codegen compat --level LEVEL --new NEW.avsc [--previous OLDEST.avsc ... NEWEST.avsc] [--schema-dir DIR]...</c>.
/// Exit 0: compatible; 1: incompatible, one <c>TYPE at LOCATION: message</c> line per incompatibility on stdout;
/// 2: bad input or usage, as <c>file(line,col): error AVROnnn: message</c> on stderr.
/// </summary>
internal static class CompatCommand
{
    public static Command Create()
    {
        var reader = new Option<string?>("--reader") { Description = "The reader schema: the one data is read with." };
        var writer = new Option<string?>("--writer") { Description = "The writer schema: the one data was written with." };
        var level = new Option<string?>("--level")
        {
            Description = "A registry compatibility level: " + string.Join(", ", CompatibilityLevels.All.Select(CompatibilityLevels.ToRegistryName)) + ".",
        };
        var candidate = new Option<string?>("--new") { Description = "The new schema, checked against --previous at --level." };
        var previous = new Option<string[]>("--previous")
        {
            Description = "The subject's earlier versions, oldest first (the last one is the latest). May be empty.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var schemaDirs = SchemaLoader.CreateSchemaDirOption();

        var command = new Command("compat",
            "Check schema compatibility: can --reader read what --writer wrote, or may --new follow --previous at --level?")
        {
            reader,
            writer,
            level,
            candidate,
            previous,
            schemaDirs,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var readerPath = parseResult.GetValue(reader);
            var writerPath = parseResult.GetValue(writer);
            var levelText = parseResult.GetValue(level);
            var candidatePath = parseResult.GetValue(candidate);
            var previousPaths = parseResult.GetValue(previous) ?? Array.Empty<string>();
            var dirs = parseResult.GetValue(schemaDirs);
            var pairMode = readerPath is not null || writerPath is not null;
            var levelMode = levelText is not null || candidatePath is not null || previousPaths.Length > 0;

            if (pairMode && levelMode)
            {
                return Usage(config.Error, "--reader/--writer and --level/--new/--previous are two different checks; use one.");
            }

            if (pairMode)
            {
                if (readerPath is null || writerPath is null)
                {
                    return Usage(config.Error, readerPath is null ? "--writer needs --reader." : "--reader needs --writer.");
                }

                return CheckPair(readerPath, writerPath, dirs, config.Output, config.Error);
            }

            if (levelMode)
            {
                if (levelText is null || candidatePath is null)
                {
                    return Usage(config.Error, levelText is null ? "--new needs --level." : "--level needs --new.");
                }

                if (!CompatibilityLevels.TryParse(levelText, out var parsedLevel))
                {
                    return Usage(config.Error, $"unknown compatibility level '{levelText}'; use one of "
                        + string.Join(", ", CompatibilityLevels.All.Select(CompatibilityLevels.ToRegistryName)) + ".");
                }

                return CheckLevel(parsedLevel, candidatePath, previousPaths, dirs, config.Output, config.Error);
            }

            return Usage(config.Error, "give --reader and --writer, or --level and --new (with --previous).");
        });
        return command;
    }

    private static int CheckPair(string readerPath, string writerPath, IReadOnlyList<string>? dirs, TextWriter output, TextWriter error)
    {
        // Each file is parsed on its own (with the --schema-dir types), so reader and writer never share named types.
        var reader = SchemaLoader.Load(readerPath, dirs, error);
        var writer = SchemaLoader.Load(writerPath, dirs, error);
        if (reader is null || writer is null)
        {
            return ExitCodes.BadInput;
        }

        var result = SchemaCompatibility.CheckReaderWriter(reader, writer);
        Report(result.Incompatibilities, result.Errors, output, error);
        return result.IsCompatible ? ExitCodes.Ok : ExitCodes.No;
    }

    private static int CheckLevel(CompatibilityLevel level, string candidatePath, IReadOnlyList<string> previousPaths,
        IReadOnlyList<string>? dirs, TextWriter output, TextWriter error)
    {
        var candidate = SchemaLoader.Load(candidatePath, dirs, error);
        var history = new List<AvroSchema>();
        var failed = candidate is null;
        foreach (var path in previousPaths)
        {
            var schema = SchemaLoader.Load(path, dirs, error);
            failed |= schema is null;
            if (schema is not null)
            {
                history.Add(schema);
            }
        }

        if (failed)
        {
            return ExitCodes.BadInput;
        }

        var result = CompatibilityLevels.Check(level, candidate!, history);
        foreach (var check in result.Checks.Where(c => !c.IsCompatible))
        {
            // Says which version and which way failed; the findings themselves go to stdout below.
            var version = $"version {check.HistoryIndex + 1} of {previousPaths.Count} ({previousPaths[check.HistoryIndex]})";
            error.WriteLine(CompatibilityLevels.ToRegistryName(level) + ": " + (check.Direction == CompatibilityDirection.NewReadsOld
                ? $"{candidatePath} cannot read data written with {version}"
                : $"{version} cannot read data written with {candidatePath}"));
        }

        Report(result.Incompatibilities, result.Errors, output, error);
        return result.IsCompatible ? ExitCodes.Ok : ExitCodes.No;
    }

    private static void Report(IReadOnlyList<SchemaIncompatibility> incompatibilities, IReadOnlyList<SchemaError> errors,
        TextWriter output, TextWriter error)
    {
        foreach (var incompatibility in incompatibilities)
        {
            output.Write(incompatibility + "\n");
        }

        // A pair that cannot be judged (a reader field matching two writer fields): the answer is "no", with the reason.
        SchemaLoader.Print(errors, error);
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine("avro-codegen compat: error: " + message);
        error.WriteLine("Run 'avro-codegen compat --help' for usage.");
        return ExitCodes.BadInput;
    }
}

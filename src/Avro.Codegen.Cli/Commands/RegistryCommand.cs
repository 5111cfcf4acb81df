using System.CommandLine;
using System.Globalization;
using Avro.Codegen.Gate;
using Avro.Codegen.Cli.Shared;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen registry check|register|download</c>: the build gate's engine (<see cref="SchemaGate"/>, shared with
/// the MSBuild tasks) for scripts and non-MSBuild CI. Exit 0: ok; 1: incompatible; 2: bad input, usage, or a
/// registry failure. Errors go to stderr as <c>file(line,col): error CODE: message</c>; results to stdout.
/// </summary>
internal static class RegistryCommand
{
    public static Command Create() =>
        new("registry", "Check schemas against a Confluent Schema Registry (or an offline baseline), register them, or download the latest versions.")
        {
            CreateCheck(),
            CreateRegister(),
            CreateDownload(),
        };

    /// <summary>The options every registry verb takes.</summary>
    private sealed class Common
    {
        public Argument<string[]> Files { get; } = new("files")
        {
            Description = ".avsc files; named types may be defined in any of them.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        public Option<string?> Url { get; } = new("--url")
        {
            Description = "The registry URL (default: the AvroSchemaRegistryUrl environment variable). Credentials come from " +
                GateSettings.UserInfoVariable + " (user:password) or " + GateSettings.BearerTokenVariable + ".",
        };

        public Option<string?> Subject { get; } = new("--subject") { Description = "The subject (one file only)." };
        public Option<string?> Topic { get; } = new("--topic") { Description = "The Kafka topic; the subject follows --strategy." };
        public Option<bool> Key { get; } = new("--key") { Description = "Key schemas: TopicName subjects end in -key instead of -value." };

        public Option<string> Strategy { get; } = new("--strategy")
        {
            Description = "Subject name strategy: TopicName, RecordName or TopicRecordName.",
            DefaultValueFactory = _ => "TopicName",
        };

        public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds allowed per request.", DefaultValueFactory = _ => 30 };
        public Option<int> Retries { get; } = new("--retries") { Description = "Retries after transport failures and 408/429/5xx.", DefaultValueFactory = _ => 2 };
        public Option<int> Parallel { get; } = new("--parallel") { Description = "Subjects handled at once.", DefaultValueFactory = _ => 4 };

        public Option<long> MaxResponseBytes { get; } = new("--max-response-bytes")
        {
            Description = "The largest registry answer read, in bytes; a longer one fails the request.",
            DefaultValueFactory = _ => GateSettings.DefaultMaxResponseBytes,
        };
        public Option<bool> References { get; } = new("--references")
        {
            Description = "Schema references: types defined in another of the files are named and referenced, their files' schemas are subjects of their own (registered first).",
        };

        public Option<string?> LockFile { get; } = new("--lock-file") { Description = "Schema-id lock file to verify and update (e.g. avro-schemas.lock.json)." };

        public void AddTo(Command command, bool lockFile)
        {
            command.Add(Files);
            command.Add(Url);
            command.Add(Subject);
            command.Add(Topic);
            command.Add(Key);
            command.Add(Strategy);
            command.Add(Timeout);
            command.Add(Retries);
            command.Add(Parallel);
            command.Add(MaxResponseBytes);
            command.Add(References);
            if (lockFile)
            {
                command.Add(LockFile);
            }
        }

        /// <summary>Builds the inputs and settings; <see langword="null"/> after printing a usage error.</summary>
        public (List<GateSchemaInput> Inputs, GateSettings Settings)? Read(ParseResult parse, TextWriter error, bool filesRequired)
        {
            var files = parse.GetValue(Files) ?? Array.Empty<string>();
            var subject = parse.GetValue(Subject);
            if (filesRequired && files.Length == 0)
            {
                error.WriteLine("avro-codegen: error: give at least one .avsc file.");
                return null;
            }

            if (subject is not null && files.Length > 1)
            {
                error.WriteLine("avro-codegen: error: --subject names the subject of one file; with several files use --topic or --strategy RecordName.");
                return null;
            }

            var seconds = parse.GetValue(Timeout);
            var retries = parse.GetValue(Retries);
            var parallel = parse.GetValue(Parallel);
            if (seconds < 1 || retries < 0 || parallel < 1)
            {
                error.WriteLine("avro-codegen: error: --timeout and --parallel must be at least 1, --retries at least 0.");
                return null;
            }

            var inputs = files.Select(f => new GateSchemaInput(Path.GetFullPath(f), subject, parse.GetValue(Topic), parse.GetValue(Key))).ToList();
            var settings = new GateSettings
            {
                RegistryUrl = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable(GateSettings.UrlVariable),
                UserInfo = Environment.GetEnvironmentVariable(GateSettings.UserInfoVariable),
                BearerToken = Environment.GetEnvironmentVariable(GateSettings.BearerTokenVariable),
                SubjectNameStrategy = parse.GetValue(Strategy),
                Timeout = TimeSpan.FromSeconds(seconds),
                Retries = retries,
                MaxParallelism = parallel,
                MaxResponseBytes = parse.GetValue(MaxResponseBytes),
                LockFile = parse.GetValue(LockFile),
                UseSchemaReferences = parse.GetValue(References),
                ReportSchemaErrors = true,
            };
            return (inputs, settings);
        }
    }

    private static Command CreateCheck()
    {
        var common = new Common();
        var baseline = new Option<string?>("--baseline") { Description = "Offline: a folder of earlier schemas (<subject>.avsc or <subject>/*.avsc), used when no URL is given." };
        var level = new Option<string>("--level") { Description = "Level of offline checks.", DefaultValueFactory = _ => "BACKWARD" };
        var warn = new Option<bool>("--warn-on-unreachable") { Description = "An unreachable registry is a warning (exit 0) instead of an error." };
        var command = new Command("check", "Check each schema against the latest version of its subject: POST /compatibility/subjects/{s}/versions/latest?verbose=true.");
        common.AddTo(command, lockFile: true);
        command.Add(baseline);
        command.Add(level);
        command.Add(warn);
        command.SetAction(parse =>
        {
            var config = parse.InvocationConfiguration;
            if (common.Read(parse, config.Error, filesRequired: true) is not var (inputs, settings))
            {
                return ExitCodes.BadInput;
            }

            settings.BaselineDirectory = parse.GetValue(baseline);
            settings.CompatibilityLevel = parse.GetValue(level);
            settings.RegistryFailureSeverity = parse.GetValue(warn) ? GateSeverity.Warning : GateSeverity.Error;
            return Print(SchemaGate.CheckAsync(inputs, settings).GetAwaiter().GetResult(), config.Output, config.Error);
        });
        return command;
    }

    private static Command CreateRegister()
    {
        var common = new Common();
        var command = new Command("register", "Register each schema under its subject and print subject -> id.");
        common.AddTo(command, lockFile: true);
        command.SetAction(parse =>
        {
            var config = parse.InvocationConfiguration;
            if (common.Read(parse, config.Error, filesRequired: true) is not var (inputs, settings))
            {
                return ExitCodes.BadInput;
            }

            return Print(SchemaGate.RegisterAsync(inputs, settings).GetAwaiter().GetResult(), config.Output, config.Error);
        });
        return command;
    }

    private static Command CreateDownload()
    {
        var common = new Common();
        var output = new Option<string>("--output", "-o") { Description = "The folder to write <subject>.avsc files to.", Required = true };
        var subjects = new Option<string[]>("--subjects") { Description = "More subjects to download (beyond those of the files).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("download", "Write the latest version of each subject into a folder (the offline baseline layout).");
        common.AddTo(command, lockFile: false);
        command.Add(output);
        command.Add(subjects);
        command.SetAction(parse =>
        {
            var config = parse.InvocationConfiguration;
            if (common.Read(parse, config.Error, filesRequired: false) is not var (inputs, settings))
            {
                return ExitCodes.BadInput;
            }

            var extra = parse.GetValue(subjects) ?? Array.Empty<string>();
            return Print(SchemaGate.DownloadAsync(inputs, extra, parse.GetValue(output)!, settings).GetAwaiter().GetResult(), config.Output, config.Error);
        });
        return command;
    }

    private static int Print(GateResult result, TextWriter output, TextWriter error)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == GateSeverity.Message)
            {
                output.WriteLine(diagnostic.Message);
            }
            else
            {
                error.WriteLine(diagnostic.ToString());
            }
        }

        return result.ExitCode switch
        {
            0 => ExitCodes.Ok,
            1 => ExitCodes.No,
            _ => ExitCodes.BadInput,
        };
    }
}

using System.CommandLine;
using Avro.Codegen.Cli.Commands;
using Avro.Codegen.Cli.Shared;

namespace Avro.Codegen.Cli;

/// <summary>The <c>avro-codegen</c> entry point: builds the root command from the verbs in <c>Commands/</c>.</summary>
internal static class Program
{
    public static int Main(string[] args) => CliRunner.Run(CreateRootCommand(), args, Console.Out, Console.Error);

    /// <summary>Every verb, one line each; a verb lives in its own <c>Commands/*Command.cs</c> file.</summary>
    internal static RootCommand CreateRootCommand() =>
        new("avro-codegen: Avro schema tools (canonical forms, fingerprints, ...).")
        {
            CanonicalCommand.Create(),
            FingerprintCommand.Create(),
            FromJsonCommand.Create(),
            ToJsonCommand.Create(),
        };
}

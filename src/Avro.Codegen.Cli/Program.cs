using System.CommandLine;
using Avro.Codegen.Cli.Commands;
using Avro.Codegen.Cli.Shared;

namespace Avro.Codegen.Cli;

/// <summary>The <c>avro-codegen</c> entry point: builds the root command from the verbs in <c>Commands/</c>.</summary>
internal static class Program
{
    public static int Main(string[] args) => CliRunner.Run(CreateRootCommand(), args, Console.Out, Console.Error);

    /// <summary>
    /// Every verb, one line each. To add a verb, write <c>Commands/XCommand.cs</c> with
    /// <c>internal static class XCommand { public static Command Create(); }</c> (use <c>Shared/SchemaLoader</c> to read
    /// schemas and print errors, and <c>Shared/ExitCodes</c> for results) and add <c>XCommand.Create()</c> here.
    /// </summary>
    internal static RootCommand CreateRootCommand() =>
        new("avro-codegen: Avro schema tools (canonical forms, fingerprints, ...).")
        {
            CanonicalCommand.Create(),
            FingerprintCommand.Create(),
            CompatCommand.Create(),
            FromJsonCommand.Create(),
            ToJsonCommand.Create(),
            CatCommand.Create(),
            RegistryCommand.Create(),
            IdlCommand.Create(),
        };
}

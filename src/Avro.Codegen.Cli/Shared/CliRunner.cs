using System.CommandLine;

namespace Avro.Codegen.Cli.Shared;

/// <summary>
/// Parses and runs a command line with the tool's conventions: usage errors exit with <see cref="ExitCodes.BadInput"/>
/// (System.CommandLine would return 1, which here means "the answer is no"), and nothing escapes as a stack trace.
/// </summary>
internal static class CliRunner
{
    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                foreach (var parseError in parseResult.Errors)
                {
                    error.WriteLine("avro-codegen: error: " + parseError.Message);
                }

                error.WriteLine("Run 'avro-codegen --help' for usage.");
                return ExitCodes.BadInput;
            }

            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            return parseResult.Invoke(configuration);
        }
        catch (Exception ex)
        {
            // A bug, not bad input; still reported as one line so scripts and users never see a stack trace.
            error.WriteLine($"avro-codegen: error: internal error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}

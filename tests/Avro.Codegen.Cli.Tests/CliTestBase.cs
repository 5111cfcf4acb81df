using System.Diagnostics;
using System.Text.RegularExpressions;
using Avro.Codegen.Cli;
using Avro.Codegen.Cli.Shared;

namespace Avro.Codegen.Cli.Tests;

public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines of standard output.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the CLI in process (fast) or as a real process, in a temporary folder of schema files.</summary>
public abstract class CliTestBase : IDisposable
{
    /// <summary>The compiler-style error line every failure must use.</summary>
    protected static readonly Regex ErrorLine = new(@"^.+\(\d+,\d+\): error AVRO\d{3}: .+$");

    protected CliTestBase()
    {
        Dir = Path.Combine(Path.GetTempPath(), "avro-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    protected string Dir { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected string Write(string relativePath, string text)
    {
        var path = Path.Combine(Dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace('\'', '"'));
        return path;
    }

    protected static CliRun Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.Run(Program.CreateRootCommand(), args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    protected static CliRun RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "avro-codegen.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var outputTask = process.StandardOutput.ReadToEndAsync();
        var errorTask = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "avro-codegen did not finish");
        return new CliRun(process.ExitCode, outputTask.Result, errorTask.Result);
    }

    protected static void AssertFailure(CliRun run, params string[] expectedLines)
    {
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(expectedLines, lines);
        Assert.All(lines, l => Assert.Matches(ErrorLine, l));
        Assert.DoesNotContain("   at ", run.Error);
    }

    protected static string RepoRoot => RepositoryRoot.Path;
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>Fails the test with the command and its stderr unless the process exited 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            Assert.Fail($"`{Command}` exited {ExitCode}:\n{Stderr}");
        }

        return this;
    }
}

/// <summary>Runs a child process with binary stdin and stdout, bounded in time.</summary>
internal static class ProcessRunner
{
    // Generous: a JVM start on a busy two-core CI machine can take seconds; a hang must still end the test.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Several tests ask the same question (our canonical form, avsc's bytes for a data file); the programs are
    /// deterministic, so each distinct call runs once per test run.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<ProcessResult>> Memo = new();

    /// <summary>Like <see cref="Run"/>, but an identical earlier call's result is reused.</summary>
    public static ProcessResult RunOnce(string fileName, IReadOnlyList<string> arguments, byte[]? stdin = null)
    {
        var key = fileName + "\0" + string.Join('\0', arguments) + "\0"
            + (stdin is null ? "-" : Convert.ToHexString(SHA256.HashData(stdin)));
        return Memo.GetOrAdd(key, _ => new Lazy<ProcessResult>(() => Run(fileName, arguments, stdin))).Value;
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, byte[]? stdin = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = fileName + " " + string.Join(" ", start.ArgumentList);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");

        // Drain both pipes while writing stdin, so that a child filling one pipe never deadlocks against us.
        var stdout = new MemoryStream();
        var stdoutTask = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderrTask = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.BaseStream.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of its input; its exit code and stderr say why.
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {Timeout}");
        }

        Task.WaitAll(stdoutTask, stderrTask);
        return new ProcessResult(command, process.ExitCode, stdout.ToArray(), stderrTask.Result);
    }
}

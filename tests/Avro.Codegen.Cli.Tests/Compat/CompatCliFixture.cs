using System.Text.Json;
using System.Text.RegularExpressions;
using Avro.Codegen.Cli.Shared;

namespace Avro.Codegen.Cli.Tests.Compat;

public sealed record CompatRun(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs <c>avro-codegen</c> in process against schema files in a temporary folder.</summary>
public abstract class CompatCliFixture : IDisposable
{
    /// <summary>The compiler-style line every input error uses.</summary>
    protected static readonly Regex ErrorLine = new(@"^.+\(\d+,\d+\): error AVRO\d{3}: .+$");

    protected CompatCliFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "avro-compat-cli-" + Guid.NewGuid().ToString("N"));
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

    /// <summary>Writes a file under the temporary folder; single quotes in <paramref name="text"/> become double quotes.</summary>
    protected string Write(string relativePath, string text)
    {
        var path = Path.Combine(Dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace('\'', '"'));
        return path;
    }

    protected static CompatRun Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.Run(Program.CreateRootCommand(), args, output, error);
        return new CompatRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Asserts exit code 2 with only compiler-style error lines on stderr, nothing on stdout, no stack trace.</summary>
    protected static void AssertBadInput(CompatRun run, string expectedCode)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(ErrorLine, line));
        Assert.Contains(lines, line => line.Contains("error " + expectedCode + ":", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Asserts exit code 2 for wrong usage: a one-line reason on stderr, nothing on stdout.</summary>
    protected static void AssertUsage(CompatRun run, string expectedFragment)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(expectedFragment, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Lines of a shared vector file (<c>../shared/vectors</c> beside the folder holding Avro.Codegen.sln).</summary>
    protected static IReadOnlyList<JsonElement> ReadVectors(string fileName)
    {
        var lines = new List<JsonElement>();
        foreach (var line in File.ReadLines(Path.Combine(SharedDirectory(), "vectors", fileName)))
        {
            if (line.Trim().Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                lines.Add(document.RootElement.Clone());
            }
        }

        return lines;
    }

    private static string SharedDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("AVRO_SHARED_DIR");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Avro.Codegen.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new InvalidOperationException("Avro.Codegen.sln not found above " + AppContext.BaseDirectory + "; set AVRO_SHARED_DIR.");
    }
}

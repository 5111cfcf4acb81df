using System.Text.Json;

namespace Avro.Codegen.Cli.Tests.Compat;

/// <summary>
/// Compat CLI tests: the shared in-process runner and temporary folder of <see cref="CliTestBase"/>, plus the shared
/// compatibility vectors and the exit-code assertions the compat verbs need.
/// </summary>
public abstract class CompatCliFixture : CliTestBase
{
    /// <summary>Asserts exit code 2 with only compiler-style error lines on stderr, nothing on stdout, no stack trace.</summary>
    protected static void AssertBadInput(CliRun run, string expectedCode)
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
    protected static void AssertUsage(CliRun run, string expectedFragment)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(expectedFragment, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Lines of a shared vector file (<c>../shared/vectors</c> beside the folder holding Avro.Codegen.sln).</summary>
    protected static IReadOnlyList<JsonElement> ReadVectors(string fileName) => SharedVectors.ReadJsonLines(fileName);
}

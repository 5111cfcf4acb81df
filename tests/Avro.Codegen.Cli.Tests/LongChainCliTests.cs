using Avro.Codegen.TestUtilities;

namespace Avro.Codegen.Cli.Tests;

/// <summary>
/// 10,000 records, one per file, each referring to the next: valid Avro whose schema graph is far deeper than any one
/// file. The verbs that walk the whole graph must answer instead of overflowing the stack.
/// </summary>
public class LongChainCliTests : IClassFixture<LongChainCliTests.ChainFolder>
{
    private const int Length = 10_000;

    private readonly string _dir;

    public LongChainCliTests(ChainFolder folder) => _dir = folder.Dir;

    private string First => Path.Combine(_dir, "r0.avsc");

    [Fact]
    public void CanonicalAndFingerprintOfALongChainRunOnASmallStack()
    {
        var canonical = SmallStack.Run(() => ChainRun.InProcess("canonical", First, "--schema-dir", _dir));
        Assert.Equal((0, string.Empty), (canonical.ExitCode, canonical.Error));
        Assert.StartsWith("{\"name\":\"c.R0\",\"type\":\"record\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",{\"name\":\"c.R1\",", canonical.Output);
        Assert.EndsWith("{\"name\":\"c.R9999\",\"type\":\"record\",\"fields\":[{\"name\":\"end\",\"type\":\"int\"}]}" + string.Concat(Enumerable.Repeat("]}]}", Length - 1)) + "\n", canonical.Output);

        var fingerprint = SmallStack.Run(() => ChainRun.InProcess("fingerprint", First, "--schema-dir", _dir, "--algorithm", "sha256"));
        Assert.Equal((0, string.Empty), (fingerprint.ExitCode, fingerprint.Error));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical.Output.TrimEnd('\n'))));
        Assert.Equal(expected + "\n", fingerprint.Output);
    }

    [Fact]
    public void CanonicalOfALongChainAsAProcess()
    {
        // The reported failure: the real process died with a stack overflow (exit 134) on its default stack.
        var run = ChainRun.AsProcess("canonical", First, "--schema-dir", _dir);
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.EndsWith("{\"name\":\"c.R9999\",\"type\":\"record\",\"fields\":[{\"name\":\"end\",\"type\":\"int\"}]}" + string.Concat(Enumerable.Repeat("]}]}", Length - 1)) + "\n", run.Output);
    }

    /// <summary>Writes the chain once for the class (10,000 small files are slow to write and delete on a busy disk).</summary>
    public sealed class ChainFolder : CliTestBase
    {
        public ChainFolder()
        {
            for (var i = 0; i < Length; i++)
            {
                Write($"r{i}.avsc", i + 1 < Length
                    ? $"{{'type':'record','name':'R{i}','namespace':'c','fields':[{{'name':'next','type':['null','R{i + 1}']}}]}}"
                    : $"{{'type':'record','name':'R{i}','namespace':'c','fields':[{{'name':'end','type':'int'}}]}}");
            }
        }

        public new string Dir => base.Dir;
    }

    private sealed class ChainRun : CliTestBase
    {
        public static CliRun InProcess(params string[] args) => Run(args);

        public static CliRun AsProcess(params string[] args) => RunProcess(args);
    }
}

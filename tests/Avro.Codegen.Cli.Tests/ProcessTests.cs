namespace Avro.Codegen.Cli.Tests;

/// <summary>The built tool as a real process: exit codes and streams as a script sees them.</summary>
public class ProcessTests : CliTestBase
{
    [Fact]
    public void SuccessInvalidSchemaAndUsageError()
    {
        var good = Write("int.avsc", "'int'");
        var ok = RunProcess("fingerprint", good, "--format", "long");
        Assert.Equal((0, "8247732601305521295\n", string.Empty), (ok.ExitCode, ok.Output, ok.Error));

        var bad = Write("bad.avsc", "{'type': 'record', 'name': 'R', 'fields': [{'name': 'x', 'type': 'Missing'}]}");
        AssertFailure(RunProcess("canonical", bad), $"{bad}(1,66): error AVRO015: Unknown type 'Missing'.");

        var usage = RunProcess("fingerprint");
        Assert.Equal(2, usage.ExitCode);
        Assert.DoesNotContain("   at ", usage.Error);
    }
}

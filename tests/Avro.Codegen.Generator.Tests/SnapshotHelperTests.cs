
namespace Avro.Codegen.Generator.Tests;

/// <summary>The snapshot helper's own rules: update mode only on request, never on CI, and mismatches fail.</summary>
public class SnapshotHelperTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("0", null, false)]
    [InlineData("1", null, true)]
    [InlineData("1", "false", true)]
    [InlineData(null, "true", false)]
    public void UpdateModeOnlyWhenAsked(string? update, string? ci, bool expected) =>
        Assert.Equal(expected, Snapshot.ResolveUpdateMode(update, ci));

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void UpdateModeIsRefusedOnCi(string ci) =>
        Assert.Contains("refused when CI=true", Assert.Throws<InvalidOperationException>(() => Snapshot.ResolveUpdateMode("1", ci)).Message);

    [Fact]
    public void AMismatchFailsAndWritesTheReceivedFile()
    {
        if (Snapshot.UpdateMode)
        {
            return;   // in update mode the baseline would be rewritten, which is what that mode is for
        }

        var received = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots", nameof(SnapshotHelperTests), nameof(AMismatchFailsAndWritesTheReceivedFile), "text.received.txt");
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Snapshot.MatchText("line one\nline TWO", "text"));
        Assert.Contains("line 2:", error.Message);
        Assert.Contains("expected: line two", error.Message);
        Assert.True(File.Exists(received));
        File.Delete(received);
        Snapshot.MatchText("line one\nline two", "text");
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

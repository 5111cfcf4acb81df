namespace Avro.Codegen.Cli.Tests;

/// <summary>
/// Expected values: the CRC-64-AVRO of "int" is the specification's 0x7275d51a3f395c8f (Java Avro 1.8.2
/// parsingFingerprint64 gives 8247732601305521295 for it); hex output is its 8 bytes little-endian. MD5/SHA-256 were
/// computed with md5sum/sha256sum of the canonical text "int" (with the quotes).
/// </summary>
public class FingerprintCommandTests : CliTestBase
{
    [Theory]
    [InlineData("", "8f5c393f1ad57572")]
    [InlineData("--algorithm crc64", "8f5c393f1ad57572")]
    [InlineData("--format long", "8247732601305521295")]
    [InlineData("--algorithm crc64 --format hex", "8f5c393f1ad57572")]
    [InlineData("--algorithm md5", "ef524ea1b91e73173d938ade36c1db32")]
    [InlineData("--algorithm sha256", "3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45")]
    public void PrintsTheRequestedFingerprint(string optionText, string expected)
    {
        var file = Write("int.avsc", "{'type': 'int', 'doc': 'ignored by the canonical form'}");
        var options = optionText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var run = Run(new[] { "fingerprint", file }.Concat(options).ToArray());
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected + "\n", run.Output);
    }

    [Fact]
    public void NegativeJavaLongIsPrintedSigned()
    {
        // Java Avro 1.8.2: parsingFingerprint64 of {"type":"error","name":"E","fields":[]} is -7310676219777007108.
        var file = Write("e.avsc", "{'type': 'error', 'name': 'E', 'fields': []}");
        Assert.Equal("-7310676219777007108\n", Run("fingerprint", file, "--format", "long").Output);
        // The same value as 8 little-endian bytes: -7310676219777007108 = 0x9a8b42b6344bc1fc.
        Assert.Equal("fcc14b34b6428b9a\n", Run("fingerprint", file).Output);
    }

    [Theory]
    [InlineData("--algorithm", "sha1")]
    [InlineData("--format", "decimal")]
    [InlineData("--algorithm", "CRC64")]
    public void UnknownChoicesAreUsageErrors(string option, string value)
    {
        var file = Write("int.avsc", "'int'");
        var run = Run("fingerprint", file, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains(value, run.Error);
    }

    [Fact]
    public void LongFormatIsOnlyForCrc64()
    {
        var file = Write("int.avsc", "'int'");
        var run = Run("fingerprint", file, "--algorithm", "md5", "--format", "long");
        Assert.Equal((2, string.Empty), (run.ExitCode, run.Output));
        Assert.Equal("avro-codegen: error: --format long applies to crc64 only, not md5.", run.Error.Trim());
    }

    [Fact]
    public void InvalidSchemaExitsWith2WithLocatedErrors()
    {
        var file = Write("bad.avsc", "{'type': 'enum', 'name': 'E', 'symbols': ['A', 'A']}");
        AssertFailure(Run("fingerprint", file), $"{file}(1,48): error AVRO021: Enum 'E' lists the symbol 'A' more than once.");
    }

    [Fact]
    public void SchemaDirIsUsedForReferences()
    {
        Write("lib/f.avsc", "{'type': 'fixed', 'name': 'F', 'size': 16}");
        var file = Write("r.avsc", "{'type': 'record', 'name': 'R', 'fields': [{'name': 'f', 'type': 'F'}]}");
        var withDir = Run("fingerprint", file, "--schema-dir", Path.Combine(Dir, "lib"), "--algorithm", "sha256");
        Assert.Equal(0, withDir.ExitCode);
        Assert.Equal(65, withDir.Output.Length);
        Assert.Equal(2, Run("fingerprint", file).ExitCode);
    }
}

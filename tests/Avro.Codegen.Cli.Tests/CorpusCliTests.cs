namespace Avro.Codegen.Cli.Tests;

/// <summary>The CLI on the schema corpus agrees with the values Java Avro produced (tests/corpus/java-expected.tsv).</summary>
public class CorpusCliTests : CliTestBase
{
    public static TheoryData<string, string, string> JavaExpected()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(RepoRoot, "tests", "corpus", "java-expected.tsv")))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                var parts = line.Split('\t');
                data.Add(parts[0], parts[1], parts[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JavaExpected))]
    public void CanonicalAndFingerprintMatchJava(string file, string canonical, string javaLong)
    {
        var schemas = Path.Combine(RepoRoot, "tests", "corpus", "schemas");
        var args = new List<string> { Path.Combine(schemas, file) };
        if (file.StartsWith("multi/", StringComparison.Ordinal))
        {
            args.AddRange(new[] { "--schema-dir", Path.Combine(schemas, "multi") });
        }

        var run = Run(new[] { "canonical" }.Concat(args).ToArray());
        Assert.Equal((0, canonical + "\n"), (run.ExitCode, run.Output));
        var fingerprint = Run(new[] { "fingerprint" }.Concat(args).Concat(new[] { "--format", "long" }).ToArray());
        Assert.Equal((0, javaLong + "\n"), (fingerprint.ExitCode, fingerprint.Output));
    }
}

using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// The corpus in tests/corpus/schemas against the canonical forms and fingerprints Java Avro produced for it
/// (tests/corpus/java-expected.tsv, generated once; see its header).
/// </summary>
public class CorpusTests
{
    private static string SchemasDir => Path.Combine(RepoRoot, "tests", "corpus", "schemas");

    public static TheoryData<string, string, long> JavaExpected()
    {
        var data = new TheoryData<string, string, long>();
        foreach (var line in File.ReadLines(Path.Combine(RepoRoot, "tests", "corpus", "java-expected.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JavaExpected))]
    public void CanonicalFormAndFingerprintAgreeWithJava(string file, string canonical, long fingerprint)
    {
        var schema = Load(file);
        Assert.Equal(canonical, ParsingCanonicalForm.ToCanonicalJson(schema));
        Assert.Equal(unchecked((ulong)fingerprint), SchemaFingerprint.Crc64Avro(schema));
    }

    [Fact]
    public void EveryJavaExpectationNamesACorpusFile()
    {
        // Other suites add files to the corpus; this file only has to stay in step with the files it lists.
        var rows = JavaExpected().Select(row => (string)row[0]).ToList();
        Assert.True(rows.Count >= 20);
        Assert.All(rows, file => Assert.True(File.Exists(Path.Combine(SchemasDir, file)), file));
    }

    [Theory]
    [MemberData(nameof(JavaExpected))]
    public void FullJsonRoundTripsForEveryCorpusFile(string file, string canonical, long fingerprint)
    {
        _ = fingerprint;
        var schema = Load(file);
        var json = SchemaJson.ToJson(schema, indented: true);
        var again = file.StartsWith("multi/", StringComparison.Ordinal)
            ? SchemaParser.Parse(json, file).Schema
            : Valid(json);
        Assert.NotNull(again);
        Assert.Equal(canonical, ParsingCanonicalForm.ToCanonicalJson(again!));
        Assert.Equal(SchemaJson.ToJson(schema), SchemaJson.ToJson(again!));
    }

    private static AvroSchema Load(string file)
    {
        if (!file.StartsWith("multi/", StringComparison.Ordinal))
        {
            return Valid(File.ReadAllText(Path.Combine(SchemasDir, file)));
        }

        // The multi/ files form one set; give them in reverse order to show that order does not matter.
        var multi = Path.Combine(SchemasDir, "multi");
        var sources = Directory.GetFiles(multi, "*.avsc", SearchOption.AllDirectories)
            .OrderByDescending(f => f, StringComparer.Ordinal)
            .Select(f => new SchemaSource("multi/" + Path.GetRelativePath(multi, f).Replace('\\', '/'), File.ReadAllText(f)));
        var set = SchemaParser.ParseSet(sources);
        Assert.True(set.Success, string.Join("\n", set.Errors));
        return set.Files.Single(f => f.Path == file).Schema!;
    }

    [Fact]
    public void DivergentNullNamespaceCaseFollowsTheSpecification()
    {
        var schema = Valid(File.ReadAllText(Path.Combine(RepoRoot, "tests", "corpus", "divergent", "null-namespace-inheritance.avsc")));
        var inner = ((RecordSchema)((RecordSchema)schema).Fields[0].Type).Fields[0].Type;
        Assert.Equal("AlsoNoNamespace", inner.TypeName);
    }
}

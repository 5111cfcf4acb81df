using Avro.Codegen.Interop.Tests.Infrastructure;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// Avro IDL against independent compilers: for every .avdl of tests/corpus/idl that an oracle reads (oracles.tsv), each
/// named type has the same Parsing Canonical Form as Java Avro's IDL compiler (Debian libavro-compiler-java 1.8.2) and
/// avsc's assembleProtocol give it. Files in newer syntax are compared with expected/&lt;name&gt;.tsv, written from the
/// Avro 1.12 IDL specification.
/// </summary>
public class IdlInteropTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "corpus", "idl");

    private static readonly Lazy<List<(string File, bool Java, bool Avsc)>> Manifest = new(() =>
        File.ReadAllLines(Path.Combine(Folder, "oracles.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1] == "yes", parts[2] == "yes"))
            .ToList());

    public static TheoryData<string> JavaFiles() => new(Manifest.Value.Where(m => m.Java).Select(m => m.File));

    public static TheoryData<string> AvscFiles() => new(Manifest.Value.Where(m => m.Avsc).Select(m => m.File));

    public static TheoryData<string> SpecificationFiles() => new(Manifest.Value.Where(m => !m.Java && !m.Avsc).Select(m => m.File));

    [Fact]
    public void EveryCorpusFileIsInTheManifest() =>
        Assert.Equal(
            Directory.GetFiles(Folder, "*.avdl").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Manifest.Value.Select(m => m.File).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(JavaFiles))]
    public void CanonicalFormsMatchJavaAvrosIdlCompiler(string file) =>
        AssertSameTypes(file, Lines(JavaIdlRun(Path.Combine(Folder, file))));

    [Theory]
    [MemberData(nameof(AvscFiles))]
    public void CanonicalFormsMatchAvscsAssembleProtocol(string file)
    {
        OracleAvailability.Require(Oracle.Node);
        var result = ProcessRunner.Run("node", [Path.Combine(NodeOracle.Folder, "idl-oracle.js"), Path.Combine(Folder, file)]).EnsureSuccess();
        // avsc keeps "type": "error" in canonical forms; the specification's form (and Java's) has "record".
        AssertSameTypes(file, Lines(result).ToDictionary(p => p.Key, p => p.Value.Replace("\"type\":\"error\"", "\"type\":\"record\"", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(SpecificationFiles))]
    public void CanonicalFormsMatchTheSpecification(string file)
    {
        var expected = File.ReadAllLines(Path.Combine(Folder, "expected", Path.ChangeExtension(file, ".tsv")))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1]);
        AssertSameTypes(file, expected);
    }

    private static void AssertSameTypes(string file, IReadOnlyDictionary<string, string> expected)
    {
        var path = Path.Combine(Folder, file);
        var set = AvroIdl.Parse(File.ReadAllText(path), path, AvroIdl.FileSystemResolver());
        Assert.True(set.Success, string.Join("\n", set.Errors));
        var ours = set.Files[0].AllTypes.ToDictionary(t => t.FullName, t => ParsingCanonicalForm.ToCanonicalJson(t));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, canonical) in expected)
        {
            Assert.True(canonical == ours[name], $"{file}: {name}\n expected {canonical}\n ours     {ours[name]}");
        }
    }

    private static Dictionary<string, string> Lines(ProcessResult result) =>
        result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    /// <summary>build/oracles/java/IdlOracle.java through the one compiled Java oracle class path.</summary>
    private static ProcessResult JavaIdlRun(string avdl) => JavaOracle.RunClass("IdlOracle", null, avdl).EnsureSuccess();
}

using System.Security.Cryptography;
using System.Text;
using Avro.Codegen.Interop.Tests.Infrastructure;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// The oracles against each other, without our code: if Java and avsc disagree on a corpus file, the corpus (or an
/// oracle's glue) is wrong, and a comparison with our tool would prove nothing.
/// </summary>
public sealed class OracleConsistencyTests
{
    /// <summary>
    /// python3-avro 1.11's canonical form is wrong in several ways (seen on this corpus: it keeps {"type": "long"} and
    /// a logical type's {"type": "bytes"} instead of the simple form, repeats the full definition of a named type on
    /// a later reference in a union or map, and puts a type declared with "namespace": "" into the enclosing
    /// namespace). So Python is compared only on the interop corpus's own wire-* schemas, minus those it gets wrong.
    /// </summary>
    private static readonly Dictionary<string, string> PythonDeviations = new()
    {
        ["wire-collections.avsc"] = "repeats the full definition of a named type used again as map values",
        ["wire-logical.avsc"] = "keeps a logical type's base as {\"type\": \"bytes\"} instead of \"bytes\"",
        ["wire-names.avsc"] = "puts a type declared with \"namespace\": \"\" into the enclosing namespace",
    };

    public static TheoryData<string> PythonCases() =>
        new(Corpus.Schemas().Where(s => s.StartsWith("wire-", StringComparison.Ordinal) && !PythonDeviations.ContainsKey(s)));

    [OracleTheory(Oracle.Java, Oracle.Node)]
    [MemberData(nameof(Corpus.DataCasesForAvsc), MemberType = typeof(Corpus))]
    public void JavaAndAvscWriteTheSameBytes(string data)
    {
        // avsc keeps map entries in input order, so it is compared with the Java oracle's --map-order input.
        var java = JavaCorpus.ForData(data).FromJsonInputOrder.EnsureSuccess();
        var avsc = NodeOracle.Run(File.ReadAllBytes(Corpus.DataPath(data)),
            ["fromjson", Corpus.SchemaPathOfData(data), .. Corpus.SchemaDirArgs(data)]).EnsureSuccess();
        Assert.NotEmpty(java.Stdout);
        BinaryInteropTests.AssertSameBytes(java.Stdout, avsc.Stdout, "Java", "avsc");
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void JavaReadsBackEveryDatumOfTheDataFile(string data)
    {
        // Guards the corpus itself: every whitespace-separated datum of the file becomes one line of Java's JSON.
        var java = JavaCorpus.ForData(data);
        var datums = JsonEquivalence.Lines(File.ReadAllBytes(Corpus.DataPath(data))).Count;
        Assert.Equal(datums, JsonEquivalence.Lines(java.ToJson!.EnsureSuccess().Stdout).Count);
    }

    [OracleTheory(Oracle.Java, Oracle.Node)]
    [MemberData(nameof(Corpus.SchemaCasesForAvsc), MemberType = typeof(Corpus))]
    public void JavaAndAvscAgreeOnCanonicalForm(string schema)
    {
        var java = JavaCorpus.ForSchema(schema).Canonical.EnsureSuccess();
        var avsc = NodeOracle.Run(null, ["canonical", Corpus.SchemaPath(schema), .. Corpus.SchemaDirArgs(schema)]).EnsureSuccess();
        Assert.Equal(java.StdoutText, avsc.StdoutText);
    }

    [OracleTheory(Oracle.Java, Oracle.Python)]
    [MemberData(nameof(PythonCases))]
    public void JavaAndPythonAgreeOnCanonicalFormAndFingerprints(string schema)
    {
        var java = JavaCorpus.ForSchema(schema);
        string[] target = [Corpus.SchemaPath(schema), .. Corpus.SchemaDirArgs(schema)];
        Assert.Equal(java.Canonical.EnsureSuccess().StdoutText, PythonOracle.Run(null, ["canonical", .. target]).EnsureSuccess().StdoutText);
        Assert.Equal(java.Crc64Hex.EnsureSuccess().StdoutText, PythonOracle.Run(null, ["fingerprint", .. target]).EnsureSuccess().StdoutText);
        Assert.Equal(java.Crc64Long.EnsureSuccess().StdoutText,
            PythonOracle.Run(null, ["fingerprint", .. target, "--format", "long"]).EnsureSuccess().StdoutText);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(java.Canonical.StdoutText.TrimEnd('\n'))));
        Assert.Equal(sha256, PythonOracle.Run(null, ["fingerprint", .. target, "--algorithm", "sha256"]).EnsureSuccess().StdoutText.Trim());
    }

    [OracleFact(Oracle.Java, Oracle.Python)]
    public void JavaAndPythonAgreeOnCompatibility()
    {
        var order = Corpus.SchemaPath("wire-shop/Order.avsc");
        var fixedSchema = Corpus.SchemaPath("wire-top-fixed.avsc");
        var stringSchema = Corpus.SchemaPath("wire-top-string.avsc");
        string[] orderDir = Corpus.SchemaDirArgs("wire-shop/Order.avsc");
        foreach (var (args, expected) in new (string[], string)[]
                 {
                     (["compat", order, order, .. orderDir], "COMPATIBLE"),
                     (["compat", stringSchema, stringSchema], "COMPATIBLE"),
                     (["compat", fixedSchema, stringSchema], "INCOMPATIBLE"),
                 })
        {
            Assert.Equal(expected, JavaOracle.Run(null, args).EnsureSuccess().StdoutText.Trim());
            Assert.Equal(expected, PythonOracle.Run(null, args).EnsureSuccess().StdoutText.Trim());
        }
    }

    [OracleFact(Oracle.Java, Oracle.Python, Oracle.Node)]
    public void EveryOracleRejectsBadSchemasAndUsageWithExitCode2()
    {
        var dir = Path.Combine(RepoPaths.Artifacts, "interop-tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var undefined = Path.Combine(dir, "undefined.avsc");
            File.WriteAllText(undefined, """{"type": "record", "name": "R", "fields": [{"name": "f", "type": "Nope"}]}""");
            var malformed = Path.Combine(dir, "malformed.avsc");
            File.WriteAllText(malformed, """{"type": "record", """);
            var runs = new Func<string[], ProcessResult>[]
            {
                args => JavaOracle.Run(null, args), args => PythonOracle.Run(null, args), args => NodeOracle.Run(null, args),
            };
            foreach (var run in runs)
            {
                foreach (var args in new[] { ["canonical", undefined], ["canonical", malformed], ["no-such-verb"], new[] { "canonical" } })
                {
                    var result = run(args);
                    Assert.True(result.ExitCode == 2, $"`{result.Command}` exited {result.ExitCode}, expected 2:\n{result.Stderr}");
                    Assert.NotEmpty(result.Stderr);
                    Assert.DoesNotContain("Traceback", result.Stderr);
                    Assert.DoesNotContain("\tat ", result.Stderr);
                }
            }

            // Bad data is bad input too, not a crash.
            var schema = Corpus.SchemaPath("wire-top-array.avsc");
            foreach (var run in new Func<string[], byte[], ProcessResult>[]
                     {
                         (args, stdin) => JavaOracle.Run(stdin, args), (args, stdin) => NodeOracle.Run(stdin, args),
                     })
            {
                Assert.Equal(2, run(["fromjson", schema], "[\"not a long\"]"u8.ToArray()).ExitCode);
                Assert.Equal(2, run(["tojson", schema], [0x02]).ExitCode); // a block of one item, then nothing
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

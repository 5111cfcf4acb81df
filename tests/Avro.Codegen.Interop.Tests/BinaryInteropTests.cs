using Avro.Codegen.Interop.Tests.Infrastructure;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// Our fromjson/tojson against Java Avro and avsc for every data file of the corpus: bytes equal byte for byte,
/// JSON equal as parsed JSON, and each side able to read what the other wrote.
/// </summary>
/// <remarks>
/// Map entries: stock Java Avro reads maps into HashMaps and writes them in hash order; our tool does the same with
/// <c>--map-order java</c>, so those bytes are compared with Java's tools. Our default, like avsc, Python and Java with a
/// LinkedHashMap, is input order, compared with <c>--map-order input</c> on the Java oracle's side.
/// </remarks>
public sealed class BinaryInteropTests
{
    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void FromJsonMatchesJavaByteForByte(string data)
    {
        var java = JavaCorpus.ForData(data);
        AssertSameBytes(java.FromJson.EnsureSuccess().Stdout, AvroCli.FromJson(data, AvroCli.JavaOrder).EnsureSuccess().Stdout,
            "Java", "avro-codegen (--map-order java)");
        AssertSameBytes(java.FromJsonInputOrder.EnsureSuccess().Stdout,
            AvroCli.FromJson(data, AvroCli.InputOrder).EnsureSuccess().Stdout,
            "Java (--map-order input)", "avro-codegen (--map-order input)");
    }

    [OracleTheory(Oracle.Node)]
    [MemberData(nameof(Corpus.DataCasesForAvsc), MemberType = typeof(Corpus))]
    public void FromJsonMatchesAvscByteForByte(string data)
    {
        var avsc = NodeOracle.Run(File.ReadAllBytes(Corpus.DataPath(data)), ["fromjson", .. OracleSchemaArgs(data)]).EnsureSuccess();
        AssertSameBytes(avsc.Stdout, AvroCli.FromJson(data, AvroCli.InputOrder).EnsureSuccess().Stdout,
            "avsc", "avro-codegen (--map-order input)");
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void ToJsonOfJavaBytesMatchesJavaJson(string data)
    {
        // Ordered: with --map-order java, even the order of map entries in the JSON is Java's.
        var java = JavaCorpus.ForData(data);
        var ours = AvroCli.ToJson(java.FromJson.EnsureSuccess().Stdout, data, AvroCli.JavaOrder).EnsureSuccess();
        JsonEquivalence.AssertSameDatums(java.ToJson!.EnsureSuccess().Stdout, ours.Stdout, "Java", "avro-codegen", ordered: true);
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void JavaReadsOurBytes(string data)
    {
        AvroCli.FromJson(data).EnsureSuccess();
        var fromOurBytes = JavaCorpus.OnOurs(data).ToJsonOfOurBytes!.EnsureSuccess();
        JsonEquivalence.AssertSameDatums(JavaCorpus.ForData(data).ToJson!.EnsureSuccess().Stdout, fromOurBytes.Stdout,
            "Java's JSON of its bytes", "Java's JSON of our bytes");
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void JavaReencodesOurJsonToTheSameBytes(string data)
    {
        // Exact for every value, floats included: Java parses our JSON of its bytes and must produce those bytes again.
        var javaBytes = JavaCorpus.ForData(data).FromJsonInputOrder.EnsureSuccess().Stdout;
        AvroCli.ToJson(javaBytes, data, AvroCli.InputOrder).EnsureSuccess();
        var reencoded = JavaCorpus.OnOurs(data).FromJsonOfOurJson!.EnsureSuccess();
        AssertSameBytes(javaBytes, reencoded.Stdout, "Java from its own JSON", "Java from our JSON");
    }

    [OracleTheory(Oracle.Java, Oracle.Node)]
    [MemberData(nameof(Corpus.DataCasesForAvsc), MemberType = typeof(Corpus))]
    public void ToJsonMatchesAvsc(string data)
    {
        var bytes = JavaCorpus.ForData(data).FromJsonInputOrder.EnsureSuccess().Stdout;
        var avsc = NodeOracle.Run(bytes, ["tojson", .. OracleSchemaArgs(data)]).EnsureSuccess();
        var ours = AvroCli.ToJson(bytes, data, AvroCli.InputOrder).EnsureSuccess();
        JsonEquivalence.AssertSameDatums(avsc.Stdout, ours.Stdout, "avsc", "avro-codegen (--map-order input)", ordered: true);
    }

    /// <summary>The oracles take the schema file as their first argument.</summary>
    internal static string[] OracleSchemaArgs(string data) => [Corpus.SchemaPathOfData(data), .. Corpus.SchemaDirArgs(data)];

    internal static void AssertSameBytes(byte[] expected, byte[] actual, string expectedName, string actualName = "avro-codegen")
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        var at = expected.AsSpan().CommonPrefixLength(actual);
        Assert.Fail($"{actualName} differs from {expectedName} at byte {at} ({expected.Length} vs {actual.Length} bytes)\n" +
            $"{expectedName,-14}: {Window(expected, at)}\n{actualName,-14}: {Window(actual, at)}");

        static string Window(byte[] bytes, int at)
        {
            var start = Math.Max(0, at - 8);
            return (start > 0 ? "... " : "") + Convert.ToHexStringLower(bytes.AsSpan(start, Math.Min(bytes.Length - start, 24)));
        }
    }
}

using Avro.Codegen.Interop.Tests.Infrastructure;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// Our fromjson/tojson against Java Avro and avsc for every data file of the corpus: bytes equal byte for byte,
/// JSON equal as parsed JSON, and each side able to read what the other wrote.
/// </summary>
/// <remarks>
/// Map entries: stock Java Avro reads maps into HashMaps and writes them in hash order, and our tool does the same by
/// default (<c>--map-order java</c>), so its bytes match Java's tools. avsc keeps input order, so it is compared with
/// <c>--map-order input</c> on our side (and on the Java oracle's, for the exact round trip).
/// </remarks>
public sealed class BinaryInteropTests
{
    private static readonly string[] InputOrder = ["--map-order", "input"];

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void FromJsonMatchesJavaByteForByte(string data)
    {
        var java = JavaCorpus.ForData(data);
        AssertSameBytes(java.FromJson.EnsureSuccess().Stdout, OurFromJson(data), "Java");
        AssertSameBytes(java.FromJsonInputOrder.EnsureSuccess().Stdout, OurFromJson(data, InputOrder),
            "Java (--map-order input)", "avro-codegen (--map-order input)");
    }

    [OracleTheory(Oracle.Node)]
    [MemberData(nameof(Corpus.DataCasesForAvsc), MemberType = typeof(Corpus))]
    public void FromJsonMatchesAvscByteForByte(string data)
    {
        var avsc = NodeOracle.Run(File.ReadAllBytes(Corpus.DataPath(data)), ["fromjson", .. SchemaArgs(data)]).EnsureSuccess();
        AssertSameBytes(avsc.Stdout, OurFromJson(data, InputOrder), "avsc", "avro-codegen (--map-order input)");
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void ToJsonOfJavaBytesMatchesJavaJson(string data)
    {
        // Ordered: with the default map order, even the order of map entries in the JSON is Java's.
        var java = JavaCorpus.ForData(data);
        var ours = AvroCli.Run(java.FromJson.EnsureSuccess().Stdout, ["tojson", .. OurSchemaArgs(data)]).EnsureSuccess();
        JsonEquivalence.AssertSameDatums(java.ToJson!.EnsureSuccess().Stdout, ours.Stdout, "Java", "avro-codegen", ordered: true);
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void JavaReadsOurBytes(string data)
    {
        var java = JavaCorpus.ForData(data);
        var fromOurBytes = JavaOracle.Run(OurFromJson(data), ["tojson", .. SchemaArgs(data)]).EnsureSuccess();
        JsonEquivalence.AssertSameDatums(java.ToJson!.EnsureSuccess().Stdout, fromOurBytes.Stdout,
            "Java's JSON of its bytes", "Java's JSON of our bytes");
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void JavaReencodesOurJsonToTheSameBytes(string data)
    {
        // Exact for every value, floats included: Java parses our JSON and must produce its own bytes again.
        var javaBytes = JavaCorpus.ForData(data).FromJsonInputOrder.EnsureSuccess().Stdout;
        var ourJson = AvroCli.Run(javaBytes, ["tojson", .. OurSchemaArgs(data), .. InputOrder]).EnsureSuccess();
        var reencoded = JavaOracle.Run(ourJson.Stdout, ["fromjson", .. SchemaArgs(data), .. InputOrder]).EnsureSuccess();
        AssertSameBytes(javaBytes, reencoded.Stdout, "Java from its own JSON", "Java from our JSON");
    }

    [OracleTheory(Oracle.Java, Oracle.Node)]
    [MemberData(nameof(Corpus.DataCasesForAvsc), MemberType = typeof(Corpus))]
    public void ToJsonMatchesAvsc(string data)
    {
        var bytes = JavaCorpus.ForData(data).FromJsonInputOrder.EnsureSuccess().Stdout;
        var avsc = NodeOracle.Run(bytes, ["tojson", .. SchemaArgs(data)]).EnsureSuccess();
        var ours = AvroCli.Run(bytes, ["tojson", .. OurSchemaArgs(data), .. InputOrder]).EnsureSuccess();
        JsonEquivalence.AssertSameDatums(avsc.Stdout, ours.Stdout, "avsc", "avro-codegen (--map-order input)", ordered: true);
    }

    private static byte[] OurFromJson(string data, params string[] options) =>
        AvroCli.Run(File.ReadAllBytes(Corpus.DataPath(data)), ["fromjson", .. OurSchemaArgs(data), .. options])
            .EnsureSuccess().Stdout;

    /// <summary>The oracles take the schema file as their first argument.</summary>
    private static string[] SchemaArgs(string data) => [Corpus.SchemaPathOfData(data), .. Corpus.SchemaDirArgs(data)];

    /// <summary>Our fromjson/tojson take it as <c>--schema</c>.</summary>
    private static string[] OurSchemaArgs(string data) =>
        ["--schema", Corpus.SchemaPathOfData(data), .. Corpus.SchemaDirArgs(data)];

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

using System.Security.Cryptography;
using System.Text;
using Avro.Codegen.Interop.Tests.Infrastructure;

namespace Avro.Codegen.Interop.Tests;

/// <summary>Our canonical forms and fingerprints against Java Avro and avsc, for every corpus schema.</summary>
public sealed class SchemaInteropTests
{
    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.SchemaCases), MemberType = typeof(Corpus))]
    public void CanonicalFormMatchesJava(string schema)
    {
        var java = JavaCorpus.ForSchema(schema).Canonical.EnsureSuccess();
        var ours = Ours("canonical", schema).EnsureSuccess();
        Assert.Equal(java.StdoutText.TrimEnd('\n'), ours.StdoutText.TrimEnd('\n'));
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.SchemaCases), MemberType = typeof(Corpus))]
    public void Crc64MatchesJavaInBothFormats(string schema)
    {
        var java = JavaCorpus.ForSchema(schema);
        Assert.Equal(java.Crc64Hex.EnsureSuccess().StdoutText.Trim(), Ours("fingerprint", schema).EnsureSuccess().StdoutText.Trim());
        Assert.Equal(java.Crc64Long.EnsureSuccess().StdoutText.Trim(),
            Ours("fingerprint", schema, "--format", "long").EnsureSuccess().StdoutText.Trim());
        Assert.Equal(java.Crc64Hex.StdoutText.Trim(),
            Ours("fingerprint", schema, "--algorithm", "crc64").EnsureSuccess().StdoutText.Trim());
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(Corpus.SchemaCases), MemberType = typeof(Corpus))]
    public void Md5AndSha256AreDigestsOfJavasCanonicalForm(string schema)
    {
        // The digests are taken here from Java's canonical form, so they check our hashing independently of our
        // canonical form (which CanonicalFormMatchesJava checks).
        var canonical = Encoding.UTF8.GetBytes(JavaCorpus.ForSchema(schema).Canonical.EnsureSuccess().StdoutText.TrimEnd('\n'));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(canonical)),
            Ours("fingerprint", schema, "--algorithm", "md5").EnsureSuccess().StdoutText.Trim());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(canonical)),
            Ours("fingerprint", schema, "--algorithm", "sha256").EnsureSuccess().StdoutText.Trim());
    }

    [OracleTheory(Oracle.Node)]
    [MemberData(nameof(Corpus.SchemaCasesForAvsc), MemberType = typeof(Corpus))]
    public void CanonicalFormAndDigestsMatchAvsc(string schema)
    {
        Assert.Equal(Avsc("canonical", schema).StdoutText.TrimEnd('\n'), Ours("canonical", schema).EnsureSuccess().StdoutText.TrimEnd('\n'));
        foreach (var algorithm in new[] { "md5", "sha256" })
        {
            Assert.Equal(Avsc("fingerprint", schema, "--algorithm", algorithm).StdoutText.Trim(),
                Ours("fingerprint", schema, "--algorithm", algorithm).EnsureSuccess().StdoutText.Trim());
        }
    }

    private static ProcessResult Ours(string verb, string schema, params string[] options) =>
        AvroCli.Run(null, [verb, Corpus.SchemaPath(schema), .. Corpus.SchemaDirArgs(schema), .. options]);

    private static ProcessResult Avsc(string verb, string schema, params string[] options) =>
        NodeOracle.Run(null, [verb, Corpus.SchemaPath(schema), .. Corpus.SchemaDirArgs(schema), .. options]).EnsureSuccess();
}

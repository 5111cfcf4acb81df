using System.Buffers.Binary;
using System.Text;
using Avro.Codegen.Interop.Tests.Infrastructure;
using Avro.Codegen.Registry;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// The conformance driver's <c>fromjson</c>/<c>tojson</c> verbs (the generated JSON reader and binary writer, the
/// generated binary reader and JSON writer) against Java Avro and avsc, for every corpus data file of a named type
/// (<see cref="DriverCorpus"/>; a file whose datums the generated types cannot hold is given rewritten, and the oracles
/// get the same rewrite).
/// </summary>
/// <remarks>
/// Map entries: stock Java writes maps in HashMap order, while the generated code keeps a map's entries in the
/// Dictionary's insertion order, which is the JSON input's order. The driver's bytes are therefore compared with the
/// oracles in input order (Java's <c>--map-order input</c> answers and avsc, which keeps input order) rather than by
/// decoding both sides: that keeps the comparison byte for byte. For <c>tojson</c> the driver reads stock Java's bytes,
/// so the dictionary holds Java's order and even the order of map entries in the JSON must be Java's.
/// </remarks>
public sealed class DriverInteropTests
{
    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(DriverCorpus.DataCases), MemberType = typeof(DriverCorpus))]
    public void FromJsonMatchesJavaByteForByte(string data)
    {
        var ours = DriverCorpus.Driver.Run(DriverCorpus.Input(data), "fromjson", DriverCorpus.FullName(data)).EnsureSuccess();
        BinaryInteropTests.AssertSameBytes(DriverCorpus.Java(data).FromJsonInputOrder.EnsureSuccess().Stdout, ours.Stdout,
            "Java (--map-order input)", "driver fromjson");
    }

    [OracleTheory(Oracle.Node)]
    [MemberData(nameof(DriverCorpus.DataCasesForAvsc), MemberType = typeof(DriverCorpus))]
    public void FromJsonMatchesAvscByteForByte(string data)
    {
        var input = DriverCorpus.Input(data);
        var avsc = NodeOracle.Run(input, ["fromjson", .. BinaryInteropTests.OracleSchemaArgs(data)]).EnsureSuccess();
        var ours = DriverCorpus.Driver.Run(input, "fromjson", DriverCorpus.FullName(data)).EnsureSuccess();
        BinaryInteropTests.AssertSameBytes(avsc.Stdout, ours.Stdout, "avsc", "driver fromjson");
    }

    [OracleTheory(Oracle.Java)]
    [MemberData(nameof(DriverCorpus.DataCases), MemberType = typeof(DriverCorpus))]
    public void ToJsonOfJavaBytesMatchesJavaJson(string data)
    {
        var java = DriverCorpus.Java(data);
        var ours = DriverCorpus.Driver.Run(java.FromJson.EnsureSuccess().Stdout, "tojson", DriverCorpus.FullName(data)).EnsureSuccess();
        JsonEquivalence.AssertSameDatums(java.ToJson!.EnsureSuccess().Stdout, ours.Stdout, "Java", "driver tojson", ordered: true);
    }

    [Fact]
    public void TheCorpusHasDataOfNamedTypesInASchemaSet()
    {
        // Guards the theories above against an empty or set-free case list (a set is where the folder copy can go wrong).
        Assert.Contains(DriverCorpus.Cases, c => c.Data.Contains('/'));
        Assert.Contains(DriverCorpus.Cases, c => !c.Data.Contains('/'));
        Assert.DoesNotContain(DriverCorpus.Cases, c => c.Data == "wire-top-array.json");
    }
}

/// <summary>The driver's usage of exit codes: bad input is exit 2 with one line on stderr, never a stack trace.</summary>
public sealed class DriverErrorTests
{
    private const string Primitives = "org.example.wire.Primitives";

    private static byte[] FirstDatum => Encoding.UTF8.GetBytes(File.ReadLines(Corpus.DataPath("wire-primitives.json")).First());

    [Fact]
    public void MalformedJsonExitsTwoWithOneLine()
    {
        var text = Encoding.UTF8.GetString(FirstDatum);
        AssertBadInput(DriverCorpus.Driver.Run(Encoding.UTF8.GetBytes(text[..(text.Length / 2)] + "}"), "fromjson", Primitives), "JSON");
    }

    [Fact]
    public void JsonOfTheWrongTypeExitsTwoWithOneLine()
    {
        var wrong = Encoding.UTF8.GetString(FirstDatum).Replace("\"flag\": true", "\"flag\": \"yes\"", StringComparison.Ordinal);
        Assert.Contains("\"yes\"", wrong);
        AssertBadInput(DriverCorpus.Driver.Run(Encoding.UTF8.GetBytes(wrong), "fromjson", Primitives), "boolean");
    }

    [Fact]
    public void TruncatedBinaryExitsTwoWithOneLine()
    {
        // A proper prefix of a datum's encoding always runs out of bytes: the reader follows the same path as for
        // the whole datum.
        var bytes = DriverCorpus.Driver.Run(FirstDatum, "fromjson", Primitives).EnsureSuccess().Stdout;
        AssertBadInput(DriverCorpus.Driver.Run(bytes[..^1], "tojson", Primitives), null);
    }

    [Fact]
    public void EachDatumOfARewrittenCorpusFileIsRefusedAsWritten()
    {
        Assert.NotEmpty(DriverCorpus.Rewritten);
        foreach (var (data, (reason, _)) in DriverCorpus.Rewritten)
        {
            var datums = File.ReadAllLines(Corpus.DataPath(data)).Where(l => l.Trim().Length > 0).ToList();
            Assert.NotEmpty(datums);
            foreach (var datum in datums)
            {
                var result = DriverCorpus.Driver.Run(Encoding.UTF8.GetBytes(datum), "fromjson", DriverCorpus.FullName(data));
                Assert.True(result.ExitCode == 2, $"{data}: accepted a datum thought invalid ({reason}): {datum}");
                AssertBadInput(result, null);
            }
        }
    }

    [Fact]
    public void AnUnknownTypeExitsTwoAndListsTheKnownOnes()
    {
        var result = DriverCorpus.Driver.Run(FirstDatum, "fromjson", "no.such.Type");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Primitives, result.Stderr);
    }

    private static void AssertBadInput(ProcessResult result, string? mentions)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        var message = result.Stderr.TrimEnd('\n', '\r');
        Assert.StartsWith("bad input: ", message);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain(" at Avro", message);
        if (mentions is not null)
        {
            Assert.Contains(mentions, message);
        }
    }
}

/// <summary>
/// The driver's registry verbs against the loopback emulator: <c>confluent-encode</c> frames each datum with 0x00 and
/// the big-endian id the registry gave the type's schema, around the same body <c>fromjson</c> writes, and
/// <c>confluent-decode</c> reads the frames back to the datums <c>tojson</c> prints.
/// </summary>
public sealed class DriverConfluentTests : IAsyncLifetime
{
    private TestRegistryServer _server = null!;

    public async Task InitializeAsync() => _server = await TestRegistryServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url => _server.BaseAddress.ToString();

    [Theory]
    [InlineData("wire-primitives.json")]
    [InlineData("wire-shop/Order.json")]
    public async Task EncodeFramesEachDatumWithTheRegisteredIdAndDecodeReadsItBack(string data)
    {
        var fullName = DriverCorpus.FullName(data);
        var lines = File.ReadAllLines(Corpus.DataPath(data)).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count > 1, data);

        // Another subject first, so that the id in the header cannot be right by being the registry's first.
        using var client = RegistryClient.Create(Url);
        var other = await client.RegisterSchemaAsync("other-value", new RegistrySchema("\"string\""));

        var framed = DriverCorpus.Driver.Run(Encoding.UTF8.GetBytes(string.Join("\n", lines)), "confluent-encode", Url, "orders", fullName)
            .EnsureSuccess().Stdout;
        var id = (await client.GetLatestSchemaAsync("orders-value")).Id;
        Assert.NotEqual(other, id);

        var offset = 0;
        foreach (var line in lines)
        {
            var body = DriverCorpus.Driver.Run(Encoding.UTF8.GetBytes(line), "fromjson", fullName).EnsureSuccess().Stdout;
            Assert.Equal(0, framed[offset]);
            Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(offset + 1, 4)));
            Assert.True(framed.AsSpan(offset + 5, body.Length).SequenceEqual(body), $"{data}: body at {offset + 5} is not fromjson's");
            offset += 5 + body.Length;
        }

        Assert.Equal(framed.Length, offset);

        var decoded = DriverCorpus.Driver.Run(framed, "confluent-decode", Url, fullName).EnsureSuccess();
        var unframed = DriverCorpus.Driver.Run(Encoding.UTF8.GetBytes(string.Join("\n", lines)), "fromjson", fullName).EnsureSuccess().Stdout;
        var printed = DriverCorpus.Driver.Run(unframed, "tojson", fullName).EnsureSuccess();
        Assert.Equal(printed.StdoutText, decoded.StdoutText);
        JsonEquivalence.AssertSameDatums(Encoding.UTF8.GetBytes(string.Join("\n", lines)), decoded.Stdout, "input", "confluent-decode");
    }

    [Fact]
    public void DecodeOfAnIdTheRegistryDoesNotKnowExitsTwo()
    {
        byte[] framed = [0, 0, 0, 0x7f, 0x7f, 0];
        var result = DriverCorpus.Driver.Run(framed, "confluent-decode", Url, "org.example.wire.Primitives");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\n', result.Stderr.TrimEnd('\n'));
        Assert.Contains("does not know", result.Stderr);
    }
}

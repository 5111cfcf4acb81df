using System.Text.Json.Nodes;
using Avro.Codegen.Generator.Tests.Helpers;

namespace Avro.Codegen.Generator.Tests;

/// <summary>Executes generated code: JSON -> value -> binary -> value -> JSON, plus hand-computed Avro bytes.</summary>
public class RoundTripTests(GeneratedAssembly generated) : IClassFixture<GeneratedAssembly>
{
    internal static string BigDecimalJson(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            AvroJsonCodec.WriteBigDecimal(writer, AvroBigDecimal.Parse(value));
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string EverythingJson() => """
        {"flag":true,"count":3,"big_count":-5,"ratio":1.5,"precise":0.1,"payload":"\u00ff\u0001","name":"n \u00e9 \ud83d\ude00",
         "nickname":{"string":"nick"},"age":null,"suit":"class","hash":"abcd","tags":["a","b"],"scores":{"x":1,"y":-2},
         "matrix":[[{"double":1.0},null],[]],"choice":{"com.acme.events.Suit":"HEARTS"},"other":{"array":[1,2]},
         "optionalList":{"map":{"k":["abcd","wxyz"]}},"amount":"\u0004\u00d2","huge":"\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000",
         "fixedAmount":"\u0000\u0000\u0000\u0000\u0000\u0000\u0004\u00d2","anything":BIG,
         "id":"123e4567-e89b-12d3-a456-426614174000","fixedId":"0123456789abcdef","day":19000,"tm":1000,"tu":1000001,
         "tsm":1700000000000,"tsu":1700000000000001,"tsn":1700000000000000100,"ltm":-1,"ltu":2,"ltn":300,
         "span":"\u0001\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0003\u0000\u0000\u0000","maybeWhen":{"long":5},
         "unknownLogical":"u","Everything":1,"event":{"value":"v"}}
        """.Replace("BIG", BigDecimalJson("-123.4500"));

    public static TheoryData<string, string> Datums() => new()
    {
        { "com.acme.events.Everything", RoundTripTestsData.Everything },
        { "com.acme.tree.Node", """{"label":"root","children":[{"label":"a","children":[],"next":null}],"next":{"com.acme.tree.Node":{"label":"b","children":[],"next":null}}}""" },
        { "com.acme.event.class", """{"class":1,"user_id":"u","userId":"v","ToString":"t","writeAvro":2,"string":"s","reader":3,"_":4,"order":{"order":5,"status":"int"}}""" },
        { "com.acme.billing.Invoice", """{"total":{"units":10,"currency":"EUR"},"lines":[{"units":1,"currency":"USD"}],"note":{"com.acme.common.Money":{"units":2,"currency":"CHF"}}}""" },
        { "com.acme.billing.Invoice", """{"total":{"units":10,"currency":"EUR"},"lines":[],"note":{"string":"hi"}}""" },
        { "com.acme.events.Md5", "\"\\u0000\\u0001zz\"" },
    };

    [Theory]
    [MemberData(nameof(Datums))]
    public void JsonAndBinaryRoundTrip(string type, string json)
    {
        var value = generated.FromJson(type, json);
        var firstJson = generated.ToJson(type, value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(firstJson)), $"JSON changed:\n{json}\n{firstJson}");

        var bytes = generated.Serialize(type, value);
        var back = generated.Deserialize(type, bytes);
        Assert.Equal(firstJson, generated.ToJson(type, back));
        Assert.Equal(bytes, generated.Serialize(type, back));
    }

    [Theory]
    [MemberData(nameof(Datums))]
    public void GeneratedCodecsAgreeWithTheRuntimeGenericCodec(string type, string json)
    {
        var set = Avro.Codegen.Schema.SchemaParser.ParseSet(
            TestSchemas.Files("everything.avsc", "recursive.avsc", "names.avsc", "order.avsc", "shared.avsc")
                .Select(f => new Avro.Codegen.Schema.SchemaSource(f.Path, f.Text)));
        var schema = set.Find(type)!;

        var generatedBytes = generated.Serialize(type, generated.FromJson(type, json));
        var genericBytes = Avro.Codegen.Generic.GenericBinary.Encode(schema, Avro.Codegen.Generic.GenericJson.FromJson(schema, json));
        Assert.Equal(genericBytes, generatedBytes);

        var generatedJson = generated.ToJson(type, generated.Deserialize(type, genericBytes));
        var genericJson = Avro.Codegen.Generic.GenericJson.ToJson(schema, Avro.Codegen.Generic.GenericBinary.Decode(schema, generatedBytes));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(genericJson), JsonNode.Parse(generatedJson)), $"generic:   {genericJson}\ngenerated: {generatedJson}");
    }

    [Fact]
    public void BinaryMatchesTheSpecByHand()
    {
        // label "x" (zig-zag length 1 = 0x02, 'x'), children: empty array (block end 0x00), next: union branch 0 (null).
        var node = generated.FromJson("com.acme.tree.Node", """{"label":"x","children":[],"next":null}""");
        Assert.Equal(new byte[] { 0x02, 0x78, 0x00, 0x00 }, generated.Serialize("com.acme.tree.Node", node));

        // Money{units=-1, currency="EUR"}: long -1 zig-zags to 0x01; string length 3 -> 0x06.
        var money = generated.FromJson("com.acme.common.Money", """{"units":-1,"currency":"EUR"}""");
        Assert.Equal(new byte[] { 0x01, 0x06, (byte)'E', (byte)'U', (byte)'R' }, generated.Serialize("com.acme.common.Money", money));
    }

    [Fact]
    public void FramingsWrapTheSameBody()
    {
        var money = generated.FromJson("com.acme.common.Money", """{"units":-1,"currency":"EUR"}""");
        var body = generated.Serialize("com.acme.common.Money", money);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x02 }.Concat(body), generated.SerializeConfluent("com.acme.common.Money", money, 258));

        var single = generated.SerializeSingleObject("com.acme.common.Money", money);
        var fingerprint = (ulong)generated.Type("com.acme.common.Money").GetField("AvroSchemaFingerprint")!.GetValue(null)!;
        var expectedFingerprint = Avro.Codegen.Schema.SchemaFingerprint.Crc64Avro(Avro.Codegen.Schema.SchemaParser.Parse(TestSchemas.Text("shared.avsc")).Schema!);
        Assert.Equal(expectedFingerprint, fingerprint);
        Assert.Equal(new byte[] { 0xC3, 0x01 }.Concat(BitConverter.GetBytes(fingerprint)).Concat(body), single);
    }

    [Fact]
    public void MissingFieldsTakeTheirDefaults()
    {
        var money = generated.FromJson("com.acme.common.Money", """{"units":7}""");
        Assert.Equal("""{"units":7,"currency":"EUR"}""", generated.ToJson("com.acme.common.Money", money));
    }

    [Fact]
    public void UnknownMembersAreSkippedAsTheGenericFaceAndJavaDo()
    {
        var money = generated.FromJson("com.acme.common.Money", """{"zz":{"a":[1,{}]},"units":7,"yy":null}""");
        Assert.Equal("""{"units":7,"currency":"EUR"}""", generated.ToJson("com.acme.common.Money", money));
    }

    [Theory]
    [InlineData("""{"currency":"EUR"}""", "has no field 'units'")]
    [InlineData("""{"units":1,"currency":"EUR","units":2}""", "The field 'units' appears twice")]
    [InlineData("""{"units":"seven"}""", "Expected a long (a whole number in 64-bit range), found the string \"seven\"")]
    [InlineData("""{"units":1.5}""", "a long (a whole number in 64-bit range)")]
    [InlineData("""{"units":1""", "Malformed JSON")]
    [InlineData("""{"units":1} {""", "Malformed JSON")]
    [InlineData("""[1]""", "Expected an object")]
    public void BadJsonIsAnAvroException(string json, string message)
    {
        var e = Assert.Throws<AvroDataException>(() => generated.FromJson("com.acme.common.Money", json));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("""{"total":{"units":1},"lines":[],"note":{"int":3}}""", "'int' is not a branch")]
    [InlineData("""{"total":{"units":1},"lines":[],"note":{}}""", "exactly one member")]
    [InlineData("""{"total":{"units":1},"lines":[],"note":{"string":"a","long":1}}""", "exactly one member")]
    [InlineData("""{"total":{"units":1},"lines":[],"note":"bare"}""", "Expected an object")]
    public void BadUnionJsonIsAnAvroException(string json, string message)
    {
        var e = Assert.Throws<AvroDataException>(() => generated.FromJson("com.acme.billing.Invoice", json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void UnknownEnumSymbolIsAnErrorWithoutADefault()
    {
        var json = """{"class":1,"user_id":"u","userId":"v","ToString":"t","writeAvro":2,"string":"s","reader":3,"_":4,"order":{"order":5,"status":"maybe"}}""";
        var e = Assert.Throws<AvroDataException>(() => generated.FromJson("com.acme.event.class", json));
        Assert.Contains("'maybe' is not a symbol of enum 'com.acme.event.Status'", e.Message);
    }

    [Fact]
    public void ForgedNestingHitsTheDepthGuard()
    {
        // 200 nested 'next' branches: label "", children [], next = branch 1 (a Node) ... then null.
        var bytes = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            bytes.AddRange([0x00, 0x00, 0x02]);
        }

        bytes.AddRange([0x00, 0x00, 0x00]);
        var e = Assert.Throws<AvroDataException>(() => generated.Deserialize("com.acme.tree.Node", bytes.ToArray()));
        Assert.Contains("nest deeper", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x02 }, "")]               // label length 1, but no byte follows
    [InlineData(new byte[] { 0x00, 0x00, 0x04 }, "")]   // union branch 2 of a two-branch union
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00 }, "follow the end")]
    public void BadBytesAreAnAvroException(byte[] data, string message)
    {
        var e = Assert.Throws<AvroDataException>(() => generated.Deserialize("com.acme.tree.Node", data));
        Assert.Contains(message, e.Message);
    }
}

internal static class RoundTripTestsData
{
    public static readonly string Everything = RoundTripTests.EverythingJson();
}

public class EnumJsonTests
{
    [Fact]
    public void AnUnknownSymbolIsBadInputEvenWithAnEnumDefault()
    {
        using var generated = GeneratedAssembly.For(TestSchemas.Files("everything.avsc"));
        var type = generated.Type("com.acme.events.Suit");
        Assert.Equal("SPADES", generated.Type("com.acme.events.SuitCodec").GetField("DefaultSymbol")!.GetValue(null)!.ToString());

        var json = System.Text.Json.Nodes.JsonNode.Parse(RoundTripTestsData.Everything)!;
        json["suit"] = "CLUBS";
        var e = Assert.Throws<AvroDataException>(() => generated.FromJson("com.acme.events.Everything", json.ToJsonString()));
        Assert.Contains("'CLUBS' is not a symbol of enum 'com.acme.events.Suit'", e.Message);
        _ = type;
    }
}

public class NullGuardTests
{
    [Fact]
    public void ANullStringInANonNullableFieldIsAnAvroExceptionNotAnEmptyString()
    {
        using var generated = GeneratedAssembly.For(TestSchemas.Files("shared.avsc"));
        var money = generated.FromJson("com.acme.common.Money", """{"units":1,"currency":"EUR"}""");
        // Simulate a caller that ignored the nullable warning (e.g. `Currency = null!`).
        money.GetType().GetProperty("Currency")!.SetValue(money, null);

        Assert.Contains("string value is null", Assert.Throws<AvroDataException>(() => generated.Serialize("com.acme.common.Money", money)).Message);
        Assert.Contains("string value is null", Assert.Throws<AvroDataException>(() => generated.ToJson("com.acme.common.Money", money)).Message);
    }
}

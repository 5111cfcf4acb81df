using System.Text;
using Avro.Codegen.Cli.Commands;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Tests;

public class CodecCommandTests
{
    private static AvroSchema Schema(string json) => SchemaParser.Parse(json).Schema!;

    private static readonly AvroSchema Record = Schema("""
        {"type": "record", "name": "R", "namespace": "n", "fields": [
          {"name": "id", "type": "long"}, {"name": "name", "type": ["null", "string"]},
          {"name": "m", "type": {"type": "map", "values": "int"}}]}
        """);

    private static (int Code, byte[] Output, string Error) FromJson(AvroSchema schema, string json, DatumFraming? framing = null, bool javaOrder = true)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var code = FromJsonCommand.Run(schema, framing ?? DatumFraming.None, javaOrder, new MemoryStream(Encoding.UTF8.GetBytes(json)), output, error);
        return (code, output.ToArray(), error.ToString());
    }

    private static (int Code, string Output, string Error) ToJson(AvroSchema schema, byte[] data, DatumFraming? framing = null)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var code = ToJsonCommand.Run(schema, framing ?? DatumFraming.None, true, new MemoryStream(data), output, error);
        return (code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void Fromjson_writes_datums_back_to_back_and_tojson_one_per_line()
    {
        var json = """
            {"id": 1, "name": null, "m": {}}
              {"id": -1, "name": {"string": "é"}, "m": {"a": 2}}
            """;
        var (code, bytes, error) = FromJson(Record, json);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(Hex("02 00 00" + "01 02 04C3A9 02 0261 04 00"), bytes);

        var back = ToJson(Record, bytes);
        Assert.Equal(0, back.Code);
        Assert.Equal("{\"id\":1,\"name\":null,\"m\":{}}\n{\"id\":-1,\"name\":{\"string\":\"é\"},\"m\":{\"a\":2}}\n", back.Output);
    }

    [Fact]
    public void Map_entries_come_out_in_the_order_java_avro_writes_them()
    {
        // The key order Java Avro 1.8.2 (Debian libavro-java) produced from this JSON, recorded from its output.
        var schema = Schema("""{"type": "map", "values": "string"}""");
        var json = """{"channel": "web", "campaign": "spring-sale-2024", "coupon": "SAVE10", "warehouse": "WH-EU-03", "carrier": "dhl-express", "priority": "high", "locale": "en-GB", "currency": "EUR", "device": "mobile-ios", "referrer": "newsletter"}""";
        var javaOrder = new[] { "referrer", "carrier", "coupon", "channel", "campaign", "currency", "warehouse", "priority", "locale", "device" };

        var (code, bytes, _) = FromJson(schema, json);
        Assert.Equal(0, code);
        Assert.Equal(javaOrder, KeysOf(bytes));

        var inputOrder = FromJson(schema, json, javaOrder: false);
        Assert.Equal(["channel", "campaign", "coupon", "warehouse", "carrier", "priority", "locale", "currency", "device", "referrer"], KeysOf(inputOrder.Output));
    }

    private static List<string> KeysOf(byte[] mapBytes)
    {
        var reader = new AvroReader(mapBytes);
        var keys = new List<string>();
        for (var n = reader.ReadBlockCount(); n != 0; n = reader.ReadBlockCount())
        {
            for (var i = 0; i < n; i++)
            {
                keys.Add(reader.ReadString());
                reader.ReadString();
            }
        }

        return keys;
    }

    [Fact]
    public void Confluent_framing_prefixes_each_datum_and_is_checked_on_read()
    {
        var framing = DatumFraming.Parse("confluent:42", forWriting: true, out _)!;
        var (code, bytes, _) = FromJson(Schema("\"int\""), "1 2", framing);
        Assert.Equal(0, code);
        Assert.Equal(Hex("00 0000002A 02 00 0000002A 04"), bytes);

        Assert.Equal("1\n2\n", ToJson(Schema("\"int\""), bytes, framing).Output);
        Assert.Equal("1\n2\n", ToJson(Schema("\"int\""), bytes, DatumFraming.Parse("confluent", forWriting: false, out _)).Output);

        var wrongId = ToJson(Schema("\"int\""), bytes, DatumFraming.Parse("confluent:7", forWriting: false, out _));
        Assert.Equal(2, wrongId.Code);
        Assert.Contains("not the expected id 7", wrongId.Error);
        Assert.Equal("", wrongId.Output);

        var badMagic = ToJson(Schema("\"int\""), Hex("00 0000002A 02 05 0000002A 04"), framing);
        Assert.Equal(2, badMagic.Code);
        Assert.Contains("datum 2 at byte offset 6: Unknown magic byte 0x05", badMagic.Error);
    }

    [Fact]
    public void Single_object_framing_checks_the_fingerprint()
    {
        var framing = DatumFraming.Parse("single-object", forWriting: true, out _)!;
        var (code, bytes, _) = FromJson(Schema("\"string\""), "\"a\"", framing);
        Assert.Equal(0, code);
        Assert.Equal(Hex("C301"), bytes[..2]);
        Assert.Equal(SchemaFingerprint.ToLittleEndianBytes(SchemaFingerprint.Crc64Avro(Schema("\"string\""))), bytes[2..10]);
        Assert.Equal(Hex("0261"), bytes[10..]);
        Assert.Equal("\"a\"\n", ToJson(Schema("\"string\""), bytes, framing).Output);

        var otherSchema = ToJson(Schema("\"bytes\""), bytes, framing);
        Assert.Equal(2, otherSchema.Code);
        Assert.Contains("fingerprint", otherSchema.Error);
    }

    [Theory]
    [InlineData("{\"id\": 1, \"name\": null, \"m\": {}} {\"id\": \"x\"}", "datum 2 at byte offset 40: Expected a long")]
    [InlineData("{\"id\": 1, \"name\": 5, \"m\": {}}", "datum 1 at byte offset 18: Expected a union value")]
    [InlineData("{\"id\": 1,", "Malformed JSON")]
    [InlineData("{\"id\": 1, \"nam\": null, \"m\": {}}", "lacks the field 'name'")]
    [InlineData("{\"id\": 1, \"id\": 2, \"name\": null, \"m\": {}}", "appears twice")]
    public void Bad_json_exits_2_with_a_located_one_line_message(string json, string message)
    {
        var (code, bytes, error) = FromJson(Record, json);
        Assert.Equal(2, code);
        Assert.Empty(bytes);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("02 00", "datum 1 at byte offset 2: Unexpected end of data")]
    [InlineData("02 04", "datum 1 at byte offset 1: Union branch index 2 is out of range")]
    [InlineData("02 02 FEFFFFFFFFFFFFFF7F", "datum 1 at byte offset 2: The string length")]
    [InlineData("02 00 00 02", "datum 2 at byte offset 4: Unexpected end of data")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF01", "Invalid long")]
    public void Bad_bytes_exit_2_with_the_offset(string hex, string message)
    {
        var (code, output, error) = ToJson(Record, Hex(hex));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Strings_are_escaped_as_java_avro_escapes_them()
    {
        var bytes = FromJson(Schema("\"string\""), "\"\\u0001\\t\\\"😀€\\u007F\"").Output;
        Assert.Equal("\"\\u0001\\t\\\"\\uD83D\\uDE00€\u007F\"\n", ToJson(Schema("\"string\""), bytes).Output);
    }

    [Fact]
    public void Framing_option_is_validated()
    {
        Assert.Null(DatumFraming.Parse("confluent", forWriting: true, out var problem));
        Assert.Contains("confluent:ID", problem);
        Assert.Null(DatumFraming.Parse("confluent:-1", forWriting: true, out _));
        Assert.Null(DatumFraming.Parse("protobuf", forWriting: false, out _));
        Assert.Equal(new DatumFraming(DatumFramingKind.Confluent, 5), DatumFraming.Parse("confluent:5", forWriting: true, out _));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        var error = new StringWriter();
        Assert.Equal(2, Shared.CliRunner.Run(Program.CreateRootCommand(), ["fromjson"], new StringWriter(), error));
        Assert.Contains("--schema", error.ToString());

        var badFraming = new StringWriter();
        Assert.Equal(2, Shared.CliRunner.Run(Program.CreateRootCommand(), ["tojson", "--schema", "x.avsc", "--framing", "nope"], new StringWriter(), badFraming));
        Assert.Contains("--framing 'nope' is not valid", badFraming.ToString());

        var missing = new StringWriter();
        Assert.Equal(2, Shared.CliRunner.Run(Program.CreateRootCommand(), ["tojson", "--schema", "/nonexistent/x.avsc"], new StringWriter(), missing));
        Assert.Contains("x.avsc", missing.ToString());
    }
}

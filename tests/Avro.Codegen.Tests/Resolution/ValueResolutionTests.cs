using Avro.Codegen.Resolution;
using Avro.Codegen.Schema.Compatibility;
using static Avro.Codegen.Tests.Resolution.ResolutionAssert;

namespace Avro.Codegen.Tests.Resolution;

public class ValueResolutionTests
{
    private static string Field(string type) => $$"""{"type":"record","name":"R","fields":[{"name":"v","type":{{type}}}]}""";

    [Theory]
    [InlineData("\"int\"", "\"long\"", "-123456", "-123456")]
    [InlineData("\"int\"", "\"float\"", "16777217", "16777216.0")]
    [InlineData("\"int\"", "\"double\"", "-2147483648", "-2147483648.0")]
    [InlineData("\"long\"", "\"float\"", "9007199254740993", "9007199254740992.0")]
    [InlineData("\"long\"", "\"double\"", "9007199254740993", "9007199254740992.0")]
    [InlineData("\"float\"", "\"double\"", "0.1", "0.10000000149011612")]
    [InlineData("\"string\"", "\"bytes\"", "\"h\u00e9\"", "\"h\u00c3\u00a9\"")]
    [InlineData("\"bytes\"", "\"string\"", "\"h\u00c3\u00a9\"", "\"h\u00e9\"")]
    public void Primitive_promotions(string writerType, string readerType, string written, string read)
    {
        Resolves(Field(writerType), Field(readerType), ($$"""{"v":{{written}}}""", $$"""{"v":{{read}}}"""));

        // The same promotion inside arrays and map values, across several blocks.
        Resolves(Field($$"""{"type":"array","items":{{writerType}}}"""), Field($$"""{"type":"array","items":{{readerType}}}"""),
            ($$"""{"v":[{{written}},{{written}}]}""", $$"""{"v":[{{read}},{{read}}]}"""));
        Resolves(Field($$"""{"type":"map","values":{{writerType}}}"""), Field($$"""{"type":"map","values":{{readerType}}}"""),
            ($$$"""{"v":{"a":{{{written}}},"b":{{{written}}}}}""", $$$"""{"v":{"a":{{{read}}},"b":{{{read}}}}}"""));
    }

    [Fact]
    public void Arrays_written_in_blocks_with_byte_sizes_are_read()
    {
        var plan = Plan(Field("""{"type":"array","items":"int"}"""), Field("""{"type":"array","items":"long"}"""));
        // Block of -2 items with byte size 2: items 1 and -1; then a block of 1 item: 2; then the end.
        var input = new byte[] { 3, 4, 2, 1, 2, 4, 0 };
        // Each writer block becomes one reader block of the same count (with a plain count).
        Assert.Equal([4, 2, 1, 2, 4, 0], plan.Transcode(input));
        Assert.True(Generic.GenericEquality.Equals(Generic.GenericJson.FromJson(plan.ReaderSchema, """{"v":[1,-1,2]}"""), plan.ReadGeneric(input)));
    }

    [Fact]
    public void Narrowing_is_not_a_promotion()
    {
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() => Plan(Field("\"long\""), Field("\"int\"")));
        Assert.Equal(SchemaIncompatibilityType.TypeMismatch, Assert.Single(e.Incompatibilities).Type);
        Assert.Contains("cannot be read as", Fails(Plan(Field("\"long\""), Field("\"int\""), ResolutionMode.PerValue), [2]).Message);
    }

    private const string WriterSuit = """{"type":"enum","name":"Suit","symbols":["CLUBS","HEARTS","SPADES","JOKER"]}""";

    [Fact]
    public void Enum_symbols_map_by_name_and_unknown_ones_take_the_readers_default()
    {
        const string reader = """{"type":"enum","name":"Suit","symbols":["UNKNOWN","SPADES","HEARTS","CLUBS"],"default":"UNKNOWN"}""";
        Resolves(Field(WriterSuit), Field(reader),
            ("""{"v":"CLUBS"}""", """{"v":"CLUBS"}"""),
            ("""{"v":"HEARTS"}""", """{"v":"HEARTS"}"""),
            ("""{"v":"SPADES"}""", """{"v":"SPADES"}"""),
            ("""{"v":"JOKER"}""", """{"v":"UNKNOWN"}"""));
    }

    [Fact]
    public void An_unknown_enum_symbol_without_reader_default_is_an_error_naming_the_symbol()
    {
        const string reader = """{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","CLUBS"]}""";
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() => Plan(Field(WriterSuit), Field(reader)));
        Assert.Equal("[JOKER]", Assert.Single(e.Incompatibilities).Message);

        var plan = Resolves(Field(WriterSuit), Field(reader), ResolutionMode.PerValue, ("""{"v":"SPADES"}""", """{"v":"SPADES"}"""));
        var failure = Fails(plan, [6]);
        Assert.Contains("'JOKER'", failure.Message);
        Assert.Equal(0, failure.Offset);
        Assert.Contains("out of range", Fails(plan, [8]).Message);
    }

    [Fact]
    public void Fixed_types_match_by_name_and_size()
    {
        Resolves(Field("""{"type":"fixed","name":"a.Id","size":3}"""), Field("""{"type":"fixed","name":"b.Id","size":3}"""),
            ("""{"v":"xyz"}""", """{"v":"xyz"}"""));
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() =>
            Plan(Field("""{"type":"fixed","name":"Id","size":3}"""), Field("""{"type":"fixed","name":"Id","size":4}""")));
        Assert.Equal(SchemaIncompatibilityType.FixedSizeMismatch, Assert.Single(e.Incompatibilities).Type);
        var lenient = Plan(Field("""{"type":"fixed","name":"Id","size":3}"""), Field("""{"type":"fixed","name":"Id","size":4}"""), ResolutionMode.PerValue);
        Assert.Contains("3 bytes", Fails(lenient, [1, 2, 3]).Message);
    }

    [Fact]
    public void Writer_union_branches_are_renumbered_for_the_reader_union()
    {
        Resolves(Field("""["null","int","string"]"""), Field("""["string","long","null","boolean"]"""),
            ("""{"v":null}""", """{"v":null}"""),
            ("""{"v":{"int":5}}""", """{"v":{"long":5}}"""),
            ("""{"v":{"string":"s"}}""", """{"v":{"string":"s"}}"""));
    }

    [Fact]
    public void A_plain_writer_value_takes_the_readers_exact_branch_before_a_promotion()
    {
        Resolves(Field("\"int\""), Field("""["null","long","int"]"""), ("""{"v":3}""", """{"v":{"int":3}}"""));
        Resolves(Field("\"int\""), Field("""["null","string","double","long"]"""), ("""{"v":3}""", """{"v":{"double":3.0}}"""));
        Resolves(Field("""{"type":"record","name":"a.P","fields":[{"name":"x","type":"int"}]}"""),
            Field("""["null",{"type":"record","name":"b.P","fields":[{"name":"x","type":"long"}]},{"type":"record","name":"a.P","fields":[{"name":"x","type":"int"}]}]"""),
            ("""{"v":{"x":1}}""", """{"v":{"a.P":{"x":1}}}"""));
        Resolves(Field("""{"type":"record","name":"a.P","fields":[{"name":"x","type":"int"}]}"""),
            Field("""["null",{"type":"record","name":"Q","fields":[{"name":"x","type":"long"}]},{"type":"record","name":"b.P","fields":[{"name":"x","type":"long"}]}]"""),
            ("""{"v":{"x":1}}""", """{"v":{"b.P":{"x":1}}}"""));
    }

    [Fact]
    public void A_writer_union_read_as_a_plain_type_reads_the_branches_it_can()
    {
        Resolves(Field("""["int","long"]"""), Field("\"double\""),
            ("""{"v":{"int":1}}""", """{"v":1.0}"""), ("""{"v":{"long":2}}""", """{"v":2.0}"""));
        Resolves(Field("""["bytes","string"]"""), Field("\"string\""),
            ("""{"v":{"bytes":"x"}}""", """{"v":"x"}"""), ("""{"v":{"string":"y"}}""", """{"v":"y"}"""));

        var e = Assert.Throws<AvroIncompatibleSchemaException>(() => Plan(Field("""["null","string"]"""), Field("\"string\"")));
        Assert.Equal(SchemaIncompatibilityType.TypeMismatch, Assert.Single(e.Incompatibilities).Type);

        var plan = Resolves(Field("""["null","string"]"""), Field("\"string\""), ResolutionMode.PerValue, ("""{"v":{"string":"x"}}""", """{"v":"x"}"""));
        Assert.Contains("null cannot be read as the reader's string", Fails(plan, [0]).Message);
    }

    [Fact]
    public void A_reader_union_without_a_matching_branch_fails_per_value()
    {
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() => Plan(Field("""["int","boolean"]"""), Field("""["null","long"]""")));
        Assert.Equal(SchemaIncompatibilityType.MissingUnionBranch, Assert.Single(e.Incompatibilities).Type);
        var plan = Resolves(Field("""["int","boolean"]"""), Field("""["null","long"]"""), ResolutionMode.PerValue, ("""{"v":{"int":9}}""", """{"v":{"long":9}}"""));
        Assert.Contains("has no branch for the writer's boolean", Fails(plan, [2, 1]).Message);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_fail_when_read_as_a_string_with_a_clear_error()
    {
        var plan = Plan(Field("\"bytes\""), Field("\"string\""));
        var input = new byte[] { 4, 0xC3, 0x28 };
        var e = Assert.ThrowsAny<AvroDataException>(() => plan.ReadGeneric(input));
        Assert.Contains("UTF-8", e.Message);
        Assert.Contains("resolved", e.Message);
        Assert.Equal("U+FFFD(", ((Generic.GenericAvroRecord)plan.ReadGeneric(input, new AvroReaderOptions { InvalidUtf8Handling = InvalidUtf8Handling.Replace })!)["v"] switch
        {
            string s => s.Replace("\uFFFD", "U+FFFD"),
            var other => other?.ToString(),
        });
    }

    [Fact]
    public void Values_written_back_to_back_are_resolved_one_at_a_time()
    {
        var plan = Plan(Field("\"int\""), Field("\"long\""));
        byte[] input = [2, 4, 6];
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var offset = 0;
        while (offset < input.Length)
        {
            offset += plan.Transcode(input.AsSpan(offset), output);
        }

        Assert.Equal(input, output.WrittenSpan.ToArray());
    }
}

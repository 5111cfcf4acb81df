using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema.Tests;

public class JsonParserTests
{
    private static (JsonValue? Value, List<SchemaError> Errors) Read(string text)
    {
        var errors = new List<SchemaError>();
        var value = JsonParser.Parse(text, "t.json", errors);
        return (value, errors);
    }

    private static SchemaError SingleError(string text)
    {
        var (value, errors) = Read(text);
        Assert.Null(value);
        return Assert.Single(errors);
    }

    [Fact]
    public void ReadsEveryKindOfValue()
    {
        var (value, errors) = Read("{\"a\": [1, -2.5e3, \"x\\n\\u00e9\\/\", true, false, null], \"b\": {}}");
        Assert.Empty(errors);
        var obj = Assert.IsType<JsonObject>(value);
        var a = Assert.IsType<JsonArray>(obj["a"]);
        Assert.Equal("1", Assert.IsType<JsonNumber>(a.Items[0]).Text);
        Assert.Equal("-2.5e3", Assert.IsType<JsonNumber>(a.Items[1]).Text);
        Assert.Equal("x\n\u00e9/", Assert.IsType<JsonString>(a.Items[2]).Value);
        Assert.True(Assert.IsType<JsonBoolean>(a.Items[3]).Value);
        Assert.False(Assert.IsType<JsonBoolean>(a.Items[4]).Value);
        Assert.IsType<JsonNull>(a.Items[5]);
        Assert.Empty(Assert.IsType<JsonObject>(obj["b"]).Properties);
    }

    [Fact]
    public void RecordsLineColumnOffsetAndLengthOfValuesAndNames()
    {
        var text = "{\n  \"name\": \"abc\",\r\n\t\"n\": 123\n}";
        var (value, errors) = Read(text);
        Assert.Empty(errors);
        var obj = Assert.IsType<JsonObject>(value);
        Assert.Equal(new SourceSpan("t.json", 1, 1, 4, 1, 0, text.Length), obj.Span);

        var name = obj.Properties[0];
        Assert.Equal(new SourceSpan("t.json", 2, 3, 2, 8, 4, 6), name.NameSpan);
        Assert.Equal(new SourceSpan("t.json", 2, 11, 2, 15, 12, 5), name.Value.Span);

        var n = obj.Properties[1];
        Assert.Equal(3, n.NameSpan!.StartLine);
        Assert.Equal(2, n.NameSpan.StartColumn);
        Assert.Equal(new SourceSpan("t.json", 3, 7, 3, 9, 26, 3), n.Value.Span);
        Assert.Equal("123", text.Substring(n.Value.Span!.Offset, n.Value.Span.Length));
    }

    [Fact]
    public void LoneCarriageReturnEndsALine()
    {
        var (value, _) = Read("[\r1]");
        var item = Assert.IsType<JsonArray>(value).Items[0];
        Assert.Equal(2, item.Span!.StartLine);
        Assert.Equal(1, item.Span.StartColumn);
    }

    [Fact]
    public void SkipsALeadingByteOrderMark()
    {
        var (value, errors) = Read("\uFEFF\"int\"");
        Assert.Empty(errors);
        Assert.Equal(1, value!.Span!.StartColumn);
    }

    [Theory]
    [InlineData("", 1, 1, "empty")]
    [InlineData("   ", 1, 4, "empty")]
    [InlineData("\"abc", 1, 1, "unterminated string")]
    [InlineData("[\"ab\ncd\"]", 1, 2, "unterminated string")]
    [InlineData("\"a\\qb\"", 1, 3, "invalid escape")]
    [InlineData("\"a\\u12G4\"", 1, 3, "four hexadecimal digits")]
    [InlineData("[1,]", 1, 4, "trailing comma")]
    [InlineData("{\"a\":1,}", 1, 8, "trailing comma")]
    [InlineData("[01]", 1, 2, "leading zeros")]
    [InlineData("-01", 1, 2, "leading zeros")]
    [InlineData("\"a\tb\"", 1, 3, "control character U+0009")]
    [InlineData("{} x", 1, 4, "after the end of the document")]
    [InlineData("[1] [2]", 1, 5, "after the end of the document")]
    [InlineData("[1, 2", 1, 6, "unexpected end of input")]
    [InlineData("{\"a\"", 1, 5, "unexpected end of input")]
    [InlineData("{\"a\":", 1, 6, "unexpected end of input")]
    [InlineData("{a:1}", 1, 2, "expected a member name")]
    [InlineData("{\"a\" 1}", 1, 6, "expected ':'")]
    [InlineData("[1 2]", 1, 4, "expected ',' or ']'")]
    [InlineData("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}'")]
    [InlineData("tru", 1, 1, "invalid literal")]
    [InlineData("nulls", 1, 1, "invalid literal")]
    [InlineData("True", 1, 1, "expected a value")]
    [InlineData("1.", 1, 3, "decimal point")]
    [InlineData("1e+", 1, 4, "exponent")]
    [InlineData("-", 1, 2, "digit")]
    [InlineData("+1", 1, 1, "expected a value")]
    [InlineData("'a'", 1, 1, "expected a value")]
    [InlineData("NaN", 1, 1, "expected a value")]
    [InlineData("[1,\n  @]", 2, 3, "'@'")]
    public void RejectsMalformedJsonWithItsPosition(string text, int line, int column, string fragment)
    {
        var error = SingleError(text);
        Assert.Equal(SchemaErrorCodes.MalformedJson, error.Code);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(fragment, error.Message);
        Assert.Equal("t.json", error.File);
    }

    [Fact]
    public void DuplicateMemberIsReportedAtTheSecondNameAndTheFirstIsKept()
    {
        var (value, errors) = Read("{\"a\": 1,\n \"a\": 2, \"b\": 3}");
        var error = Assert.Single(errors);
        Assert.Equal(SchemaErrorCodes.DuplicateMemberName, error.Code);
        Assert.Equal((2, 2), (error.Line, error.Column));
        var obj = Assert.IsType<JsonObject>(value);
        Assert.Equal(new[] { "a", "b" }, obj.Properties.Select(p => p.Name));
        Assert.Equal("1", obj["a"]!.ToJson());
    }

    [Fact]
    public void NestingBeyondTheLimitIsAnErrorNotAStackOverflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var error = SingleError(deep);
        Assert.Equal(SchemaErrorCodes.JsonTooDeep, error.Code);
        Assert.Equal(JsonParser.MaxDepth + 1, error.Column);

        var atLimit = new string('[', JsonParser.MaxDepth) + new string(']', JsonParser.MaxDepth);
        Assert.Empty(Read(atLimit).Errors);
    }

    [Fact]
    public void NumbersKeepTheirExactText()
    {
        var (value, _) = Read("[0, -0, 12345678901234567890123, 1E-7, 0.10]");
        Assert.Equal(new[] { "0", "-0", "12345678901234567890123", "1E-7", "0.10" },
            Assert.IsType<JsonArray>(value).Items.Select(i => ((JsonNumber)i).Text));
    }

    [Fact]
    public void SurrogatePairsAndEscapedSurrogatesAreKept()
    {
        var (value, errors) = Read("[\"\U0001F600\", \"\\ud83d\\ude00\"]");
        Assert.Empty(errors);
        var items = Assert.IsType<JsonArray>(value).Items;
        Assert.Equal("\U0001F600", ((JsonString)items[0]).Value);
        Assert.Equal("\U0001F600", ((JsonString)items[1]).Value);
    }

    [Fact]
    public void NullTextIsTreatedAsEmpty()
    {
        var errors = new List<SchemaError>();
        Assert.Null(JsonParser.Parse(null!, "x", errors));
        Assert.Equal(SchemaErrorCodes.MalformedJson, Assert.Single(errors).Code);
    }
}

public class JsonParserLineEndingTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void ErrorsAfterSeveralLinesAreLocatedWhateverTheLineEndings(string eol)
    {
        var text = "{" + eol + "  \"a\": 1," + eol + eol + "    \"b\": tru" + eol + "}";
        var errors = new List<SchemaError>();
        Assert.Null(JsonParser.Parse(text, "x.json", errors));
        var error = Assert.Single(errors);
        Assert.Equal((4, 10), (error.Line, error.Column));
        Assert.Equal(text.IndexOf("tru", StringComparison.Ordinal), error.Span.Offset);
    }
}

using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

public class DefaultValueTests
{
    private static string Field(string type, string @default) =>
        "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"f\", \"type\": " + type + ", \"default\": " + @default + "}]}";

    [Theory]
    [InlineData("'null'", "null")]
    [InlineData("'boolean'", "true")]
    [InlineData("'int'", "-2147483648")]
    [InlineData("'int'", "2147483647")]
    [InlineData("'long'", "9223372036854775807")]
    [InlineData("'long'", "-9223372036854775808")]
    [InlineData("'float'", "1.5e10")]
    [InlineData("'float'", "3")]
    [InlineData("'double'", "-0.0")]
    [InlineData("'bytes'", "'\\u00ff\\u0000abc'")]
    [InlineData("'string'", "'x'")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 2}", "'\\u00ffa'")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B']}", "'B'")]
    [InlineData("{'type': 'array', 'items': 'int'}", "[1, 2]")]
    [InlineData("{'type': 'array', 'items': 'int'}", "[]")]
    [InlineData("{'type': 'map', 'values': 'long'}", "{'a': 1}")]
    [InlineData("{'type': 'record', 'name': 'In', 'fields': [{'name': 'a', 'type': 'int'}, {'name': 'b', 'type': 'int', 'default': 0}]}", "{'a': 1}")]
    [InlineData("{'type': 'record', 'name': 'In', 'fields': [{'name': 'a', 'type': 'int'}]}", "{'a': 1, 'extra': 'ignored'}")]
    [InlineData("['null', 'int']", "null")]
    [InlineData("['int', 'null']", "5")]
    [InlineData("['null', 'int']", "5")]
    [InlineData("['int', 'string']", "'s'")]
    [InlineData("[{'type': 'enum', 'name': 'E', 'symbols': ['A']}, 'string']", "'zzz'")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 4}", "'\\u0001'")]
    [InlineData("{'type': 'int', 'logicalType': 'date'}", "19000")]
    public void ValidDefaults(string type, string @default)
    {
        var record = (RecordSchema)Valid(Q(Field(type, @default)));
        Assert.NotNull(record.Fields[0].Default);
    }

    [Theory]
    [InlineData("'null'", "0")]
    [InlineData("'boolean'", "'true'")]
    [InlineData("'int'", "2147483648")]
    [InlineData("'int'", "1.0")]
    [InlineData("'int'", "1e2")]
    [InlineData("'int'", "'1'")]
    [InlineData("'long'", "9223372036854775808")]
    [InlineData("'float'", "'NaN'")]
    [InlineData("'double'", "'Infinity'")]
    [InlineData("'double'", "null")]
    [InlineData("'bytes'", "'\\u0100'")]
    [InlineData("'bytes'", "[1]")]
    [InlineData("'string'", "1")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 2}", "'abc'")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': ['A']}", "'Z'")]
    [InlineData("{'type': 'map', 'values': 'int'}", "[]")]
    [InlineData("['null', 'int']", "'x'")]
    [InlineData("['int', 'string']", "null")]
    [InlineData("[]", "null")]
    public void InvalidDefaultIsLocatedAtTheValue(string type, string @default)
    {
        var text = Q(Field(type, @default));
        var marker = Q(@default);
        SingleErrorAt(text, SchemaErrorCodes.InvalidDefault, marker, text.Split(marker).Length - 1);
    }

    [Fact]
    public void InvalidDefaultInsideAnArrayPointsAtTheElement()
    {
        var text = Q(Field("{'type': 'array', 'items': 'int'}", "[1, 2, 'three']"));
        var error = SingleErrorAt(text, SchemaErrorCodes.InvalidDefault, "\"three\"");
        Assert.Contains("expected an integer", error.Message);
    }

    [Fact]
    public void InvalidDefaultInsideAMapPointsAtTheValue() =>
        SingleErrorAt(Q(Field("{'type': 'map', 'values': 'boolean'}", "{'a': true, 'b': 'no'}")), SchemaErrorCodes.InvalidDefault, Q("'no'"));

    [Fact]
    public void RecordDefaultMustGiveEveryFieldWithoutDefault()
    {
        var text = Q(Field("{'type': 'record', 'name': 'In', 'fields': [{'name': 'a', 'type': 'int'}, {'name': 'b', 'type': 'string'}]}", "{'a': 1}"));
        var error = SingleErrorAt(text, SchemaErrorCodes.InvalidDefault, Q("{'a': 1}"));
        Assert.Contains("no member 'b'", error.Message);
    }

    [Fact]
    public void RecordDefaultMemberOfTheWrongTypePointsAtIt() =>
        SingleErrorAt(Q(Field("{'type': 'record', 'name': 'In', 'fields': [{'name': 'a', 'type': 'int'}]}", "{'a': false}")), SchemaErrorCodes.InvalidDefault, "false");

    [Fact]
    public void UnionDefaultMatchingNoBranchNamesTheBranches()
    {
        var error = SchemaParser.Parse(Q(Field("['null', 'int', {'type': 'enum', 'name': 'E', 'symbols': ['A']}]", "'B'"))).Errors.Single();
        Assert.Equal("Invalid default for field 'f': the string \"B\" matches no branch of the union [null, int, E].", error.Message);
    }

    [Fact]
    public void DefaultsReferringToRecordsInOtherFilesAreCheckedAfterResolution()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("a.avsc", Q("{'type': 'record', 'name': 'A', 'fields': [{'name': 'b', 'type': 'B', 'default': {'x': 'not an int'}}]}")),
            new SchemaSource("b.avsc", Q("{'type': 'record', 'name': 'B', 'fields': [{'name': 'x', 'type': 'int'}]}")),
        });
        var error = Assert.Single(set.Errors);
        Assert.Equal((SchemaErrorCodes.InvalidDefault, "a.avsc"), (error.Code, error.File));
        Assert.True(set.Files[1].Success);
    }

    [Fact]
    public void SelectUnionBranchTakesTheFirstBranchThatMatches()
    {
        var union = (UnionSchema)Valid(Q("['null', 'string', 'bytes', 'double', 'long', {'type': 'array', 'items': 'int'}]"));
        Assert.Equal(0, SchemaDefaults.SelectUnionBranch(union, new JsonNull()));
        Assert.Equal(1, SchemaDefaults.SelectUnionBranch(union, new JsonString("abc")));
        Assert.Equal(1, SchemaDefaults.SelectUnionBranch(union, new JsonString("\u00ff")));
        Assert.Equal(3, SchemaDefaults.SelectUnionBranch(union, new JsonNumber("1")));
        Assert.Equal(5, SchemaDefaults.SelectUnionBranch(union, new JsonArray(new JsonValue[] { new JsonNumber("1") })));
        Assert.Equal(-1, SchemaDefaults.SelectUnionBranch(union, new JsonBoolean(true)));
    }

    [Fact]
    public void RecursiveRecordDefaultsAreCheckedByValue()
    {
        var text = Q(@"{'type': 'record', 'name': 'Node', 'fields': [
            {'name': 'v', 'type': 'int'},
            {'name': 'next', 'type': ['null', 'Node'], 'default': null},
            {'name': 'first', 'type': ['null', 'Node'], 'default': null}]}");
        var node = (RecordSchema)Valid(text);
        Assert.True(SchemaDefaults.IsValid(node, Parse("{'v': 1, 'next': {'v': 2, 'next': null}}")));
        Assert.False(SchemaDefaults.IsValid(node, Parse("{'v': 1, 'next': {'next': null}}")));
    }

    private static JsonValue Parse(string json) => JsonParser.Parse(Q(json), "x", new List<SchemaError>())!;
}

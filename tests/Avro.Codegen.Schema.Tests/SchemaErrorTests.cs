using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>Every error code, with its exact location.</summary>
public class SchemaErrorTests
{
    [Fact]
    public void MalformedJson() =>
        SingleErrorAt("{\"type\": \"record\",\n \"name\": \"R\",,}", SchemaErrorCodes.MalformedJson, ",}");

    [Fact]
    public void MalformedJsonHasExplicitLineAndColumn()
    {
        var result = SchemaParser.Parse("{\n  \"type\": \"enum\",\n  \"symbols\": [\"A\" \"B\"]\n}", "e.avsc");
        var error = Assert.Single(result.Errors);
        Assert.Equal("e.avsc(3,19): error AVRO001: Malformed JSON: unexpected '\"', expected ',' or ']'.", error.ToString());
    }

    [Fact]
    public void DuplicateMemberNameStillReportsLaterSchemaErrors()
    {
        var text = Q("{'type': 'record', 'name': 'R', 'name': 'S', 'fields': [{'name': 'a', 'type': 'Nope'}]}");
        var result = SchemaParser.Parse(text, "test.avsc");
        Assert.Equal(new[] { SchemaErrorCodes.DuplicateMemberName, SchemaErrorCodes.UnknownType }, result.Errors.Select(e => e.Code));
        Assert.Equal(Locate(text, "\"name\"", 2).Column, result.Errors[0].Column);
        Assert.Equal(Locate(text, "\"Nope\"").Column, result.Errors[1].Column);
    }

    [Fact]
    public void JsonTooDeep()
    {
        var text = new string('[', 300) + new string(']', 300);
        var error = Assert.Single(SchemaParser.Parse(text).Errors);
        Assert.Equal((SchemaErrorCodes.JsonTooDeep, 1, 257), (error.Code, error.Line, error.Column));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("['int', 12]")]
    public void InvalidSchema(string text) =>
        SingleErrorAt(Q(text), SchemaErrorCodes.InvalidSchema, text.StartsWith('[') ? "12" : text);

    [Theory]
    [InlineData("{'name': 'R'}", "{", "'type'")]
    [InlineData("{'type': 'record', 'fields': []}", "{", "'name'")]
    [InlineData("{'type': 'record', 'name': 'R'}", "{", "'fields'")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': [{'type': 'int'}]}", "{'type': 'int'}", "'name'")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': [{'name': 'f'}]}", "{'name': 'f'}", "'type'")]
    [InlineData("{'type': 'enum', 'name': 'E'}", "{", "'symbols'")]
    [InlineData("{'type': 'fixed', 'name': 'F'}", "{", "'size'")]
    [InlineData("{'type': 'array'}", "{", "'items'")]
    [InlineData("{'type': 'map'}", "{", "'values'")]
    public void MissingAttribute(string text, string marker, string attribute)
    {
        var error = SingleErrorAt(Q(text), SchemaErrorCodes.MissingAttribute, Q(marker));
        Assert.Contains(attribute, error.Message);
    }

    [Theory]
    [InlineData("{'type': 12}", "12")]
    [InlineData("{'type': {'type': 'int'}}", "{'type': 'int'}")]
    [InlineData("{'type': 'record', 'name': 7, 'fields': []}", "7")]
    [InlineData("{'type': 'record', 'name': 'R', 'namespace': 3, 'fields': []}", "3")]
    [InlineData("{'type': 'record', 'name': 'R', 'doc': ['d'], 'fields': []}", "['d']")]
    [InlineData("{'type': 'record', 'name': 'R', 'aliases': 'A', 'fields': []}", "'A'")]
    [InlineData("{'type': 'record', 'name': 'R', 'aliases': ['A', 1], 'fields': []}", "1")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': {}}", "{}")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': ['f']}", "'f'")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': [{'name': false, 'type': 'int'}]}", "false")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': [{'name': 'f', 'type': 'int', 'order': 1}]}", "1")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': [{'name': 'f', 'type': 'int', 'doc': 1}]}", "1")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': 'A'}", "'A'")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': ['A', null]}", "null")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': ['A'], 'default': 0}", "0")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': '16'}", "'16'")]
    public void WrongAttributeType(string text, string marker) =>
        SingleErrorAt(Q(text), SchemaErrorCodes.WrongAttributeType, Q(marker));

    [Theory]
    [InlineData("{'type': 'record', 'name': '1R', 'fields': []}", "'1R'")]
    [InlineData("{'type': 'record', 'name': 'R-x', 'fields': []}", "'R-x'")]
    [InlineData("{'type': 'record', 'name': '', 'fields': []}", "''")]
    [InlineData("{'type': 'record', 'name': 'a..R', 'fields': []}", "'a..R'")]
    [InlineData("{'type': 'record', 'name': '.R', 'fields': []}", "'.R'")]
    [InlineData("{'type': 'record', 'name': 'R.', 'fields': []}", "'R.'")]
    [InlineData("{'type': 'record', 'name': 'Ré', 'fields': []}", "'Ré'")]
    [InlineData("{'type': 'record', 'name': 'R', 'namespace': 'a.1b', 'fields': []}", "'a.1b'")]
    [InlineData("{'type': 'record', 'name': 'R', 'namespace': 'a.', 'fields': []}", "'a.'")]
    [InlineData("{'type': 'record', 'name': 'R', 'fields': [{'name': 'a b', 'type': 'int'}]}", "'a b'")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B-C']}", "'B-C'")]
    [InlineData("{'type': 'enum', 'name': 'E', 'symbols': ['9']}", "'9'")]
    public void InvalidName(string text, string marker) =>
        SingleErrorAt(Q(text), SchemaErrorCodes.InvalidName, Q(marker));

    [Theory]
    [InlineData("{'type': 'record', 'name': 'int', 'fields': []}", "'int'")]
    [InlineData("{'type': 'enum', 'name': 'com.acme.string', 'symbols': []}", "'com.acme.string'")]
    [InlineData("{'type': 'fixed', 'name': 'null', 'namespace': 'x', 'size': 1}", "'null'")]
    public void ReservedTypeName(string text, string marker) =>
        SingleErrorAt(Q(text), SchemaErrorCodes.ReservedTypeName, Q(marker));

    [Theory]
    [InlineData("'Missing'", "'Missing'")]
    [InlineData("{'type': 'Missing'}", "'Missing'")]
    [InlineData("{'type': 'record', 'name': 'R', 'namespace': 'n', 'fields': [{'name': 'a', 'type': 'Other'}]}", "'Other'")]
    [InlineData("'Int'", "'Int'")]
    [InlineData("'array'", "'array'")]
    [InlineData("{'type': 'array', 'items': 'record'}", "'record'")]
    [InlineData("['null', 'nope']", "'nope'")]
    public void UnknownType(string text, string marker) =>
        SingleErrorAt(Q(text), SchemaErrorCodes.UnknownType, Q(marker));

    [Fact]
    public void UnknownTypeExplainsComplexTypesAndTheNamesTried()
    {
        Assert.Contains("written as an object", SchemaParser.Parse("\"map\"").Errors[0].Message);
        var message = SchemaParser.Parse(Q("{'type': 'record', 'name': 'n.R', 'fields': [{'name': 'a', 'type': 'X'}]}")).Errors[0].Message;
        Assert.Contains("'n.X'", message);
    }

    [Fact]
    public void TypeUsedBeforeDefinitionInTheSameFile()
    {
        var text = Q(@"{'type': 'record', 'name': 'R', 'fields': [
  {'name': 'early', 'type': 'Later'},
  {'name': 'def', 'type': {'type': 'enum', 'name': 'Later', 'symbols': ['A']}}]}");
        var error = SingleErrorAt(text, SchemaErrorCodes.TypeUsedBeforeDefinition, "\"Later\"");
        Assert.Equal((2, 29), (error.Line, error.Column));
        Assert.Contains($"at {Locate(text, "\"Later\"", 2)}".Replace(", ", ","), error.Message);
    }

    [Fact]
    public void DuplicateTypeInOneFile()
    {
        var text = Q(@"{'type': 'record', 'name': 'R', 'namespace': 'n', 'fields': [
  {'name': 'a', 'type': {'type': 'enum', 'name': 'E', 'symbols': ['A']}},
  {'name': 'b', 'type': {'type': 'fixed', 'name': 'n.E', 'size': 1}}]}");
        var error = SingleErrorAt(text, SchemaErrorCodes.DuplicateType, "\"n.E\"");
        Assert.Equal((3, 51), (error.Line, error.Column));
        Assert.Contains("already defined at test.avsc(2,50)", error.Message);
    }

    [Fact]
    public void DuplicateFieldName() =>
        SingleErrorAt(Q("{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': 'int'}, {'name': 'a', 'type': 'long'}]}"),
            SchemaErrorCodes.DuplicateFieldName, Q("'a'"), 2);

    [Fact]
    public void InvalidFieldOrder() =>
        SingleErrorAt(Q("{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': 'int', 'order': 'ASCENDING'}]}"),
            SchemaErrorCodes.InvalidFieldOrder, Q("'ASCENDING'"));

    [Fact]
    public void DuplicateEnumSymbol() =>
        SingleErrorAt(Q("{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B', 'A']}"), SchemaErrorCodes.DuplicateEnumSymbol, Q("'A'"), 2);

    [Fact]
    public void InvalidEnumDefault() =>
        SingleErrorAt(Q("{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B'], 'default': 'C'}"), SchemaErrorCodes.InvalidEnumDefault, Q("'C'"));

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    [InlineData("1e3")]
    public void InvalidFixedSize(string size) =>
        SingleErrorAt($"{{\"type\": \"fixed\", \"name\": \"F\", \"size\": {size}}}", SchemaErrorCodes.InvalidFixedSize, size);

    [Fact]
    public void NestedUnion() =>
        SingleErrorAt(Q("['null', ['int', 'string']]"), SchemaErrorCodes.NestedUnion, Q("['int'"));

    [Theory]
    [InlineData("['int', 'string', 'int']", "'int'", 2)]
    [InlineData("['null', {'type': 'null'}]", "{", 1)]
    [InlineData("[{'type': 'array', 'items': 'int'}, {'type': 'array', 'items': 'string'}]", "{", 2)]
    [InlineData("[{'type': 'map', 'values': 'int'}, {'type': 'map', 'values': 'int'}]", "{", 2)]
    [InlineData("['int', {'type': 'int', 'logicalType': 'date'}]", "{", 1)]
    [InlineData("[{'type': 'enum', 'name': 'E', 'symbols': []}, 'E']", "'E'", 2)]
    public void DuplicateUnionBranch(string text, string marker, int occurrence) =>
        SingleErrorAt(Q(text), SchemaErrorCodes.DuplicateUnionBranch, Q(marker), occurrence);

    [Fact]
    public void AllErrorsOfAFileAreReportedInSourceOrder()
    {
        var text = Q(@"{'type': 'record', 'name': 'R', 'fields': [
  {'name': 'a', 'type': 'Nope'},
  {'name': 'b', 'type': 'int', 'default': 'x'},
  {'name': '1c', 'type': 'int'},
  {'name': 'd', 'type': {'type': 'enum', 'name': 'E', 'symbols': ['A', 'A']}},
  {'name': 'e', 'type': ['int', 'int']},
  {'name': 'f', 'type': {'type': 'fixed', 'name': 'F', 'size': -2}}]}");
        var result = SchemaParser.Parse(text, "test.avsc");
        Assert.Null(result.Schema);
        Assert.Equal(new[]
        {
            (SchemaErrorCodes.UnknownType, 2),
            (SchemaErrorCodes.InvalidDefault, 3),
            (SchemaErrorCodes.InvalidName, 4),
            (SchemaErrorCodes.DuplicateEnumSymbol, 5),
            (SchemaErrorCodes.DuplicateUnionBranch, 6),
            (SchemaErrorCodes.InvalidFixedSize, 7),
        }, result.Errors.Select(e => (e.Code, e.Line)));
    }

    [Fact]
    public void CatalogListsEveryCodeOnceAndInOrder()
    {
        var codes = typeof(SchemaErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(codes.OrderBy(c => c), SchemaErrorCodes.All.Select(e => e.Key));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^AVRO0[0-9][0-9]$", c));
    }

    [Fact]
    public void DiagnosticsDocumentDescribesEveryCode()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "diagnostics.md"));
        foreach (var (code, _) in SchemaErrorCodes.All)
        {
            Assert.Contains("## " + code, doc);
        }
    }

    [Fact]
    public void CannotReadIsLocatedAtTheStartOfTheFile() =>
        Assert.Equal("x.avsc(1,1): error AVRO030: Cannot read 'x.avsc': gone", SchemaErrorCodes.CannotRead("x.avsc", "gone").ToString());
}

public class DiagnosticsDocumentExampleTests
{
    /// <summary>Every complete JSON example under a code's heading in docs/diagnostics.md produces exactly that code.</summary>
    [Fact]
    public void DocumentedExamplesProduceTheirCode()
    {
        var doc = File.ReadAllText(Path.Combine(TestHelpers.RepoRoot, "docs", "diagnostics.md")).Replace("\r\n", "\n");
        var checkedCodes = new List<string>();
        foreach (var section in doc.Split("\n## ").Skip(1))
        {
            var code = section.Substring(0, 7);
            var start = section.IndexOf("```json\n", StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            start += 8;
            var example = section.Substring(start, section.IndexOf("```", start, StringComparison.Ordinal) - start);
            var result = SchemaParser.Parse(example, "example.avsc");
            Assert.True(result.Errors.Count > 0, code + ": the example has no error");
            Assert.Equal(code, result.Errors[0].Code);
            checkedCodes.Add(code);
        }

        Assert.True(checkedCodes.Count >= 18, string.Join(", ", checkedCodes));
    }
}

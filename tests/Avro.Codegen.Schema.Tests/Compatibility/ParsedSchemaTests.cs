using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Schema.Tests.Compatibility;

/// <summary>The checker on schemas from the real parser: name resolution and error locations come from parsing.</summary>
public sealed class ParsedSchemaTests
{
    private static AvroSchema Parse(string text, string path = "test.avsc")
    {
        var result = SchemaParser.Parse(text, path);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Schema!;
    }

    private static List<string> Check(string reader, string writer) =>
        SchemaCompatibility.CheckReaderWriter(Parse(reader), Parse(writer)).Incompatibilities.Select(i => i.ToString()).ToList();

    [Fact]
    public void Dotted_names_inherited_namespaces_and_aliases_resolve_as_in_Java()
    {
        // Inner inherits namespace "a" from Outer; the writer's Inner is b.Inner: unqualified names match.
        Assert.Empty(Check(
            """{"type":"record","name":"a.Outer","fields":[{"name":"i","type":{"type":"record","name":"Inner","fields":[]}}]}""",
            """{"type":"record","name":"Outer","namespace":"b","fields":[{"name":"i","type":{"type":"record","name":"Inner","fields":[]}}]}"""));

        // A short alias is qualified with the reader's namespace.
        Assert.Empty(Check("""{"type":"enum","name":"New","namespace":"n","aliases":["Old"],"symbols":["A"]}""",
            """{"type":"enum","name":"n.Old","symbols":["A"]}"""));
        Assert.Equal(new[] { "NAME_MISMATCH at /name: expected: m.Old" },
            Check("""{"type":"enum","name":"New","namespace":"n","aliases":["Old"],"symbols":["A"]}""",
                """{"type":"enum","name":"m.Old","symbols":["A"]}"""));
    }

    [Fact]
    public void Referenced_named_types_are_checked_where_they_are_used()
    {
        Assert.Equal(new[] { "MISSING_ENUM_SYMBOLS at /fields/1/type/items/symbols: [C]" }, Check(
            """{"type":"record","name":"R","fields":[{"name":"one","type":{"type":"enum","name":"E","symbols":["A","B"]},"default":"A"},{"name":"many","type":{"type":"array","items":"E"}}]}""",
            """{"type":"record","name":"R","fields":[{"name":"many","type":{"type":"array","items":{"type":"enum","name":"E","symbols":["A","B","C"]}}}]}"""));
    }

    [Fact]
    public void An_ambiguous_reader_field_is_located_in_the_reader_file()
    {
        const string readerText = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n  {\"name\":\"a\",\"type\":\"int\",\"aliases\":[\"b\"]}\n]}";
        var reader = Parse(readerText, "reader.avsc");
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""", "writer.avsc");

        var error = Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Errors);

        Assert.Equal("reader.avsc", error.File);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("reader.avsc(2,", error.ToString());
    }
}

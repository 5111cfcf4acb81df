using Avro.Codegen.Schema.Compatibility;
using static Avro.Codegen.Schema.Tests.Compatibility.CheckAssert;

namespace Avro.Codegen.Schema.Tests.Compatibility;

public sealed class RecordFieldTests
{
    [Fact]
    public void Fields_match_by_name_in_any_order_and_writer_only_fields_are_skipped()
    {
        Compatible("""{"type":"record","name":"R","fields":[{"name":"b","type":"long"},{"name":"a","type":"string"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"bytes"},{"name":"x","type":"boolean"},{"name":"b","type":"int"}]}""");
    }

    [Fact]
    public void A_reader_field_alias_finds_the_writer_field_and_its_type_is_checked()
    {
        Compatible("""{"type":"record","name":"R","fields":[{"name":"renamed","type":"long","aliases":["gone","old"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""");
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"renamed","type":"int","aliases":["old"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"old","type":"long"}]}""",
            "TYPE_MISMATCH | reader type: INT not compatible with writer type: LONG | /fields/0/type");
    }

    [Fact]
    public void Writer_field_aliases_are_not_used()
    {
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"renamed","type":"int","aliases":["old"]}]}""",
            "READER_FIELD_MISSING_DEFAULT_VALUE | old | /fields/0");
    }

    [Theory]
    [InlineData("null", """["null","int"]""")]
    [InlineData("0", "\"int\"")]
    [InlineData("\"\"", "\"string\"")]
    [InlineData("{}", """{"type":"record","name":"Inner","fields":[]}""")]
    [InlineData("[]", """{"type":"array","items":"int"}""")]
    public void Any_default_value_lets_a_new_reader_field_be_filled(string defaultJson, string typeJson)
    {
        Compatible($$"""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"added","type":{{typeJson}},"default":{{defaultJson}}}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
    }

    [Fact]
    public void Every_reader_field_without_a_writer_field_or_default_is_reported_at_its_reader_position()
    {
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"x","type":"int"},{"name":"a","type":"int"},{"name":"y","type":"string"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""",
            "READER_FIELD_MISSING_DEFAULT_VALUE | x | /fields/0",
            "READER_FIELD_MISSING_DEFAULT_VALUE | y | /fields/2");
    }

    [Fact]
    public void An_enum_default_does_not_stand_in_for_a_missing_field_default()
    {
        // Java compares the enum with the writer record itself on this path.
        var result = Incompatible(
            """{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}}]}""",
            """{"type":"record","name":"R","fields":[]}""",
            "TYPE_MISMATCH | reader type: ENUM not compatible with writer type: RECORD | /fields/0/type");
        Assert.IsType<EnumSchema>(result.Incompatibilities[0].Reader);
        Assert.IsType<RecordSchema>(result.Incompatibilities[0].Writer);
    }

    [Fact]
    public void A_missing_field_reports_the_two_records_as_fragments()
    {
        var reader = (RecordSchema)ModelJson.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var writer = (RecordSchema)ModelJson.Parse("""{"type":"record","name":"R","fields":[]}""");

        var finding = Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Incompatibilities);

        Assert.Same(reader, finding.Reader);
        Assert.Same(writer, finding.Writer);
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0: a", finding.ToString());
    }

    [Fact]
    public void A_type_mismatch_reports_the_two_field_types_as_fragments()
    {
        var reader = (RecordSchema)ModelJson.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var writer = (RecordSchema)ModelJson.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");

        var finding = Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Incompatibilities);

        Assert.Same(reader.Fields[0].Type, finding.Reader);
        Assert.Same(writer.Fields[0].Type, finding.Writer);
    }

    [Fact]
    public void A_reader_field_matching_two_writer_fields_cannot_be_judged()
    {
        var result = Check("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","aliases":["b"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""");

        Assert.False(result.IsCompatible);
        Assert.Empty(result.Incompatibilities);
        var error = Assert.Single(result.Errors);
        Assert.Equal(CompatibilityErrorCodes.AmbiguousWriterField, error.Code);
        Assert.Contains("reader field 'a' of record 'R' matches more than one field of writer record 'R': 'a', 'b' (alias)", error.Message);
    }

    [Fact]
    public void Two_aliases_matching_two_writer_fields_are_ambiguous_too()
    {
        var result = Check("""{"type":"record","name":"R","fields":[{"name":"n","type":"int","aliases":["x","y"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]}""");

        Assert.Equal(CompatibilityErrorCodes.AmbiguousWriterField, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void An_alias_repeating_the_field_name_counts_twice_as_in_Java()
    {
        var result = Check("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","aliases":["a"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");

        Assert.False(result.IsCompatible);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void An_ambiguous_field_error_points_at_the_reader_field_when_it_has_a_location()
    {
        var span = new Json.SourceSpan("reader.avsc", 3, 5, 3, 40, 30, 36);
        var reader = new RecordSchema("R");
        reader.SetFields(new[] { new RecordField("a", new PrimitiveSchema(SchemaKind.Int), 0, aliases: new[] { "b" }, span: span) });
        var writer = new RecordSchema("R");
        writer.SetFields(new[]
        {
            new RecordField("a", new PrimitiveSchema(SchemaKind.Int), 0),
            new RecordField("b", new PrimitiveSchema(SchemaKind.Int), 1),
        });

        var error = Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Errors);

        Assert.StartsWith("reader.avsc(3,5): error AVRO090: ", error.ToString());
    }

    [Fact]
    public void TryFindWriterField_reports_found_missing_and_ambiguous()
    {
        var writer = (RecordSchema)ModelJson.Parse("""{"type":"record","name":"W","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""");
        var reader = (RecordSchema)ModelJson.Parse(
            """{"type":"record","name":"W","fields":[{"name":"c","type":"int","aliases":["b"]},{"name":"d","type":"int"},{"name":"a","type":"int","aliases":["b"]}]}""");

        Assert.True(SchemaCompatibility.TryFindWriterField(writer, reader.Fields[0], out var byAlias));
        Assert.Same(writer.Fields[1], byAlias);
        Assert.True(SchemaCompatibility.TryFindWriterField(writer, reader.Fields[1], out var missing));
        Assert.Null(missing);
        Assert.False(SchemaCompatibility.TryFindWriterField(writer, reader.Fields[2], out var ambiguous));
        Assert.Null(ambiguous);
    }

    [Fact]
    public void Docs_order_and_custom_properties_are_ignored()
    {
        Compatible("""{"type":"record","name":"R","doc":"new","fields":[{"name":"a","type":"int","doc":"x","order":"descending","custom":1}]}""",
            """{"type":"record","name":"R","doc":"old","fields":[{"name":"a","type":"int","order":"ignore"}]}""");
    }

    [Fact]
    public void Findings_in_nested_records_carry_the_full_path()
    {
        Incompatible(
            """{"type":"record","name":"Outer","fields":[{"name":"pad","type":"int","default":1},{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"list","type":{"type":"array","items":{"type":"map","values":{"type":"fixed","name":"F","size":2}}}}]}}]}""",
            """{"type":"record","name":"Outer","fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"list","type":{"type":"array","items":{"type":"map","values":{"type":"fixed","name":"F","size":3}}}}]}}]}""",
            "FIXED_SIZE_MISMATCH | expected: 3, found: 2 | /fields/1/type/fields/0/type/items/values/size");
    }
}

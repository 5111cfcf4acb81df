using Avro.Codegen.Schema.Compatibility;
using static Avro.Codegen.Schema.Tests.Compatibility.CheckAssert;

namespace Avro.Codegen.Schema.Tests.Compatibility;

public sealed class NamedTypeTests
{
    [Theory]
    [InlineData("""{"type":"record","name":"R","namespace":"a","fields":[]}""", """{"type":"record","name":"R","namespace":"b","fields":[]}""")]
    [InlineData("""{"type":"record","name":"a.R","fields":[]}""", """{"type":"record","name":"R","fields":[]}""")]
    [InlineData("""{"type":"enum","name":"x.y.E","symbols":["A"]}""", """{"type":"enum","name":"E","namespace":"z","symbols":["A"]}""")]
    [InlineData("""{"type":"fixed","name":"F","namespace":"n1","size":2}""", """{"type":"fixed","name":"n2.F","size":2}""")]
    public void Names_match_on_the_unqualified_name_namespaces_are_ignored(string reader, string writer) => Compatible(reader, writer);

    [Fact]
    public void A_reader_alias_naming_the_writers_full_name_matches()
    {
        Compatible("""{"type":"record","name":"New","namespace":"n","aliases":["old.Old"],"fields":[]}""",
            """{"type":"record","name":"Old","namespace":"old","fields":[]}""");
        Compatible("""{"type":"enum","name":"New","aliases":["Old"],"symbols":["A"]}""", """{"type":"enum","name":"Old","symbols":["A"]}""");
        Compatible("""{"type":"fixed","name":"New","namespace":"n","aliases":["Old"],"size":1}""", """{"type":"fixed","name":"n.Old","size":1}""");
    }

    [Fact]
    public void A_short_reader_alias_is_in_the_readers_namespace()
    {
        // The alias "Old" means n.Old, which is not the writer's other.Old.
        Incompatible("""{"type":"record","name":"New","namespace":"n","aliases":["Old"],"fields":[]}""",
            """{"type":"record","name":"Old","namespace":"other","fields":[]}""",
            "NAME_MISMATCH | expected: other.Old | /name");
    }

    [Fact]
    public void Writer_aliases_are_not_used()
    {
        Incompatible("""{"type":"record","name":"Old","fields":[]}""", """{"type":"record","name":"New","aliases":["Old"],"fields":[]}""",
            "NAME_MISMATCH | expected: New | /name");
    }

    [Fact]
    public void A_name_mismatch_message_carries_the_writers_full_name()
    {
        Incompatible("""{"type":"enum","name":"A","namespace":"r","symbols":["X"]}""", """{"type":"enum","name":"B","namespace":"w","symbols":["X"]}""",
            "NAME_MISMATCH | expected: w.B | /name");
    }

    [Fact]
    public void Fixed_reports_name_then_size()
    {
        Incompatible("""{"type":"fixed","name":"A","size":16}""", """{"type":"fixed","name":"B","size":12}""",
            "NAME_MISMATCH | expected: B | /name",
            "FIXED_SIZE_MISMATCH | expected: 12, found: 16 | /size");
    }

    [Fact]
    public void A_renamed_record_still_has_its_fields_checked()
    {
        Incompatible("""{"type":"record","name":"A","fields":[{"name":"f","type":"int"}]}""", """{"type":"record","name":"B","fields":[]}""",
            "NAME_MISMATCH | expected: B | /name",
            "READER_FIELD_MISSING_DEFAULT_VALUE | f | /fields/0");
    }

    [Fact]
    public void Enum_symbol_order_and_extra_reader_symbols_do_not_matter()
    {
        Compatible("""{"type":"enum","name":"E","symbols":["C","B","A","D"]}""", """{"type":"enum","name":"E","symbols":["A","B","C"]}""");
    }

    [Fact]
    public void Missing_enum_symbols_are_listed_sorted_and_once()
    {
        Incompatible("""{"type":"enum","name":"E","symbols":["B"]}""", """{"type":"enum","name":"E","symbols":["Z","A","M","B","a"]}""",
            "MISSING_ENUM_SYMBOLS | [A, M, Z, a] | /symbols");
    }

    [Fact]
    public void A_reader_enum_default_covers_unknown_writer_symbols()
    {
        Compatible("""{"type":"enum","name":"E","symbols":["UNKNOWN","A"],"default":"UNKNOWN"}""", """{"type":"enum","name":"E","symbols":["A","B","C"]}""");
    }

    [Fact]
    public void A_writer_enum_default_does_not_help_the_reader()
    {
        Incompatible("""{"type":"enum","name":"E","symbols":["A"]}""", """{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}""",
            "MISSING_ENUM_SYMBOLS | [B] | /symbols");
    }

    [Fact]
    public void A_reader_enum_default_that_is_not_one_of_its_symbols_is_not_used()
    {
        // The parser rejects such a schema; a model built in code can still hold one, and Java ignores that default.
        var reader = new EnumSchema("E", null, new[] { "A" }, defaultSymbol: "Z");
        var writer = new EnumSchema("E", null, new[] { "A", "B" });

        var result = SchemaCompatibility.CheckReaderWriter(reader, writer);

        Assert.Equal(new[] { "MISSING_ENUM_SYMBOLS | [B] | /symbols" }, Lines(result));
    }

    [Fact]
    public void Enum_name_and_symbols_are_both_reported()
    {
        Incompatible("""{"type":"enum","name":"E1","symbols":["A"]}""", """{"type":"enum","name":"E2","symbols":["A","B"]}""",
            "NAME_MISMATCH | expected: E2 | /name",
            "MISSING_ENUM_SYMBOLS | [B] | /symbols");
    }

    [Fact]
    public void NamesMatch_is_public_for_schema_resolution()
    {
        var reader = new RecordSchema("R", "a", aliases: new[] { "b.Old" });
        Assert.True(SchemaCompatibility.NamesMatch(reader, new RecordSchema("R", "zzz")));
        Assert.True(SchemaCompatibility.NamesMatch(reader, new RecordSchema("Old", "b")));
        Assert.False(SchemaCompatibility.NamesMatch(reader, new RecordSchema("Old", "c")));
    }
}

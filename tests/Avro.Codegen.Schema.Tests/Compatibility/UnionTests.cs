using Avro.Codegen.Schema.Compatibility;
using static Avro.Codegen.Schema.Tests.Compatibility.CheckAssert;

namespace Avro.Codegen.Schema.Tests.Compatibility;

public sealed class UnionTests
{
    [Fact]
    public void A_reader_union_reads_a_writer_type_that_one_branch_reads_promotions_included()
    {
        Compatible("""["null","long"]""", "\"int\"");
        Compatible("""["string","null"]""", "\"bytes\"");
        Compatible("""["null",{"type":"record","name":"New","aliases":["Old"],"fields":[]}]""", """{"type":"record","name":"Old","fields":[]}""");
    }

    [Fact]
    public void A_reader_union_without_a_readable_branch_lacks_the_writer_type()
    {
        Incompatible("""["null","string"]""", "\"int\"", "MISSING_UNION_BRANCH | reader union lacking writer type: INT | /");
        Incompatible("[]", "\"int\"", "MISSING_UNION_BRANCH | reader union lacking writer type: INT | /");
        Incompatible("""["null",{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}]""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""",
            "MISSING_UNION_BRANCH | reader union lacking writer type: RECORD | /");
    }

    [Fact]
    public void A_non_union_reader_must_read_every_writer_branch_each_reported_at_its_index()
    {
        Incompatible("\"string\"", """["null","int","bytes"]""",
            "TYPE_MISMATCH | reader type: STRING not compatible with writer type: NULL | /0",
            "TYPE_MISMATCH | reader type: STRING not compatible with writer type: INT | /1");
        Compatible("\"double\"", """["int","long","float"]""");
    }

    [Fact]
    public void A_required_field_does_not_read_a_nullable_writer_field()
    {
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"f","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"f","type":["null","int"]}]}""",
            "TYPE_MISMATCH | reader type: INT not compatible with writer type: NULL | /fields/0/type/0");
    }

    [Fact]
    public void Findings_inside_a_writer_branch_keep_their_path_below_the_branch_index()
    {
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""",
            """["null",{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}]""",
            "TYPE_MISMATCH | reader type: RECORD not compatible with writer type: NULL | /0",
            "TYPE_MISMATCH | reader type: INT not compatible with writer type: LONG | /1/fields/0/type");
    }

    [Fact]
    public void An_empty_writer_union_is_read_by_anything()
    {
        Compatible("\"int\"", "[]");
        Compatible("[]", "[]");
        Compatible("""{"type":"record","name":"R","fields":[]}""", "[]");
    }

    [Fact]
    public void Between_two_unions_branch_order_does_not_matter_and_new_reader_branches_are_fine()
    {
        Compatible("""["string","null","int"]""", """["null","string"]""");
        Compatible("""["null","double"]""", """["int","null","float"]""");
    }

    [Fact]
    public void Between_two_unions_an_unreadable_branch_is_reported_without_its_inner_details()
    {
        var result = Incompatible(
            """["null",{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"c","type":"int"}]}]""",
            """["null",{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}]""",
            "MISSING_UNION_BRANCH | reader union lacking writer type: RECORD | /1");

        // The fragments are the two unions, as in Java.
        Assert.IsType<UnionSchema>(result.Incompatibilities[0].Reader);
        Assert.IsType<UnionSchema>(result.Incompatibilities[0].Writer);
    }

    [Fact]
    public void Removing_a_branch_reports_each_lost_branch()
    {
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"f","type":["null"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"f","type":["null","string",{"type":"array","items":"int"},{"type":"map","values":"int"},{"type":"fixed","name":"F","size":1},{"type":"enum","name":"E","symbols":["A"]}]}]}""",
            "MISSING_UNION_BRANCH | reader union lacking writer type: STRING | /fields/0/type/1",
            "MISSING_UNION_BRANCH | reader union lacking writer type: ARRAY | /fields/0/type/2",
            "MISSING_UNION_BRANCH | reader union lacking writer type: MAP | /fields/0/type/3",
            "MISSING_UNION_BRANCH | reader union lacking writer type: FIXED | /fields/0/type/4",
            "MISSING_UNION_BRANCH | reader union lacking writer type: ENUM | /fields/0/type/5");
    }
}

using Avro.Codegen.Schema.Compatibility;
using static Avro.Codegen.Schema.Tests.Compatibility.CheckAssert;

namespace Avro.Codegen.Schema.Tests.Compatibility;

public sealed class RecursionAndMemoTests
{
    private const string IntList = """{"type":"record","name":"List","fields":[{"name":"head","type":"int"},{"name":"tail","type":["null","List"]}]}""";
    private const string LongList = """{"type":"record","name":"List","fields":[{"name":"head","type":"long"},{"name":"tail","type":["null","List"]}]}""";

    [Fact]
    public void Recursive_records_terminate_and_promote()
    {
        Compatible(IntList, IntList);
        Compatible(LongList, IntList);
    }

    [Fact]
    public void A_problem_in_a_recursive_record_is_reported_once_where_it_is_first_met()
    {
        Incompatible(IntList, LongList, "TYPE_MISMATCH | reader type: INT not compatible with writer type: LONG | /fields/0/type");
    }

    [Fact]
    public void Mutually_recursive_records_are_checked()
    {
        const string v1 = """{"type":"record","name":"A","fields":[{"name":"b","type":["null",{"type":"record","name":"B","fields":[{"name":"a","type":["null","A"]},{"name":"n","type":"int"}]}]}]}""";
        const string v2 = """{"type":"record","name":"A","fields":[{"name":"b","type":["null",{"type":"record","name":"B","fields":[{"name":"a","type":["null","A"]},{"name":"n","type":"int"},{"name":"m","type":"int"}]}]}]}""";

        Compatible(v1, v1);
        Compatible(v1, v2);
        Incompatible(v2, v1, "MISSING_UNION_BRANCH | reader union lacking writer type: RECORD | /fields/0/type/1");
    }

    [Fact]
    public void A_recursive_record_built_in_code_terminates()
    {
        var reader = new RecordSchema("Tree");
        reader.SetFields(new[] { new RecordField("children", new ArraySchema(reader), 0), new RecordField("v", new PrimitiveSchema(SchemaKind.Double), 1) });
        var writer = new RecordSchema("Tree");
        writer.SetFields(new[] { new RecordField("v", new PrimitiveSchema(SchemaKind.Float), 0), new RecordField("children", new ArraySchema(writer), 1) });

        Assert.True(SchemaCompatibility.CheckReaderWriter(reader, writer).IsCompatible);
        Assert.Equal(new[] { "TYPE_MISMATCH | reader type: FLOAT not compatible with writer type: DOUBLE | /fields/0/type" },
            Lines(SchemaCompatibility.CheckReaderWriter(writer, reader)));
    }

    [Fact]
    public void A_named_pair_met_twice_repeats_its_first_findings_as_Java_and_Python_do()
    {
        // Both checkers memoize per pair of schema objects, findings and locations included; python3-avro 1.11 gives
        // the same two entries at /fields/0/type/size for this pair.
        Incompatible("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":4}},{"name":"b","type":"F"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":8}},{"name":"b","type":"F"}]}""",
            "FIXED_SIZE_MISMATCH | expected: 8, found: 4 | /fields/0/type/size",
            "FIXED_SIZE_MISMATCH | expected: 8, found: 4 | /fields/0/type/size");
    }

    [Fact]
    public void A_pair_first_met_in_a_union_branch_search_keeps_the_search_location_as_Java_and_Python_do()
    {
        // The branch search checks (Inner, Inner) from a fresh root, so field b later reports /fields/1 rather than
        // /fields/1/type/fields/1 (python3-avro 1.11: locations /fields/0/type and /fields/1).
        const string innerReader = """{"type":"record","name":"Inner","fields":[{"name":"w","type":"int"},{"name":"x","type":"int"}]}""";
        const string innerWriter = """{"type":"record","name":"Inner","fields":[{"name":"w","type":"int"}]}""";
        Incompatible(
            $$"""{"type":"record","name":"Top","fields":[{"name":"a","type":["null",{{innerReader}}]},{"name":"b","type":"Inner"}]}""",
            $$"""{"type":"record","name":"Top","fields":[{"name":"a","type":{{innerWriter}}},{"name":"b","type":"Inner"}]}""",
            "MISSING_UNION_BRANCH | reader union lacking writer type: RECORD | /fields/0/type",
            "READER_FIELD_MISSING_DEFAULT_VALUE | x | /fields/1");
    }

    [Fact]
    public void Shared_primitive_objects_do_not_replay_locations()
    {
        // Java parses each primitive occurrence into its own object, so each field reports its own location.
        var readerInt = new PrimitiveSchema(SchemaKind.Int);
        var writerLong = new PrimitiveSchema(SchemaKind.Long);
        var reader = new RecordSchema("R");
        reader.SetFields(new[] { new RecordField("a", readerInt, 0), new RecordField("b", readerInt, 1) });
        var writer = new RecordSchema("R");
        writer.SetFields(new[] { new RecordField("a", writerLong, 0), new RecordField("b", writerLong, 1) });

        Assert.Equal(new[]
        {
            "TYPE_MISMATCH | reader type: INT not compatible with writer type: LONG | /fields/0/type",
            "TYPE_MISMATCH | reader type: INT not compatible with writer type: LONG | /fields/1/type",
        }, Lines(SchemaCompatibility.CheckReaderWriter(reader, writer)));
    }

    [Fact]
    public void Each_check_starts_with_an_empty_memo()
    {
        var reader = ModelJson.Parse(IntList);
        var writer = ModelJson.Parse(LongList);

        Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Incompatibilities);
        Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Incompatibilities);
    }

    [Fact]
    public void Deep_nesting_reports_the_full_path()
    {
        const int depth = 300;
        AvroSchema reader = new PrimitiveSchema(SchemaKind.Int);
        AvroSchema writer = new PrimitiveSchema(SchemaKind.String);
        for (var i = 0; i < depth; i++)
        {
            reader = i % 2 == 0 ? new ArraySchema(reader) : new MapSchema(reader);
            writer = i % 2 == 0 ? new ArraySchema(writer) : new MapSchema(writer);
        }

        var finding = Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Incompatibilities);

        var expectedPath = string.Concat(Enumerable.Range(0, depth).Select(level => (depth - 1 - level) % 2 == 0 ? "/items" : "/values"));
        Assert.Equal(expectedPath, finding.Location);
        Assert.Equal("reader type: INT not compatible with writer type: STRING", finding.Message);
    }

    [Fact]
    public void Deeply_nested_records_report_the_full_path()
    {
        const int depth = 200;
        var reader = NestedRecords(depth, new PrimitiveSchema(SchemaKind.Boolean));
        var writer = NestedRecords(depth, new PrimitiveSchema(SchemaKind.Int));

        var finding = Assert.Single(SchemaCompatibility.CheckReaderWriter(reader, writer).Incompatibilities);

        Assert.Equal(string.Concat(Enumerable.Repeat("/fields/0/type", depth)), finding.Location);
    }

    [Fact]
    public void Schemas_too_deep_to_walk_give_an_error_not_a_crash()
    {
        // Far deeper than any stack: the check must stop with an error instead of overflowing.
        const int depth = 1_000_000;
        AvroSchema reader = new PrimitiveSchema(SchemaKind.Int);
        AvroSchema writer = new PrimitiveSchema(SchemaKind.Int);
        for (var i = 0; i < depth; i++)
        {
            reader = new ArraySchema(reader);
            writer = new ArraySchema(writer);
        }

        var result = SchemaCompatibility.CheckReaderWriter(reader, writer);

        Assert.False(result.IsCompatible);
        Assert.Equal(CompatibilityErrorCodes.TooDeep, Assert.Single(result.Errors).Code);
    }

    private static RecordSchema NestedRecords(int depth, AvroSchema leaf)
    {
        AvroSchema type = leaf;
        RecordSchema? record = null;
        for (var i = 0; i < depth; i++)
        {
            record = new RecordSchema("R" + i);
            record.SetFields(new[] { new RecordField("f", type, 0) });
            type = record;
        }

        return record!;
    }
}

using Avro.Codegen.Schema.Compatibility;
using static Avro.Codegen.Schema.Tests.Compatibility.CheckAssert;

namespace Avro.Codegen.Schema.Tests.Compatibility;

public sealed class PrimitiveRuleTests
{
    private static readonly string[] Primitives = { "null", "boolean", "int", "long", "float", "double", "bytes", "string" };

    // The spec's promotions (reader <- writer), written out rather than derived: everything else between two
    // different primitives is a TYPE_MISMATCH.
    private static readonly HashSet<(string Reader, string Writer)> Promotions = new()
    {
        ("long", "int"),
        ("float", "int"), ("float", "long"),
        ("double", "int"), ("double", "long"), ("double", "float"),
        ("string", "bytes"), ("bytes", "string"),
    };

    public static TheoryData<string, string> AllPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in Primitives)
        {
            foreach (var writer in Primitives)
            {
                data.Add(reader, writer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Primitive_pairs_follow_the_promotion_table(string reader, string writer)
    {
        var readerJson = $"\"{reader}\"";
        var writerJson = $"\"{writer}\"";
        if (reader == writer || Promotions.Contains((reader, writer)))
        {
            Compatible(readerJson, writerJson);
        }
        else
        {
            Incompatible(readerJson, writerJson,
                $"TYPE_MISMATCH | reader type: {reader.ToUpperInvariant()} not compatible with writer type: {writer.ToUpperInvariant()} | /");
        }
    }

    [Fact]
    public void Promotions_apply_inside_arrays_and_maps_but_not_narrowing()
    {
        Compatible("""{"type":"array","items":"double"}""", """{"type":"array","items":"float"}""");
        Compatible("""{"type":"map","values":"string"}""", """{"type":"map","values":"bytes"}""");
        Incompatible("""{"type":"map","values":{"type":"array","items":"float"}}""", """{"type":"map","values":{"type":"array","items":"double"}}""",
            "TYPE_MISMATCH | reader type: FLOAT not compatible with writer type: DOUBLE | /values/items");
    }

    [Fact]
    public void Logical_types_are_ignored_only_the_underlying_type_counts()
    {
        Compatible("""{"type":"int","logicalType":"date"}""", "\"int\"");
        Compatible("\"int\"", """{"type":"int","logicalType":"date"}""");
        Compatible("""{"type":"long","logicalType":"timestamp-millis"}""", """{"type":"int","logicalType":"date"}""");
        Compatible("""{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}""",
            """{"type":"bytes","logicalType":"decimal","precision":10,"scale":5}""");
        Incompatible("""{"type":"int","logicalType":"date"}""", """{"type":"long","logicalType":"timestamp-millis"}""",
            "TYPE_MISMATCH | reader type: INT not compatible with writer type: LONG | /");
    }

    [Fact]
    public void Logical_types_built_in_code_are_ignored_too()
    {
        var date = new PrimitiveSchema(SchemaKind.Int, LogicalType.Of(LogicalTypeKind.Date));
        var micros = new PrimitiveSchema(SchemaKind.Long, LogicalType.Of(LogicalTypeKind.TimestampMicros));
        var uuid = new PrimitiveSchema(SchemaKind.String, LogicalType.Of(LogicalTypeKind.Uuid));

        Assert.True(SchemaCompatibility.CheckReaderWriter(micros, date).IsCompatible);
        Assert.True(SchemaCompatibility.CheckReaderWriter(new PrimitiveSchema(SchemaKind.Bytes), uuid).IsCompatible);
        Assert.False(SchemaCompatibility.CheckReaderWriter(date, micros).IsCompatible);
    }

    [Fact]
    public void Complex_types_of_different_kinds_are_a_type_mismatch_at_the_root()
    {
        Incompatible("""{"type":"array","items":"int"}""", "\"int\"", "TYPE_MISMATCH | reader type: ARRAY not compatible with writer type: INT | /");
        Incompatible("""{"type":"record","name":"R","fields":[]}""", """{"type":"map","values":"int"}""",
            "TYPE_MISMATCH | reader type: RECORD not compatible with writer type: MAP | /");
        Incompatible("""{"type":"fixed","name":"F","size":4}""", "\"bytes\"", "TYPE_MISMATCH | reader type: FIXED not compatible with writer type: BYTES | /");
        Incompatible("\"bytes\"", """{"type":"fixed","name":"F","size":4}""", "TYPE_MISMATCH | reader type: BYTES not compatible with writer type: FIXED | /");
        Incompatible("""{"type":"enum","name":"E","symbols":["A"]}""", "\"string\"", "TYPE_MISMATCH | reader type: ENUM not compatible with writer type: STRING | /");
        Incompatible("\"string\"", """{"type":"enum","name":"E","symbols":["A"]}""", "TYPE_MISMATCH | reader type: STRING not compatible with writer type: ENUM | /");
        Incompatible("""{"type":"record","name":"R","fields":[]}""", """{"type":"enum","name":"R","symbols":["A"]}""",
            "TYPE_MISMATCH | reader type: RECORD not compatible with writer type: ENUM | /");
    }
}

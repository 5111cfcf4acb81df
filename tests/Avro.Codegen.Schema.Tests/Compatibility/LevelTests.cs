using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Schema.Tests.Compatibility;

public sealed class LevelTests
{
    // The registry's classic trap: v1 {f1}, v2 {f1, f2 = "foo"}; the candidate drops f2's default.
    private static readonly AvroSchema V1 = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"f1","type":"string"}]}""");
    private static readonly AvroSchema V2 = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"f1","type":"string"},{"name":"f2","type":"string","default":"foo"}]}""");
    private static readonly AvroSchema F2NoDefault = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"f1","type":"string"},{"name":"f2","type":"string"}]}""");
    private static readonly AvroSchema IntField = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"f1","type":"int"}]}""");

    [Fact]
    public void Backward_reads_only_the_latest_and_backward_transitive_every_version()
    {
        Assert.True(CompatibilityLevels.Check(CompatibilityLevel.Backward, F2NoDefault, new[] { V1, V2 }).IsCompatible);

        var transitive = CompatibilityLevels.Check(CompatibilityLevel.BackwardTransitive, F2NoDefault, new[] { V1, V2 });

        Assert.False(transitive.IsCompatible);
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: f2", Assert.Single(transitive.Incompatibilities).ToString());
        Assert.Equal(new[] { (1, CompatibilityDirection.NewReadsOld, true), (0, CompatibilityDirection.NewReadsOld, false) },
            transitive.Checks.Select(c => (c.HistoryIndex, c.Direction, c.IsCompatible)));
    }

    [Fact]
    public void Forward_mirrors_backward()
    {
        // Dropping f2 again: the latest (f2 without default) cannot read it; an older version with the default can.
        var history = new[] { V2, F2NoDefault };
        Assert.False(CompatibilityLevels.Check(CompatibilityLevel.Forward, V1, history).IsCompatible);
        Assert.True(CompatibilityLevels.Check(CompatibilityLevel.Forward, V1, new[] { F2NoDefault, V2 }).IsCompatible);
        Assert.False(CompatibilityLevels.Check(CompatibilityLevel.ForwardTransitive, V1, new[] { F2NoDefault, V2 }).IsCompatible);

        var forward = CompatibilityLevels.Check(CompatibilityLevel.Forward, V1, history);
        var check = Assert.Single(forward.Checks);
        Assert.Equal((1, CompatibilityDirection.OldReadsNew), (check.HistoryIndex, check.Direction));
    }

    [Fact]
    public void Transitive_levels_stop_at_the_newest_failing_version()
    {
        // Both v0 and v1 are unreadable; only the newest failure is reported.
        var history = new[] { IntField, IntField, V1 };
        var candidate = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"f1","type":"boolean"}]}""");

        var result = CompatibilityLevels.Check(CompatibilityLevel.BackwardTransitive, candidate, history);

        Assert.Equal(new[] { 2 }, result.Checks.Select(c => c.HistoryIndex));
        Assert.Equal("reader type: BOOLEAN not compatible with writer type: STRING", Assert.Single(result.Incompatibilities).Message);
    }

    [Fact]
    public void Full_runs_the_forward_half_before_the_backward_half_and_reports_both()
    {
        var result = CompatibilityLevels.Check(CompatibilityLevel.Full, IntField, new[] { V1 });

        Assert.False(result.IsCompatible);
        Assert.Equal(new[] { CompatibilityDirection.OldReadsNew, CompatibilityDirection.NewReadsOld }, result.Checks.Select(c => c.Direction));
        Assert.Equal(new[]
        {
            "TYPE_MISMATCH at /fields/0/type: reader type: STRING not compatible with writer type: INT",
            "TYPE_MISMATCH at /fields/0/type: reader type: INT not compatible with writer type: STRING",
        }, result.Incompatibilities.Select(i => i.ToString()));
    }

    [Fact]
    public void Full_fails_when_only_one_half_fails()
    {
        // int -> long: the new schema reads the old data, the old schema cannot read the new.
        var longField = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"f1","type":"long"}]}""");

        Assert.True(CompatibilityLevels.Check(CompatibilityLevel.Backward, longField, new[] { IntField }).IsCompatible);
        var full = CompatibilityLevels.Check(CompatibilityLevel.Full, longField, new[] { IntField });
        Assert.False(full.IsCompatible);
        Assert.Equal(new[] { false, true }, full.Checks.Select(c => c.IsCompatible));
    }

    [Fact]
    public void Full_transitive_checks_every_version_both_ways()
    {
        var result = CompatibilityLevels.Check(CompatibilityLevel.FullTransitive, V2, new[] { V1, V2 });

        Assert.True(result.IsCompatible);
        Assert.Equal(new[] { (1, CompatibilityDirection.OldReadsNew), (1, CompatibilityDirection.NewReadsOld), (0, CompatibilityDirection.OldReadsNew), (0, CompatibilityDirection.NewReadsOld) },
            result.Checks.Select(c => (c.HistoryIndex, c.Direction)));
    }

    [Theory]
    [InlineData(CompatibilityLevel.None)]
    [InlineData(CompatibilityLevel.Backward)]
    [InlineData(CompatibilityLevel.BackwardTransitive)]
    [InlineData(CompatibilityLevel.Forward)]
    [InlineData(CompatibilityLevel.ForwardTransitive)]
    [InlineData(CompatibilityLevel.Full)]
    [InlineData(CompatibilityLevel.FullTransitive)]
    public void An_empty_history_is_compatible_at_every_level(CompatibilityLevel level)
    {
        var result = CompatibilityLevels.Check(level, IntField, Array.Empty<AvroSchema>());

        Assert.True(result.IsCompatible);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public void None_checks_nothing_even_for_unrelated_types()
    {
        var result = CompatibilityLevels.Check(CompatibilityLevel.None, new PrimitiveSchema(SchemaKind.String), new[] { IntField });

        Assert.True(result.IsCompatible);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public void A_check_that_cannot_be_judged_fails_the_level_with_its_error()
    {
        var ambiguousReader = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"a","type":"int","aliases":["b"]}]}""");
        var writer = ModelJson.Parse("""{"type":"record","name":"r","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""");

        var result = CompatibilityLevels.Check(CompatibilityLevel.Backward, ambiguousReader, new[] { writer });

        Assert.False(result.IsCompatible);
        Assert.Equal(CompatibilityErrorCodes.AmbiguousWriterField, Assert.Single(result.Errors).Code);
        Assert.Equal(CompatibilityErrorCodes.AmbiguousWriterField, Assert.Single(Assert.Single(result.Checks).Errors).Code);
    }

    [Theory]
    [InlineData("NONE", CompatibilityLevel.None)]
    [InlineData("BACKWARD", CompatibilityLevel.Backward)]
    [InlineData("BACKWARD_TRANSITIVE", CompatibilityLevel.BackwardTransitive)]
    [InlineData("FORWARD", CompatibilityLevel.Forward)]
    [InlineData("FORWARD_TRANSITIVE", CompatibilityLevel.ForwardTransitive)]
    [InlineData("FULL", CompatibilityLevel.Full)]
    [InlineData("FULL_TRANSITIVE", CompatibilityLevel.FullTransitive)]
    [InlineData("full_transitive", CompatibilityLevel.FullTransitive)]
    [InlineData("Backward", CompatibilityLevel.Backward)]
    public void Registry_names_parse(string text, CompatibilityLevel expected)
    {
        Assert.True(CompatibilityLevels.TryParse(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("FULLTRANSITIVE")]
    [InlineData("FULL-TRANSITIVE")]
    [InlineData(" BACKWARD")]
    [InlineData("TRANSITIVE")]
    public void Other_text_does_not_parse(string? text) => Assert.False(CompatibilityLevels.TryParse(text, out _));

    [Fact]
    public void Registry_names_round_trip_and_are_upper_snake_case()
    {
        Assert.Equal(new[] { "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE" },
            CompatibilityLevels.All.Select(CompatibilityLevels.ToRegistryName));
        foreach (var level in CompatibilityLevels.All)
        {
            Assert.True(CompatibilityLevels.TryParse(CompatibilityLevels.ToRegistryName(level), out var parsed));
            Assert.Equal(level, parsed);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => CompatibilityLevels.ToRegistryName((CompatibilityLevel)99));
    }

    [Fact]
    public void Incompatibility_type_names_are_Javas()
    {
        Assert.Equal(new[] { "NAME_MISMATCH", "FIXED_SIZE_MISMATCH", "MISSING_ENUM_SYMBOLS", "READER_FIELD_MISSING_DEFAULT_VALUE", "TYPE_MISMATCH", "MISSING_UNION_BRANCH" },
            Enum.GetValues<SchemaIncompatibilityType>().Select(t => t.ToJavaName()));
        foreach (var type in Enum.GetValues<SchemaIncompatibilityType>())
        {
            Assert.True(SchemaIncompatibilityTypeNames.TryParseJavaName(type.ToJavaName(), out var parsed));
            Assert.Equal(type, parsed);
        }

        Assert.False(SchemaIncompatibilityTypeNames.TryParseJavaName("type_mismatch", out _));
        Assert.False(SchemaIncompatibilityTypeNames.TryParseJavaName(null, out _));
    }
}

namespace Avro.Codegen.Cli.Tests.Compat;

public sealed class CompatCommandTests : CompatCliFixture
{
    private const string V1 = "{'type':'record','name':'r','fields':[{'name':'f1','type':'string'}]}";
    private const string V2 = "{'type':'record','name':'r','fields':[{'name':'f1','type':'string'},{'name':'f2','type':'string','default':'foo'}]}";
    private const string F2NoDefault = "{'type':'record','name':'r','fields':[{'name':'f1','type':'string'},{'name':'f2','type':'string'}]}";

    [Fact]
    public void A_compatible_pair_exits_0_and_prints_nothing()
    {
        var run = Run("compat", "--reader", Write("v2.avsc", V2), "--writer", Write("v1.avsc", V1));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void An_incompatible_pair_exits_1_with_one_line_per_incompatibility()
    {
        var reader = Write("r.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'int'},{'name':'e','type':{'type':'enum','name':'E','symbols':['X']}},{'name':'b','type':'string'}]}");
        var writer = Write("w.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'long'},{'name':'e','type':{'type':'enum','name':'E','symbols':['Y','X','W']}}]}");

        var run = Run("compat", "--reader", reader, "--writer", writer);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "TYPE_MISMATCH at /fields/0/type: reader type: INT not compatible with writer type: LONG\n" +
            "MISSING_ENUM_SYMBOLS at /fields/1/type/symbols: [W, Y]\n" +
            "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2: b\n",
            run.Output);
    }

    [Fact]
    public void Named_types_can_come_from_schema_dirs()
    {
        var dir = Path.GetDirectoryName(Write("types/address.avsc", "{'type':'record','name':'Address','namespace':'com.example','fields':[{'name':'street','type':'string'}]}"))!;
        var reader = Write("reader.avsc", "{'type':'record','name':'User','namespace':'com.example','fields':[{'name':'home','type':'Address'},{'name':'work','type':'Address'}]}");
        var writer = Write("writer.avsc", "{'type':'record','name':'User','namespace':'com.example','fields':[{'name':'home','type':'Address'}]}");

        var run = Run("compat", "--reader", reader, "--writer", writer, "--schema-dir", dir);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: work\n", run.Output);
        Assert.Equal(0, Run("compat", "--reader", writer, "--writer", reader, "--schema-dir", dir).ExitCode);

        // Without the folder the reference cannot be resolved.
        AssertBadInput(Run("compat", "--reader", reader, "--writer", writer), "AVRO015");
    }

    [Fact]
    public void A_file_inside_a_schema_dir_is_not_defined_twice()
    {
        var dir = Path.GetDirectoryName(Write("schemas/address.avsc", "{'type':'record','name':'Address','fields':[{'name':'street','type':'string'}]}"))!;
        var user = Write("schemas/user.avsc", "{'type':'record','name':'User','fields':[{'name':'home','type':'Address'}]}");

        var run = Run("compat", "--reader", user, "--writer", user, "--schema-dir", dir);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void An_invalid_schema_exits_2_with_located_errors()
    {
        var bad = Write("bad.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'nope'}]}");
        var good = Write("good.avsc", V1);

        AssertBadInput(Run("compat", "--reader", bad, "--writer", good), "AVRO015");
        AssertBadInput(Run("compat", "--reader", good, "--writer", bad), "AVRO015");
        AssertBadInput(Run("compat", "--reader", good, "--writer", Write("broken.avsc", "{'type':")), "AVRO001");
    }

    [Fact]
    public void Errors_of_both_files_are_reported_together()
    {
        var run = Run("compat", "--reader", Write("a.avsc", "{'type':"), "--writer", Path.Combine(Dir, "missing.avsc"));

        AssertBadInput(run, "AVRO001");
        Assert.Contains("error AVRO030:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_schema_dir_exits_2()
    {
        var good = Write("good.avsc", V1);

        AssertBadInput(Run("compat", "--reader", Path.Combine(Dir, "nope.avsc"), "--writer", good), "AVRO030");
        AssertBadInput(Run("compat", "--reader", good, "--writer", good, "--schema-dir", Path.Combine(Dir, "no-such-dir")), "AVRO030");
        AssertBadInput(Run("compat", "--level", "BACKWARD", "--new", good, "--previous", Path.Combine(Dir, "gone.avsc")), "AVRO030");
    }

    [Fact]
    public void A_pair_that_cannot_be_judged_exits_1_with_the_reason()
    {
        var reader = Write("r.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'int','aliases':['b']}]}");
        var writer = Write("w.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'int'},{'name':'b','type':'int'}]}");

        var run = Run("compat", "--reader", reader, "--writer", writer);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Matches(ErrorLine, run.Error.Trim());
        Assert.Contains("error AVRO090:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BACKWARD", 0)]
    [InlineData("BACKWARD_TRANSITIVE", 1)]
    [InlineData("backward_transitive", 1)]
    [InlineData("FORWARD", 0)]
    [InlineData("FULL", 0)]
    [InlineData("FULL_TRANSITIVE", 1)]
    [InlineData("NONE", 0)]
    public void Levels_check_the_history_given_oldest_first(string level, int expectedExit)
    {
        // The registry's trap: only BACKWARD_TRANSITIVE (and FULL_TRANSITIVE) read v1, which lacks f2.
        var run = Run("compat", "--level", level, "--new", Write("new.avsc", F2NoDefault), "--previous", Write("v1.avsc", V1), Write("v2.avsc", V2));

        Assert.Equal(expectedExit, run.ExitCode);
        if (expectedExit == 1)
        {
            Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: f2\n", run.Output);
        }
        else
        {
            Assert.Equal("", run.Output);
        }
    }

    [Fact]
    public void A_failing_level_names_the_version_and_direction_on_stderr()
    {
        var v1 = Write("v1.avsc", V1);
        var candidate = Write("new.avsc", F2NoDefault);

        var backward = Run("compat", "--level", "BACKWARD_TRANSITIVE", "--new", candidate, "--previous", v1, Write("v2.avsc", V2));
        Assert.Equal($"BACKWARD_TRANSITIVE: {candidate} cannot read data written with version 1 of 2 ({v1})", backward.Error.Trim());

        var forward = Run("compat", "--level", "FORWARD", "--new", v1, "--previous", candidate);
        Assert.Equal(1, forward.ExitCode);
        Assert.Equal($"FORWARD: version 1 of 1 ({candidate}) cannot read data written with {v1}", forward.Error.Trim());
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: f2\n", forward.Output);
    }

    [Fact]
    public void Previous_versions_may_be_given_with_repeated_options()
    {
        var run = Run("compat", "--level", "BACKWARD_TRANSITIVE", "--new", Write("new.avsc", F2NoDefault),
            "--previous", Write("v1.avsc", V1), "--previous", Write("v2.avsc", V2));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("version 1 of 2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_history_is_compatible()
    {
        var run = Run("compat", "--level", "FULL_TRANSITIVE", "--new", Write("new.avsc", V1));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void An_invalid_previous_version_exits_2()
    {
        AssertBadInput(Run("compat", "--level", "BACKWARD", "--new", Write("new.avsc", V1), "--previous", Write("v1.avsc", "[")), "AVRO001");
    }

    [Theory]
    [InlineData(new[] { "compat" }, "give --reader and --writer, or --level and --new")]
    [InlineData(new[] { "compat", "--reader", "R" }, "--reader needs --writer")]
    [InlineData(new[] { "compat", "--writer", "W" }, "--writer needs --reader")]
    [InlineData(new[] { "compat", "--new", "N" }, "--new needs --level")]
    [InlineData(new[] { "compat", "--level", "FULL" }, "--level needs --new")]
    [InlineData(new[] { "compat", "--previous", "P" }, "--new needs --level")]
    [InlineData(new[] { "compat", "--reader", "R", "--writer", "W", "--level", "FULL" }, "two different checks")]
    [InlineData(new[] { "compat", "--level", "SIDEWAYS", "--new", "N" }, "unknown compatibility level 'SIDEWAYS'")]
    [InlineData(new[] { "compat", "--reader" }, "avro-codegen: error:")]
    [InlineData(new[] { "compat", "--reader", "R", "--writer", "W", "--bogus" }, "avro-codegen: error:")]
    public void Wrong_usage_exits_2_with_a_reason(string[] args, string expected) => AssertUsage(Run(args), expected);
}

public sealed class CompatProcessTests : CompatCliFixture
{
    [Fact]
    public void The_real_process_returns_the_exit_codes_and_streams()
    {
        var reader = Write("r.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'int'}]}");
        var writer = Write("w.avsc", "{'type':'record','name':'R','fields':[{'name':'a','type':'long'}]}");
        var bad = Write("bad.avsc", "{'type':'record'}");

        var incompatible = RunProcess("compat", "--reader", reader, "--writer", writer);
        Assert.Equal(1, incompatible.ExitCode);
        Assert.Equal("TYPE_MISMATCH at /fields/0/type: reader type: INT not compatible with writer type: LONG\n", incompatible.Output);

        Assert.Equal(0, RunProcess("compat", "--reader", writer, "--writer", reader).ExitCode);

        var invalid = RunProcess("compat", "--reader", bad, "--writer", writer);
        AssertBadInput(invalid, "AVRO011");
    }
}

namespace Avro.Codegen.Cli.Tests;

public class CanonicalCommandTests : CliTestBase
{
    [Fact]
    public void PrintsTheCanonicalFormAndANewline()
    {
        var file = Write("user.avsc", "{'type': 'record', 'name': 'User', 'namespace': 'a', 'doc': 'x', 'fields': [{'name': 'id', 'type': {'type': 'long', 'logicalType': 'timestamp-millis'}, 'default': 0}]}");
        var run = Run("canonical", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"name\":\"a.User\",\"type\":\"record\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}\n", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void SchemaDirAddsNamedTypesFromEveryAvscUnderIt()
    {
        Write("lib/nested/deeper/money.avsc", "{'type': 'fixed', 'name': 'm.Money', 'size': 8}");
        Write("lib/color.avsc", "{'type': 'enum', 'name': 'c.Color', 'symbols': ['RED']}");
        Write("other/shape.avsc", "{'type': 'enum', 'name': 's.Shape', 'symbols': ['ROUND']}");
        Write("lib/not-a-schema.txt", "not json");
        var file = Write("order.avsc", "{'type': 'record', 'name': 'Order', 'fields': [{'name': 'total', 'type': 'm.Money'}, {'name': 'c', 'type': 'c.Color'}, {'name': 's', 'type': 's.Shape'}]}");
        var run = Run("canonical", file, "--schema-dir", Path.Combine(Dir, "lib"), "--schema-dir", Path.Combine(Dir, "other"));
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"name\":\"Order\",\"type\":\"record\",\"fields\":[{\"name\":\"total\",\"type\":{\"name\":\"m.Money\",\"type\":\"fixed\",\"size\":8}}," +
            "{\"name\":\"c\",\"type\":{\"name\":\"c.Color\",\"type\":\"enum\",\"symbols\":[\"RED\"]}},{\"name\":\"s\",\"type\":{\"name\":\"s.Shape\",\"type\":\"enum\",\"symbols\":[\"ROUND\"]}}]}\n",
            run.Output);
    }

    [Fact]
    public void TheMainFileInsideTheSchemaDirIsNotADuplicate()
    {
        var file = Write("all/a.avsc", "{'type': 'record', 'name': 'A', 'fields': [{'name': 'b', 'type': 'B'}]}");
        Write("all/b.avsc", "{'type': 'record', 'name': 'B', 'fields': []}");
        var run = Run("canonical", file, "--schema-dir", Path.Combine(Dir, "all"));
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
    }

    [Fact]
    public void UnknownReferenceWithoutTheSchemaDir()
    {
        var file = Write("order.avsc", "{'type': 'record', 'name': 'Order', 'fields': [\n  {'name': 'total', 'type': 'm.Money'}]}");
        AssertFailure(Run("canonical", file), $"{file}(2,29): error AVRO015: Unknown type 'm.Money'.");
    }

    [Fact]
    public void MalformedJsonIsLocated()
    {
        var file = Write("bad.avsc", "{'type': 'enum',\n 'name': 'E', 'symbols': ['A',]}");
        AssertFailure(Run("canonical", file), $"{file}(2,31): error AVRO001: Malformed JSON: trailing comma before ']'.");
    }

    [Fact]
    public void EveryErrorOfTheFileIsPrinted()
    {
        var file = Write("bad.avsc", "{'type': 'record', 'name': 'R', 'fields': [\n{'name': 'a', 'type': 'Nope'},\n{'name': 'b', 'type': 'int', 'default': 'x'}]}");
        var run = Run("canonical", file);
        AssertFailure(run,
            $"{file}(2,23): error AVRO015: Unknown type 'Nope'.",
            $"{file}(3,41): error AVRO020: Invalid default for field 'b': expected an integer from -2147483648 to 2147483647 (int), but found the string \"x\".");
    }

    [Fact]
    public void ErrorsInOtherFilesOfTheSchemaDirFailTheCommand()
    {
        Write("lib/broken.avsc", "{'type': 'fixed', 'name': 'F'}");
        var file = Write("ok.avsc", "'int'");
        AssertFailure(Run("canonical", file, "--schema-dir", Path.Combine(Dir, "lib")),
            $"{Path.Combine(Dir, "lib", "broken.avsc")}(1,1): error AVRO011: Fixed 'F' is missing the required attribute 'size'.");
    }

    [Fact]
    public void DuplicateDefinitionAcrossTheSetIsReported()
    {
        Write("lib/one.avsc", "{'type': 'fixed', 'name': 'F', 'size': 1}");
        var file = Write("main.avsc", "{'type': 'fixed', 'name': 'F', 'size': 2}");
        var run = Run("canonical", file, "--schema-dir", Path.Combine(Dir, "lib"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error AVRO017: Type 'F' is already defined at " + file + "(1,27).", run.Error);
    }

    [Fact]
    public void MissingFileAndMissingFolder()
    {
        var missing = Path.Combine(Dir, "nope.avsc");
        AssertFailure(Run("canonical", missing), $"{missing}(1,1): error AVRO030: Cannot read '{missing}': no such file.");
        var file = Write("ok.avsc", "'int'");
        var noDir = Path.Combine(Dir, "no-such-dir");
        AssertFailure(Run("canonical", file, "--schema-dir", noDir), $"{noDir}(1,1): error AVRO030: Cannot read '{noDir}': no such folder.");
        AssertFailure(Run("canonical", Dir), $"{Dir}(1,1): error AVRO030: Cannot read '{Dir}': it is a folder, not a file.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("canonical")]
    [InlineData("canonical a.avsc b.avsc")]
    [InlineData("canonical a.avsc --schema-dir")]
    [InlineData("canonical a.avsc --bogus")]
    [InlineData("no-such-verb")]
    public void UsageErrorsExitWith2(string commandLine)
    {
        var run = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("avro-codegen: error: ", run.Error);
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public void HelpExitsWith0()
    {
        var run = Run("canonical", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--schema-dir", run.Output);
        Assert.Contains("fingerprint", Run("--help").Output);
    }
}

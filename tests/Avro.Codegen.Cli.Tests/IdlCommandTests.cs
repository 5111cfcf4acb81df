using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Tests;

/// <summary>The <c>idl</c> verb and the <c>.avdl</c> input of the other verbs.</summary>
public class IdlCommandTests : CliTestBase
{
    private const string Protocol = """
        /** Orders. */
        @namespace("shop")
        protocol Orders {
          import schema "money.avsc";
          enum Status { NEW, PAID } = NEW;
          record Order {
            long id;
            Money total;
            Status status = "NEW";
          }
          Order get(long id);
        }
        """;

    [Fact]
    public void PrintsTheProtocolJson()
    {
        Write("money.avsc", "{'type': 'fixed', 'name': 'Money', 'namespace': 'shop', 'size': 8}");
        var file = Write("orders.avdl", Protocol);
        var run = Run("idl", file);
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        var parsed = SchemaParser.ParseSet(new[] { new SchemaSource("/x/orders.avpr", run.Output) });
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors));
        var protocol = parsed.Files[0].Protocol!;
        Assert.Equal(("Orders", "shop", "Orders."), (protocol.Name, protocol.Namespace, protocol.Doc));
        Assert.Equal(new[] { "shop.Money", "shop.Status", "shop.Order" }, protocol.Types.Select(t => t.FullName));
        Assert.Equal("get", Assert.Single(protocol.Messages).Name);
        Assert.EndsWith("}\n", run.Output);
    }

    [Fact]
    public void PrintsTheMainSchemaOfTheSchemaSyntax()
    {
        var file = Write("user.avdl", "namespace a;\nschema User;\nrecord User { string name; timestamp_ms at; }");
        var run = Run("idl", file);
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        var schema = SchemaParser.Parse(run.Output, "out.avsc");
        Assert.True(schema.Success);
        Assert.Equal("{\"name\":\"a.User\",\"type\":\"record\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"at\",\"type\":\"long\"}]}",
            ParsingCanonicalForm.ToCanonicalJson(schema.Schema!));
    }

    [Fact]
    public void ImportDirsAreSearchedAfterTheImportingFilesFolder()
    {
        Write("lib/money.avsc", "{'type': 'fixed', 'name': 'Money', 'namespace': 'shop', 'size': 8}");
        var file = Write("src/orders.avdl", Protocol);
        AssertFailure(Run("idl", file), $"{file}(4,3): error AVRO062: Cannot import 'money.avsc': no such file (looked for '{Path.Combine(Dir, "src", "money.avsc")}').",
            $"{file}(8,5): error AVRO015: Unknown type 'Money'; looked for 'shop.Money' and 'Money'.");
        var run = Run("idl", file, "--import-dir", Path.Combine(Dir, "nowhere"), "--import-dir", Path.Combine(Dir, "lib"));
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
    }

    [Fact]
    public void OutWritesOneSelfContainedSchemaPerNamedType()
    {
        Write("money.avsc", "{'type': 'fixed', 'name': 'Money', 'namespace': 'shop', 'size': 8}");
        var file = Write("orders.avdl", Protocol);
        var outDir = Path.Combine(Dir, "out");
        var run = Run("idl", file, "--out", outDir);
        Assert.Equal((0, string.Empty, string.Empty), (run.ExitCode, run.Output, run.Error));
        Assert.Equal(new[] { "shop.Money.avsc", "shop.Order.avsc", "shop.Status.avsc" },
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Each file parses alone: the record's file defines the types it uses.
        var order = SchemaParser.Parse(File.ReadAllText(Path.Combine(outDir, "shop.Order.avsc")), "shop.Order.avsc");
        Assert.True(order.Success, string.Join("\n", order.Errors));
        Assert.Equal(3, order.DefinedTypes.Count);
    }

    [Fact]
    public void ErrorsAreLocatedAndTheExitCodeIsTwo()
    {
        var file = Write("bad.avdl", "schema R;\nrecord R {\n  string name\n  Missing m;\n}");
        AssertFailure(Run("idl", file), $"{file}(4,3): error AVRO060: Syntax error: expected ';' after the field, but found 'Missing'.");
        AssertFailure(Run("idl", Path.Combine(Dir, "none.avdl")), $"{Path.Combine(Dir, "none.avdl")}(1,1): error AVRO030: Cannot read '{Path.Combine(Dir, "none.avdl")}': no such file.");
        var typesOnly = Write("types.avdl", "namespace a; record R { }");
        AssertFailure(Run("idl", typesOnly), $"{typesOnly}(1,1): error AVRO068: The IDL file declares no main schema: add 'schema <type>;' after the namespace declaration.");
    }

    [Fact]
    public void SchemaVerbsAcceptAnAvdlWithAMainSchema()
    {
        var file = Write("user.avdl", "namespace a; schema User; record User { string name; }");
        var avsc = Write("user.avsc", "{'type': 'record', 'name': 'User', 'namespace': 'a', 'fields': [{'name': 'name', 'type': 'string'}]}");
        Assert.Equal(Run("canonical", avsc).Output, Run("canonical", file).Output);
        Assert.Equal(Run("fingerprint", avsc).Output, Run("fingerprint", file).Output);
        var compat = Run("compat", "--reader", file, "--writer", avsc);
        Assert.Equal((0, string.Empty), (compat.ExitCode, compat.Error));

        var protocol = Write("p.avdl", "protocol P { record R { } }");
        var noMain = $"{protocol}(1,1): error AVRO068: The IDL file declares no main schema: add 'schema <type>;' after the namespace declaration.";
        AssertFailure(Run("canonical", protocol), noMain);
        AssertFailure(Run("fingerprint", protocol), noMain);
        AssertFailure(Run("tojson", "--schema", protocol), noMain);
        AssertFailure(Run("fromjson", "--schema", protocol), noMain);
    }

    [Fact]
    public void SchemaDirsMayHoldAvdlFiles()
    {
        Write("lib/money.avdl", "namespace m; fixed Money(8);");
        var file = Write("order.avsc", "{'type': 'record', 'name': 'Order', 'fields': [{'name': 'total', 'type': 'm.Money'}]}");
        var run = Run("canonical", file, "--schema-dir", Path.Combine(Dir, "lib"));
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.Contains("\"m.Money\"", run.Output);
    }
}

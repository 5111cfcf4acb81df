using Avro.Codegen.Build.Tasks;
using Avro.Codegen.Schema;
using Avro.Codegen.TestRegistry;
using Microsoft.Build.Utilities;

namespace Avro.Codegen.Build.Tests;

/// <summary>Schemas defined in Avro IDL (.avdl) are checked and registered like .avsc ones; errors point into the .avdl.</summary>
public sealed class IdlGateTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly MockBuildEngine _engine = new();
    private TestRegistryServer _registry = null!;

    public async System.Threading.Tasks.Task InitializeAsync() => _registry = await TestRegistryServer.StartAsync();

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _dir.Dispose();
    }

    // 'email' is on line 6, column 10 (the field name).
    private const string UserIdl = """
        namespace com.acme;
        schema User;

        record User {
          long id;
          string email;
        }
        """;

    private TaskItem Item(string name, string text, string? topic = "users", string? strategy = null)
    {
        var item = new TaskItem(_dir.Write(name, text));
        if (topic is not null)
        {
            item.SetMetadata("Topic", topic);
        }

        if (strategy is not null)
        {
            item.SetMetadata("SubjectNameStrategy", strategy);
        }

        return item;
    }

    [Fact]
    public void AnIncompatibleFieldIsReportedAtItsAvdlLine()
    {
        _dir.Write("baseline/users-value.avsc", GateSchemas.UserV1);
        var task = new CheckAvroSchemaCompatibility
        {
            BuildEngine = _engine, Schemas = new[] { Item("src/user.avdl", UserIdl) }, BaselineDirectory = Path.Combine(_dir.Path, "baseline"),
            ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB001", error.Code);
        Assert.EndsWith("user.avdl", error.File);
        Assert.Equal((6, 10), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("'email'", error.Message);
    }

    [Fact]
    public void RegistersTheMainSchemaAsJsonNotIdl()
    {
        var task = new RegisterAvroSchemas { BuildEngine = _engine, Schemas = new[] { Item("user.avdl", UserIdl) }, RegistryUrl = _registry.Url(), ReadEnvironment = _ => null };

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        var body = Assert.Single(_registry.Requests(), r => r.Path() == "/subjects/users-value/versions").Body;
        Assert.Contains("\\\"type\\\":\\\"record\\\"", body);
        Assert.DoesNotContain("schema User", body);
    }

    [Fact]
    public void EachRecordOfAProtocolIsRegisteredUnderItsRecordNameSubject()
    {
        const string protocol = """
            @namespace("shop")
            protocol Shop {
              import schema "money.avsc";
              record Order { long id; Money total; }
              record Refund { long order; }
              error Oops { string why; }
              void cancel(long id) throws Oops;
            }
            """;
        _dir.Write("money.avsc", """{"type": "fixed", "name": "Money", "namespace": "shop", "size": 8}""");
        var task = new RegisterAvroSchemas
        {
            BuildEngine = _engine, Schemas = new[] { Item("shop.avdl", protocol, topic: null, strategy: "RecordName") }, RegistryUrl = _registry.Url(),
            ReadEnvironment = _ => null,
        };

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        Assert.Equal(new[] { "shop.Order", "shop.Refund" }, task.RegisteredSchemas.Select(s => s.GetMetadata("Subject")).Order(StringComparer.Ordinal));
        // The imported fixed is inlined: the registry knows nothing of the project's other files.
        var order = Assert.Single(_registry.Requests(), r => r.Path() == "/subjects/shop.Order/versions").Body;
        Assert.Contains("\\\"size\\\":8", order);
    }

    [Fact]
    public void OneTopicCannotNameSeveralRecords()
    {
        var task = new RegisterAvroSchemas
        {
            BuildEngine = _engine, Schemas = new[] { Item("two.avdl", "protocol P { record A { } record B { } }") }, RegistryUrl = _registry.Url(),
            ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());

        Assert.All(_engine.Errors, e => Assert.Equal("AVROB005", e.Code));
        Assert.Contains("declare the main schema", _engine.Errors[0].Message);
    }

    [Fact]
    public void IdlSyntaxErrorsAreReportedAtTheAvdl()
    {
        var task = new RegisterAvroSchemas
        {
            BuildEngine = _engine, Schemas = new[] { Item("bad.avdl", "schema R;\nrecord R { int x }") }, RegistryUrl = _registry.Url(),
            ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());

        Assert.Contains(_engine.Errors, e => e.Code == SchemaErrorCodes.IdlSyntax && e.LineNumber == 2 && e.ColumnNumber == 18);
    }
}

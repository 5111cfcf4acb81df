using Avro.Codegen.Gate;
using Avro.Codegen.Build.Tasks;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;
using Avro.Codegen.TestRegistry;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Task = System.Threading.Tasks.Task;
using static Avro.Codegen.TestUtilities.ShopSchemas;

namespace Avro.Codegen.Build.Tests;

/// <summary>
/// <c>AvroCodegen_SchemaReferences</c>: the register, check and download tasks with shared types across files, against
/// the registry emulator (which resolves references as Confluent's registry does).
/// </summary>
public sealed class SchemaReferenceGateTests : IAsyncLifetime
{
    // Order with a new field that has no default: a BACKWARD break.
    private const string OrderBroken = """
        {"type": "record", "name": "Order", "namespace": "shop.orders", "fields": [
          {"name": "id", "type": "long"},
          {"name": "lines", "type": {"type": "array", "items": "Line"}},
          {"name": "total", "type": "shop.common.Money"},
          {"name": "paidIn", "type": ["null", "shop.common.Currency"], "default": null},
          {"name": "channel", "type": "string"}]}
        """;

    private readonly TempDir _dir = new();
    private readonly MockBuildEngine _engine = new();
    private TestRegistryServer _server = null!;

    public async Task InitializeAsync() => _server = await TestRegistryServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private string LockPath => Path.Combine(_dir.Path, "avro-schemas.lock.json");

    // Money and Line have no metadata: with references they become subjects by the record-name strategy. Order has a topic.
    private ITaskItem[] Schemas(string order = Order)
    {
        var orderItem = new TaskItem(_dir.Write("schemas/order.avsc", order));
        orderItem.SetMetadata("Topic", "orders");
        return [new TaskItem(_dir.Write("schemas/common/money.avsc", Money)), new TaskItem(_dir.Write("schemas/line.avsc", Line)), orderItem];
    }

    private RegisterAvroSchemas Register(ITaskItem[] schemas, string references = "true") => new()
    {
        BuildEngine = _engine, Schemas = schemas, RegistryUrl = _server.BaseAddress.ToString(), SchemaReferences = references,
        LockFile = LockPath, ReadEnvironment = _ => null,
    };

    private CheckAvroSchemaCompatibility Check(ITaskItem[] schemas) => new()
    {
        BuildEngine = _engine, Schemas = schemas, RegistryUrl = _server.BaseAddress.ToString(), SchemaReferences = "true",
        LockFile = LockPath, ReadEnvironment = _ => null,
    };

    [Fact]
    public void Register_puts_each_shared_file_under_its_own_subject_first_and_references_it()
    {
        var task = Register(Schemas());

        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        var registry = _server.Registry;
        Assert.Equal(["orders-value", "shop.common.Money", "shop.orders.Line"], registry.GetSubjects().Order(StringComparer.Ordinal));
        var money = registry.GetLatestVersion("shop.common.Money");
        var line = registry.GetLatestVersion("shop.orders.Line");
        var order = registry.GetLatestVersion("orders-value");
        Assert.Empty(money.Schema.References);
        Assert.Equal([new RegistryReference("shop.common.Money", "shop.common.Money", 1)], line.Schema.References);
        Assert.Equal([new RegistryReference("shop.common.Money", "shop.common.Money", 1), new RegistryReference("shop.orders.Line", "shop.orders.Line", 1)],
            order.Schema.References);
        Assert.DoesNotContain("\"units\"", order.Schema.Schema, StringComparison.Ordinal);
        Assert.DoesNotContain("\"symbols\"", order.Schema.Schema, StringComparison.Ordinal);
        Assert.Contains(order.Id, registry.GetReferencedBy("shop.common.Money", "1"));

        // The outputs and messages name every subject; the lock file records the references.
        Assert.Equal(["orders-value", "shop.common.Money", "shop.orders.Line"], task.RegisteredSchemas.Select(i => i.GetMetadata("Subject")).Order(StringComparer.Ordinal));
        Assert.Contains(_engine.Messages, m => m.Message == $"orders-value -> {order.Id} (version 1, referencing shop.common.Money v1, shop.orders.Line v1)");
        var lockText = File.ReadAllText(LockPath);
        Assert.Contains("""
            "orders-value": { "id": 3, "version": 1, "fingerprint": 
            """.Trim(), lockText, StringComparison.Ordinal);
        Assert.Contains("""
            "references": [{ "name": "shop.common.Money", "subject": "shop.common.Money", "version": 1 }, { "name": "shop.orders.Line", "subject": "shop.orders.Line", "version": 1 }] }
            """.Trim(), lockText, StringComparison.Ordinal);
        var loaded = SchemaLockFile.Load(LockPath, [])!;
        Assert.Equal(2, loaded.Find("orders-value")!.References.Count);
        Assert.Equal(SchemaLockFile.FingerprintOf(SchemaParser.ParseSet([new SchemaSource("m", Money), new SchemaSource("l", Line), new SchemaSource("o", Order)]).NamedTypes["shop.orders.Order"]),
            loaded.Find("orders-value")!.Fingerprint);

        // Registering again changes nothing.
        Assert.True(Register(Schemas()).Execute());
        Assert.All(new[] { "orders-value", "shop.common.Money", "shop.orders.Line" }, s => Assert.Equal([1], registry.GetVersions(s)));
    }

    [Fact]
    public void Without_the_option_shared_types_are_inlined_and_only_subjects_with_metadata_are_registered()
    {
        Assert.True(Register(Schemas(), references: "false").Execute());

        Assert.Equal(["orders-value"], _server.Registry.GetSubjects());
        Assert.Contains("\"units\"", _server.Registry.GetLatestVersion("orders-value").Schema.Schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_tests_each_subject_with_references_and_fails_a_break_at_its_field()
    {
        Assert.True(Register(Schemas()).Execute());
        using var recorder = new BodyRecorder();

        var compatible = Check(Schemas());
        compatible.HttpHandler = recorder;
        Assert.True(compatible.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
        Assert.Equal(3, compatible.CheckedSchemas.Count(i => i.GetMetadata("Status") == "Compatible"));
        var orderCheck = Assert.Single(recorder.Bodies, b => b.Path.StartsWith("/compatibility/subjects/orders-value/", StringComparison.Ordinal));
        Assert.Contains("\"references\":[{\"name\":\"shop.common.Money\",\"subject\":\"shop.common.Money\",\"version\":1},{\"name\":\"shop.orders.Line\",\"subject\":\"shop.orders.Line\",\"version\":1}]",
            orderCheck.Body, StringComparison.Ordinal);

        var broken = Check(Schemas(OrderBroken));
        Assert.False(broken.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB001", error.Code);
        Assert.EndsWith("order.avsc", error.File, StringComparison.Ordinal);
        Assert.Contains("'channel'", error.Message, StringComparison.Ordinal);
        Assert.Contains("orders-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_before_the_shared_schema_is_registered_inlines_it()
    {
        // The topic's subject exists (self-contained, from before references); the shared subjects do not yet.
        Assert.True(Register(Schemas(), references: "false").Execute());

        var check = Check(Schemas());
        Assert.True(check.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        Assert.Contains(_engine.Messages, m => m.Message!.Contains("subject 'orders-value' is checked with the referenced types inlined: the schema of shop.common.Money is not registered under 'shop.common.Money' yet", StringComparison.Ordinal));
        Assert.Contains(check.CheckedSchemas, i => i.GetMetadata("Subject") == "shop.common.Money" && i.GetMetadata("Status") == "New");
    }

    [Fact]
    public void A_shared_schema_the_registry_refuses_stops_the_schemas_that_reference_it()
    {
        // The Money subject holds a Money whose units are a string: the project's Money breaks it.
        _server.Registry.Register("shop.common.Money", new RegistrySchema("""{"type":"record","name":"Money","namespace":"shop.common","fields":[{"name":"units","type":"string"}]}"""));

        Assert.False(Register(Schemas()).Execute());

        Assert.Contains(_engine.Errors, e => e.Code == "AVROB001" && e.File.EndsWith("money.avsc", StringComparison.Ordinal));
        Assert.Contains(_engine.Errors, e => e.Code == "AVROB015" && e.Message!.Contains("subject 'shop.orders.Line' was not registered: the schema it references, shop.common.Money (subject 'shop.common.Money'), was not", StringComparison.Ordinal));
        Assert.Contains(_engine.Errors, e => e.Code == "AVROB015" && e.File.EndsWith("order.avsc", StringComparison.Ordinal));
        Assert.Equal(["shop.common.Money"], _server.Registry.GetSubjects());
    }

    [Fact]
    public void Types_referring_to_each_other_across_files_are_AVROB015_at_the_schema()
    {
        var a = new TaskItem(_dir.Write("a.avsc", """{"type":"record","name":"A","namespace":"x","fields":[{"name":"b","type":["null","B"],"default":null}]}"""));
        var b = new TaskItem(_dir.Write("b.avsc", """{"type":"record","name":"B","namespace":"x","fields":[{"name":"a","type":["null","A"],"default":null}]}"""));
        a.SetMetadata("Topic", "as");

        Assert.False(Register([a, b]).Execute());

        var error = Assert.Single(_engine.Errors, e => e.File.EndsWith("a.avsc", StringComparison.Ordinal));
        Assert.Equal("AVROB015", error.Code);
        Assert.Contains("'x.A' -> 'x.B' -> 'x.A' refer to each other across files", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("as-value", _server.Registry.GetSubjects());
    }

    [Fact]
    public void Malformed_references_in_the_lock_file_are_AVROB010_at_the_entry()
    {
        File.WriteAllText(LockPath, """
            {
              "schemas": {
                "orders-value": { "id": 3, "version": 1, "fingerprint": "0123456789abcdef", "references": [{ "name": "shop.orders.Line", "subject": "shop.orders.Line" }] }
              }
            }
            """);
        var problems = new List<GateDiagnostic>();

        Assert.Null(SchemaLockFile.Load(LockPath, problems));

        var problem = Assert.Single(problems);
        Assert.Equal("AVROB010", problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Contains("\"references\" of subject 'orders-value' must be an array of objects with a string \"name\", a string \"subject\" and an integer \"version\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_option_value_is_AVROB006()
    {
        Assert.False(Register(Schemas(), references: "yes").Execute());
        Assert.Contains("AvroCodegen_SchemaReferences must be true or false, not 'yes'", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Download_writes_referenced_subjects_too_and_the_referrer_with_its_types_defined()
    {
        Assert.True(Register(Schemas()).Execute());
        var folder = Path.Combine(_dir.Path, "baseline");
        var download = new DownloadAvroSchemas
        {
            BuildEngine = _engine, Subjects = ["orders-value"], OutputDirectory = folder, RegistryUrl = _server.BaseAddress.ToString(), ReadEnvironment = _ => null,
        };

        Assert.True(download.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));

        Assert.Equal(["orders-value.avsc", "shop.common.Money.avsc", "shop.orders.Line.avsc"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var order = SchemaParser.Parse(File.ReadAllText(Path.Combine(folder, "orders-value.avsc")));
        Assert.True(order.Success, string.Join("; ", order.Errors.Select(e => e.Message)));
        var expected = SchemaParser.ParseSet([new SchemaSource("m", Money), new SchemaSource("l", Line), new SchemaSource("o", Order)]).NamedTypes["shop.orders.Order"];
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(expected), ParsingCanonicalForm.ToCanonicalJson(order.Schema!));
        Assert.True(SchemaParser.Parse(File.ReadAllText(Path.Combine(folder, "shop.orders.Line.avsc"))).Success);

        // The written baseline serves the offline check of the same project.
        var offline = new CheckAvroSchemaCompatibility
        {
            BuildEngine = _engine, Schemas = Schemas(OrderBroken), BaselineDirectory = folder, SchemaReferences = "true", ReadEnvironment = _ => null,
        };
        Assert.False(offline.Execute());
        Assert.Contains(_engine.Errors, e => e.Code == "AVROB001" && e.Message!.Contains("'channel'", StringComparison.Ordinal));
    }

    /// <summary>Passes requests to the network and keeps each request's path and body.</summary>
    private sealed class BodyRecorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<(string Path, string Body)> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Bodies)
            {
                Bodies.Add((request.RequestUri!.AbsolutePath, body));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

using Avro.Codegen.Build.Tasks;
using Avro.Codegen.TestRegistry;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Avro.Codegen.Build.Tests;

/// <summary>
/// The MSBuild gate task against the loopback registry emulator: what a build prints, where, and when it fails. The
/// emulator answers as the registry does; its fault injector supplies failures and the answers of other servers.
/// </summary>
public sealed class CheckTaskRegistryTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly MockBuildEngine _engine = new();
    private readonly Dictionary<string, string> _environment = new();
    private readonly TestRegistryOptions _options = new();
    private TestRegistryServer _registry = null!;

    public async System.Threading.Tasks.Task InitializeAsync() => _registry = await TestRegistryServer.StartAsync(options: _options);

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _dir.Dispose();
    }

    private CheckAvroSchemaCompatibility Task(params ITaskItem[] schemas) => new()
    {
        BuildEngine = _engine,
        Schemas = schemas,
        RegistryUrl = _registry.Url(),
        ReadEnvironment = name => _environment.TryGetValue(name, out var value) ? value : null,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    };

    private TaskItem Schema(string name, string text, string? topic = "users", string? subject = null, bool key = false)
    {
        var item = new TaskItem(_dir.Write(name, text));
        if (topic is not null) item.SetMetadata("Topic", topic);
        if (subject is not null) item.SetMetadata("Subject", subject);
        if (key) item.SetMetadata("IsKey", "true");
        return item;
    }

    [Fact]
    public void Incompatible_change_is_an_error_at_the_offending_field()
    {
        _registry.Seed("users-value", GateSchemas.UserHistory);
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB001", error.Code);
        Assert.Equal(Path.Combine(_dir.Path, "user.avsc"), error.File);
        Assert.Equal((7, 5), (error.LineNumber, error.ColumnNumber));
        Assert.StartsWith("subject 'users-value': The field 'email' at path '/fields/1' in the new schema has no default value", error.Message);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", error.Message);
        Assert.Contains("against version 3, level BACKWARD", error.Message);
        Assert.False(task.Completed);
        Assert.Equal("Incompatible", Assert.Single(task.CheckedSchemas).GetMetadata("Status"));
        var check = Assert.Single(_registry.Requests(), r => r.Method == "POST");
        Assert.Equal("/compatibility/subjects/users-value/versions/latest?verbose=true&normalize=false", check.Target);
        Assert.Equal("application/vnd.schemaregistry.v1+json", check.ContentType);
        Assert.Contains("\\\"email\\\"", check.Body);
    }

    [Fact]
    public void Compatible_change_passes_and_completes()
    {
        var latest = _registry.Seed("users-value", GateSchemas.UserHistory);
        var task = Task(Schema("user.avsc", GateSchemas.UserV1.Replace("\"long\"}", "\"long\"},{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}")));

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.True(task.Completed);
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("subject 'users-value' is compatible with version 3"));
        var outcome = Assert.Single(task.CheckedSchemas);
        Assert.Equal(("users-value", "Compatible", latest.Id.ToString(), "3"),
            (outcome.GetMetadata("Subject"), outcome.GetMetadata("Status"), outcome.GetMetadata("Id"), outcome.GetMetadata("Version")));
    }

    [Fact]
    public void New_subject_passes_is_reported_as_new_and_is_not_tested()
    {
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("subject 'users-value' is new"));
        Assert.Equal(0, _registry.Count("POST", "/compatibility/"));
        Assert.Equal("New", Assert.Single(task.CheckedSchemas).GetMetadata("Status"));
        Assert.True(task.Completed);
    }

    [Fact]
    public void Old_servers_404_on_the_compatibility_endpoint_means_new_subject()
    {
        // Before Confluent 6.1 a missing subject answered 404/40401 even for "latest".
        _registry.Seed("users-value", GateSchemas.UserHistory);
        _registry.Faults.PathContains = "/compatibility/";
        _registry.Faults.AnswerNext(1, 404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.True(task.Execute());
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("is new"));
    }

    [Fact]
    public void Forward_incompatibility_is_located_by_field_name_in_the_new_file()
    {
        // The old schema is the reader: its path /fields/1 is 'email', which the new file declares first (line 6).
        _registry.Seed("users-value", GateSchemas.UserV2);
        _registry.SetLevel("users-value", "FORWARD");
        var task = Task(Schema("user.avsc", GateSchemas.UserReordered));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        // Line 6 column 32 is the type of 'email' in the new file.
        Assert.Equal((6, 32), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("reader type: STRING not compatible with writer type: INT", error.Message);
        Assert.Contains("level FORWARD", error.Message);
    }

    [Fact]
    public void Nested_paths_point_into_the_nested_record()
    {
        // The registered Line.qty is a string; the file's is a long, which cannot read it (path /fields/1/type/items/fields/1/type).
        _registry.Seed("orders-value", GateSchemas.Order.Replace("{ \"name\": \"qty\", \"type\": \"long\" }", "{ \"name\": \"qty\", \"type\": \"string\" }"));
        var task = Task(Schema("order.avsc", GateSchemas.Order, topic: "orders"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(12, error.LineNumber);
        Assert.Contains("reader type: LONG not compatible with writer type: STRING", error.Message);
    }

    [Fact]
    public void Incompatible_without_reasons_is_still_an_error_at_the_schema()
    {
        // Not what Confluent's registry sends, but a registry-compatible server may.
        _registry.Seed("users-value", GateSchemas.UserHistory);
        _registry.Faults.PathContains = "/compatibility/";
        _registry.Faults.AnswerNext(1, 200, "{\"is_compatible\":false,\"messages\":[]}");
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB001", error.Code);
        Assert.Equal((1, 1), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("incompatible", error.Message);
    }

    [Fact]
    public void Unreachable_registry_fails_closed_by_default_and_names_the_url()
    {
        var closed = LoopbackPort.ClosedUrl();
        var task = Task(Schema("a.avsc", GateSchemas.UserV2), Schema("b.avsc", GateSchemas.Order, topic: "orders"));
        task.RegistryUrl = closed;
        task.Retries = "1";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB002", error.Code);
        Assert.Contains($"registry {closed} could not be reached", error.Message);
        Assert.Contains("2 attempts", error.Message);
        Assert.Contains("fails closed", error.Message);
        Assert.Equal(Path.Combine(_dir.Path, "a.avsc"), error.File);
        Assert.False(task.Completed);
    }

    [Fact]
    public void Unreachable_registry_is_a_warning_when_configured_and_the_check_is_not_complete()
    {
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));
        task.RegistryUrl = LoopbackPort.ClosedUrl();
        task.RegistryFailureSeverity = "Warning";
        task.Retries = "0";

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Equal("AVROB002", Assert.Single(_engine.Warnings).Code);
        Assert.False(task.Completed);
    }

    [Fact]
    public void Server_errors_are_retried_then_succeed()
    {
        _registry.Seed("users-value", GateSchemas.UserV2);
        // The first request is the GET of the latest version: it fails twice, then the retry gets the answer.
        _registry.Faults.FailNext(2, 503);
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.True(task.Execute());
        Assert.Equal(3, _registry.Count("GET", "/versions/latest"));
        Assert.Equal(new[] { 503, 503, 200 }, _registry.Requests().Where(r => r.Method == "GET").Select(r => r.Status));
    }

    [Fact]
    public void Persistent_server_errors_are_unreachable_after_the_retries()
    {
        _registry.Faults.AnswerNext(100, 500, "{\"error_code\":50001,\"message\":\"Register schema operation failed while writing to the Kafka store\"}");
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));
        task.Retries = "2";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB002", error.Code);
        Assert.Contains("answered 500", error.Message);
        Assert.Contains("Kafka store", error.Message);
        Assert.Equal(3, _registry.Requests().Count);
    }

    [Fact]
    public void Unauthorized_is_a_request_failure_with_a_hint_and_no_secret()
    {
        // The registry knows alice by another password.
        _options.BasicAuthUsers["alice"] = "other-password";
        _environment["AVRO_SCHEMA_REGISTRY_USER_INFO"] = "alice:s3cret-pa55";
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB003", error.Code);
        Assert.Contains("401", error.Message);
        Assert.Contains("AVRO_SCHEMA_REGISTRY_USER_INFO", error.Message);
        Assert.DoesNotContain("s3cret", _engine.AllText());
        Assert.Equal(401, Assert.Single(_registry.Requests()).Status);
    }

    [Fact]
    public void Basic_credentials_come_from_the_environment()
    {
        // The registry requires exactly these credentials: every request passing proves they were sent.
        _options.BasicAuthUsers["alice"] = "s3cret-pa55";
        _environment["AVRO_SCHEMA_REGISTRY_USER_INFO"] = "alice:s3cret-pa55";
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.True(task.Execute());

        Assert.NotEmpty(_registry.Requests());
        Assert.All(_registry.Requests(), r => Assert.Equal(("Basic", 404), (r.Authorization, r.Status)));
    }

    [Fact]
    public void Bearer_token_wins_over_basic_credentials()
    {
        // The registry accepts the token only, so a basic header would be refused.
        _options.BearerTokens.Add("tok-123456");
        _environment["AVRO_SCHEMA_REGISTRY_USER_INFO"] = "alice:s3cret-pa55";
        _environment["AVRO_SCHEMA_REGISTRY_BEARER_TOKEN"] = "tok-123456";
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.True(task.Execute());
        Assert.NotEmpty(_registry.Requests());
        Assert.All(_registry.Requests(), r => Assert.Equal("Bearer", r.Authorization));
    }

    [Fact]
    public void Credentials_in_the_url_are_used_but_never_printed()
    {
        // The registry requires these credentials: the first build passing proves the URL's were sent.
        _options.BasicAuthUsers["alice"] = "hunter2-xyz";
        var url = _registry.Url().Replace("http://", "http://alice:hunter2-xyz@");
        var passing = Task(Schema("user.avsc", GateSchemas.UserV2));
        passing.RegistryUrl = url;
        Assert.True(passing.Execute());
        Assert.All(_registry.Requests(), r => Assert.Equal(("Basic", 404), (r.Authorization, r.Status)));

        _registry.Stats.Reset();
        _registry.Faults.AnswerNext(1, 403, "{\"error_code\":40301,\"message\":\"User alice cannot access the resource\"}");
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));
        task.RegistryUrl = url;

        Assert.False(task.Execute());

        Assert.Equal("Basic", Assert.Single(_registry.Requests()).Authorization);
        var error = Assert.Single(_engine.Errors);
        Assert.Contains("registry " + _registry.Url() + " answered 403", error.Message);
        Assert.DoesNotContain("hunter2", _engine.AllText());
    }

    [Fact]
    public void Schema_rejected_by_the_registry_is_AVROB004()
    {
        _registry.Seed("users-value", GateSchemas.UserHistory);
        _registry.Faults.PathContains = "/compatibility/";
        _registry.Faults.AnswerNext(1, 422, "{\"error_code\":42201,\"message\":\"Invalid schema of type AVRO, details: bad default\"}");
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB004", error.Code);
        Assert.Contains("bad default", error.Message);
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void A_url_that_is_not_a_registry_is_reported_as_such()
    {
        _registry.Faults.AnswerNext(100, 200, "<html>hello</html>", "text/html");
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB003", error.Code);
        Assert.Contains("Confluent-compatible", error.Message);
    }

    [Fact]
    public void Timeout_is_reported_as_unreachable()
    {
        _registry.Faults.LatencyMs = 2500;
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));
        task.TimeoutSeconds = "1";
        task.Retries = "0";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB002", error.Code);
        Assert.Contains("did not answer within 1 s", error.Message);
    }

    [Theory]
    [InlineData("SubjectNameStrategy", "Topicish", "unknown subject name strategy 'Topicish'")]
    [InlineData("RegistryFailureSeverity", "fatal", "must be 'error' or 'warning'")]
    [InlineData("TimeoutSeconds", "soon", "AvroCodegen_RegistryTimeoutSeconds must be a whole number")]
    [InlineData("TimeoutSeconds", "0", "AvroCodegen_RegistryTimeoutSeconds must be a whole number")]
    [InlineData("Retries", "-1", "AvroCodegen_RegistryRetries must be a whole number")]
    [InlineData("MaxParallelism", "0", "AvroCodegen_RegistryParallelism must be a whole number")]
    [InlineData("RegistryUrl", "mock://tests", "mock:// registry lives inside one process")]
    [InlineData("RegistryUrl", "ftp://registry:21", "absolute http:// or https:// URL")]
    [InlineData("RegistryUrl", "not a url", "absolute http:// or https:// URL")]
    public void Invalid_options_are_AVROB006_and_send_nothing(string option, string value, string expected)
    {
        var task = Task(Schema("user.avsc", GateSchemas.UserV2));
        typeof(CheckAvroSchemaCompatibility).GetProperty(option)!.SetValue(task, value);

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB006", error.Code);
        Assert.Contains(expected, error.Message);
        Assert.Empty(_registry.Requests());
    }

    [Fact]
    public void Invalid_schema_is_skipped_without_a_second_error_by_default()
    {
        var task = Task(Schema("broken.avsc", "{ \"type\": \"record\", \"name\": \"X\", \"fields\": [ { \"name\": \"a\", \"type\": \"strin\" } ] }"));

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("not checked for compatibility, the schema is invalid"));
        Assert.Empty(_engine.Warnings);
        Assert.Empty(_registry.Requests());
    }

    [Fact]
    public void Invalid_schema_is_reported_with_its_AVRO_code_when_asked()
    {
        var task = Task(Schema("broken.avsc", "{ \"type\": \"record\", \"name\": \"X\",\n  \"fields\": [ { \"name\": \"a\", \"type\": \"strin\" } ] }"));
        task.ReportSchemaErrors = true;

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Matches("^AVRO0\\d\\d$", error.Code);
        Assert.EndsWith("broken.avsc", error.File);
        Assert.Equal(2, error.LineNumber);
        Assert.True(error.ColumnNumber > 1);
    }

    [Fact]
    public void Unreadable_schema_file_is_AVROB014()
    {
        var task = Task(new TaskItem(Path.Combine(_dir.Path, "missing.avsc")));

        Assert.False(task.Execute());
        Assert.Equal("AVROB014", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Subjects_follow_metadata_and_strategies()
    {
        var named = Schema("key.avsc", GateSchemas.UserV2, topic: "users", key: true);
        var explicitSubject = Schema("explicit.avsc", GateSchemas.UserV2.Replace("\"User\"", "\"Person\""), topic: null, subject: "custom-subject");
        var perItem = Schema("record.avsc", GateSchemas.Order, topic: "orders");
        perItem.SetMetadata("SubjectNameStrategy", "TopicRecordName");
        var task = Task(named, explicitSubject, perItem);

        Assert.True(task.Execute());

        Assert.Equal(new[] { "users-key", "custom-subject", "orders-com.acme.Order" },
            task.CheckedSchemas.Select(i => i.GetMetadata("Subject")).ToArray());
    }

    [Fact]
    public void RecordName_strategy_gives_every_named_schema_a_subject()
    {
        var task = Task(Schema("user.avsc", GateSchemas.UserV2, topic: null), Schema("order.avsc", GateSchemas.Order, topic: null));
        task.SubjectNameStrategy = "io.confluent.kafka.serializers.subject.RecordNameStrategy";

        Assert.True(task.Execute());

        Assert.Equal(new[] { "com.acme.User", "com.acme.Order" }, task.CheckedSchemas.Select(i => i.GetMetadata("Subject")).ToArray());
    }

    [Fact]
    public void RecordName_strategy_on_an_unnamed_schema_is_AVROB005()
    {
        var task = Task(Schema("plain.avsc", "\"string\"", topic: null));
        task.SubjectNameStrategy = "RecordName";

        Assert.False(task.Execute());
        Assert.Equal("AVROB005", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Two_files_with_one_subject_is_AVROB012()
    {
        var task = Task(Schema("a.avsc", GateSchemas.UserV2), Schema("b.avsc", GateSchemas.Order));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB012", error.Code);
        Assert.EndsWith("b.avsc", error.File);
        Assert.Contains("a.avsc", error.Message);
    }

    [Fact]
    public void No_schema_with_a_subject_is_a_warning()
    {
        var task = Task(Schema("user.avsc", GateSchemas.UserV2, topic: null));

        Assert.True(task.Execute());

        Assert.Equal("AVROB011", Assert.Single(_engine.Warnings).Code);
        Assert.Empty(_registry.Requests());
    }

    [Fact]
    public void Types_from_other_files_are_inlined_in_what_is_sent()
    {
        var address = Schema("address.avsc", """{"type":"record","name":"Address","namespace":"com.acme","fields":[{"name":"zip","type":"string"}]}""", topic: null);
        var customer = Schema("customer.avsc", """{"type":"record","name":"Customer","namespace":"com.acme","fields":[{"name":"home","type":"com.acme.Address"}]}""", topic: "customers");
        _registry.Seed("customers-value", """{"type":"record","name":"Customer","namespace":"com.acme","fields":[{"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"zip","type":"string"}]}}]}""");
        var task = Task(address, customer);

        Assert.True(task.Execute());

        var sent = Assert.Single(_registry.Requests(), r => r.Method == "POST").Body;
        Assert.Contains("zip", sent);
    }

    [Fact]
    public void Many_subjects_are_checked_in_parallel_and_reported_in_file_order()
    {
        var items = Enumerable.Range(0, 12)
            .Select(i => Schema($"s{i:00}.avsc", GateSchemas.UserV2.Replace("\"User\"", $"\"User{i}\""), topic: $"t{i:00}"))
            .ToArray();
        foreach (var i in Enumerable.Range(0, 12))
        {
            // Every third subject holds the version without 'email', which the file's new field without a default breaks.
            var registered = i % 3 == 0 ? GateSchemas.UserV1 : GateSchemas.UserV2;
            _registry.Seed($"t{i:00}-value", registered.Replace("\"User\"", $"\"User{i}\""));
        }

        var task = Task(items);
        task.MaxParallelism = "5";

        Assert.False(task.Execute());

        Assert.Equal(new[] { "s00.avsc", "s03.avsc", "s06.avsc", "s09.avsc" }, _engine.Errors.Select(e => Path.GetFileName(e.File)).ToArray());
        Assert.Equal(24, _registry.Requests().Count);
    }
}

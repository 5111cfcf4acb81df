using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using Avro.Codegen.Gate;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Build.Tests;

/// <summary>The pieces of the engine on their own: message parsing, locating, subject naming, connections.</summary>
public sealed class EngineUnitTests
{
    [Fact]
    public void Verbose_messages_parse_into_incompatibilities_version_and_level()
    {
        var parsed = RegistryMessages.Parse(GateSchemas.MissingDefaultMessages);

        var found = Assert.Single(parsed.Incompatibilities);
        Assert.Equal("READER_FIELD_MISSING_DEFAULT_VALUE", found.ErrorType);
        Assert.Equal("/fields/1", found.Path);
        Assert.Equal("email", found.AdditionalInfo);
        Assert.True(found.ReaderIsNew);
        Assert.Equal(3, parsed.OldVersion);
        Assert.Equal("BACKWARD", parsed.Level);
    }

    [Theory]
    [InlineData("{errorType:'MISSING_ENUM_SYMBOLS', description:'The old schema is missing enum symbols '[C]' at path '/symbols' in the new schema', additionalInfo:'[C]'}", "/symbols", false)]
    [InlineData("{errorType:'NAME_MISMATCH', description:'The name of the schema has changed (path '/name')', additionalInfo:'expected: a.B'}", "/name", true)]
    [InlineData("{errorType:'FIXED_SIZE_MISMATCH', description:'The size of FIXED type field at path '/fields/0/type/size' in the new schema does not match with the old schema', additionalInfo:'expected: 8, found: 4'}", "/fields/0/type/size", true)]
    public void Reader_side_and_path_come_from_the_description(string message, string path, bool readerIsNew)
    {
        var found = Assert.Single(RegistryMessages.Parse(new[] { message }).Incompatibilities);
        Assert.Equal((path, readerIsNew), (found.Path, found.ReaderIsNew));
    }

    [Fact]
    public void Free_form_messages_are_kept_verbatim()
    {
        var found = Assert.Single(RegistryMessages.Parse(new[] { "Incompatible because of different schema type" }).Incompatibilities);
        Assert.Null(found.ErrorType);
        Assert.Equal("Incompatible because of different schema type", found.Description);
    }

    [Fact]
    public void Conflict_message_without_details_is_one_incompatibility()
    {
        var parsed = RegistryMessages.ParseConflict("Schema being registered is incompatible with an earlier schema for subject \"s\"");
        Assert.Contains("earlier schema", Assert.Single(parsed.Incompatibilities).Description);
    }

    private const string Shapes = """
        {"type":"record","name":"R","fields":[
          {"name":"m","type":{"type":"map","values":"int"}},
          {"name":"u","type":["null",
             {"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}]}
        ]}
        """;

    [Theory]
    [InlineData("/fields/0/type/values", 2, 45)]
    [InlineData("/fields/1/type/1/fields/0", 4, 48)]
    [InlineData("/fields/1/type/7", 3, 22)]
    [InlineData("/", 1, 1)]
    [InlineData("/fields/9", 1, 1)]
    [InlineData("/bogus/path", 1, 1)]
    public void Paths_walk_maps_unions_and_stop_at_what_they_cannot_follow(string path, int line, int column)
    {
        var schema = SchemaParser.Parse(Shapes).Schema!;
        var span = IncompatibilityLocator.Locate(schema, null, path, readerIsNew: true)!;
        Assert.Equal((line, column), (span.StartLine, span.StartColumn));
    }

    [Fact]
    public void Old_reader_paths_follow_renamed_fields_through_aliases()
    {
        var old = SchemaParser.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""").Schema!;
        var renamed = SchemaParser.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n{\"name\":\"bee\",\"aliases\":[\"b\"],\"type\":\"long\"}]}").Schema!;

        var span = IncompatibilityLocator.Locate(renamed, old, "/fields/1/type", readerIsNew: false)!;

        Assert.Equal((2, 38), (span.StartLine, span.StartColumn));
    }

    [Fact]
    public void A_type_referenced_by_name_keeps_the_field_location()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("a.avsc", """{"type":"record","name":"A","fields":[{"name":"x","type":"string"}]}"""),
            new SchemaSource("b.avsc", "{\"type\":\"record\",\"name\":\"B\",\"fields\":[\n  {\"name\":\"a\",\"type\":\"A\"}]}"),
        });
        var b = set.Files.Single(f => f.Path == "b.avsc").Schema!;

        var type = IncompatibilityLocator.Locate(b, null, "/fields/0/type", readerIsNew: true)!;
        Assert.Equal(("b.avsc", 2, 3), (type.File, type.StartLine, type.StartColumn));

        // A field of the referenced record is where the change has to be made: in a.avsc.
        var field = IncompatibilityLocator.Locate(b, null, "/fields/0/type/fields/0", readerIsNew: true)!;
        Assert.Equal("a.avsc", field.File);
    }

    [Theory]
    [InlineData(null, "orders", false, SubjectNamingStrategy.TopicName, "com.acme.Order", "orders-value")]
    [InlineData(null, "orders", true, SubjectNamingStrategy.TopicName, "com.acme.Order", "orders-key")]
    [InlineData(null, null, false, SubjectNamingStrategy.TopicName, "com.acme.Order", null)]
    [InlineData(null, null, false, SubjectNamingStrategy.RecordName, "com.acme.Order", "com.acme.Order")]
    [InlineData(null, "orders", true, SubjectNamingStrategy.TopicRecordName, "com.acme.Order", "orders-com.acme.Order")]
    [InlineData(" explicit ", "orders", false, SubjectNamingStrategy.RecordName, "com.acme.Order", "explicit")]
    public void Subject_names(string? subject, string? topic, bool key, SubjectNamingStrategy strategy, string? fullName, string? expected)
    {
        Assert.Equal(expected, SubjectNaming.Resolve(subject, topic, key, strategy, fullName, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("TopicRecordName", SubjectNamingStrategy.TopicRecordName)]
    [InlineData("recordname", SubjectNamingStrategy.RecordName)]
    [InlineData("io.confluent.kafka.serializers.subject.TopicNameStrategy", SubjectNamingStrategy.TopicName)]
    [InlineData("", SubjectNamingStrategy.TopicName)]
    public void Strategy_names(string text, SubjectNamingStrategy expected)
    {
        Assert.True(SubjectNaming.TryParse(text, out var strategy));
        Assert.Equal(expected, strategy);
    }

    [Fact]
    public void Connection_takes_credentials_out_of_the_url_and_keeps_the_path_prefix()
    {
        var settings = new GateSettings { RegistryUrl = "https://bob:pa%24%24word@registry.example:8081/sr?x=1", Timeout = TimeSpan.FromSeconds(5), Retries = 1 };
        using var registry = GateRegistry.TryCreate(settings, out var error)!;

        Assert.Null(error);
        Assert.Equal("https://registry.example:8081/sr", registry.DisplayUrl);
        Assert.Equal("https://registry.example:8081/sr/", registry.BaseUrl.ToString());
        Assert.True(registry.HasCredentials);
        Assert.Equal("failed for *** with ***", GateRegistry.Redact(settings, "failed for bob:pa$$word with pa$$word"));
    }

    [Theory]
    [InlineData("https://bob:pa@ss@registry.example:8081/sr?x=1", "https://***@registry.example:8081/sr?x=1")]
    [InlineData("http://registry.example:8081", "http://registry.example:8081")]
    [InlineData("", "")]
    public void The_settings_stamp_gets_the_url_without_credentials(string url, string expected)
    {
        var task = new Avro.Codegen.Build.Tasks.RedactRegistryUrl { Url = url };

        Assert.True(task.Execute());
        Assert.Equal(expected, task.Redacted);
    }

    [Fact]
    public void Connection_rejects_bad_timeouts_and_retries()
    {
        Assert.Null(GateRegistry.TryCreate(new GateSettings { RegistryUrl = "http://h", Timeout = TimeSpan.Zero, Retries = 1 }, out var timeout));
        Assert.Contains("timeout", timeout);
        Assert.Null(GateRegistry.TryCreate(new GateSettings { RegistryUrl = "http://h", Timeout = TimeSpan.FromSeconds(1), Retries = -1 }, out var retries));
        Assert.Contains("retries", retries);
    }

    [Fact]
    public async Task The_gate_waits_as_long_as_a_busy_registry_asks_in_Retry_After()
    {
        // The gate shares the runtime client's retry rules: a 503 with Retry-After: 1 waits a second, not the 1 ms
        // backoff, then tries again and reads the answer.
        using var dir = new TempDir();
        var calls = new List<(DateTime At, string Path)>();
        var handler = new Answering(request =>
        {
            lock (calls)
            {
                calls.Add((DateTime.UtcNow, request.RequestUri!.AbsolutePath));
                if (calls.Count == 1)
                {
                    var busy = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
                    busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                    return busy;
                }
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound)
            {
                Content = new StringContent("{\"error_code\":40401,\"message\":\"Subject 'users-value' not found.\"}"),
            };
        });
        var settings = new GateSettings { RegistryUrl = "http://registry.test", Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(1), HttpHandler = handler };

        var result = await SchemaGate.CheckAsync([new GateSchemaInput(dir.Write("user.avsc", GateSchemas.UserV2), Topic: "users")], settings);

        Assert.Equal(SubjectStatus.New, Assert.Single(result.Subjects).Status);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("/subjects/users-value/versions/latest", c.Path));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"waited {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    [Theory]
    [InlineData("orders-value", "orders-value")]
    [InlineData(":.ctx:orders/value", "_.ctx_orders_value")]
    [InlineData("..", "__")]
    public void Subject_file_names_are_safe(string subject, string expected) =>
        Assert.Equal(expected, SchemaGate.SubjectFileName(subject));

    [Fact]
    public void Exit_codes_distinguish_incompatible_from_errors()
    {
        GateResult Result(params GateDiagnostic[] diagnostics) =>
            (GateResult)typeof(GateResult).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0]
                .Invoke(new object[] { diagnostics, Array.Empty<SubjectOutcome>(), true });

        Assert.Equal(0, Result(new GateDiagnostic(GateSeverity.Warning, "AVROB002", "w")).ExitCode);
        Assert.Equal(1, Result(new GateDiagnostic(GateSeverity.Error, "AVROB001", "x")).ExitCode);
        Assert.Equal(2, Result(new GateDiagnostic(GateSeverity.Error, "AVROB001", "x"), new GateDiagnostic(GateSeverity.Error, "AVROB002", "y")).ExitCode);
    }
}

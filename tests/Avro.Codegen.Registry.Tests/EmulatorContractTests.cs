using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Registry.Tests;

/// <summary>The emulator against contract.md §7, request by request over real HTTP.</summary>
public sealed class EmulatorContractTests : IAsyncLifetime
{
    private const string V1Json = "application/vnd.schemaregistry.v1+json";
    private TestRegistryServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await TestRegistryServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static string SchemaBody(string schema, string extra = "") =>
        "{\"schema\":" + JsonSerializer.Serialize(schema) + extra + "}";

    private async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, string? body = null, string? contentType = V1Json, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.BaseAddress, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, response);
    }

    private static void AssertError(JsonElement body, int code)
    {
        Assert.Equal(code, body.GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("application/vnd.schemaregistry.v1+json")]
    [InlineData("application/vnd.schemaregistry+json")]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData(null)]
    public async Task Accepts_the_four_request_content_types_and_none(string? contentType)
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody("\"string\""), contentType);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Other_request_content_types_are_415_with_an_error_body(string contentType)
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody("\"string\""), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        AssertError(body, 415);
        Assert.Equal("HTTP 415 Unsupported Media Type", body.GetProperty("message").GetString());
        Assert.Empty(_server.Registry.GetSubjects());
    }

    [Theory]
    [InlineData(null, V1Json)]
    [InlineData("*/*", V1Json)]
    [InlineData("application/json", "application/json")]
    [InlineData("application/vnd.schemaregistry+json", "application/vnd.schemaregistry+json")]
    [InlineData("application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json", V1Json)]
    [InlineData("application/json, text/plain, */*", "application/json")]
    [InlineData("application/json;q=0.2, application/vnd.schemaregistry+json;q=0.8", "application/vnd.schemaregistry+json")]
    public async Task Response_content_type_follows_Accept(string? accept, string expected)
    {
        var (status, contentType, _, _) = await SendAsync(HttpMethod.Get, "config", accept: accept);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, contentType);
    }

    [Fact]
    public async Task An_unacceptable_Accept_is_406()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Get, "config", accept: "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        AssertError(body, 406);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_error_bodies_with_the_status_as_code()
    {
        var unknown = await SendAsync(HttpMethod.Get, "no/such/thing");
        var associations = await SendAsync(HttpMethod.Get, "associations/resources/-/topic?resourceType=topic&associationType=value");
        var wrongMethod = await SendAsync(HttpMethod.Delete, "schemas/types");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("HTTP 404 Not Found", unknown.Body.GetProperty("message").GetString());
        AssertError(unknown.Body, 404);
        Assert.Equal(HttpStatusCode.NotFound, associations.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        AssertError(wrongMethod.Body, 405);
    }

    [Fact]
    public async Task Malformed_json_is_400_and_a_missing_body_is_422()
    {
        var malformed = await SendAsync(HttpMethod.Post, "subjects/s/versions", "{\"schema\":");
        var wrongShape = await SendAsync(HttpMethod.Post, "subjects/s/versions", "{\"schema\":{\"type\":\"string\"}}");
        var missing = await SendAsync(HttpMethod.Post, "subjects/s/versions", "");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        AssertError(malformed.Body, 400);
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.Status);
        AssertError(missing.Body, 422);
    }

    [Fact]
    public async Task Scalar_schema_values_are_coerced_to_text_as_Jackson_does()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "subjects/s/versions", "{\"schema\":1}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, 42201);
    }

    [Fact]
    public async Task Max_id_is_reported_on_request()
    {
        await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody("\"string\""));
        await SendAsync(HttpMethod.Post, "subjects/t/versions", SchemaBody("\"int\""));

        var (_, _, body, _) = await SendAsync(HttpMethod.Get, "schemas/ids/1?fetchMaxId=true");
        var (_, _, plain, _) = await SendAsync(HttpMethod.Get, "schemas/ids/1");

        Assert.Equal(2, body.GetProperty("maxId").GetInt32());
        Assert.False(plain.TryGetProperty("maxId", out _));
    }

    [Fact]
    public async Task Unknown_fields_and_nulls_are_ignored_and_a_missing_schemaType_means_AVRO()
    {
        var body = SchemaBody("\"string\"", ",\"metadata\":null,\"ruleSet\":null,\"schemaType\":null,\"somethingNew\":[1,2]");
        var (status, _, registered, _) = await SendAsync(HttpMethod.Post, "subjects/s/versions", body);
        var (_, _, version, _) = await SendAsync(HttpMethod.Get, "subjects/s/versions/1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, registered.GetProperty("id").GetInt32());
        Assert.Equal("AVRO", version.GetProperty("schemaType").GetString());
        Assert.Equal("\"string\"", version.GetProperty("schema").GetString());
        Assert.Equal("s", version.GetProperty("subject").GetString());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Query_booleans_are_case_insensitive_and_a_trailing_slash_is_accepted()
    {
        await SendAsync(HttpMethod.Post, "subjects/s/versions?normalize=True", SchemaBody("\"string\""));
        await SendAsync(HttpMethod.Delete, "subjects/s");

        var hidden = await SendAsync(HttpMethod.Get, "subjects/s/versions?deleted=False");
        var shown = await SendAsync(HttpMethod.Get, "subjects/s/versions?deleted=TRUE");
        var compat = await SendAsync(HttpMethod.Post, "compatibility/subjects/s/versions/?verbose=tRuE", SchemaBody("\"int\""));

        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        AssertError(hidden.Body, 40401);
        Assert.Equal("[1]", shown.Body.GetRawText());
        Assert.Equal(HttpStatusCode.OK, compat.Status);
        Assert.True(compat.Body.GetProperty("is_compatible").GetBoolean());
        Assert.Equal(0, compat.Body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Config_uses_compatibilityLevel_on_GET_and_compatibility_on_PUT()
    {
        var global = await SendAsync(HttpMethod.Get, "config");
        var put = await SendAsync(HttpMethod.Put, "config/s", "{\"compatibility\":\"full\"}");
        var get = await SendAsync(HttpMethod.Get, "config/s");
        var notSet = await SendAsync(HttpMethod.Get, "config/t");
        var effective = await SendAsync(HttpMethod.Get, "config/t?defaultToGlobal=true");
        var invalid = await SendAsync(HttpMethod.Put, "config", "{\"compatibility\":\"sideways\"}");
        var deleted = await SendAsync(HttpMethod.Delete, "config/s");

        Assert.Equal("{\"compatibilityLevel\":\"BACKWARD\"}", global.Body.GetRawText());
        Assert.Equal("{\"compatibility\":\"FULL\"}", put.Body.GetRawText());
        Assert.Equal("{\"compatibilityLevel\":\"FULL\"}", get.Body.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, notSet.Status);
        AssertError(notSet.Body, 40408);
        Assert.Equal("{\"compatibilityLevel\":\"BACKWARD\"}", effective.Body.GetRawText());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        AssertError(invalid.Body, 42203);
        Assert.Equal("{\"compatibilityLevel\":\"FULL\"}", deleted.Body.GetRawText());
    }

    [Fact]
    public async Task Verbose_compatibility_carries_messages_and_plain_does_not()
    {
        await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody(InMemorySchemaRegistryTests.V1));

        var plain = await SendAsync(HttpMethod.Post, "compatibility/subjects/s/versions/latest", SchemaBody(InMemorySchemaRegistryTests.V2NoDefault));
        var verbose = await SendAsync(HttpMethod.Post, "compatibility/subjects/s/versions/latest?verbose=true",
            SchemaBody(InMemorySchemaRegistryTests.V2NoDefault));
        var missingVersion = await SendAsync(HttpMethod.Post, "compatibility/subjects/s/versions/9", SchemaBody("\"int\""));
        var conflict = await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody(InMemorySchemaRegistryTests.V2NoDefault));

        Assert.Equal("{\"is_compatible\":false}", plain.Body.GetRawText());
        Assert.False(verbose.Body.GetProperty("is_compatible").GetBoolean());
        Assert.Equal(4, verbose.Body.GetProperty("messages").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, missingVersion.Status);
        AssertError(missingVersion.Body, 40402);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        AssertError(conflict.Body, 40901);
    }

    [Fact]
    public async Task Schema_endpoints_answer_in_the_registry_shapes()
    {
        await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody("\"string\""));
        await SendAsync(HttpMethod.Post, "subjects/t/versions", SchemaBody("\"string\""));

        var byId = await SendAsync(HttpMethod.Get, "schemas/ids/1?subject=t");
        var raw = await _http.GetStringAsync(new Uri(_server.BaseAddress, "schemas/ids/1/schema"));
        var subjects = await SendAsync(HttpMethod.Get, "schemas/ids/1/subjects");
        var versions = await SendAsync(HttpMethod.Get, "schemas/ids/1/versions");
        var unknownId = await SendAsync(HttpMethod.Get, "schemas/ids/99");
        var badId = await SendAsync(HttpMethod.Get, "schemas/ids/abc");
        var lookup = await SendAsync(HttpMethod.Post, "subjects/s", SchemaBody("{\"type\" : \"string\"}"));
        var lookupMissing = await SendAsync(HttpMethod.Post, "subjects/s", SchemaBody("\"int\""));
        var list = await SendAsync(HttpMethod.Get, "subjects");
        var deleteVersion = await SendAsync(HttpMethod.Delete, "subjects/t/versions/1");
        var deleteSubject = await SendAsync(HttpMethod.Delete, "subjects/s");

        Assert.Equal("\"string\"", byId.Body.GetProperty("schema").GetString());
        Assert.Equal("t", byId.Body.GetProperty("subject").GetString());
        Assert.Equal("\"string\"", raw);
        Assert.Equal("[\"s\",\"t\"]", subjects.Body.GetRawText());
        Assert.Equal("[{\"subject\":\"s\",\"version\":1},{\"subject\":\"t\",\"version\":1}]", versions.Body.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, unknownId.Status);
        Assert.Equal("Schema 99 not found", unknownId.Body.GetProperty("message").GetString());
        AssertError(unknownId.Body, 40403);
        Assert.Equal(HttpStatusCode.NotFound, badId.Status);
        Assert.Equal(1, lookup.Body.GetProperty("id").GetInt32());
        AssertError(lookupMissing.Body, 40403);
        Assert.Equal("[\"s\",\"t\"]", list.Body.GetRawText());
        Assert.Equal("1", deleteVersion.Body.GetRawText());
        Assert.Equal("[1]", deleteSubject.Body.GetRawText());
    }

    [Fact]
    public async Task Subject_names_are_percent_decoded()
    {
        var subject = Uri.EscapeDataString("my topic/with:odd-value");
        var (status, _, _, _) = await SendAsync(HttpMethod.Post, $"subjects/{subject}/versions", SchemaBody("\"string\""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["my topic/with:odd-value"], _server.Registry.GetSubjects());
    }

    [Fact]
    public async Task Mode_endpoints()
    {
        var global = await SendAsync(HttpMethod.Get, "mode");
        var put = await SendAsync(HttpMethod.Put, "mode/s", "{\"mode\":\"READONLY\"}");
        var blocked = await SendAsync(HttpMethod.Post, "subjects/s/versions", SchemaBody("\"int\""));
        var invalid = await SendAsync(HttpMethod.Put, "mode", "{\"mode\":\"NAP\"}");
        var none = await SendAsync(HttpMethod.Get, "mode/t");

        Assert.Equal("{\"mode\":\"READWRITE\"}", global.Body.GetRawText());
        Assert.Equal("{\"mode\":\"READONLY\"}", put.Body.GetRawText());
        AssertError(blocked.Body, 42205);
        AssertError(invalid.Body, 42204);
        AssertError(none.Body, 40409);
    }
}

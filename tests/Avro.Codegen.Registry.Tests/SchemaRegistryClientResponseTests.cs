using System.Net;
using System.Text;

namespace Avro.Codegen.Registry.Tests;

/// <summary>The HTTP client against answers a real registry would not give (proxies, broken servers).</summary>
public sealed class SchemaRegistryClientResponseTests
{
    private sealed class CannedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Calls;
        public readonly List<string> Requests = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.Method + " " + request.RequestUri + " " + request.Headers.Authorization?.Scheme);
            return Task.FromResult(answer(request, Interlocked.Increment(ref Calls)));
        }
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string type = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, type) };

    private static RegistryClient Client(CannedHandler handler, int retries = 2) => new(new RegistryClientOptions
    {
        Urls = { "http://registry.test:8081" },
        HttpMessageHandler = handler,
        MaxRetries = retries,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    });

    [Fact]
    public async Task A_success_answer_that_is_not_json_is_50005()
    {
        using var client = Client(new CannedHandler((_, _) => Answer(HttpStatusCode.OK, "<html>proxy</html>", "text/html")));
        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(1));
        Assert.Equal(RegistryErrorCodes.UnparsableErrorBody, e.ErrorCode);
    }

    // Found by fuzzing (tests/fuzz/crashers/registry): JsonDocument accepts a string holding bytes that are not UTF-8
    // and GetString then threw InvalidOperationException out of the client.
    private static HttpResponseMessage NotUtf8(HttpStatusCode status, string before, string after)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(before), 0x8B, 0xFF, .. Encoding.UTF8.GetBytes(after)];
        return new(status) { Content = new ByteArrayContent(body) };
    }

    [Fact]
    public async Task A_success_answer_with_bytes_that_are_not_utf8_in_a_string_is_50005()
    {
        using var client = Client(new CannedHandler((_, _) => NotUtf8(HttpStatusCode.OK, "{\"schema\": \"{", "}\"}")));
        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(1));
        Assert.Equal((200, RegistryErrorCodes.UnparsableErrorBody), (e.Status, e.ErrorCode));
        Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_with_bytes_that_are_not_utf8_in_its_message_is_reported_by_status()
    {
        using var client = Client(new CannedHandler((_, _) => NotUtf8(HttpStatusCode.NotFound, "{\"error_code\": 40403, \"message\": \"", "\"}")));
        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(1));
        Assert.Equal((404, RegistryErrorCodes.UnparsableErrorBody), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task A_register_answer_without_an_id_is_50005()
    {
        using var client = Client(new CannedHandler((_, _) => Answer(HttpStatusCode.OK, "{\"version\":1}")));
        var e = await Assert.ThrowsAsync<RegistryException>(() => client.RegisterSchemaAsync("s", new RegistrySchema("\"int\"")));
        Assert.Contains("\"id\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_that_is_not_the_registrys_is_retried_when_retriable_then_reported_as_50005()
    {
        var handler = new CannedHandler((_, _) => Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html"));
        using var client = Client(handler, retries: 2);

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSubjectsAsync());

        Assert.Equal((502, RegistryErrorCodes.UnparsableErrorBody), (e.Status, e.ErrorCode));
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Retry_after_is_honoured_within_the_maximum_delay()
    {
        var handler = new CannedHandler((_, call) =>
        {
            if (call == 1)
            {
                var busy = Answer((HttpStatusCode)429, "{\"error_code\":429,\"message\":\"slow down\"}");
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(1));
                return busy;
            }

            return Answer(HttpStatusCode.OK, "[\"a\"]");
        });
        using var client = Client(handler);

        Assert.Equal(["a"], await client.GetSubjectsAsync());
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task Requests_name_the_path_with_escaped_subjects_and_send_the_registry_headers()
    {
        HttpRequestMessage? seen = null;
        string? body = null;
        var handler = new CannedHandler((request, _) =>
        {
            seen = request;
            body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
            return Answer(HttpStatusCode.OK, "{\"id\":3}");
        });
        using var client = Client(handler);

        await client.RegisterSchemaAsync("a b/c", new RegistrySchema("\"int\"", null, [new RegistryReference("x.Y", "ref", 2)]), normalize: true);

        Assert.Equal("/subjects/a%20b%2Fc/versions?normalize=true", seen!.RequestUri!.PathAndQuery);
        Assert.Equal("application/vnd.schemaregistry.v1+json", seen.Content!.Headers.ContentType!.MediaType);
        Assert.Contains("application/vnd.schemaregistry.v1+json", seen.Headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.Equal("{\"schemaType\":\"AVRO\",\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"x.Y\",\"subject\":\"ref\",\"version\":2}]}", body);
    }

    [Fact]
    public async Task A_static_bearer_token_wins_over_url_user_info_and_adds_the_cluster_headers()
    {
        string? cluster = null, pool = null;
        var handler = new CannedHandler((request, _) =>
        {
            cluster = request.Headers.GetValues("target-sr-cluster").Single();
            pool = request.Headers.GetValues("Confluent-Identity-Pool-Id").Single();
            return Answer(HttpStatusCode.OK, "[]");
        });
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Urls = { "http://u:p@registry.test" },
            HttpMessageHandler = handler,
            BearerToken = "tok",
            BearerLogicalCluster = "lsrc-1",
            BearerIdentityPoolId = "pool-1",
        });

        await client.GetSubjectsAsync();

        Assert.Equal("GET http://registry.test/subjects?deleted=false Bearer", handler.Requests[0]);
        Assert.Equal(("lsrc-1", "pool-1"), (cluster, pool));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Registry.Tests;

/// <summary>The emulator's authentication, fault injection and request counting.</summary>
public sealed class EmulatorAdminTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Basic_auth_is_required_when_configured_and_401_names_the_realm()
    {
        var options = new TestRegistryOptions();
        options.BasicAuthUsers["alice"] = "s3cret";
        options.BearerTokens.Add("token-1");
        await using var server = await TestRegistryServer.StartAsync(options: options);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var anonymous = await http.GetAsync("subjects");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "subjects");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:nope")));
        var wrongAnswer = await http.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "subjects");
        right.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")));
        var rightAnswer = await http.SendAsync(right);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "subjects");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-1");
        var bearerAnswer = await http.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic realm=\"SchemaRegistry\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearerAnswer.StatusCode);
        Assert.Equal(["Basic", "Basic", "Bearer"], server.Stats.Recent.Where(r => r.Authorization is not null).Select(r => r.Authorization));
    }

    [Fact]
    public async Task Injected_failures_answer_the_given_status_then_stop()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        (await http.PostAsync("__faults", Json("{\"failNext\":2,\"failStatus\":502}"))).EnsureSuccessStatusCode();

        var first = await http.GetAsync("subjects");
        var second = await http.GetAsync("subjects");
        var third = await http.GetAsync("subjects");

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Contains("\"error_code\":502", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Canned_answers_are_sent_as_given_then_stop()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        (await http.PostAsync("__faults", Json("{\"answerNext\":1,\"answerStatus\":200,\"answerBody\":\"<html>hi</html>\",\"answerContentType\":\"text/html\"}")))
            .EnsureSuccessStatusCode();
        server.Faults.PathContains = "/compatibility/";

        var other = await http.GetAsync("subjects");
        var canned = await http.PostAsync("compatibility/subjects/s/versions/latest", Json("{\"schema\":\"\\\"int\\\"\"}"));
        var real = await http.PostAsync("compatibility/subjects/s/versions/latest", Json("{\"schema\":\"\\\"int\\\"\"}"));
        server.Faults.AnswerNext(1, 404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
        var registryJson = await http.PostAsync("compatibility/subjects/s/versions/latest", Json("{\"schema\":\"\\\"int\\\"\"}"));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("<html>hi</html>", await canned.Content.ReadAsStringAsync());
        Assert.Equal("text/html", canned.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Contains("\"is_compatible\":true", await real.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, registryJson.StatusCode);
        Assert.Equal("application/vnd.schemaregistry.v1+json", registryJson.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"error_code\":40401,\"message\":\"Subject not found.\"}", await registryJson.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stats_record_each_request_body_and_content_type()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var body = "{\"schema\":\"\\\"string\\\"\"}";
        (await http.PostAsync("subjects/s/versions", new StringContent(body, Encoding.UTF8, "application/vnd.schemaregistry.v1+json"))).EnsureSuccessStatusCode();
        (await http.GetAsync("subjects/s/versions/latest")).EnsureSuccessStatusCode();
        var stats = await (await http.GetAsync("__stats")).Content.ReadAsStringAsync();

        var post = server.Stats.Recent[0];
        Assert.Equal(("POST", "/subjects/s/versions", body), (post.Method, post.Target, post.Body));
        Assert.StartsWith("application/vnd.schemaregistry.v1+json", post.ContentType, StringComparison.Ordinal);
        var get = server.Stats.Recent[1];
        Assert.Equal((null, ""), (get.ContentType, get.Body));
        // The registry still read the body it was sent: the schema is stored.
        Assert.Equal("\"string\"", server.Registry.GetLatestVersion("s").Schema.Schema);
        Assert.Contains("\"body\":", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropped_connections_fail_without_an_answer()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        server.Faults.DropNext(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("subjects"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("subjects")).StatusCode);
    }

    [Fact]
    public async Task Faults_can_be_limited_to_a_path_and_cleared()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        (await http.PostAsync("__faults", Json("{\"failNext\":5,\"pathContains\":\"/schemas/\"}"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("subjects")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("schemas/ids/1")).StatusCode);
        (await http.DeleteAsync("__faults")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("schemas/ids/1")).StatusCode);
    }

    [Fact]
    public async Task Latency_delays_answers()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMilliseconds(200) };
        server.Faults.LatencyMs = 2000;

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync("subjects"));
    }

    [Fact]
    public async Task Stats_count_registry_requests_only_and_can_be_reset()
    {
        await using var server = await TestRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        await http.GetAsync("subjects");
        await http.GetAsync("config");
        await http.GetAsync("nothing-here");
        var stats = await http.GetStringAsync("__stats");

        Assert.Equal(3, server.Stats.RequestCount);
        Assert.StartsWith("{\"requests\":3,", stats, StringComparison.Ordinal);
        Assert.Equal(404, server.Stats.Recent[^1].Status);
        (await http.DeleteAsync("__stats")).EnsureSuccessStatusCode();
        Assert.Equal(0, server.Stats.RequestCount);
    }

    [Fact]
    public async Task The_registry_can_be_reset_between_tests()
    {
        await using var server = await TestRegistryServer.StartAsync();
        server.Registry.Register("s", new Avro.Codegen.Registry.RegistrySchema("\"int\""));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        (await http.DeleteAsync("__registry")).EnsureSuccessStatusCode();

        Assert.Equal("[]", await http.GetStringAsync("subjects"));
    }

    [Fact]
    public async Task Starts_on_an_explicit_port()
    {
        // Find a free port, release it, start there.
        var port = LoopbackPort.Free();

        await using var server = await TestRegistryServer.StartAsync(port);

        Assert.Equal(port, server.BaseAddress.Port);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
    }
}

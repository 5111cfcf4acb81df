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
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await using var server = await TestRegistryServer.StartAsync(port);

        Assert.Equal(port, server.BaseAddress.Port);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
    }
}

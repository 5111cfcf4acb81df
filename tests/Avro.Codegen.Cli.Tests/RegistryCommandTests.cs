using System.Net.Http.Headers;
using System.Text;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Cli.Tests;

/// <summary><c>avro-codegen registry check|register|download</c> against the loopback emulator: exit codes 0/1/2 and located errors.</summary>
public sealed class RegistryCommandTests : CliTestBase, IAsyncLifetime
{
    private const string UserV1 = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"}]}""";

    // 'email' (line 7, column 5) has no default: incompatible with UserV1 under BACKWARD.
    private const string UserV2 = "{\n  \"type\": \"record\",\n  \"name\": \"User\",\n  \"namespace\": \"com.acme\",\n  \"fields\": [\n"
        + "    { \"name\": \"id\", \"type\": \"long\" },\n    { \"name\": \"email\", \"type\": \"string\" }\n  ]\n}";

    private TestRegistryServer _registry = null!;

    private string Url => _registry.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync() => _registry = await TestRegistryServer.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    private string File(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private async Task RegisterAsync(string subject, string schema)
    {
        using var http = new HttpClient { BaseAddress = _registry.BaseAddress };
        var body = new StringBuilder("{\"schema\":");
        Avro.Codegen.Schema.Json.JsonValue.WriteString(body, schema);
        body.Append('}');
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.schemaregistry.v1+json");
        (await http.PostAsync($"subjects/{subject}/versions", content)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Check_incompatible_exits_1_with_a_located_error()
    {
        await RegisterAsync("users-value", UserV1);
        var file = File("user.avsc", UserV2);

        var run = Run("registry", "check", "--url", Url, "--topic", "users", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}(7,5): error AVROB001: subject 'users-value': The field 'email' at path '/fields/1' in the new schema", run.Error);
    }

    [Fact]
    public void Register_with_references_registers_shared_files_first_and_references_them()
    {
        var money = File("money.avsc", """{"type":"record","name":"Money","namespace":"shop","fields":[{"name":"units","type":"long"}]}""");
        var order = File("order.avsc", """{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"total","type":"Money"}]}""");

        var run = Run("registry", "register", "--url", Url, "--topic", "orders", "--references", order, money);

        // --topic gives both files the same subject; RecordName gives each its own.
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("AVROB012", run.Error, StringComparison.Ordinal);
        var named = Run("registry", "register", "--url", Url, "--strategy", "RecordName", "--references", order, money);
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("shop.Order -> 2 (version 1, referencing shop.Money v1)", named.Output, StringComparison.Ordinal);
        Assert.Equal([new Avro.Codegen.Registry.RegistryReference("shop.Money", "shop.Money", 1)],
            _registry.Registry.GetLatestVersion("shop.Order").Schema.References);
    }

    [Fact]
    public async Task Check_compatible_exits_0()
    {
        await RegisterAsync("users-value", UserV1);
        var file = File("user.avsc", UserV2.Replace("\"string\" }", "\"string\", \"default\": \"x\" }"));

        var run = Run("registry", "check", "--url", Url, "--topic", "users", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("subject 'users-value' is compatible with version 1", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Check_new_subject_exits_0_and_says_new()
    {
        var run = Run("registry", "check", "--url", Url, "--subject", "brand-new", File("user.avsc", UserV2));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("subject 'brand-new' is new", run.Output);
    }

    [Fact]
    public void Check_unreachable_exits_2_or_warns()
    {
        var file = File("user.avsc", UserV2);
        var url = LoopbackPort.ClosedUrl();

        var closed = Run("registry", "check", "--url", url, "--retries", "0", "--topic", "users", file);
        Assert.Equal(2, closed.ExitCode);
        Assert.Contains("error AVROB002: registry " + url + " could not be reached", closed.Error);

        var warned = Run("registry", "check", "--url", url, "--retries", "0", "--topic", "users", "--warn-on-unreachable", file);
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("warning AVROB002", warned.Error);
    }

    [Fact]
    public void Check_invalid_schema_exits_2_with_its_AVRO_code()
    {
        var file = File("bad.avsc", UserV2.Replace("\"long\"", "\"lnog\""));

        var run = Run("registry", "check", "--url", Url, "--topic", "users", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(ErrorLine, run.Error.Trim());
        Assert.Contains("(6,", run.Error);
        Assert.Equal(0, _registry.Stats.RequestCount);
    }

    [Fact]
    public void Check_offline_baseline_exits_1()
    {
        var baseline = Path.Combine(Dir, "baseline");
        Directory.CreateDirectory(baseline);
        System.IO.File.WriteAllText(Path.Combine(baseline, "users-value.avsc"), UserV1);

        var run = Run("registry", "check", "--baseline", baseline, "--topic", "users", File("user.avsc", UserV2));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(7,5): error AVROB001", run.Error);
        Assert.Contains("against baseline users-value.avsc, level BACKWARD", run.Error);
    }

    [Fact]
    public void Register_prints_ids_and_exits_1_on_an_incompatible_schema()
    {
        var v1 = File("v1.avsc", UserV1);
        var first = Run("registry", "register", "--url", Url, "--topic", "users", v1);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("users-value -> 1 (version 1)", first.Output);

        var second = Run("registry", "register", "--url", Url, "--topic", "users", File("v2.avsc", UserV2));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("(7,5): error AVROB001", second.Error);
        Assert.Single(_registry.Registry.GetVersions("users-value"));
    }

    [Fact]
    public async Task Download_writes_files_and_fails_on_unknown_subjects()
    {
        await RegisterAsync("users-value", UserV1);
        var output = Path.Combine(Dir, "out");

        var ok = Run("registry", "download", "--url", Url, "-o", output, "--subjects", "users-value");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("\"id\"", System.IO.File.ReadAllText(Path.Combine(output, "users-value.avsc")));

        var missing = Run("registry", "download", "--url", Url, "-o", output, "--subjects", "nope");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error AVROB013: subject 'nope' does not exist", missing.Error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("register")]
    public void Usage_errors_exit_2(string verb)
    {
        Assert.Equal(2, Run("registry", verb, "--url", Url).ExitCode);
        var two = Run("registry", verb, "--url", Url, "--subject", "s", File("a.avsc", UserV1), File("b.avsc", UserV1));
        Assert.Equal(2, two.ExitCode);
        Assert.Contains("--subject names the subject of one file", two.Error);
        Assert.Equal(2, Run("registry", verb, "--url", Url, "--timeout", "0", File("c.avsc", UserV1)).ExitCode);
    }
}

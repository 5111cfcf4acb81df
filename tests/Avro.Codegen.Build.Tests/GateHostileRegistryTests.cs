using System.Text;
using Avro.Codegen.Build.Tasks;
using Avro.Codegen.TestRegistry;
using Microsoft.Build.Utilities;

namespace Avro.Codegen.Build.Tests;

/// <summary>The gate task against the registry emulator's hostile faults: a server that echoes credentials.</summary>
public sealed class GateHostileRegistryTests : IAsyncLifetime
{
    private const string UserInfo = "alice:S3CRET-TOKEN";
    private readonly TempDir _dir = new();
    private readonly MockBuildEngine _engine = new();
    private readonly Dictionary<string, string> _environment = new();
    private TestRegistryServer _server = null!;

    public async System.Threading.Tasks.Task InitializeAsync() => _server = await TestRegistryServer.StartAsync();

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private CheckAvroSchemaCompatibility Task(string? url = null) => new()
    {
        BuildEngine = _engine,
        Schemas = [Schema()],
        RegistryUrl = url ?? _server.BaseAddress.ToString(),
        Retries = "1",
        ReadEnvironment = name => _environment.TryGetValue(name, out var value) ? value : null,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    };

    private TaskItem Schema()
    {
        var item = new TaskItem(_dir.Write("user.avsc", GateSchemas.UserV2));
        item.SetMetadata("Topic", "users");
        return item;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData(401, false)]
    [InlineData(401, true)]
    [InlineData(500, false)]
    public void Echoed_basic_credentials_never_reach_the_build_log(int status, bool plainText)
    {
        _environment["AVRO_SCHEMA_REGISTRY_USER_INFO"] = UserInfo;
        _server.Faults.EchoAuthorizationNext(10, status, plainText);

        Assert.False(Task().Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(status == 500 ? "AVROB002" : "AVROB003", error.Code);
        Assert.Equal("Basic", _server.Stats.Recent[0].Authorization);
        var log = _engine.AllText();
        Assert.DoesNotContain("S3CRET-TOKEN", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64(UserInfo), log, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64(UserInfo).TrimEnd('='), log, StringComparison.Ordinal);
        Assert.Contains("Authorization: Basic ***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Echoed_credentials_from_the_url_and_bearer_tokens_never_reach_the_build_log()
    {
        _environment["AVRO_SCHEMA_REGISTRY_BEARER_TOKEN"] = "tok-abcdef-123456";
        _server.Faults.EchoAuthorizationNext(10, 401);
        var url = _server.BaseAddress.ToString().Replace("http://", "http://bob:url-pa55word@", StringComparison.Ordinal);

        Assert.False(Task(url).Execute());

        var log = _engine.AllText();
        Assert.DoesNotContain("tok-abcdef-123456", log, StringComparison.Ordinal);
        Assert.DoesNotContain("url-pa55word", log, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer ***", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_answer_over_the_size_limit_fails_the_request_naming_the_property(bool declareLength)
    {
        _server.Faults.HugeBodyNext(5, 512L * 1024 * 1024, declareLength);
        var task = Task();
        task.MaxResponseBytes = "65536";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB003", error.Code);
        Assert.Contains("more than 65536 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("AvroCodegen_RegistryMaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Stats.RequestCount);
    }

    [Fact]
    public void The_default_limit_reads_ordinary_answers()
    {
        _server.Registry.Register("users-value", new Avro.Codegen.Registry.RegistrySchema(GateSchemas.UserV2));

        Assert.True(Task().Execute(), _engine.AllText());
    }

    [Theory]
    [InlineData("1023")]
    [InlineData("lots")]
    public void A_limit_that_is_not_a_size_is_an_invalid_option(string value)
    {
        var task = Task();
        task.MaxResponseBytes = value;

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB006", error.Code);
        Assert.Contains("AvroCodegen_RegistryMaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Stats.RequestCount);
    }
}

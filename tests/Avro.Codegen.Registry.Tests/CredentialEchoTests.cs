using System.Text;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// A registry (or a proxy in front of it) that echoes the request's Authorization header: no form of the credential
/// may reach an exception message or a log line.
/// </summary>
public sealed class CredentialEchoTests : IAsyncLifetime
{
    private const string User = "alice";
    private const string Password = "S3CRET-TOKEN";
    private const string Token = "eyJhbGciOi.tok-987654321";
    private EmulatorClients _emulator = null!;
    private readonly List<string> _log = [];

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private RegistryClient Client(Action<RegistryClientOptions> configure) => _emulator.NewClient(options =>
    {
        options.MaxRetries = 1;
        options.Log = line => { lock (_log) { _log.Add(line); } };
        configure(options);
    });

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private void AssertNoSecret(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            lock (_log)
            {
                Assert.All(_log, line => Assert.DoesNotContain(secret, line, StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData(401, false)]
    [InlineData(401, true)]
    [InlineData(500, false)]
    public async Task Echoed_basic_credentials_are_removed_in_every_form(int status, bool plainText)
    {
        _emulator.Server.Faults.EchoAuthorizationNext(10, status, plainText);
        using var client = Client(o => o.BasicAuthUserInfo = User + ":" + Password);

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(1));

        // The emulator did echo the header (the request carried it), and the client kept the status.
        Assert.Equal("Basic", _emulator.Server.Stats.Recent[0].Authorization);
        Assert.Equal(status, e.Status);
        AssertNoSecret(e.ToString(), Password, Base64(User + ":" + Password), Base64(User + ":" + Password).TrimEnd('='));
        if (!plainText)
        {
            Assert.Contains("Authorization: Basic ***", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Echoed_bearer_tokens_are_removed_static_or_provided()
    {
        _emulator.Server.Faults.EchoAuthorizationNext(2, 403);
        using var fixedToken = Client(o => o.BearerToken = Token);
        using var provided = Client(o => o.BearerTokenProvider = _ => ValueTask.FromResult(Token + "-2"));

        var first = await Assert.ThrowsAsync<RegistryException>(() => fixedToken.GetLatestSchemaAsync("s"));
        var second = await Assert.ThrowsAsync<RegistryException>(() => provided.GetLatestSchemaAsync("s"));

        AssertNoSecret(first.Message + second.Message, "tok-987654321", "eyJhbGciOi");
        Assert.Contains("Authorization: Bearer ***", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_removes_each_form_a_server_can_echo()
    {
        var pair = "bob:pa$$/w0rd+x";
        var text = string.Join(" | ",
            pair, Base64(pair), Base64(pair).TrimEnd('='), Uri.EscapeDataString("pa$$/w0rd+x"), "pa$$/w0rd+x",
            Base64(pair).Replace("/", "\\/"), "Bearer abc.def.ghi", "proxy-authorization: Digest xyz123", "\"Authorization\":\"Basic Zm9vOmJhcg==\"");

        var redacted = SecretRedaction.Redact(text, pair, "abc.def.ghi");

        Assert.Equal("*** | *** | *** | *** | *** | *** | Bearer *** | proxy-authorization: Digest *** | \"Authorization\":\"Basic ***\"", redacted);
    }

    [Fact]
    public void Redaction_keeps_ordinary_text_and_ignores_missing_or_tiny_secrets()
    {
        const string text = "Subject 'orders-value' not found; Basic realm=\"SchemaRegistry\"";

        Assert.Equal(text, SecretRedaction.Redact(text, null, "", "ab"));
        Assert.Equal("", SecretRedaction.Redact("", "user:password"));
    }

    [Theory]
    [InlineData("https://u:p@ss@sr.example:8081/x?y", "https://***@sr.example:8081/x?y")]
    [InlineData("https://sr.example/a@b", "https://sr.example/a@b")]
    [InlineData("not a url u:p@host", "not a url u:p@host")]
    public void Url_user_info_is_masked_up_to_the_authoritys_last_at(string url, string expected) =>
        Assert.Equal(expected, SecretRedaction.RedactUrl(url));
}

using System.Net;
using System.Text;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.tests;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// Registry answers are read under <see cref="RegistryClientOptions.MaxResponseBytes"/>: declared or streamed, an
/// answer over the limit fails at once, naming the option, without being buffered.
/// </summary>
public sealed class ResponseSizeLimitTests : IAsyncLifetime
{
    private const int Limit = 256 * 1024;
    private TestRegistryServer _server = null!;

    public async Task InitializeAsync() => _server = await TestRegistryServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private RegistryClient Client(long limit = Limit, HttpMessageHandler? handler = null)
    {
        var options = RegistryClientOptions.ForUrl(_server.BaseAddress.ToString());
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        options.MaxResponseBytes = limit;
        options.HttpMessageHandler = handler;
        return new RegistryClient(options);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_over_the_limit_fails_at_once_naming_the_option(bool declareLength)
    {
        // 512 MiB on offer: the test ends only because the client stops reading.
        _server.Faults.HugeBodyNext(5, 512L * 1024 * 1024, declareLength);
        using var client = Client();

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(1));

        Assert.Contains("more than " + Limit + " bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("RegistryClientOptions.MaxResponseBytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorCodes.UnparsableErrorBody, e.ErrorCode);
        Assert.Equal(1, _server.Stats.RequestCount); // not retried: a second try would be as large
    }

    [Fact]
    public async Task A_streamed_answer_is_never_read_far_past_the_limit()
    {
        var body = new EndlessJson();
        using var client = Client(handler: new StreamingHandler(body));

        await Assert.ThrowsAsync<RegistryException>(() => client.GetSchemaByIdAsync(1));

        // At most the limit plus one read's worth: nothing is buffered beyond the byte that crossed the limit.
        Assert.InRange(body.BytesRead, Limit + 1, Limit + 64 * 1024);
    }

    [Fact]
    public async Task An_answer_of_exactly_the_limit_is_read()
    {
        var schema = HostileRegistryTests.SchemaOf<Order>();
        var json = $$"""{"schema":{{System.Text.Json.JsonSerializer.Serialize(schema)}}}""";
        var padded = json + new string(' ', Limit - Encoding.UTF8.GetByteCount(json));
        using var client = Client(handler: new StreamingHandler(new MemoryStream(Encoding.UTF8.GetBytes(padded))));

        var read = await client.GetSchemaByIdAsync(1);

        Assert.Equal(schema, read.Schema);
    }

    [Fact]
    public void A_writer_schema_just_over_the_limit_is_refused_before_it_is_decoded()
    {
        // 20,000 fields, about 0.5 MB of schema text.
        var fields = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{"name":"f{{i}}","type":"int"}"""));
        var id = _server.Registry.Register("huge-value", new RegistrySchema($$"""{"type":"record","name":"Huge","fields":[{{fields}}]}""")).Id;

        // The schema as a JSON string, as the answer carries it beside its "schema" key and braces: the answer is just over.
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var stored = _server.Registry.GetSchemaById(id).Schema;
        using var client = Client(limit: Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(stored, relaxed)));
        var deserializer = new ConfluentAvroDeserializer<Order>(client);

        var e = Assert.Throws<RegistryException>(() => deserializer.Deserialize(AvroSerializer.SerializeConfluent(HostileRegistryTests.SampleOrder(), id)));

        Assert.Contains("RegistryClientOptions.MaxResponseBytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(3L * 1024 * 1024 * 1024)]
    public void A_limit_outside_one_byte_to_two_GiB_is_refused(long limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(limit));

    /// <summary>Serves one stream as the answer to every request, with no Content-Length.</summary>
    private sealed class StreamingHandler(Stream body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body), RequestMessage = request });
    }

    /// <summary>An endless JSON string, counting what was read from it.</summary>
    private sealed class EndlessJson : Stream
    {
        private static readonly byte[] Head = "{\"schema\":\""u8.ToArray();
        private long _position;

        public long BytesRead => _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++, _position++)
            {
                buffer[offset + i] = _position < Head.Length ? Head[_position] : (byte)'a';
            }

            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

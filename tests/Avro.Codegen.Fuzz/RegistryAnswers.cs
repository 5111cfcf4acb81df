using System.Net;
using System.Net.Http.Headers;
using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;

namespace Avro.Codegen.Fuzz;

/// <summary>The registry target's answers and calls.</summary>
internal static class RegistryAnswers
{
    public static readonly HttpStatusCode[] Statuses =
    [
        HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
        HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity,
        HttpStatusCode.InternalServerError, HttpStatusCode.BadRequest, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests,
    ];

    private static readonly RegistrySchema Sample = new("""{"type": "record", "name": "Leaf", "namespace": "org.example.other", "fields": [{"name": "v", "type": "string"}]}""");

    // A Leaf {"v": "a"} in the Confluent framing with schema id 1.
    private static readonly byte[] Message = [0x00, 0, 0, 0, 1, 0x02, (byte)'a'];

    public static readonly Func<RegistryClient, Task>[] Operations =
    [
        c => c.GetSchemaByIdAsync(1),
        c => c.GetSchemaByIdAsync(1, "topic-value"),
        c => c.GetSchemaByGuidAsync(Guid.Empty),
        c => c.GetSubjectsAsync(),
        c => c.GetSubjectVersionsAsync("topic-value"),
        c => c.GetRegisteredSchemaAsync("topic-value", 1),
        c => c.GetLatestSchemaAsync("topic-value"),
        c => c.TestCompatibilityAsync("topic-value", Sample),
        c => c.GetCompatibilityAsync("topic-value"),
        c => c.SetCompatibilityAsync("topic-value", "BACKWARD"),
        c => c.RegisterSchemaAsync("topic-value", Sample),
        c => c.LookupSchemaAsync("topic-value", Sample),
        c => c.DeleteSubjectAsync("topic-value"),
        c => c.DeleteSubjectVersionAsync("topic-value", 1),
        c => Task.FromResult(new ConfluentAvroDeserializer<global::org.example.other.Leaf>(c).Deserialize(Message)),
        async c => await new ConfluentAvroDeserializer<global::org.example.other.Leaf>(c).DeserializeAsync(Message),
    ];

    /// <summary>Answers every request with the same status and body.</summary>
    public sealed class Handler(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.schemaregistry.v1+json");
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }
}

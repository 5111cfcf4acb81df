using System.Globalization;
using System.Net.Http;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Registry;

/// <summary>
/// The Confluent Schema Registry REST calls, without caches: each builds its path and JSON body, sends it through
/// <see cref="RegistryTransport"/> and reads the answer into the models. The runtime's <c>RegistryClient</c> adds its
/// caches and shared lookups on top; the gate engine and the CLI call it directly.
/// </summary>
internal sealed class RegistryProtocol : IDisposable
{
    /// <summary>Creates the calls over a pipeline with <paramref name="options"/>.</summary>
    public RegistryProtocol(RegistryTransportOptions options) => Transport = new RegistryTransport(options);

    /// <summary>The pipeline (credentials, retries, limits, redaction).</summary>
    public RegistryTransport Transport { get; }

    /// <summary><c>POST /subjects/{subject}/versions</c>: registers a schema and returns its id.</summary>
    public async Task<int> RegisterAsync(string subject, RegistrySchema schema, bool normalize, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}/versions?normalize={Bool(normalize)}", SchemaRequest(schema),
            cancellationToken).ConfigureAwait(false);
        return RequiredInt(answer, "id");
    }

    /// <summary><c>POST /subjects/{subject}</c>: the version of <paramref name="subject"/> holding <paramref name="schema"/>.</summary>
    public async Task<RegisteredVersion> LookupAsync(string subject, RegistrySchema schema, bool normalize, bool includeDeleted, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}?normalize={Bool(normalize)}&deleted={Bool(includeDeleted)}",
            SchemaRequest(schema), cancellationToken).ConfigureAwait(false);
        return ReadRegistered(answer, subject);
    }

    /// <summary><c>GET /schemas/ids/{id}</c>, optionally in the context of <paramref name="subject"/>.</summary>
    public async Task<RegistrySchema> GetSchemaByIdAsync(int id, string? subject, CancellationToken cancellationToken)
    {
        var path = "schemas/ids/" + id.ToString(CultureInfo.InvariantCulture) + (subject is null ? "" : "?subject=" + Escape(subject));
        return ReadSchema(await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET /schemas/guids/{guid}</c>: the id (-1 when the answer has none) and the schema.</summary>
    public async Task<(int Id, RegistrySchema Schema)> GetSchemaByGuidAsync(Guid guid, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, "schemas/guids/" + guid.ToString(), null, cancellationToken).ConfigureAwait(false);
        return (OptionalInt(answer.Body, "id") ?? -1, ReadSchema(answer));
    }

    /// <summary><c>GET /subjects</c>.</summary>
    public async Task<IReadOnlyList<string>> GetSubjectsAsync(bool includeDeleted, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, "subjects?deleted=" + Bool(includeDeleted), null, cancellationToken).ConfigureAwait(false);
        return Array(answer).Select(e => (e as JsonString)?.Value ?? "").ToList();
    }

    /// <summary><c>GET /subjects/{subject}/versions</c>.</summary>
    public async Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, bool includeDeleted, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions?deleted={Bool(includeDeleted)}", null, cancellationToken)
            .ConfigureAwait(false);
        return Array(answer).Select(e => Int(answer, e)).ToList();
    }

    /// <summary><c>GET /subjects/{subject}/versions/{version}</c>.</summary>
    public async Task<RegisteredVersion> GetVersionAsync(string subject, int version, bool includeDeleted, CancellationToken cancellationToken)
    {
        var path = $"subjects/{Escape(subject)}/versions/{version.ToString(CultureInfo.InvariantCulture)}?deleted={Bool(includeDeleted)}";
        return ReadRegistered(await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false), subject);
    }

    /// <summary><c>GET /subjects/{subject}/versions/latest</c>: the latest version that is not deleted.</summary>
    public async Task<RegisteredVersion> GetLatestAsync(string subject, CancellationToken cancellationToken) =>
        ReadRegistered(await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions/latest", null, cancellationToken).ConfigureAwait(false), subject);

    /// <summary>
    /// <c>POST /compatibility/subjects/{subject}/versions[/{version}]</c>: whether <paramref name="schema"/> may be
    /// registered, with the registry's reasons (credentials removed) when <paramref name="verbose"/>.
    /// </summary>
    public async Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, RegistrySchema schema, string? version, bool verbose, bool normalize,
        CancellationToken cancellationToken)
    {
        var path = $"compatibility/subjects/{Escape(subject)}/versions" + (version is null ? "" : "/" + Escape(version))
            + $"?verbose={Bool(verbose)}&normalize={Bool(normalize)}";
        var answer = await SendAsync(HttpMethod.Post, path, SchemaRequest(schema), cancellationToken).ConfigureAwait(false);
        if ((answer.Body as JsonObject)?["is_compatible"] is not JsonBoolean compatible)
        {
            throw answer.Malformed("no boolean \"is_compatible\"");
        }

        var messages = new List<string>();
        if ((answer.Body as JsonObject)?["messages"] is JsonArray list)
        {
            messages.AddRange(list.Items.Select(m => Transport.Redact(m is JsonString text ? text.Value : m.ToJson())));
        }

        return new CompatibilityCheckResult(compatible.Value, messages);
    }

    /// <summary><c>GET /config[/{subject}]</c>: the compatibility level (the global one when the subject sets none).</summary>
    public async Task<string> GetCompatibilityAsync(string? subject, CancellationToken cancellationToken)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}?defaultToGlobal=true";
        var answer = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return OptionalString(answer.Body, "compatibilityLevel") ?? OptionalString(answer.Body, "compatibility") ?? RegistryConfig.DefaultCompatibilityLevel;
    }

    /// <summary><c>PUT /config[/{subject}]</c>: sets the compatibility level and returns what the registry stored.</summary>
    public async Task<string> SetCompatibilityAsync(string? subject, string level, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("{\"compatibility\":");
        JsonValue.WriteString(body, level);
        body.Append('}');
        var answer = await SendAsync(HttpMethod.Put, subject is null ? "config" : "config/" + Escape(subject), body.ToString(), cancellationToken)
            .ConfigureAwait(false);
        return OptionalString(answer.Body, "compatibility") ?? level;
    }

    /// <summary><c>DELETE /subjects/{subject}</c>: the versions deleted.</summary>
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Delete, $"subjects/{Escape(subject)}?permanent={Bool(permanent)}", null, cancellationToken).ConfigureAwait(false);
        return Array(answer).Select(e => Int(answer, e)).ToList();
    }

    /// <summary><c>DELETE /subjects/{subject}/versions/{version}</c>: the version deleted.</summary>
    public async Task<int> DeleteSubjectVersionAsync(string subject, int version, bool permanent, CancellationToken cancellationToken)
    {
        var path = $"subjects/{Escape(subject)}/versions/{version.ToString(CultureInfo.InvariantCulture)}?permanent={Bool(permanent)}";
        var answer = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        return Int(answer, answer.Body);
    }

    /// <inheritdoc />
    public void Dispose() => Transport.Dispose();

    private Task<RegistryAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body, CancellationToken cancellationToken) =>
        Transport.SendAsync(method, pathAndQuery, body, cancellationToken);

    /// <summary>The request body of register, lookup and compatibility calls: <c>{"schemaType","schema","references"}</c>.</summary>
    internal static string SchemaRequest(RegistrySchema schema)
    {
        var body = new StringBuilder(schema.Schema.Length + 32);
        body.Append("{\"schemaType\":");
        JsonValue.WriteString(body, schema.SchemaType);
        body.Append(",\"schema\":");
        JsonValue.WriteString(body, schema.Schema);
        if (schema.References.Count > 0)
        {
            body.Append(",\"references\":[");
            for (var i = 0; i < schema.References.Count; i++)
            {
                var reference = schema.References[i];
                body.Append(i == 0 ? "{\"name\":" : ",{\"name\":");
                JsonValue.WriteString(body, reference.Name);
                body.Append(",\"subject\":");
                JsonValue.WriteString(body, reference.Subject);
                body.Append(",\"version\":").Append(reference.Version.ToString(CultureInfo.InvariantCulture)).Append('}');
            }

            body.Append(']');
        }

        return body.Append('}').ToString();
    }

    private static RegistrySchema ReadSchema(RegistryAnswer answer)
    {
        var text = OptionalString(answer.Body, "schema") ?? throw answer.Malformed("no \"schema\"");
        var references = new List<RegistryReference>();
        if ((answer.Body as JsonObject)?["references"] is JsonArray list)
        {
            // Entries without a name and a subject are left out: a reference nobody can name is one nobody can follow.
            foreach (var item in list.Items)
            {
                if (OptionalString(item, "name") is { } name && OptionalString(item, "subject") is { } subject)
                {
                    references.Add(new RegistryReference(name, subject, OptionalInt(item, "version") ?? -1));
                }
            }
        }

        return new RegistrySchema(text, OptionalString(answer.Body, "schemaType"), references);
    }

    private static RegisteredVersion ReadRegistered(RegistryAnswer answer, string subject)
    {
        var guid = OptionalString(answer.Body, "guid") is { } g && Guid.TryParse(g, out var parsed) ? parsed : (Guid?)null;
        var version = RequiredInt(answer, "version");
        var id = RequiredInt(answer, "id");
        return new RegisteredVersion(OptionalString(answer.Body, "subject") ?? subject, version, id, ReadSchema(answer))
        {
            Guid = guid,
            Deleted = (answer.Body as JsonObject)?["deleted"] is JsonBoolean { Value: true },
        };
    }

    private static string? OptionalString(JsonValue value, string name) => ((value as JsonObject)?[name] as JsonString)?.Value;

    private static int? OptionalInt(JsonValue value, string name) =>
        (value as JsonObject)?[name] is JsonNumber number && number.TryGetInt64(out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    private static int RequiredInt(RegistryAnswer answer, string name) =>
        OptionalInt(answer.Body, name) ?? throw answer.Malformed($"no \"{name}\"");

    private static int Int(RegistryAnswer answer, JsonValue value) =>
        value is JsonNumber number && number.TryGetInt64(out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : throw answer.Malformed("a number was expected");

    private static IReadOnlyList<JsonValue> Array(RegistryAnswer answer) =>
        answer.Body is JsonArray array ? array.Items : throw answer.Malformed("an array was expected");

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

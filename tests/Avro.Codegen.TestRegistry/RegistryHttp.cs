using System.Text;
using System.Text.Json;
using Avro.Codegen.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Avro.Codegen.TestRegistry;

/// <summary>
/// The transport rules of the registry's REST layer (Jersey + rest-utils): which request content types are accepted,
/// which response type Accept selects, how errors are rendered, how query booleans are read.
/// </summary>
internal static class RegistryHttp
{
    public const string V1Json = "application/vnd.schemaregistry.v1+json";
    public const string RegistryJson = "application/vnd.schemaregistry+json";
    public const string PlainJson = "application/json";
    public const string OctetStream = "application/octet-stream";

    // Jackson escapes only what JSON requires; so do we (the default encoder would write '"' as \u0022).
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string ResponseTypeKey = "registry.responseType";

    // Server-side quality of each response type, as in the registry's @Produces (Versions.java).
    private static readonly (string Type, double Quality)[] Produces = [(V1Json, 1.0), (RegistryJson, 0.9), (PlainJson, 0.5)];

    private static readonly string[] Consumes = [V1Json, RegistryJson, PlainJson, OctetStream];

    /// <summary>A request body type the registry accepts (no type at all counts as octet-stream).</summary>
    public static bool IsAcceptedRequestType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && Consumes.Any(c => string.Equals(c, parsed.MediaType.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Picks the response type as Jersey does: the client's quality first, then how specific the client's range is
    /// (<c>application/json</c> beats <c>*/*</c>), then the server's preference. No Accept, or <c>*/*</c>, gives
    /// <c>application/vnd.schemaregistry.v1+json</c>. Returns <see langword="null"/> when nothing is acceptable.
    /// </summary>
    public static string? NegotiateResponseType(IList<string>? accept)
    {
        if (accept is null || accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return V1Json;
        }

        string? best = null;
        (double ClientQ, int Specificity, double ServerQ) bestScore = (-1, -1, -1);
        foreach (var (type, serverQ) in Produces)
        {
            foreach (var range in ranges)
            {
                var q = range.Quality ?? 1.0;
                if (q <= 0 || !Matches(type, range))
                {
                    continue;
                }

                var specificity = range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;
                var score = (q, specificity, serverQ);
                if (score.CompareTo(bestScore) > 0)
                {
                    bestScore = score;
                    best = type;
                }
            }
        }

        return best;
    }

    // Plain type/subtype matching with wildcards. (ASP.NET's IsSubsetOf also matches "+json" suffixes against
    // application/json, which would let a client asking for application/json receive the vnd type.)
    private static bool Matches(string type, MediaTypeHeaderValue range)
    {
        if (range.MatchesAllTypes)
        {
            return true;
        }

        var slash = type.IndexOf('/', StringComparison.Ordinal);
        if (range.MatchesAllSubTypes)
        {
            return string.Equals(range.Type.Value, type[..slash], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(range.MediaType.Value, type, StringComparison.OrdinalIgnoreCase);
    }

    public static void SetResponseType(HttpContext context, string type) => context.Items[ResponseTypeKey] = type;

    public static string ResponseType(HttpContext context) => context.Items[ResponseTypeKey] as string ?? V1Json;

    /// <summary>Java's <c>Boolean.valueOf</c>: true only for "true" in any case.</summary>
    public static bool QueryBool(HttpContext context, string name) =>
        string.Equals(context.Request.Query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    public static int? QueryInt(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name].ToString(), out var n) ? n : null;

    public static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer);
        }

        return WriteBodyAsync(context, status, buffer.ToArray());
    }

    public static Task WriteRawAsync(HttpContext context, string text) => WriteBodyAsync(context, 200, Encoding.UTF8.GetBytes(text));

    public static Task WriteErrorAsync(HttpContext context, int status, int errorCode, string message) =>
        WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("error_code", errorCode);
            w.WriteString("message", message);
            w.WriteEndObject();
        });

    public static Task WriteErrorAsync(HttpContext context, RegistryException error) =>
        WriteErrorAsync(context, error.Status, error.ErrorCode, error.Message);

    private static async Task WriteBodyAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ResponseType(context);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    /// <summary>Jersey's text for a status without a registry error (404 on an unknown path, 405, 415, ...).</summary>
    public static string ReasonMessage(int status) => status switch
    {
        400 => "HTTP 400 Bad Request",
        401 => "Unauthorized",
        404 => "HTTP 404 Not Found",
        405 => "HTTP 405 Method Not Allowed",
        406 => "HTTP 406 Not Acceptable",
        415 => "HTTP 415 Unsupported Media Type",
        _ => "HTTP " + status,
    };
}

using System.Text.Json;
using Avro.Codegen.Registry;

namespace Avro.Codegen.TestRegistry;

/// <summary>A request the registry refuses before it reaches the registry logic (bad JSON: 400; no body: 422).</summary>
internal sealed class BadRequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads request entities and writes response entities in the registry's JSON shapes. Unknown properties are ignored
/// and <c>null</c> is accepted wherever the registry accepts it (Jackson's <c>ignoreUnknown</c>); empty or null
/// members are left out of responses (<c>NON_EMPTY</c>).
/// </summary>
internal static class RegistryJsonBodies
{
    public sealed record RegisterRequest(RegistrySchema Schema, int? Id, int? Version);

    public static JsonElement ParseBody(byte[] body)
    {
        if (body.Length == 0)
        {
            throw new BadRequestException(422, "Request body is missing");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new BadRequestException(400, "Unexpected character in request body: " + e.Message);
        }
    }

    public static RegisterRequest ReadRegisterRequest(byte[] body)
    {
        var root = ParseBody(body);
        if (root.ValueKind == JsonValueKind.Null)
        {
            throw new BadRequestException(422, "Request body is missing");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException(400, "Cannot deserialize RegisterSchemaRequest from " + root.ValueKind);
        }

        var schema = OptionalString(root, "schema") ?? "";
        var schemaType = OptionalString(root, "schemaType");
        var references = new List<RegistryReference>();
        if (root.TryGetProperty("references", out var refs) && refs.ValueKind != JsonValueKind.Null)
        {
            if (refs.ValueKind != JsonValueKind.Array)
            {
                throw new BadRequestException(400, "Cannot deserialize 'references' from " + refs.ValueKind);
            }

            foreach (var r in refs.EnumerateArray())
            {
                if (r.ValueKind != JsonValueKind.Object)
                {
                    throw new BadRequestException(400, "Cannot deserialize a RegistryReference from " + r.ValueKind);
                }

                references.Add(new RegistryReference(OptionalString(r, "name") ?? "", OptionalString(r, "subject") ?? "", OptionalInt(r, "version") ?? -1));
            }
        }

        return new RegisterRequest(new RegistrySchema(schema, schemaType, references), OptionalInt(root, "id"), OptionalInt(root, "version"));
    }

    public static string? OptionalString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Jackson coerces scalars to a String field ({"schema": 1} is the text "1"); objects and arrays are mapping errors.
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new BadRequestException(400, $"Cannot deserialize '{name}' as a string from {value.ValueKind}"),
        };
    }

    public static int? OptionalInt(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new BadRequestException(400, $"Cannot deserialize '{name}' as an int from {value.ValueKind}");
    }

    public static bool? OptionalBool(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new BadRequestException(400, $"Cannot deserialize '{name}' as a boolean from {value.ValueKind}");
    }

    public static void WriteReferences(Utf8JsonWriter w, IReadOnlyList<RegistryReference> references)
    {
        if (references.Count == 0)
        {
            return;
        }

        w.WriteStartArray("references");
        foreach (var r in references)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteString("subject", r.Subject);
            w.WriteNumber("version", r.Version);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The <c>Schema</c> entity: a subject-version.</summary>
    public static void WriteSchemaEntity(Utf8JsonWriter w, RegisteredVersion s)
    {
        w.WriteStartObject();
        w.WriteString("subject", s.Subject);
        w.WriteNumber("version", s.Version);
        w.WriteNumber("id", s.Id);
        if (s.Guid is { } guid)
        {
            w.WriteString("guid", guid.ToString());
        }

        w.WriteString("schemaType", s.Schema.SchemaType);
        WriteReferences(w, s.Schema.References);
        w.WriteString("schema", s.Schema.Schema);
        w.WriteBoolean("deleted", s.Deleted);
        w.WriteEndObject();
    }
}

using System.Globalization;
using System.Text.Json;
using Avro.Codegen.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Avro.Codegen.TestRegistry.RegistryHttp;
using static Avro.Codegen.TestRegistry.RegistryJsonBodies;

namespace Avro.Codegen.TestRegistry;

/// <summary>
/// The registry's REST resources (<c>SubjectVersionsResource</c>, <c>SubjectsResource</c>, <c>SchemasResource</c>,
/// <c>CompatibilityResource</c>, <c>ConfigResource</c>, <c>ModeResource</c>) mapped onto <see cref="InMemorySchemaRegistry"/>.
/// Response shapes follow the 8.x server (<c>schemaType</c> always present, <c>guid</c> and <c>deleted</c> included).
/// </summary>
internal static class RegistryEndpoints
{
    public static void Map(WebApplication app, Func<InMemorySchemaRegistry> registry)
    {
        void On(string method, string pattern, Func<HttpContext, InMemorySchemaRegistry, Task> handler) =>
            app.MapMethods(pattern, [method], context => Run(context, registry(), handler));

        On("GET", "/", (c, _) => WriteJsonAsync(c, 200, w => { w.WriteStartObject(); w.WriteEndObject(); }));
        On("GET", "/contexts", (c, _) => WriteStrings(c, ["."]));

        // ---- schemas by id
        On("GET", "/schemas/types", (c, _) => WriteStrings(c, [SchemaTypes.Avro]));
        On("GET", "/schemas", ListSchemas);
        On("GET", "/schemas/ids/{id}", (c, r) =>
        {
            var id = Id(c);
            var schema = r.GetSchemaById(id);
            return WriteSchemaString(c, r, id, schema, r.GetGuidById(id), includeId: false);
        });
        On("GET", "/schemas/ids/{id}/schema", (c, r) => WriteRawAsync(c, r.GetSchemaById(Id(c)).Schema));
        On("GET", "/schemas/ids/{id}/subjects", (c, r) => WriteStrings(c, r.GetSubjectsById(Id(c), QueryBool(c, "deleted"))));
        On("GET", "/schemas/ids/{id}/versions", (c, r) => WriteJsonAsync(c, 200, w =>
        {
            w.WriteStartArray();
            foreach (var v in r.GetVersionsById(Id(c), QueryBool(c, "deleted")))
            {
                w.WriteStartObject();
                w.WriteString("subject", v.Subject);
                w.WriteNumber("version", v.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
        On("GET", "/schemas/guids/{guid}", (c, r) =>
        {
            var (id, schema) = r.GetSchemaByGuid(Guid(c));
            return WriteSchemaString(c, r, id, schema, Guid(c), includeId: true);
        });
        On("GET", "/schemas/guids/{guid}/schema", (c, r) => WriteRawAsync(c, r.GetSchemaByGuid(Guid(c)).Schema.Schema));

        // ---- subjects
        On("GET", "/subjects", (c, r) =>
        {
            var prefix = c.Request.Query["subjectPrefix"].ToString();
            var subjects = r.GetSubjects(prefix.Length == 0 || prefix == ":*:" ? null : prefix, QueryBool(c, "deleted"), QueryBool(c, "deletedOnly"));
            return WriteStrings(c, Page(c, subjects));
        });
        On("GET", "/subjects/{subject}/versions", (c, r) =>
        {
            var versions = r.GetVersions(Subject(c), QueryBool(c, "deleted"), QueryBool(c, "deletedOnly"), QueryBool(c, "deletedAsNegative"));
            return WriteInts(c, Page(c, versions));
        });
        On("POST", "/subjects/{subject}/versions", async (c, r) =>
        {
            var request = ReadRegisterRequest(await ReadBodyAsync(c));
            var registered = r.Register(Subject(c), request.Schema, QueryBool(c, "normalize"), QueryBool(c, "force"), request.Id, request.Version);
            await WriteJsonAsync(c, 200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("id", registered.Id);
                w.WriteNumber("version", registered.Version);
                if (registered.Guid is { } guid)
                {
                    w.WriteString("guid", guid.ToString());
                }

                w.WriteString("schemaType", registered.Schema.SchemaType);
                WriteReferences(w, registered.Schema.References);
                w.WriteString("schema", registered.Schema.Schema);
                w.WriteEndObject();
            });
        });
        On("POST", "/subjects/{subject}", async (c, r) =>
        {
            var request = ReadRegisterRequest(await ReadBodyAsync(c));
            var found = r.LookUp(Subject(c), request.Schema, QueryBool(c, "normalize"), QueryBool(c, "deleted"));
            await WriteJsonAsync(c, 200, w => WriteSchemaEntity(w, found));
        });
        On("DELETE", "/subjects/{subject}", (c, r) => WriteInts(c, r.DeleteSubject(Subject(c), QueryBool(c, "permanent"))));
        On("GET", "/subjects/{subject}/versions/{version}", (c, r) =>
        {
            var found = r.GetVersion(Subject(c), Version(c), QueryBool(c, "deleted"));
            return WriteJsonAsync(c, 200, w => WriteSchemaEntity(w, found));
        });
        On("GET", "/subjects/{subject}/versions/{version}/schema", (c, r) =>
            WriteRawAsync(c, r.GetVersion(Subject(c), Version(c), QueryBool(c, "deleted")).Schema.Schema));
        On("GET", "/subjects/{subject}/versions/{version}/referencedby", (c, r) =>
            WriteInts(c, Page(c, r.GetReferencedBy(Subject(c), Version(c)))));
        On("DELETE", "/subjects/{subject}/versions/{version}", (c, r) =>
            WriteJsonAsync(c, 200, w => w.WriteNumberValue(r.DeleteVersion(Subject(c), Version(c), QueryBool(c, "permanent")))));

        // ---- compatibility
        On("POST", "/compatibility/subjects/{subject}/versions/{version}", (c, r) => TestCompatibilityAsync(c, r, Version(c)));
        On("POST", "/compatibility/subjects/{subject}/versions", (c, r) => TestCompatibilityAsync(c, r, null));

        // ---- config
        On("GET", "/config", (c, r) => WriteConfig(c, "compatibilityLevel", r.GetGlobalConfig()));
        On("PUT", "/config", async (c, r) => await WriteConfig(c, "compatibility", r.SetGlobalConfig(await ReadConfigAsync(c))));
        On("DELETE", "/config", (c, r) => WriteConfig(c, "compatibilityLevel", r.DeleteGlobalConfig()));
        On("GET", "/config/{subject}", (c, r) => WriteConfig(c, "compatibilityLevel", r.GetSubjectConfig(Subject(c), QueryBool(c, "defaultToGlobal"))));
        On("PUT", "/config/{subject}", async (c, r) =>
            await WriteConfig(c, "compatibility", r.SetSubjectConfig(Subject(c), await ReadConfigAsync(c))));
        On("DELETE", "/config/{subject}", (c, r) => WriteConfig(c, "compatibilityLevel", r.DeleteSubjectConfig(Subject(c))));

        // ---- mode
        On("GET", "/mode", (c, r) => WriteMode(c, r.GetGlobalMode()));
        On("PUT", "/mode", async (c, r) => await WriteMode(c, r.SetGlobalMode(await ReadModeAsync(c), QueryBool(c, "force"))));
        On("DELETE", "/mode", (c, r) => WriteMode(c, r.DeleteGlobalMode()));
        On("GET", "/mode/{subject}", (c, r) => WriteMode(c, r.GetSubjectMode(Subject(c), QueryBool(c, "defaultToGlobal"))));
        On("PUT", "/mode/{subject}", async (c, r) =>
            await WriteMode(c, r.SetSubjectMode(Subject(c), await ReadModeAsync(c), QueryBool(c, "force"))));
        On("DELETE", "/mode/{subject}", (c, r) => WriteMode(c, r.DeleteSubjectMode(Subject(c))));
    }

    private static async Task Run(HttpContext context, InMemorySchemaRegistry registry, Func<HttpContext, InMemorySchemaRegistry, Task> handler)
    {
        try
        {
            await handler(context, registry);
        }
        catch (RegistryException e)
        {
            await WriteErrorAsync(context, e);
        }
        catch (BadRequestException e)
        {
            await WriteErrorAsync(context, e.Status, e.Status, e.Message);
        }
        catch (NotFoundException)
        {
            await WriteErrorAsync(context, 404, 404, ReasonMessage(404));
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // The registry's generic server error: status 500, error_code 500 (not a 5xxxx code).
            await WriteErrorAsync(context, 500, RegistryErrorCodes.ServerError, "Error while processing the request: " + e.Message);
        }
    }

    private static async Task TestCompatibilityAsync(HttpContext c, InMemorySchemaRegistry r, string? version)
    {
        if (version is not null)
        {
            InMemorySchemaRegistry.ParseVersion(version);
        }

        var request = ReadRegisterRequest(await ReadBodyAsync(c));
        var verbose = QueryBool(c, "verbose");
        var result = r.TestCompatibility(Subject(c), version, request.Schema, QueryBool(c, "normalize"), verbose);
        await WriteJsonAsync(c, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("is_compatible", result.IsCompatible);
            if (verbose)
            {
                w.WriteStartArray("messages");
                foreach (var m in result.Messages)
                {
                    w.WriteStringValue(m);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    private static async Task ListSchemas(HttpContext c, InMemorySchemaRegistry r)
    {
        var prefix = c.Request.Query["subjectPrefix"].ToString();
        var deleted = QueryBool(c, "deleted");
        var latestOnly = QueryBool(c, "latestOnly");
        var all = new List<RegisteredVersion>();
        foreach (var subject in r.GetSubjects(prefix.Length == 0 ? null : prefix, deleted))
        {
            var versions = r.GetVersions(subject, deleted);
            foreach (var v in latestOnly ? versions.TakeLast(1) : versions)
            {
                all.Add(r.GetVersion(subject, v, deleted));
            }
        }

        var limit = QueryInt(c, "limit") ?? 1000;
        var page = all.Skip(Math.Max(0, QueryInt(c, "offset") ?? 0)).Take(limit < 0 ? int.MaxValue : limit).ToList();
        await WriteJsonAsync(c, 200, w =>
        {
            w.WriteStartArray();
            foreach (var s in page)
            {
                WriteSchemaEntity(w, s);
            }

            w.WriteEndArray();
        });
    }

    private static Task WriteSchemaString(HttpContext c, InMemorySchemaRegistry r, int id, RegistrySchema schema, Guid guid, bool includeId) =>
        WriteJsonAsync(c, 200, w =>
        {
            w.WriteStartObject();
            if (includeId)
            {
                // Looked up by GUID, the caller does not know the id yet.
                w.WriteNumber("id", id);
            }

            var subject = c.Request.Query["subject"].ToString();
            if (subject.Length > 0)
            {
                var version = r.GetVersionsById(id).Where(v => v.Subject == subject).Select(v => (int?)v.Version).LastOrDefault();
                if (version is { } v)
                {
                    w.WriteString("subject", subject);
                    w.WriteNumber("version", v);
                }
            }

            w.WriteString("guid", guid.ToString());
            w.WriteString("schemaType", schema.SchemaType);
            w.WriteString("schema", schema.Schema);
            WriteReferences(w, schema.References);
            if (QueryBool(c, "fetchMaxId"))
            {
                w.WriteNumber("maxId", r.GetMaxId());
            }

            w.WriteEndObject();
        });

    private static Task WriteConfig(HttpContext c, string levelKey, RegistryConfig config) => WriteJsonAsync(c, 200, w =>
    {
        w.WriteStartObject();
        if (config.CompatibilityLevel is { } level)
        {
            w.WriteString(levelKey, level);
        }

        if (config.Normalize is { } normalize)
        {
            w.WriteBoolean("normalize", normalize);
        }

        w.WriteEndObject();
    });

    private static Task WriteMode(HttpContext c, string mode) => WriteJsonAsync(c, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("mode", mode);
        w.WriteEndObject();
    });

    private static async Task<RegistryConfig> ReadConfigAsync(HttpContext c)
    {
        var root = ParseBody(await ReadBodyAsync(c));
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException(400, "Cannot deserialize ConfigUpdateRequest from " + root.ValueKind);
        }

        // PUT uses "compatibility"; "compatibilityLevel" is only the GET spelling, and is ignored here as Jackson would.
        return new RegistryConfig(OptionalString(root, "compatibility"), OptionalBool(root, "normalize"));
    }

    private static async Task<string> ReadModeAsync(HttpContext c)
    {
        var root = ParseBody(await ReadBodyAsync(c));
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException(400, "Cannot deserialize ModeUpdateRequest from " + root.ValueKind);
        }

        return OptionalString(root, "mode") ?? "";
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext c)
    {
        using var buffer = new MemoryStream();
        await c.Request.Body.CopyToAsync(buffer, c.RequestAborted);
        return buffer.ToArray();
    }

    private static Task WriteStrings(HttpContext c, IEnumerable<string> values) => WriteJsonAsync(c, 200, w =>
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    });

    private static Task WriteInts(HttpContext c, IEnumerable<int> values) => WriteJsonAsync(c, 200, w =>
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    });

    private static IEnumerable<T> Page<T>(HttpContext c, IEnumerable<T> items)
    {
        var offset = Math.Max(0, QueryInt(c, "offset") ?? 0);
        var limit = QueryInt(c, "limit") ?? -1;
        var skipped = items.Skip(offset);
        return limit < 0 ? skipped : skipped.Take(limit);
    }

    // Route values arrive percent-decoded except for an encoded '/', which the registry's clients may send in a subject.
    private static string Subject(HttpContext c) =>
        ((string)c.GetRouteValue("subject")!).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static string Version(HttpContext c) => (string)c.GetRouteValue("version")!;

    // A non-numeric id does not match the registry's route at all: Jersey answers 404.
    private static int Id(HttpContext c) =>
        int.TryParse((string)c.GetRouteValue("id")!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : throw new NotFoundException();

    private static Guid Guid(HttpContext c) =>
        System.Guid.TryParse((string)c.GetRouteValue("guid")!, out var guid) ? guid : throw new NotFoundException();

    private sealed class NotFoundException : Exception;
}

namespace Avro.Codegen.Registry;

/// <summary>
/// A schema registry client: the HTTP client (<see cref="RegistryClient"/>) or the in-memory one behind
/// <c>mock://</c> URLs (<see cref="MockRegistryClient"/>). Implementations are thread-safe. Errors are
/// <see cref="RegistryException"/>s carrying the HTTP status and the registry's <c>error_code</c>.
/// </summary>
public interface IRegistryClient : IDisposable
{
    /// <summary>
    /// Registers <paramref name="schema"/> under <paramref name="subject"/> (<c>POST /subjects/{subject}/versions</c>)
    /// and returns its global id. Cached: registering the same schema again makes no request.
    /// </summary>
    Task<int> RegisterSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the version of <paramref name="subject"/> holding <paramref name="schema"/> (<c>POST /subjects/{subject}</c>).
    /// 40401 when the subject does not exist, 40403 when the schema is not registered under it.
    /// </summary>
    Task<RegisteredVersion> LookupSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, bool includeDeleted = false,
        CancellationToken cancellationToken = default);

    /// <summary>The id of <paramref name="schema"/> under <paramref name="subject"/>, without registering it. Cached.</summary>
    Task<int> GetSchemaIdAsync(string subject, RegistrySchema schema, bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>The schema with global id <paramref name="id"/> (<c>GET /schemas/ids/{id}</c>). Cached (ids never change).</summary>
    Task<RegistrySchema> GetSchemaByIdAsync(int id, string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>The schema with this GUID and its id (<c>GET /schemas/guids/{guid}</c>). Cached.</summary>
    Task<(int Id, RegistrySchema Schema)> GetSchemaByGuidAsync(Guid guid, CancellationToken cancellationToken = default);

    /// <summary>The subjects (<c>GET /subjects</c>).</summary>
    Task<IReadOnlyList<string>> GetSubjectsAsync(bool includeDeleted = false, CancellationToken cancellationToken = default);

    /// <summary>The versions of a subject, ascending (<c>GET /subjects/{subject}/versions</c>).</summary>
    Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, bool includeDeleted = false, CancellationToken cancellationToken = default);

    /// <summary>One version of a subject (<c>GET /subjects/{subject}/versions/{version}</c>).</summary>
    Task<RegisteredVersion> GetRegisteredSchemaAsync(string subject, int version, bool includeDeleted = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest version of a subject (<c>GET /subjects/{subject}/versions/latest</c>), cached for the client's
    /// latest-version time to live.
    /// </summary>
    Task<RegisteredVersion> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tests <paramref name="schema"/> against <paramref name="subject"/> at the subject's compatibility level:
    /// against one version (a number or <c>latest</c>: <c>POST /compatibility/subjects/{subject}/versions/{version}</c>)
    /// or, with <paramref name="version"/> <see langword="null"/>, against the whole history as registration would.
    /// With <paramref name="verbose"/> the result carries the registry's reasons.
    /// </summary>
    Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, RegistrySchema schema, string? version = "latest", bool verbose = true,
        bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The compatibility level in effect: the global one when <paramref name="subject"/> is <see langword="null"/>, else
    /// the subject's (falling back to the global one).
    /// </summary>
    Task<string> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the compatibility level globally (<paramref name="subject"/> null) or for one subject; returns what is stored.</summary>
    Task<string> SetCompatibilityAsync(string? subject, string level, CancellationToken cancellationToken = default);

    /// <summary>Deletes a subject (soft, or permanent after a soft delete); returns the versions deleted.</summary>
    Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes one version (soft, or permanent after a soft delete); returns its number.</summary>
    Task<int> DeleteSubjectVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default);
}

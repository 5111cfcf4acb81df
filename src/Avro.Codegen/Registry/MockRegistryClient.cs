using System.Collections.Concurrent;

namespace Avro.Codegen.Registry;

/// <summary>
/// The in-memory registries behind <c>mock://scope</c> URLs: one per scope, shared by every client of the scope in
/// the process, as in Confluent's clients. For samples, local runs and unit tests.
/// </summary>
public static class MockSchemaRegistry
{
    private static readonly ConcurrentDictionary<string, InMemorySchemaRegistry> Scopes = new(StringComparer.Ordinal);

    /// <summary>The registry of <paramref name="scope"/>, created empty on first use.</summary>
    public static InMemorySchemaRegistry GetScope(string scope) => Scopes.GetOrAdd(scope, _ => new InMemorySchemaRegistry());

    /// <summary>Forgets a scope: the next use starts with an empty registry.</summary>
    public static void DropScope(string scope) => Scopes.TryRemove(scope, out _);
}

/// <summary>
/// An <see cref="IRegistryClient"/> over an <see cref="InMemorySchemaRegistry"/>: the same semantics and error
/// codes as the HTTP registry, without a network. Calls complete synchronously.
/// </summary>
public sealed class MockRegistryClient(InMemorySchemaRegistry registry) : IRegistryClient
{
    /// <summary>The registry this client uses.</summary>
    public InMemorySchemaRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <inheritdoc />
    public Task<int> RegisterSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.Register(subject, schema, normalize).Id);

    /// <inheritdoc />
    public Task<RegisteredVersion> LookupSchemaAsync(string subject, RegistrySchema schema, bool normalize = false, bool includeDeleted = false,
        CancellationToken cancellationToken = default) => Run(() => Registry.LookUp(subject, schema, normalize, includeDeleted));

    /// <inheritdoc />
    public Task<int> GetSchemaIdAsync(string subject, RegistrySchema schema, bool normalize = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.LookUp(subject, schema, normalize).Id);

    /// <inheritdoc />
    public Task<RegistrySchema> GetSchemaByIdAsync(int id, string? subject = null, CancellationToken cancellationToken = default) =>
        Run(() => Registry.GetSchemaById(id));

    /// <inheritdoc />
    public Task<(int Id, RegistrySchema Schema)> GetSchemaByGuidAsync(Guid guid, CancellationToken cancellationToken = default) =>
        Run(() => Registry.GetSchemaByGuid(guid));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetSubjectsAsync(bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.GetSubjects(null, includeDeleted));

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.GetVersions(subject, includeDeleted));

    /// <inheritdoc />
    public Task<RegisteredVersion> GetRegisteredSchemaAsync(string subject, int version, bool includeDeleted = false,
        CancellationToken cancellationToken = default) => Run(() => Registry.GetVersion(subject, version, includeDeleted));

    /// <inheritdoc />
    public Task<RegisteredVersion> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) =>
        Run(() => Registry.GetLatestVersion(subject));

    /// <inheritdoc />
    public Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, RegistrySchema schema, string? version = "latest", bool verbose = true,
        bool normalize = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.TestCompatibility(subject, version, schema, normalize, verbose));

    /// <inheritdoc />
    public Task<string> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default) =>
        Run(() => subject is null
            ? Registry.GetGlobalConfig().CompatibilityLevel ?? RegistryConfig.DefaultCompatibilityLevel
            : Registry.GetEffectiveCompatibilityLevel(subject));

    /// <inheritdoc />
    public Task<string> SetCompatibilityAsync(string? subject, string level, CancellationToken cancellationToken = default) =>
        Run(() => (subject is null
            ? Registry.SetGlobalConfig(new RegistryConfig(level))
            : Registry.SetSubjectConfig(subject, new RegistryConfig(level))).CompatibilityLevel!);

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.DeleteSubject(subject, permanent));

    /// <inheritdoc />
    public Task<int> DeleteSubjectVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default) =>
        Run(() => Registry.DeleteVersion(subject, version.ToString(System.Globalization.CultureInfo.InvariantCulture), permanent));

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // Errors travel in the task, as they would from the HTTP client, instead of being thrown at the call.
    private static Task<T> Run<T>(Func<T> operation)
    {
        try
        {
            return Task.FromResult(operation());
        }
        catch (RegistryException e)
        {
            return Task.FromException<T>(e);
        }
    }
}

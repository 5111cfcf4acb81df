using System.Globalization;

namespace Avro.Codegen.Registry;

/// <summary>
/// The semantics of the Confluent Schema Registry, in memory: global ids shared by equal schemas, per-subject versions,
/// idempotent registration, soft and permanent deletes, compatibility levels (global and per subject), modes and schema
/// references. Every failure is a <see cref="RegistryException"/> with the HTTP status, <c>error_code</c> and
/// message the real registry gives.
/// </summary>
/// <remarks>
/// This one class is what <c>mock://</c> registry URLs use and what the loopback emulator serves over HTTP, so the
/// two can never disagree. Thread-safe: every operation runs under one lock (operations are short and in memory).
/// Contexts (<c>:.ctx:subject</c>) are not modelled: a subject name is used as given, all in the default context.
/// </remarks>
public sealed partial class InMemorySchemaRegistry
{
    private readonly object _gate = new();
    private readonly Func<long> _clock;

    // Schema identity: type + canonical text + references. One entry per distinct schema, shared by all its versions.
    private readonly Dictionary<string, StoredSchema> _schemasByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<int, StoredSchema> _schemasById = [];
    private readonly Dictionary<Guid, StoredSchema> _schemasByGuid = [];
    private readonly SortedDictionary<string, SubjectState> _subjects = new(StringComparer.Ordinal);
    private int _maxId;
    private RegistryConfig _globalConfig = new(RegistryConfig.DefaultCompatibilityLevel);
    private string _globalMode = RegistryModes.ReadWrite;

    /// <summary>Creates an empty registry for Avro schemas (parsed and checked by the schema core).</summary>
    public InMemorySchemaRegistry() : this(null)
    {
    }

    internal InMemorySchemaRegistry(Func<long>? clock)
    {
        _clock = clock ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    // ---------------------------------------------------------------- register and lookup

    /// <summary>
    /// <c>POST /subjects/{subject}/versions</c>: registers <paramref name="schema"/> under <paramref name="subject"/> and
    /// returns its id and version. Registering a schema the subject already has (not deleted) returns the existing
    /// version without a compatibility or mode check. An equal schema registered anywhere keeps its id.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema text, type and references.</param>
    /// <param name="normalize">Normalize the schema before comparing and storing it.</param>
    /// <param name="force">Skip the compatibility check.</param>
    /// <param name="importId">IMPORT mode only: the id to register the schema with.</param>
    /// <param name="importVersion">IMPORT mode only: the version to register the schema as.</param>
    public RegisteredVersion Register(string subject, RegistrySchema schema, bool normalize = false, bool force = false,
        int? importId = null, int? importVersion = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        lock (_gate)
        {
            CheckSubjectValid(subject);
            var parsed = ParseLocked(schema, normalize || EffectiveConfigLocked(subject).Normalize == true);
            var key = IdentityKey(parsed, schema.References);
            _subjects.TryGetValue(subject, out var state);

            // Idempotency comes before the mode check: re-registering works even in READONLY mode.
            var existing = state?.Versions.FirstOrDefault(v => !v.Deleted && v.Schema.Key == key);
            if (existing is not null && (importId is null || importId == existing.Schema.Id))
            {
                return ToRegistered(subject, existing);
            }

            var mode = EffectiveModeLocked(subject);
            if (mode is RegistryModes.ReadOnly or RegistryModes.ReadOnlyOverride)
            {
                throw Errors.ReadOnlyMode(subject);
            }

            _schemasByKey.TryGetValue(key, out var known);
            if (mode == RegistryModes.Import)
            {
                if (importId is null)
                {
                    throw Errors.NotReadWriteMode(subject);
                }
            }
            else if (importId is { } requestedId && requestedId >= 0)
            {
                // Outside IMPORT mode an explicit id is tolerated only when it is the schema's id already.
                if (known is null || known.Id != requestedId)
                {
                    throw Errors.NotImportMode(subject);
                }
            }

            var history = state is null ? [] : state.Versions.Where(v => !v.Deleted).ToList();
            if (!force && mode != RegistryModes.Import)
            {
                var level = EffectiveConfigLocked(subject).CompatibilityLevel ?? RegistryConfig.DefaultCompatibilityLevel;
                var messages = CheckLevelLocked(level, parsed, history);
                if (messages.Count > 0)
                {
                    throw Errors.Incompatible(subject, messages);
                }
            }

            var stored = known ?? CreateSchemaLocked(parsed, schema, key, mode == RegistryModes.Import ? importId : null);
            if (mode == RegistryModes.Import && importId is { } id && stored.Id != id)
            {
                throw Errors.IdMismatch(id);
            }

            if (state is null)
            {
                state = new SubjectState();
                _subjects.Add(subject, state);
            }

            int version;
            if (mode == RegistryModes.Import && importVersion is { } wanted && wanted > 0)
            {
                if (state.Versions.Any(v => v.Version == wanted))
                {
                    throw Errors.ImportVersionExists(subject, wanted);
                }

                version = wanted;
            }
            else
            {
                version = state.Versions.Count == 0 ? 1 : state.Versions.Max(v => v.Version) + 1;
            }

            // A soft-deleted version of the same schema is superseded by the new one (Confluent tombstones it).
            state.Versions.RemoveAll(v => v.Deleted && v.Schema == stored);
            var entry = new VersionEntry(version, stored, _clock());
            state.Versions.Add(entry);
            state.Versions.Sort((a, b) => a.Version.CompareTo(b.Version));
            ForgetUnusedSchemasLocked();
            return ToRegistered(subject, entry);
        }
    }

    /// <summary>
    /// <c>POST /subjects/{subject}</c>: finds the version of <paramref name="subject"/> that holds <paramref name="schema"/>
    /// (compared by canonical text, so formatting does not matter).
    /// </summary>
    public RegisteredVersion LookUp(string subject, RegistrySchema schema, bool normalize = false, bool includeDeleted = false)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        lock (_gate)
        {
            var versions = VisibleVersionsLocked(subject, includeDeleted);
            if (versions.Count == 0)
            {
                throw Errors.SubjectNotFound(subject);
            }

            var parsed = ParseLocked(schema, normalize || EffectiveConfigLocked(subject).Normalize == true);
            var key = IdentityKey(parsed, schema.References);

            // Prefer a live version over a soft-deleted one of the same schema.
            var match = versions.Where(v => v.Schema.Key == key).OrderBy(v => v.Deleted).ThenByDescending(v => v.Version).FirstOrDefault();
            return match is null ? throw Errors.SchemaNotFound() : ToRegistered(subject, match);
        }
    }

    // ---------------------------------------------------------------- version ids

    /// <summary>The version id that stands for <c>latest</c>.</summary>
    internal const int LatestVersion = -1;

    /// <summary>
    /// Parses a <c>{version}</c> path segment as the registry does: <c>latest</c> or <c>-1</c>, or an integer in
    /// [1, 2^31-1]; anything else is error 42202.
    /// </summary>
    public static int ParseVersion(string version)
    {
        if (string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return LatestVersion;
        }

        if (int.TryParse(version, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && (n >= 1 || n == LatestVersion))
        {
            return n;
        }

        throw Errors.InvalidVersion(version);
    }

    // ---------------------------------------------------------------- internals

    private RegistryAvroSchema ParseLocked(RegistrySchema schema, bool normalize)
    {
        if (string.IsNullOrWhiteSpace(schema.Schema))
        {
            throw Errors.InvalidSchema("Empty schema");
        }

        if (schema.SchemaType is not (SchemaTypes.Avro or SchemaTypes.Json or SchemaTypes.Protobuf))
        {
            throw Errors.InvalidSchema("Invalid schema type " + schema.SchemaType);
        }

        if (schema.SchemaType != SchemaTypes.Avro)
        {
            throw Errors.InvalidSchema($"Invalid schema of type {schema.SchemaType}, details: schema type {schema.SchemaType} is not supported by this registry; only AVRO is");
        }

        var references = new List<RegistryAvroSchema>(schema.References.Count);
        foreach (var reference in schema.References)
        {
            VersionEntry? target = null;
            if (_subjects.TryGetValue(reference.Subject, out var state))
            {
                target = reference.Version == LatestVersion
                    ? state.Versions.LastOrDefault(v => !v.Deleted)
                    : state.Versions.FirstOrDefault(v => v.Version == reference.Version);
            }

            if (target is null)
            {
                throw Errors.InvalidSchema($"Invalid schema {schema.Schema}, details: reference '{reference.Name}' to subject '{reference.Subject}' version {reference.Version} not found");
            }

            references.Add(target.Schema.Parsed);
        }

        var parsed = RegistryAvroSchema.Parse(schema.Schema, references, normalize, out var error);
        return parsed ?? throw Errors.InvalidSchema($"Invalid schema of type {schema.SchemaType}, details: {error}");
    }

    private static string IdentityKey(RegistryAvroSchema parsed, IReadOnlyList<RegistryReference> references)
    {
        var key = SchemaTypes.Avro + "\n" + parsed.CanonicalText;
        foreach (var r in references)
        {
            key += "\n" + r.Name + "\u0001" + r.Subject + "\u0001" + r.Version.ToString(CultureInfo.InvariantCulture);
        }

        return key;
    }

    private StoredSchema CreateSchemaLocked(RegistryAvroSchema parsed, RegistrySchema request, string key, int? id)
    {
        var newId = id ?? _maxId + 1;
        if (_schemasById.ContainsKey(newId))
        {
            throw Errors.IdMismatch(newId);
        }

        // Ids only grow, also past permanently deleted ones, so an id never names two different schemas over time.
        _maxId = Math.Max(_maxId, newId);
        var stored = new StoredSchema(newId, Guid.NewGuid(), key, parsed,
            new RegistrySchema(parsed.CanonicalText, request.SchemaType, request.References));
        _schemasByKey.Add(key, stored);
        _schemasById.Add(newId, stored);
        _schemasByGuid.Add(stored.Guid, stored);
        return stored;
    }

    private void ForgetUnusedSchemasLocked()
    {
        var used = new HashSet<StoredSchema>();
        foreach (var state in _subjects.Values)
        {
            foreach (var v in state.Versions)
            {
                used.Add(v.Schema);
            }
        }

        foreach (var stored in _schemasById.Values.Where(s => !used.Contains(s)).ToList())
        {
            _schemasById.Remove(stored.Id);
            _schemasByKey.Remove(stored.Key);
            _schemasByGuid.Remove(stored.Guid);
        }
    }

    private List<VersionEntry> VisibleVersionsLocked(string subject, bool includeDeleted) =>
        _subjects.TryGetValue(subject, out var state) ? state.Versions.Where(v => includeDeleted || !v.Deleted).ToList() : [];

    private VersionEntry FindVersionLocked(string subject, int versionId, bool includeDeleted)
    {
        var visible = VisibleVersionsLocked(subject, includeDeleted);
        if (visible.Count == 0)
        {
            throw Errors.SubjectNotFound(subject);
        }

        if (versionId == LatestVersion)
        {
            return visible[^1];
        }

        return visible.FirstOrDefault(v => v.Version == versionId) ?? throw Errors.VersionNotFound(versionId);
    }

    private List<StoredSchema> ReferrersLocked(string subject, int version)
    {
        var result = new List<StoredSchema>();
        foreach (var state in _subjects.Values)
        {
            foreach (var v in state.Versions)
            {
                if (!v.Deleted && v.Schema.Schema.References.Any(r => r.Subject == subject && r.Version == version))
                {
                    result.Add(v.Schema);
                }
            }
        }

        return result;
    }

    private RegisteredVersion ToRegistered(string subject, VersionEntry entry) =>
        new(subject, entry.Version, entry.Schema.Id, entry.Schema.Schema) { Guid = entry.Schema.Guid, Deleted = entry.Deleted };

    private SubjectState GetOrAddSubjectLocked(string subject)
    {
        if (!_subjects.TryGetValue(subject, out var state))
        {
            state = new SubjectState();
            _subjects.Add(subject, state);
        }

        return state;
    }

    private void DropIfEmptyLocked(string subject, SubjectState state)
    {
        if (state.Versions.Count == 0 && state.Config is null && state.Mode is null)
        {
            _subjects.Remove(subject);
        }
    }

    private static void CheckSubjectValid(string subject)
    {
        if (subject.Length == 0 || subject is "__GLOBAL" or "__EMPTY" || subject.Any(char.IsControl))
        {
            throw Errors.InvalidSubject(subject);
        }
    }

    private sealed class StoredSchema(int id, Guid guid, string key, RegistryAvroSchema parsed, RegistrySchema schema)
    {
        public int Id { get; } = id;
        public Guid Guid { get; } = guid;
        public string Key { get; } = key;
        public RegistryAvroSchema Parsed { get; } = parsed;
        public RegistrySchema Schema { get; } = schema;
    }

    private sealed class VersionEntry(int version, StoredSchema schema, long timestamp)
    {
        public int Version { get; } = version;
        public StoredSchema Schema { get; } = schema;
        public long Timestamp { get; } = timestamp;
        public bool Deleted { get; set; }
    }

    private sealed class SubjectState
    {
        // Every version that exists, soft-deleted ones included, ascending.
        public List<VersionEntry> Versions { get; } = [];
        public RegistryConfig? Config { get; set; }
        public string? Mode { get; set; }
    }
}

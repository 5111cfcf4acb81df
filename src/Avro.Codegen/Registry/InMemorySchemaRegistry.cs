using System.Globalization;
using Avro.Codegen.Schema.Compatibility;

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
public sealed class InMemorySchemaRegistry
{
    private const int OldSchemaMessageLimit = 10 * 1024;

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

    // ---------------------------------------------------------------- reads

    /// <summary><c>GET /schemas/ids/{id}</c>: the schema with that global id. Soft-deleted versions keep their id resolvable.</summary>
    public RegistrySchema GetSchemaById(int id)
    {
        lock (_gate)
        {
            return _schemasById.TryGetValue(id, out var stored) ? stored.Schema : throw Errors.SchemaIdNotFound(id.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The highest schema id assigned so far (0 when none): <c>maxId</c> of <c>GET /schemas/ids/{id}?fetchMaxId=true</c>.</summary>
    public int GetMaxId()
    {
        lock (_gate)
        {
            return _maxId;
        }
    }

    /// <summary><c>GET /schemas/guids/{guid}</c>: the schema with that GUID, and its id.</summary>
    public (int Id, RegistrySchema Schema) GetSchemaByGuid(Guid guid)
    {
        lock (_gate)
        {
            return _schemasByGuid.TryGetValue(guid, out var stored)
                ? (stored.Id, stored.Schema)
                : throw Errors.SchemaIdNotFound(guid.ToString());
        }
    }

    /// <summary>The GUID of the schema with global id <paramref name="id"/>.</summary>
    public Guid GetGuidById(int id)
    {
        lock (_gate)
        {
            return _schemasById.TryGetValue(id, out var stored) ? stored.Guid : throw Errors.SchemaIdNotFound(id.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// <c>GET /schemas/ids/{id}/versions</c>: every subject-version that holds the schema, by subject then version.
    /// </summary>
    public IReadOnlyList<SubjectVersion> GetVersionsById(int id, bool includeDeleted = false)
    {
        lock (_gate)
        {
            if (!_schemasById.TryGetValue(id, out var stored))
            {
                throw Errors.SchemaIdNotFound(id.ToString(CultureInfo.InvariantCulture));
            }

            var result = new List<SubjectVersion>();
            foreach (var (subject, state) in _subjects)
            {
                foreach (var v in state.Versions)
                {
                    if (v.Schema == stored && (includeDeleted || !v.Deleted))
                    {
                        result.Add(new SubjectVersion(subject, v.Version));
                    }
                }
            }

            return result;
        }
    }

    /// <summary><c>GET /schemas/ids/{id}/subjects</c>: the subjects that hold the schema.</summary>
    public IReadOnlyList<string> GetSubjectsById(int id, bool includeDeleted = false) =>
        GetVersionsById(id, includeDeleted).Select(v => v.Subject).Distinct().ToList();

    /// <summary>
    /// <c>GET /subjects</c>: subject names in order. A subject whose versions are all soft-deleted is listed only with
    /// <paramref name="includeDeleted"/>; <paramref name="deletedOnly"/> lists only those.
    /// </summary>
    public IReadOnlyList<string> GetSubjects(string? prefix = null, bool includeDeleted = false, bool deletedOnly = false)
    {
        lock (_gate)
        {
            var result = new List<string>();
            foreach (var (subject, state) in _subjects)
            {
                if (state.Versions.Count == 0 || (prefix is not null && !subject.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    continue;
                }

                var live = state.Versions.Any(v => !v.Deleted);
                if (deletedOnly ? state.Versions.Any(v => v.Deleted) : live || includeDeleted)
                {
                    result.Add(subject);
                }
            }

            return result;
        }
    }

    /// <summary>
    /// <c>GET /subjects/{subject}/versions</c>: version numbers, ascending. 40401 when the subject has none to show.
    /// </summary>
    public IReadOnlyList<int> GetVersions(string subject, bool includeDeleted = false, bool deletedOnly = false, bool deletedAsNegative = false)
    {
        lock (_gate)
        {
            IEnumerable<VersionEntry> versions = _subjects.TryGetValue(subject, out var state) ? state.Versions : [];
            versions = deletedOnly ? versions.Where(v => v.Deleted) : versions.Where(v => includeDeleted || deletedAsNegative || !v.Deleted);
            var result = versions.Select(v => v.Deleted && deletedAsNegative ? -v.Version : v.Version).ToList();
            return result.Count == 0 ? throw Errors.SubjectNotFound(subject) : result;
        }
    }

    /// <summary>
    /// <c>GET /subjects/{subject}/versions/{version}</c>: <paramref name="version"/> is a number from 1, or
    /// <c>latest</c> (also <c>-1</c>): the highest version that is not deleted.
    /// </summary>
    public RegisteredVersion GetVersion(string subject, string version, bool includeDeleted = false)
    {
        var versionId = ParseVersion(version);
        lock (_gate)
        {
            return ToRegistered(subject, FindVersionLocked(subject, versionId, includeDeleted));
        }
    }

    /// <summary><c>GET /subjects/{subject}/versions/{version}</c> with a numeric version.</summary>
    public RegisteredVersion GetVersion(string subject, int version, bool includeDeleted = false) =>
        GetVersion(subject, version.ToString(CultureInfo.InvariantCulture), includeDeleted);

    /// <summary><c>GET /subjects/{subject}/versions/latest</c>.</summary>
    public RegisteredVersion GetLatestVersion(string subject) => GetVersion(subject, "latest");

    /// <summary>
    /// <c>GET /subjects/{subject}/versions/{version}/referencedby</c>: ids of the schemas whose live versions reference
    /// that subject-version, ascending.
    /// </summary>
    public IReadOnlyList<int> GetReferencedBy(string subject, string version)
    {
        var versionId = ParseVersion(version);
        lock (_gate)
        {
            var target = FindVersionLocked(subject, versionId, includeDeleted: true);
            return ReferrersLocked(subject, target.Version).Select(s => s.Id).Distinct().Order().ToList();
        }
    }

    // ---------------------------------------------------------------- compatibility

    /// <summary>
    /// <c>POST /compatibility/subjects/{subject}/versions/{version}</c> (with a version) or
    /// <c>POST /compatibility/subjects/{subject}/versions</c> (<paramref name="version"/> <see langword="null"/>: the whole
    /// history as registration would check it).
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">A version number, <c>latest</c>, or <see langword="null"/> for the whole history.</param>
    /// <param name="schema">The candidate schema.</param>
    /// <param name="normalize">Normalize the candidate first.</param>
    /// <param name="verbose">Fill <see cref="CompatibilityCheckResult.Messages"/>, and answer an invalid schema with a
    /// negative result instead of error 42201.</param>
    public CompatibilityCheckResult TestCompatibility(string subject, string? version, RegistrySchema schema, bool normalize = false, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        var versionId = version is null ? (int?)null : ParseVersion(version);
        lock (_gate)
        {
            RegistryAvroSchema parsed;
            try
            {
                parsed = ParseLocked(schema, normalize || EffectiveConfigLocked(subject).Normalize == true);
            }
            catch (RegistryException e) when (verbose && e.ErrorCode == RegistryErrorCodes.InvalidSchema)
            {
                return new CompatibilityCheckResult(false, [e.Message]);
            }

            var live = _subjects.TryGetValue(subject, out var state) ? state.Versions.Where(v => !v.Deleted).ToList() : [];
            List<VersionEntry> history;
            var level = EffectiveConfigLocked(subject).CompatibilityLevel ?? RegistryConfig.DefaultCompatibilityLevel;
            if (versionId is null)
            {
                history = live;
            }
            else if (versionId == LatestVersion)
            {
                // A missing subject (or one whose versions are all deleted) is compatible with anything (since 6.1).
                history = live.Count == 0 ? [] : [live[^1]];
            }
            else
            {
                var one = live.FirstOrDefault(v => v.Version == versionId);
                history = one is null ? throw Errors.VersionNotFound(versionId.Value) : [one];
            }

            // Against a single version the _TRANSITIVE suffix changes nothing; CheckLevelLocked handles both.
            var messages = CheckLevelLocked(level, parsed, history);
            return new CompatibilityCheckResult(messages.Count == 0, verbose ? messages : []);
        }
    }

    // ---------------------------------------------------------------- deletes

    /// <summary>
    /// <c>DELETE /subjects/{subject}</c>: soft-deletes every live version (or, with <paramref name="permanent"/>, removes
    /// a subject that was soft-deleted first) and returns the versions deleted.
    /// </summary>
    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent = false)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var state) || state.Versions.Count == 0)
            {
                throw Errors.SubjectNotFound(subject);
            }

            CheckWritableLocked(subject);
            var live = state.Versions.Where(v => !v.Deleted).ToList();
            if (permanent)
            {
                if (live.Count > 0)
                {
                    throw Errors.SubjectNotSoftDeleted(subject);
                }
            }
            else if (live.Count == 0)
            {
                throw Errors.SubjectSoftDeleted(subject);
            }

            var targets = permanent ? state.Versions.ToList() : live;
            foreach (var v in targets)
            {
                if (ReferrersLocked(subject, v.Version).Count > 0)
                {
                    throw Errors.ReferenceExists(subject, v.Version);
                }
            }

            if (permanent)
            {
                // Everything goes, the subject's config and mode included.
                _subjects.Remove(subject);
                ForgetUnusedSchemasLocked();
            }
            else
            {
                foreach (var v in live)
                {
                    v.Deleted = true;
                }
            }

            return targets.Select(v => v.Version).ToList();
        }
    }

    /// <summary>
    /// <c>DELETE /subjects/{subject}/versions/{version}</c>: soft-deletes one version (or, with <paramref name="permanent"/>,
    /// removes a version that was soft-deleted first). Returns the version number.
    /// </summary>
    public int DeleteVersion(string subject, string version, bool permanent = false)
    {
        var versionId = ParseVersion(version);
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var state) || state.Versions.Count == 0)
            {
                throw Errors.SubjectNotFound(subject);
            }

            var entry = versionId == LatestVersion
                ? state.Versions.LastOrDefault(v => !v.Deleted) ?? (permanent ? state.Versions[^1] : null)
                : state.Versions.FirstOrDefault(v => v.Version == versionId);
            if (entry is null)
            {
                throw versionId == LatestVersion ? Errors.SubjectNotFound(subject) : Errors.VersionNotFound(versionId);
            }

            CheckWritableLocked(subject);
            if (permanent && !entry.Deleted)
            {
                throw Errors.VersionNotSoftDeleted(subject, entry.Version);
            }

            if (!permanent && entry.Deleted)
            {
                throw Errors.VersionSoftDeleted(subject, entry.Version);
            }

            if (ReferrersLocked(subject, entry.Version).Count > 0)
            {
                throw Errors.ReferenceExists(subject, entry.Version);
            }

            if (permanent)
            {
                state.Versions.Remove(entry);
                if (state.Versions.Count == 0)
                {
                    _subjects.Remove(subject);
                }

                ForgetUnusedSchemasLocked();
            }
            else
            {
                entry.Deleted = true;
            }

            return entry.Version;
        }
    }

    // ---------------------------------------------------------------- config

    /// <summary><c>GET /config</c>: the global config (compatibility BACKWARD unless changed).</summary>
    public RegistryConfig GetGlobalConfig()
    {
        lock (_gate)
        {
            return _globalConfig;
        }
    }

    /// <summary><c>PUT /config</c>: updates the global config; returns what is stored. 42203 for an unknown level.</summary>
    public RegistryConfig SetGlobalConfig(RegistryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var update = ValidateConfig(config);
        lock (_gate)
        {
            _globalConfig = Merge(update, _globalConfig);
            return update;
        }
    }

    /// <summary><c>DELETE /config</c>: returns the old global config; the level reverts to the server default.</summary>
    public RegistryConfig DeleteGlobalConfig()
    {
        lock (_gate)
        {
            var old = _globalConfig;
            _globalConfig = new RegistryConfig(RegistryConfig.DefaultCompatibilityLevel);
            return old;
        }
    }

    /// <summary>
    /// <c>GET /config/{subject}</c>: the subject's own config (40408 when it has none), or with
    /// <paramref name="defaultToGlobal"/> the effective one.
    /// </summary>
    public RegistryConfig GetSubjectConfig(string subject, bool defaultToGlobal = false)
    {
        lock (_gate)
        {
            if (defaultToGlobal)
            {
                return EffectiveConfigLocked(subject);
            }

            return _subjects.TryGetValue(subject, out var state) && state.Config is { } config
                ? config
                : throw Errors.SubjectConfigNotFound(subject);
        }
    }

    /// <summary><c>PUT /config/{subject}</c>: works for a subject without schemas too.</summary>
    public RegistryConfig SetSubjectConfig(string subject, RegistryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var update = ValidateConfig(config);
        lock (_gate)
        {
            CheckSubjectValid(subject);
            var state = GetOrAddSubjectLocked(subject);
            state.Config = state.Config is null ? update : Merge(update, state.Config);
            return update;
        }
    }

    /// <summary><c>DELETE /config/{subject}</c>: returns the removed config; 40401 when the subject had none.</summary>
    public RegistryConfig DeleteSubjectConfig(string subject)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var state) || state.Config is not { } old)
            {
                throw Errors.SubjectNotFound(subject);
            }

            state.Config = null;
            DropIfEmptyLocked(subject, state);
            return old;
        }
    }

    /// <summary>The compatibility level that applies to <paramref name="subject"/>.</summary>
    public string GetEffectiveCompatibilityLevel(string subject)
    {
        lock (_gate)
        {
            return EffectiveConfigLocked(subject).CompatibilityLevel ?? RegistryConfig.DefaultCompatibilityLevel;
        }
    }

    // ---------------------------------------------------------------- modes

    /// <summary><c>GET /mode</c>.</summary>
    public string GetGlobalMode()
    {
        lock (_gate)
        {
            return _globalMode;
        }
    }

    /// <summary>
    /// <c>PUT /mode</c>: 42204 for an unknown mode; switching to IMPORT while schemas exist needs <paramref name="force"/>.
    /// </summary>
    public string SetGlobalMode(string mode, bool force = false)
    {
        var value = ValidateMode(mode);
        lock (_gate)
        {
            if (value == RegistryModes.Import && !force && _subjects.Values.Any(s => s.Versions.Count > 0))
            {
                throw Errors.ImportNeedsEmptyRegistry();
            }

            _globalMode = value;
            return value;
        }
    }

    /// <summary><c>DELETE /mode</c>: back to READWRITE; returns the old mode.</summary>
    public string DeleteGlobalMode()
    {
        lock (_gate)
        {
            var old = _globalMode;
            _globalMode = RegistryModes.ReadWrite;
            return old;
        }
    }

    /// <summary><c>GET /mode/{subject}</c>: 40409 without a subject mode unless <paramref name="defaultToGlobal"/>.</summary>
    public string GetSubjectMode(string subject, bool defaultToGlobal = false)
    {
        lock (_gate)
        {
            if (_subjects.TryGetValue(subject, out var state) && state.Mode is { } mode)
            {
                return mode;
            }

            return defaultToGlobal ? _globalMode : throw Errors.SubjectModeNotFound(subject);
        }
    }

    /// <summary><c>PUT /mode/{subject}</c>.</summary>
    public string SetSubjectMode(string subject, string mode, bool force = false)
    {
        var value = ValidateMode(mode);
        if (value == RegistryModes.Forward)
        {
            throw Errors.InvalidMode();
        }

        lock (_gate)
        {
            CheckSubjectValid(subject);
            var state = GetOrAddSubjectLocked(subject);
            if (value == RegistryModes.Import && !force && state.Versions.Count > 0)
            {
                throw Errors.ImportNeedsEmptyRegistry();
            }

            state.Mode = value;
            return value;
        }
    }

    /// <summary><c>DELETE /mode/{subject}</c>: returns the removed mode; 40401 when the subject had none.</summary>
    public string DeleteSubjectMode(string subject)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var state) || state.Mode is not { } old)
            {
                throw Errors.SubjectNotFound(subject);
            }

            state.Mode = null;
            DropIfEmptyLocked(subject, state);
            return old;
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

    private RegistryConfig EffectiveConfigLocked(string subject)
    {
        var config = _globalConfig;
        if (_subjects.TryGetValue(subject, out var state) && state.Config is { } own)
        {
            config = Merge(own, config);
        }

        return config.CompatibilityLevel is null ? config with { CompatibilityLevel = RegistryConfig.DefaultCompatibilityLevel } : config;
    }

    private string EffectiveModeLocked(string subject) =>
        _subjects.TryGetValue(subject, out var state) && state.Mode is { } mode ? mode : _globalMode;

    private void CheckWritableLocked(string subject)
    {
        if (EffectiveModeLocked(subject) is RegistryModes.ReadOnly or RegistryModes.ReadOnlyOverride)
        {
            throw Errors.ReadOnlyMode(subject);
        }
    }

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

    private static RegistryConfig Merge(RegistryConfig over, RegistryConfig under) =>
        new(over.CompatibilityLevel ?? under.CompatibilityLevel, over.Normalize ?? under.Normalize);

    private static RegistryConfig ValidateConfig(RegistryConfig config)
    {
        if (config.CompatibilityLevel is null)
        {
            return config;
        }

        return RegistryConfig.TryNormalizeLevel(config.CompatibilityLevel, out var level)
            ? config with { CompatibilityLevel = level }
            : throw Errors.InvalidCompatibilityLevel();
    }

    private static string ValidateMode(string mode)
    {
        foreach (var known in new[] { RegistryModes.ReadWrite, RegistryModes.ReadOnly, RegistryModes.ReadOnlyOverride, RegistryModes.Import, RegistryModes.Forward })
        {
            if (string.Equals(known, mode, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw Errors.InvalidMode();
    }

    private static void CheckSubjectValid(string subject)
    {
        if (subject.Length == 0 || subject is "__GLOBAL" or "__EMPTY" || subject.Any(char.IsControl))
        {
            throw Errors.InvalidSubject(subject);
        }
    }

    /// <summary>
    /// Applies a compatibility level to <paramref name="candidate"/> against <paramref name="history"/> (live versions,
    /// oldest first) with the schema core's <see cref="CompatibilityLevels"/>, and words the result as Confluent's
    /// verbose messages; empty when compatible.
    /// </summary>
    private static List<string> CheckLevelLocked(string level, RegistryAvroSchema candidate, List<VersionEntry> history)
    {
        var messages = new List<string>();
        if (!CompatibilityLevels.TryParse(level, out var parsedLevel))
        {
            throw Errors.InvalidCompatibilityLevel();
        }

        var result = CompatibilityLevels.Check(parsedLevel, candidate.Schema, history.ConvertAll(v => v.Schema.Parsed.Schema));
        if (result.IsCompatible)
        {
            return messages;
        }

        // Only the first version that failed has failing checks: FORWARD's half (old reads new) before BACKWARD's.
        foreach (var check in result.Checks.Where(c => !c.IsCompatible))
        {
            var (reader, writer) = check.Direction == CompatibilityDirection.OldReadsNew ? ("old", "new") : ("new", "old");
            foreach (var issue in check.Incompatibilities)
            {
                messages.Add(Describe(issue.Type.ToJavaName(), issue.Location, issue.Message, reader, writer));
            }

            // The checker stops on input Java would throw for (two writer fields matching one reader field): never compatible.
            foreach (var failure in check.Errors)
            {
                messages.Add(Describe("CHECK_FAILED", "/", failure.Message, reader, writer));
            }

            if (check.Direction == CompatibilityDirection.NewReadsOld)
            {
                var old = history[check.HistoryIndex];
                messages.Add("{oldSchemaVersion: " + old.Version.ToString(CultureInfo.InvariantCulture) + "}");
                var text = old.Schema.Schema.Schema;
                messages.Add(text.Length <= OldSchemaMessageLimit
                    ? "{oldSchema: '" + text + "'}"
                    : "{oldSchema: <truncated> '" + text[..OldSchemaMessageLimit] + "'}");
            }
        }

        messages.Add("{validateFields: 'false', compatibility: '" + level + "'}");
        return messages;
    }

    private static string Describe(string errorType, string path, string message, string reader, string writer)
    {
        var description = errorType switch
        {
            "FIXED_SIZE_MISMATCH" => $"The size of FIXED type field at path '{path}' in the {reader} schema does not match with the {writer} schema",
            "TYPE_MISMATCH" => $"The type (path '{path}') of a field in the {reader} schema does not match with the {writer} schema",
            "NAME_MISMATCH" => $"The name of the schema has changed (path '{path}')",
            "MISSING_ENUM_SYMBOLS" => $"The {reader} schema is missing enum symbols '{message}' at path '{path}' in the {writer} schema",
            "MISSING_UNION_BRANCH" => $"The {reader} schema is missing a type inside a union field at path '{path}' in the {writer} schema",
            "READER_FIELD_MISSING_DEFAULT_VALUE" => $"The field '{message}' at path '{path}' in the {reader} schema has no default value and is missing in the {writer} schema",
            _ => $"The {reader} schema cannot read the {writer} schema at path '{path}'",
        };
        return "{errorType:'" + errorType + "', description:'" + description + "', additionalInfo:'" + message + "'}";
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

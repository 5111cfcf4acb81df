using System.Globalization;

namespace Avro.Codegen.Registry;

// The in-memory registry, continued: reading schemas, subjects and versions.
public sealed partial class InMemorySchemaRegistry
{
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
}

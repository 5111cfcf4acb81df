namespace Avro.Codegen.Registry;

// The in-memory registry, continued: soft and permanent deletes of subjects and versions.
public sealed partial class InMemorySchemaRegistry
{
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
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Gate;

// The registry check: asks the registry whether each schema is compatible with its subject's latest version, and,
// with a lock file, verifies (and records) the ids and versions the registry holds for compatible schemas.
public static partial class SchemaGate
{
    private sealed partial class Run
    {
        public async Task CheckAgainstRegistry(GateRegistry client, List<Prepared> prepared, CancellationToken cancellationToken)
        {
            SchemaLockFile? lockFile = null;
            if (!string.IsNullOrWhiteSpace(_settings.LockFile))
            {
                var problems = new List<GateDiagnostic>();
                lockFile = SchemaLockFile.Load(_settings.LockFile!, problems);
                foreach (var problem in problems)
                {
                    Add(-1, problem);
                }
            }

            await ForEach(prepared, p => p.Index, p => p.Input.Path, async item =>
            {
                var status = await CheckOne(client, item, cancellationToken).ConfigureAwait(false);
                if (lockFile is not null && status is SubjectStatus.New or SubjectStatus.Compatible)
                {
                    await VerifyLock(client, lockFile, item, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);

            if (lockFile is not null && _registryFailure is null)
            {
                SaveLock(lockFile);
            }
        }

        private async Task<SubjectStatus> CheckOne(GateRegistry client, Prepared item, CancellationToken cancellationToken)
        {
            try
            {
                var latest = await client.GetLatestAsync(item.Subject, cancellationToken).ConfigureAwait(false);
                RegistrySchema? sent = latest is null ? null : await ForCheckAsync(client, item, cancellationToken).ConfigureAwait(false);
                var answer = sent is null ? null : await client.TestCompatibilityAsync(item.Subject, sent, cancellationToken).ConfigureAwait(false);
                if (latest is null || answer is null)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' is new in the registry; nothing to be incompatible with"));
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.New));
                    return SubjectStatus.New;
                }

                if (answer.IsCompatible)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' is compatible with version {latest.Version.ToString(CultureInfo.InvariantCulture)}"));
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Compatible, latest.Id, latest.Version));
                    return SubjectStatus.Compatible;
                }

                var parsed = RegistryMessages.Parse(answer.Messages);
                var oldSchema = ParseQuietly(latest.Schema.Schema);
                var against = "version " + (parsed.OldVersion ?? latest.Version).ToString(CultureInfo.InvariantCulture);
                var incompatibilities = parsed.Incompatibilities.Count > 0
                    ? parsed.Incompatibilities
                    : new[] { new Incompatibility(null, "the registry reports the schema incompatible (it gave no reasons)", null, null, true) };
                foreach (var incompatibility in incompatibilities)
                {
                    var span = IncompatibilityLocator.Locate(item.Schema, oldSchema, incompatibility.Path, incompatibility.ReaderIsNew);
                    Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.Incompatible,
                        IncompatibilityText.Format(item.Subject, incompatibility, against, parsed.Level), span, item.Input.Path));
                }

                Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Incompatible, latest.Id, latest.Version));
                return SubjectStatus.Incompatible;
            }
            catch (RegistryException exception) when (exception.ErrorCode == RegistryErrorCodes.InvalidSchema)
            {
                RejectedSchema(item, exception);
                return SubjectStatus.Failed;
            }
        }

        private void RejectedSchema(Prepared item, RegistryException exception)
        {
            Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.RegistryRejectedSchema,
                $"subject '{item.Subject}': {exception.Message}", item.Schema.Span, item.Input.Path));
            Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Failed));
        }

        private async Task VerifyLock(GateRegistry client, SchemaLockFile lockFile, Prepared item, CancellationToken cancellationToken)
        {
            var registered = await FindRegisteredAsync(client, item, cancellationToken).ConfigureAwait(false);
            var fingerprint = SchemaLockFile.FingerprintOf(item.Schema);
            SchemaLockEntry? entry;
            lock (_gate)
            {
                entry = lockFile.Find(item.Subject);
            }

            var sameSchema = entry is not null && entry.Fingerprint == fingerprint;
            if (registered is null)
            {
                // The same schema registered self-contained (before references were on) is another registry schema.
                if (sameSchema && item.References.Count == 0)
                {
                    Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.LockMismatch,
                        $"subject '{item.Subject}': {LockName} records this schema as id {entry!.Id.ToString(CultureInfo.InvariantCulture)} (version {entry.Version.ToString(CultureInfo.InvariantCulture)}), but the registry does not hold it; was the registry reset, or does the URL point at another registry? Register the schema again, or delete the entry if the change is intended",
                        item.Schema.Span, item.Input.Path));
                    return;
                }

                Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                    $"{item.Input.Path}: subject '{item.Subject}': this schema is not registered yet, so it has no id in {LockName} (dotnet build -t:AvroRegisterSchemas registers it)"));
                lock (_gate)
                {
                    lockFile.Remove(item.Subject);
                }

                return;
            }

            if (sameSchema && (entry!.Id != registered.Id || entry.Version != registered.Version))
            {
                Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.LockMismatch,
                    $"subject '{item.Subject}': the registry holds this schema as id {registered.Id.ToString(CultureInfo.InvariantCulture)} (version {registered.Version.ToString(CultureInfo.InvariantCulture)}), but {LockName} records id {entry.Id.ToString(CultureInfo.InvariantCulture)} (version {entry.Version.ToString(CultureInfo.InvariantCulture)}); was the registry reset, or does the URL point at another registry? Delete the entry if the change is intended",
                    item.Schema.Span, item.Input.Path));
                return;
            }

            lock (_gate)
            {
                lockFile.Set(new SchemaLockEntry(item.Subject, registered.Id, registered.Version, fingerprint) { References = registered.Schema.References });
            }
        }

        private string LockName => Path.GetFileName(_settings.LockFile) ?? DefaultLockFileName;

        private void SaveLock(SchemaLockFile lockFile)
        {
            if (_diagnostics.Any(d => d.Diagnostic.Code == GateCodes.LockMismatch || d.Diagnostic.Code == GateCodes.LockFileInvalid))
            {
                // A lock that disagrees with the registry is evidence; keep it as it is until someone decides.
                return;
            }

            try
            {
                if (lockFile.Save(_settings.LockFile!))
                {
                    Add(-1, new GateDiagnostic(GateSeverity.Message, null, $"updated {_settings.LockFile}"));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.LockFileInvalid, "cannot write the schema lock file: " + exception.Message, _settings.LockFile));
            }
        }
    }
}

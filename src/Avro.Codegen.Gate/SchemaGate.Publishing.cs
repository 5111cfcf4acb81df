using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Gate;

// Publishing: registering the schemas (recording them in the lock file) and downloading subjects' latest versions
// into a folder in the layout the offline baseline reads.
public static partial class SchemaGate
{
    private sealed partial class Run
    {
        public async Task Register(GateRegistry client, List<Prepared> prepared, CancellationToken cancellationToken)
        {
            SchemaLockFile? lockFile = null;
            if (!string.IsNullOrWhiteSpace(_settings.LockFile))
            {
                var problems = new List<GateDiagnostic>();
                lockFile = SchemaLockFile.Load(_settings.LockFile!, problems) ?? new SchemaLockFile();
                foreach (var problem in problems)
                {
                    // A damaged lock is rewritten from what the registry says; registering is the fix.
                    Add(-1, problem with { Severity = GateSeverity.Warning });
                }
            }

            await ForEach(prepared, p => p.Index, p => p.Input.Path, item => RegisterOnceAsync(client, item, lockFile, cancellationToken), cancellationToken)
                .ConfigureAwait(false);

            if (lockFile is not null && _registryFailure is null)
            {
                SaveLock(lockFile);
            }
        }

        public async Task Download(GateRegistry client, List<(int Index, string Subject)> subjects, string folder, CancellationToken cancellationToken)
        {
            // The subjects that downloaded schemas reference are written too, each once, round by round.
            var seen = new HashSet<string>(subjects.Select(s => s.Subject), StringComparer.Ordinal);
            var round = subjects;
            while (round.Count > 0 && _registryFailure is null)
            {
                var referenced = new List<(int Index, string Subject)>();
                await DownloadRound(client, round, folder, referenced, seen, cancellationToken).ConfigureAwait(false);
                round = referenced;
            }
        }

        private async Task DownloadRound(GateRegistry client, List<(int Index, string Subject)> subjects, string folder,
            List<(int Index, string Subject)> referenced, HashSet<string> seen, CancellationToken cancellationToken)
        {
            await ForEach(subjects, s => s.Index, _ => null, async item =>
            {
                var latest = await client.GetLatestAsync(item.Subject, cancellationToken).ConfigureAwait(false);
                if (latest is null)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Error, GateCodes.SubjectNotFound, $"subject '{item.Subject}' does not exist in the registry"));
                    return;
                }

                // Stored indented, so a committed baseline reviews like any other schema file; a schema with references
                // is stored with the referenced types defined in it, as the offline check needs it.
                var parsed = latest.Schema.References.Count == 0
                    ? ParseQuietly(latest.Schema.Schema)
                    : await ResolveReferencesAsync(client, latest, item.Index, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    referenced.AddRange(latest.Schema.References.Where(r => seen.Add(r.Subject)).Select(r => (item.Index, r.Subject)));
                }

                var text = parsed is null ? latest.Schema.Schema : SchemaJson.ToJson(parsed, indented: true);
                var path = Path.Combine(folder, SubjectFileName(item.Subject) + ".avsc");
                try
                {
                    Directory.CreateDirectory(folder);
                    if (!File.Exists(path) || File.ReadAllText(path) != text + "\n")
                    {
                        File.WriteAllText(path, text + "\n", new UTF8Encoding(false));
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Error, GateCodes.FileUnreadable, $"cannot write {path}: {exception.Message}", path));
                    return;
                }

                Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                    $"{item.Subject} -> {path} (version {latest.Version.ToString(CultureInfo.InvariantCulture)}, id {latest.Id.ToString(CultureInfo.InvariantCulture)})"));
                Outcome(item.Index, new SubjectOutcome(path, item.Subject, SubjectStatus.Downloaded, latest.Id, latest.Version));
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}

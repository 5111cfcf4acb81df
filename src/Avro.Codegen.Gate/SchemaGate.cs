using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Gate;

/// <summary>
/// The compatibility gate's engine, shared by the MSBuild tasks and the <c>avro-codegen registry</c> verbs: derives
/// each schema's subject, checks it against the registry (or an offline baseline), registers it, or downloads the
/// latest versions. It never logs and never throws for bad input or registry faults: everything ends up as
/// <see cref="GateDiagnostic"/>s in the returned <see cref="GateResult"/>.
/// </summary>
public static partial class SchemaGate
{
    /// <summary>The default lock file name.</summary>
    public const string DefaultLockFileName = "avro-schemas.lock.json";

    /// <summary>
    /// Checks every schema that has a subject: against the registry when <see cref="GateSettings.RegistryUrl"/> is set
    /// (<c>POST /compatibility/subjects/{s}/versions/latest?verbose=true</c>), otherwise against
    /// <see cref="GateSettings.BaselineDirectory"/> with the schema core at <see cref="GateSettings.CompatibilityLevel"/>.
    /// </summary>
    public static async Task<GateResult> CheckAsync(IReadOnlyList<GateSchemaInput> inputs, GateSettings settings, CancellationToken cancellationToken = default)
    {
        var run = new Run(settings);
        var prepared = run.Prepare(inputs);
        if (prepared is null)
        {
            return run.Result();
        }

        if (prepared.Count == 0)
        {
            // Files that could not be read or parsed were already reported; warn only when valid schemas lack subjects.
            if (run.Unusable < inputs.Count)
            {
                run.Add(-1, new GateDiagnostic(GateSeverity.Warning, GateCodes.NothingToCheck,
                    "the compatibility check is on, but no schema has a subject: give AvroSchema items a Topic or Subject, or use the RecordName strategy"));
            }

            return run.Result();
        }

        if (!string.IsNullOrWhiteSpace(settings.RegistryUrl))
        {
            await run.WithRegistry(client => run.CheckAgainstRegistry(client, prepared, cancellationToken)).ConfigureAwait(false);
        }
        else if (!string.IsNullOrWhiteSpace(settings.BaselineDirectory))
        {
            run.CheckAgainstBaseline(prepared);
        }
        else
        {
            run.Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption,
                "nothing to check against: set AvroSchemaRegistryUrl (property or environment variable) or AvroCodegen_CompatibilityBaseline"));
        }

        return run.Result();
    }

    /// <summary>Registers every schema that has a subject and reports <c>subject -&gt; id</c>; updates the lock file when one is configured.</summary>
    public static async Task<GateResult> RegisterAsync(IReadOnlyList<GateSchemaInput> inputs, GateSettings settings, CancellationToken cancellationToken = default)
    {
        var run = new Run(settings) { FailureSeverity = GateSeverity.Error };
        var prepared = run.Prepare(inputs);
        if (prepared is null)
        {
            return run.Result();
        }

        if (prepared.Count == 0)
        {
            run.Add(-1, new GateDiagnostic(GateSeverity.Warning, GateCodes.NothingToCheck, "no schema has a subject: nothing to register"));
            return run.Result();
        }

        if (string.IsNullOrWhiteSpace(settings.RegistryUrl))
        {
            run.Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption, "registering needs a registry: set AvroSchemaRegistryUrl"));
            return run.Result();
        }

        await run.WithRegistry(client => run.Register(client, prepared, cancellationToken)).ConfigureAwait(false);
        return run.Result();
    }

    /// <summary>
    /// Writes the latest version of each subject into <paramref name="folder"/> as <c>&lt;subject&gt;.avsc</c>, the layout
    /// the offline baseline reads. The subjects are those of <paramref name="inputs"/> plus <paramref name="subjects"/>.
    /// </summary>
    public static async Task<GateResult> DownloadAsync(IReadOnlyList<GateSchemaInput> inputs, IReadOnlyList<string> subjects, string folder,
        GateSettings settings, CancellationToken cancellationToken = default)
    {
        var run = new Run(settings) { FailureSeverity = GateSeverity.Error };
        var prepared = run.Prepare(inputs);
        if (prepared is null)
        {
            return run.Result();
        }

        var wanted = prepared.Select(p => (p.Index, p.Subject))
            .Concat(subjects.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => (Index: -1, Subject: s.Trim())))
            .GroupBy(s => s.Subject, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (wanted.Count == 0)
        {
            run.Add(-1, new GateDiagnostic(GateSeverity.Warning, GateCodes.NothingToCheck, "no subjects to download"));
            return run.Result();
        }

        if (string.IsNullOrWhiteSpace(settings.RegistryUrl))
        {
            run.Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption, "downloading needs a registry: set AvroSchemaRegistryUrl"));
            return run.Result();
        }

        await run.WithRegistry(client => run.Download(client, wanted, folder, cancellationToken)).ConfigureAwait(false);
        return run.Result();
    }

    /// <summary>The file name a subject gets in a baseline or download folder (characters unsafe in file names become <c>_</c>).</summary>
    public static string SubjectFileName(string subject)
    {
        var builder = new StringBuilder(subject.Length);
        foreach (var c in subject)
        {
            builder.Append(c < ' ' || "/\\:*?\"<>|".IndexOf(c) >= 0 ? '_' : c);
        }

        var name = builder.ToString();
        return name is "." or ".." ? name.Replace('.', '_') : name;
    }

    /// <summary>A schema file that parsed and has a subject.</summary>
    private sealed class Prepared
    {
        public Prepared(int index, GateSchemaInput input, AvroSchema schema, string subject, string text)
        {
            Index = index;
            Input = input;
            Schema = schema;
            Subject = subject;
            Text = text;
        }

        public int Index { get; }
        public GateSchemaInput Input { get; }
        public AvroSchema Schema { get; }
        public string Subject { get; }

        /// <summary>The text sent: the file, the self-contained schema, or (with references) the text naming referenced types.</summary>
        public string Text { get; set; }

        /// <summary>With references: the schemas whose types <see cref="Text"/> names, in the order of its references.</summary>
        public IReadOnlyList<Prepared> References { get; set; } = Array.Empty<Prepared>();

        /// <summary>With references: the full name of the type the schema is about (what references to it are named).</summary>
        public string? UnitName { get; set; }
    }
}

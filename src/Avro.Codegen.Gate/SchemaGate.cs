using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Gate.Registry;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

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

    /// <summary>The state of one gate run: settings, collected diagnostics and outcomes, and the first registry failure.</summary>
    private sealed partial class Run
    {
        private readonly GateSettings _settings;
        private readonly List<(int Order, int Sequence, GateDiagnostic Diagnostic)> _diagnostics = new();
        private readonly List<(int Order, SubjectOutcome Outcome)> _outcomes = new();
        private readonly object _gate = new();
        private RegistryException? _registryFailure;
        private int _registryFailureOrder = -1;
        private string? _registryFailureFile;
        private bool _incomplete;

        public Run(GateSettings settings)
        {
            _settings = settings;
            FailureSeverity = settings.RegistryFailureSeverity;
        }

        public GateSeverity FailureSeverity { get; set; }

        /// <summary>How many inputs could not be read or parsed.</summary>
        public int Unusable { get; private set; }

        public void Add(int order, GateDiagnostic diagnostic)
        {
            // Every diagnostic passes here on its way to the build log or the console: the last place to remove a
            // credential that a registry answer carried into a message.
            diagnostic = diagnostic with { Message = RedactSecrets(diagnostic.Message) };
            lock (_gate)
            {
                _diagnostics.Add((order, _diagnostics.Count, diagnostic));
                if (diagnostic.Severity != GateSeverity.Message && diagnostic.Code != GateCodes.NothingToCheck)
                {
                    _incomplete = true;
                }
            }
        }

        private string RedactSecrets(string message)
        {
            var url = _settings.RegistryUrl;
            var urlUserInfo = url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
                ? Uri.UnescapeDataString(uri.UserInfo)
                : null;
            return Avro.Codegen.Registry.SecretRedaction.Redact(message, _settings.UserInfo, _settings.BearerToken, urlUserInfo);
        }

        private void Outcome(int order, SubjectOutcome outcome)
        {
            lock (_gate)
            {
                _outcomes.Add((order, outcome));
            }
        }

        public GateResult Result()
        {
            var diagnostics = _diagnostics.OrderBy(d => d.Order).ThenBy(d => d.Sequence).Select(d => d.Diagnostic).ToList();
            var outcomes = _outcomes.OrderBy(o => o.Order).ThenBy(o => o.Outcome.Subject, StringComparer.Ordinal).Select(o => o.Outcome).ToList();
            return new GateResult(diagnostics, outcomes, !_incomplete);
        }

        /// <summary>Reads and parses the inputs, and derives subjects; <see langword="null"/> when an option is invalid.</summary>
        public List<Prepared>? Prepare(IReadOnlyList<GateSchemaInput> inputs)
        {
            if (!SubjectNaming.TryParse(_settings.SubjectNameStrategy, out var defaultStrategy))
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption,
                    $"unknown subject name strategy '{_settings.SubjectNameStrategy}': use TopicName, RecordName or TopicRecordName"));
                return null;
            }

            if (_settings.MaxParallelism < 1)
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption, "the number of parallel registry requests must be at least 1"));
                return null;
            }

            var sources = new List<SchemaSource>();
            var readable = new List<(int Index, GateSchemaInput Input, string Text)>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                try
                {
                    var text = File.ReadAllText(input.Path);
                    sources.Add(new SchemaSource(input.Path, text));
                    readable.Add((i, input, text));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    Add(i, new GateDiagnostic(GateSeverity.Error, GateCodes.FileUnreadable, "cannot read the schema file: " + exception.Message, input.Path));
                    Unusable++;
                }
            }

            // One set parse, so a schema may use named types defined in the project's other .avsc/.avdl files; IDL imports
            // that are not project items are read from disk next to the importing file.
            var set = SchemaParser.ParseSet(sources, null, AvroIdl.FileSystemResolver());
            var byPath = new Dictionary<string, SchemaFileResult>(StringComparer.Ordinal);
            foreach (var file in set.Files)
            {
                byPath[file.Path] = file;
            }

            var prepared = new List<Prepared>();
            var subjects = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (index, input, text) in readable)
            {
                if (!byPath.TryGetValue(input.Path, out var file) || !file.Success || SchemasOf(file) is not { Count: > 0 } schemas)
                {
                    if (file is { Success: true })
                    {
                        Add(index, new GateDiagnostic(GateSeverity.Message, null, $"{input.Path}: not checked for compatibility, it declares no main schema and no record"));
                        continue;
                    }

                    ReportInvalid(index, input, file);
                    Unusable++;
                    continue;
                }

                foreach (var schema in schemas)
                {
                    PrepareOne(index, input, text, schema, schemas.Count, defaultStrategy, subjects, prepared);
                }
            }

            if (_settings.UseSchemaReferences)
            {
                PlanReferences(set, readable.Select(r => (r.Index, r.Input)).ToList(), subjects, prepared);
            }

            return prepared;
        }

        /// <summary>
        /// The schemas a file contributes: its top-level schema; or, for an Avro IDL or protocol file without a main schema,
        /// each record it defines (errors excluded), each under its own subject.
        /// </summary>
        private static List<AvroSchema> SchemasOf(SchemaFileResult file)
        {
            var result = new List<AvroSchema>();
            if (file.Schema is not null)
            {
                result.Add(file.Schema);
            }
            else if (file.Protocol is not null || AvroIdl.IsIdlPath(file.Path))
            {
                result.AddRange(file.DefinedTypes.Where(t => t is RecordSchema { IsError: false }));
            }

            return result;
        }

        private void PrepareOne(int index, GateSchemaInput input, string text, AvroSchema schema, int schemasInFile, SubjectNameStrategy defaultStrategy,
            Dictionary<string, string> subjects, List<Prepared> prepared)
        {
            var strategy = defaultStrategy;
            if (!string.IsNullOrWhiteSpace(input.SubjectNameStrategy) && !SubjectNaming.TryParse(input.SubjectNameStrategy, out strategy))
            {
                Add(index, GateDiagnostic.At(GateSeverity.Error, GateCodes.InvalidOption,
                    $"unknown subject name strategy '{input.SubjectNameStrategy}': use TopicName, RecordName or TopicRecordName", schema.Span, input.Path));
                return;
            }

            if (schemasInFile > 1 && (!string.IsNullOrWhiteSpace(input.Subject) || (strategy == SubjectNameStrategy.TopicName && !string.IsNullOrWhiteSpace(input.Topic))))
            {
                Add(index, GateDiagnostic.At(GateSeverity.Error, GateCodes.NoSubject,
                    $"no subject: the file defines {schemasInFile.ToString(CultureInfo.InvariantCulture)} records and no main schema, so one subject cannot name them all; declare the main schema ('schema T;') or use the RecordName or TopicRecordName strategy",
                    schema.Span, input.Path));
                return;
            }

            var fullName = (schema as NamedSchema)?.FullName;
            var subject = SubjectNaming.Resolve(input.Subject, input.Topic, input.IsKey, strategy, fullName, out var reason);
            if (subject is null)
            {
                if (reason is not null)
                {
                    Add(index, GateDiagnostic.At(GateSeverity.Error, GateCodes.NoSubject, "no subject: " + reason, schema.Span, input.Path));
                }

                return;
            }

            if (subjects.TryGetValue(subject, out var other))
            {
                Add(index, GateDiagnostic.At(GateSeverity.Error, GateCodes.DuplicateSubject,
                    $"subject '{subject}' is also the subject of {other}; each subject needs exactly one schema file", schema.Span, input.Path));
                return;
            }

            subjects[subject] = input.Path;
            prepared.Add(new Prepared(index, input, schema, subject, schemasInFile > 1 ? SchemaJson.ToJson(schema) : TextToSend(text, input.Path, schema)));
        }

        private void ReportInvalid(int index, GateSchemaInput input, SchemaFileResult? file)
        {
            var errors = file?.Errors ?? (IReadOnlyList<SchemaError>)Array.Empty<SchemaError>();
            if (_settings.ReportSchemaErrors)
            {
                foreach (var error in errors)
                {
                    Add(index, GateDiagnostic.At(GateSeverity.Error, error.Code, error.Message, error.Span, input.Path));
                }

                if (errors.Count == 0)
                {
                    Add(index, new GateDiagnostic(GateSeverity.Error, GateCodes.FileUnreadable, "the schema file could not be parsed", input.Path));
                }
            }
            else
            {
                // The source generator reports these errors with their AVRO0nn codes; saying it twice helps nobody.
                Add(index, new GateDiagnostic(GateSeverity.Message, null,
                    $"{input.Path}: not checked for compatibility, the schema is invalid ({errors.Count.ToString(CultureInfo.InvariantCulture)} error(s) reported by the compiler)"));
            }
        }

        /// <summary>
        /// The schema as sent to the registry: the file itself when it stands alone (keeping docs and custom properties
        /// exactly as written), or the parsed schema with every referenced named type inlined when it uses types defined
        /// in other files, since the registry knows nothing about the project's other files.
        /// </summary>
        private static string TextToSend(string text, string path, AvroSchema schema) =>
            !AvroIdl.IsIdlPath(path) && !path.EndsWith(".avpr", StringComparison.OrdinalIgnoreCase) && SchemaParser.Parse(text, path).Success
                ? text
                : SchemaJson.ToJson(schema);

        public async Task WithRegistry(Func<SchemaRegistryHttpClient, Task> action)
        {
            var connection = RegistryConnection.TryCreate(_settings.RegistryUrl!, _settings.UserInfo, _settings.BearerToken,
                _settings.Timeout, _settings.Retries, _settings.MaxResponseBytes, out var error);
            if (connection is null)
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption, error!));
                return;
            }

            using var client = new SchemaRegistryHttpClient(connection, _settings.HttpHandler, _settings.RetryDelay);
            await action(client).ConfigureAwait(false);
            ReportRegistryFailure();
        }

        /// <summary>
        /// Runs <paramref name="work"/> for each item with at most <see cref="GateSettings.MaxParallelism"/> at once. After
        /// the first registry failure (a down registry fails every request the same way) the rest are not started.
        /// </summary>
        private async Task ForEach<T>(IReadOnlyList<T> items, Func<T, int> order, Func<T, string?> file, Func<T, Task> work, CancellationToken cancellationToken)
        {
            using var throttle = new SemaphoreSlim(_settings.MaxParallelism);
            var tasks = items.Select(async item =>
            {
                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (Volatile.Read(ref _registryFailure) is not null)
                    {
                        return;
                    }

                    await work(item).ConfigureAwait(false);
                }
                catch (RegistryException exception) when (exception.Failure != RegistryFailure.InvalidSchema)
                {
                    lock (_gate)
                    {
                        // Report the failure of the first file in input order, whichever request failed first.
                        if (_registryFailure is null || order(item) < _registryFailureOrder)
                        {
                            _registryFailure = exception;
                            _registryFailureOrder = order(item);
                            _registryFailureFile = file(item);
                        }
                    }
                }
                finally
                {
                    throttle.Release();
                }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private void ReportRegistryFailure()
        {
            if (_registryFailure is null)
            {
                return;
            }

            var code = _registryFailure.Failure == RegistryFailure.Unreachable ? GateCodes.RegistryUnreachable : GateCodes.RegistryRequestFailed;
            var suffix = FailureSeverity == GateSeverity.Error
                ? " (the compatibility gate fails closed; to go on regardless, set AvroCodegen_RegistryFailureSeverity=warning or pass --warn-on-unreachable)"
                : " (schemas were not checked)";
            Add(Math.Max(_registryFailureOrder, -1), new GateDiagnostic(FailureSeverity, code, _registryFailure.Message + suffix, _registryFailureFile));
            _incomplete = true;
        }

        public async Task CheckAgainstRegistry(SchemaRegistryHttpClient client, List<Prepared> prepared, CancellationToken cancellationToken)
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

        private async Task<SubjectStatus> CheckOne(SchemaRegistryHttpClient client, Prepared item, CancellationToken cancellationToken)
        {
            try
            {
                var latest = await client.GetLatestAsync(item.Subject, cancellationToken).ConfigureAwait(false);
                (string Text, IReadOnlyList<SchemaReference>? References)? sent = latest is null ? null : await ForCheckAsync(client, item, cancellationToken).ConfigureAwait(false);
                var answer = sent is null ? null : await client.TestCompatibilityAsync(item.Subject, sent.Value.Text, sent.Value.References, cancellationToken).ConfigureAwait(false);
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
                var oldSchema = ParseQuietly(latest.Schema);
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
            catch (RegistryException exception) when (exception.Failure == RegistryFailure.InvalidSchema)
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

        private async Task VerifyLock(SchemaRegistryHttpClient client, SchemaLockFile lockFile, Prepared item, CancellationToken cancellationToken)
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
                lockFile.Set(new SchemaLockEntry(item.Subject, registered.Id, registered.Version, fingerprint) { References = registered.References });
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

        public async Task Register(SchemaRegistryHttpClient client, List<Prepared> prepared, CancellationToken cancellationToken)
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

        public async Task Download(SchemaRegistryHttpClient client, List<(int Index, string Subject)> subjects, string folder, CancellationToken cancellationToken)
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

        private async Task DownloadRound(SchemaRegistryHttpClient client, List<(int Index, string Subject)> subjects, string folder,
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
                var parsed = latest.References.Count == 0
                    ? ParseQuietly(latest.Schema)
                    : await ResolveReferencesAsync(client, latest, item.Index, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    referenced.AddRange(latest.References.Where(r => seen.Add(r.Subject)).Select(r => (item.Index, r.Subject)));
                }

                var text = parsed is null ? latest.Schema : SchemaJson.ToJson(parsed, indented: true);
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

        public void CheckAgainstBaseline(List<Prepared> prepared)
        {
            var directory = _settings.BaselineDirectory!;
            if (!Directory.Exists(directory))
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.BaselineMissing,
                    $"the compatibility baseline folder '{directory}' does not exist (dotnet build -t:AvroDownloadSchemas fills it from a registry)"));
                return;
            }

            var levelText = string.IsNullOrWhiteSpace(_settings.CompatibilityLevel) ? "BACKWARD" : _settings.CompatibilityLevel!.Trim();
            if (!CompatibilityLevels.TryParse(levelText, out var level))
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption,
                    $"unknown compatibility level '{levelText}': use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE"));
                return;
            }

            foreach (var item in prepared)
            {
                var versions = BaselineVersions(directory, item.Subject);
                if (versions.Count == 0)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' has no baseline in {directory}; nothing to be incompatible with"));
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.New));
                    continue;
                }

                var history = new List<AvroSchema>();
                var valid = true;
                foreach (var version in versions)
                {
                    var text = File.ReadAllText(version);
                    var parsed = SchemaParser.Parse(text, version);
                    if (!parsed.Success || parsed.Schema is null)
                    {
                        valid = false;
                        foreach (var error in parsed.Errors)
                        {
                            Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.BaselineInvalid,
                                $"baseline of subject '{item.Subject}' is not a valid schema: {error.Code}: {error.Message}", error.Span, version));
                        }

                        continue;
                    }

                    history.Add(parsed.Schema);
                }

                if (!valid)
                {
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Failed));
                    continue;
                }

                var result = CompatibilityLevels.Check(level, item.Schema, history);
                if (result.IsCompatible)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' is compatible with its baseline at {CompatibilityLevels.ToRegistryName(level)}"));
                    Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Compatible));
                    continue;
                }

                var levelName = CompatibilityLevels.ToRegistryName(level);
                foreach (var check in result.Checks.Where(c => !c.IsCompatible))
                {
                    var readerIsNew = check.Direction == CompatibilityDirection.NewReadsOld;
                    var old = history[check.HistoryIndex];
                    var against = "baseline " + Path.GetFileName(versions[check.HistoryIndex]);
                    foreach (var found in check.Incompatibilities)
                    {
                        var reader = readerIsNew ? item.Schema : old;
                        var incompatibility = IncompatibilityText.From(found, readerIsNew, IncompatibilityLocator.FieldName(reader, found.Location));
                        var span = IncompatibilityLocator.Locate(item.Schema, old, found.Location, readerIsNew);
                        Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.Incompatible,
                            IncompatibilityText.Format(item.Subject, incompatibility, against, levelName), span, item.Input.Path));
                    }

                    foreach (var error in check.Errors)
                    {
                        Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.Incompatible,
                            $"subject '{item.Subject}': {error.Message} (against {against}, level {levelName})", item.Schema.Span, item.Input.Path));
                    }
                }

                Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Incompatible));
            }
        }

        /// <summary>
        /// The baseline versions of a subject, oldest first: <c>&lt;subject&gt;.avsc</c>, and/or the files of the folder
        /// <c>&lt;subject&gt;/</c> ordered by the number in their names (<c>v2</c> before <c>v10</c>).
        /// </summary>
        private static List<string> BaselineVersions(string directory, string subject)
        {
            var name = SubjectFileName(subject);
            var versions = new List<string>();
            var folder = Path.Combine(directory, name);
            if (Directory.Exists(folder))
            {
                versions.AddRange(Directory.GetFiles(folder, "*.avsc")
                    .OrderBy(VersionNumber)
                    .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal));
            }

            var single = Path.Combine(directory, name + ".avsc");
            if (File.Exists(single))
            {
                // A single file is the latest version: a download writes it, and committed history lives in the folder.
                versions.Add(single);
            }

            return versions;
        }

        private static long VersionNumber(string path)
        {
            var digits = new string(Path.GetFileNameWithoutExtension(path).Where(char.IsDigit).ToArray());
            return digits.Length is > 0 and <= 9 ? long.Parse(digits, CultureInfo.InvariantCulture) : long.MaxValue;
        }

        private static AvroSchema? ParseQuietly(string text)
        {
            var parsed = SchemaParser.Parse(text, "registry.avsc");
            return parsed.Success ? parsed.Schema : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Gate;

// The state of one run and what every step shares: collecting diagnostics (redacted on the way in) and outcomes,
// opening the registry client, running requests in parallel, and reporting the first registry failure.
public static partial class SchemaGate
{
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

        private string RedactSecrets(string message) => GateRegistry.Redact(_settings, message);

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

        public async Task WithRegistry(Func<GateRegistry, Task> action)
        {
            using var client = GateRegistry.TryCreate(_settings, out var error);
            if (client is null)
            {
                Add(-1, new GateDiagnostic(GateSeverity.Error, GateCodes.InvalidOption, error!));
                return;
            }

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
                catch (RegistryException exception) when (exception.ErrorCode != RegistryErrorCodes.InvalidSchema)
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

            var code = GateRegistry.IsUnreachable(_registryFailure) ? GateCodes.RegistryUnreachable : GateCodes.RegistryRequestFailed;
            var suffix = FailureSeverity == GateSeverity.Error
                ? " (the compatibility gate fails closed; to go on regardless, set AvroCodegen_RegistryFailureSeverity=warning or pass --warn-on-unreachable)"
                : " (schemas were not checked)";
            Add(Math.Max(_registryFailureOrder, -1), new GateDiagnostic(FailureSeverity, code, _registryFailure.Message + suffix, _registryFailureFile));
            _incomplete = true;
        }

        private static AvroSchema? ParseQuietly(string text)
        {
            var parsed = SchemaParser.Parse(text, "registry.avsc");
            return parsed.Success ? parsed.Schema : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Gate;

// Schema references (GateSettings.UseSchemaReferences): each schema names the types defined in the project's other
// files instead of copying them, and references the subjects that hold those files' schemas. Those schemas are
// subjects of their own (the file's subject, else the record-name strategy), registered before the schemas that
// reference them; checks and lookups name the versions the registry already holds.
public static partial class SchemaGate
{
    private sealed partial class Run
    {
        // One registry answer per subject and run, however many schemas reference it.
        private readonly Dictionary<Prepared, Lazy<Task<RegisteredVersion?>>> _registered = new();
        private readonly Dictionary<Prepared, Lazy<Task<RegisteredVersion?>>> _existing = new();

        /// <summary>Gives each named schema its text with references and adds the referenced schemas that have no subject yet.</summary>
        private void PlanReferences(SchemaSetResult set, List<(int Index, GateSchemaInput Input)> files, Dictionary<string, string> subjects, List<Prepared> prepared)
        {
            var usable = set.Files.Where(f => f.Success).ToList();
            var homes = SchemaReferences.Homes(usable);
            var templates = new SchemaTemplateSet(usable.SelectMany(f => f.AllTypes)
                .GroupBy(t => t.FullName, StringComparer.Ordinal).Select(g => SchemaTemplate.Create(g.First())));
            string HomeOf(string name) => homes.TryGetValue(name, out var home) ? home : name;

            // The file each type comes from (its own, else the file importing it), for the schemas added here.
            var input = files.ToDictionary(f => f.Input.Path, StringComparer.Ordinal);
            var fileOf = new Dictionary<string, (int Index, GateSchemaInput Input)>(StringComparer.Ordinal);
            foreach (var file in usable.Where(f => input.ContainsKey(f.Path)))
            {
                foreach (var type in file.DefinedTypes.Concat(file.AllTypes))
                {
                    if (!fileOf.ContainsKey(type.FullName))
                    {
                        fileOf[type.FullName] = input[file.Path];
                    }
                }
            }

            var units = new Dictionary<string, Prepared>(StringComparer.Ordinal);
            foreach (var item in prepared.Where(p => p.Schema is NamedSchema))
            {
                var name = ((NamedSchema)item.Schema).FullName;
                if (!units.ContainsKey(name))
                {
                    units[name] = item;
                }
            }

            foreach (var item in prepared.ToList())
            {
                if (item.Schema is not NamedSchema named)
                {
                    continue;
                }

                if (!SchemaReferences.TryPlan(templates, named.FullName, HomeOf, out var plan, out var error))
                {
                    Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.ReferenceFailed, $"subject '{item.Subject}': {error}", item.Schema.Span, item.Input.Path));
                    prepared.Remove(item);
                    continue;
                }

                foreach (var unit in plan)
                {
                    var target = UnitFor(unit, item);
                    if (target is null)
                    {
                        prepared.Remove(item);
                        break;
                    }

                    if (unit.References.Count > 0)
                    {
                        target.Text = unit.Json;
                        target.References = unit.References.Select(r => units[r]).ToList();
                    }

                    target.UnitName = unit.FullName;
                }
            }

            Prepared? UnitFor(SchemaReferenceUnit unit, Prepared referrer)
            {
                if (units.TryGetValue(unit.FullName, out var known))
                {
                    return known;
                }

                // A schema no item gives a subject: the record-name strategy names it.
                var (index, file) = fileOf.TryGetValue(unit.FullName, out var found) ? found : (referrer.Index, referrer.Input);
                var schema = set.NamedTypes[unit.FullName];
                if (subjects.TryGetValue(unit.FullName, out var other))
                {
                    Add(index, GateDiagnostic.At(GateSeverity.Error, GateCodes.DuplicateSubject,
                        $"subject '{unit.FullName}' of the referenced type {unit.FullName} is also the subject of {other}; each subject needs exactly one schema file",
                        schema.Span, file.Path));
                    return null;
                }

                subjects[unit.FullName] = file.Path;
                var added = new Prepared(index, file, schema, unit.FullName, unit.Json);
                units[unit.FullName] = added;
                prepared.Add(added);
                return added;
            }
        }

        /// <summary>
        /// What a compatibility check sends: the text with references to the versions the registry holds of the
        /// referenced schemas, or, while one of them is not registered yet, the schema with the referenced types
        /// inlined (the same schema, so the same verdict).
        /// </summary>
        private async Task<RegistrySchema> ForCheckAsync(GateRegistry client, Prepared item,
            CancellationToken cancellationToken)
        {
            if (item.References.Count == 0)
            {
                return new RegistrySchema(item.Text);
            }

            var references = new List<RegistryReference>(item.References.Count);
            foreach (var target in item.References)
            {
                var existing = await FindRegisteredAsync(client, target, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                        $"{item.Input.Path}: subject '{item.Subject}' is checked with the referenced types inlined: the schema of {target.UnitName} is not registered under '{target.Subject}' yet"));
                    return new RegistrySchema(SchemaJson.ToJson(item.Schema));
                }

                references.Add(new RegistryReference(target.UnitName!, target.Subject, existing.Version));
            }

            return new RegistrySchema(item.Text, SchemaTypes.Avro, references);
        }

        /// <summary>The version of the registry that holds exactly this schema (and its references), or <see langword="null"/>.</summary>
        private Task<RegisteredVersion?> FindRegisteredAsync(GateRegistry client, Prepared item, CancellationToken cancellationToken) =>
            Once(_existing, item, async () =>
            {
                var references = new List<RegistryReference>(item.References.Count);
                foreach (var target in item.References)
                {
                    var existing = await FindRegisteredAsync(client, target, cancellationToken).ConfigureAwait(false);
                    if (existing is null)
                    {
                        return null;
                    }

                    references.Add(new RegistryReference(target.UnitName!, target.Subject, existing.Version));
                }

                return await client.LookupAsync(item.Subject, new RegistrySchema(item.Text, SchemaTypes.Avro, references), cancellationToken).ConfigureAwait(false);
            });

        /// <summary>Registers the schemas <paramref name="item"/> references, then <paramref name="item"/>; <see langword="null"/> when one failed (reported).</summary>
        private Task<RegisteredVersion?> RegisterOnceAsync(GateRegistry client, Prepared item, SchemaLockFile? lockFile, CancellationToken cancellationToken) =>
            Once(_registered, item, async () =>
            {
                var references = new List<RegistryReference>(item.References.Count);
                foreach (var target in item.References)
                {
                    var done = await RegisterOnceAsync(client, target, lockFile, cancellationToken).ConfigureAwait(false);
                    if (done is null)
                    {
                        Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.ReferenceFailed,
                            $"subject '{item.Subject}' was not registered: the schema it references, {target.UnitName} (subject '{target.Subject}'), was not",
                            item.Schema.Span, item.Input.Path));
                        Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Failed));
                        return null;
                    }

                    references.Add(new RegistryReference(target.UnitName!, target.Subject, done.Version));
                }

                return await RegisterOneAsync(client, item, references, lockFile, cancellationToken).ConfigureAwait(false);
            });

        private async Task<RegisteredVersion?> RegisterOneAsync(GateRegistry client, Prepared item, IReadOnlyList<RegistryReference> references,
            SchemaLockFile? lockFile, CancellationToken cancellationToken)
        {
            try
            {
                var schema = new RegistrySchema(item.Text, SchemaTypes.Avro, references);
                var id = await client.RegisterAsync(item.Subject, schema, cancellationToken).ConfigureAwait(false);
                var registered = await client.LookupAsync(item.Subject, schema, cancellationToken).ConfigureAwait(false);
                var referenced = references.Count == 0 ? "" : ", referencing " + string.Join(", ", references.Select(r => $"{r.Subject} v{r.Version.ToString(CultureInfo.InvariantCulture)}"));
                Add(item.Index, new GateDiagnostic(GateSeverity.Message, null,
                    $"{item.Subject} -> {id.ToString(CultureInfo.InvariantCulture)}" + (registered is null ? "" : $" (version {registered.Version.ToString(CultureInfo.InvariantCulture)}{referenced})")));
                Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Registered, id, registered?.Version));
                if (lockFile is not null && registered is not null)
                {
                    lock (_gate)
                    {
                        lockFile.Set(new SchemaLockEntry(item.Subject, id, registered.Version, SchemaLockFile.FingerprintOf(item.Schema)) { References = references });
                    }
                }

                return registered;
            }
            catch (RegistryException exception) when (exception.Status == 409)
            {
                var reasons = RegistryMessages.ParseConflict(exception.Message);
                foreach (var incompatibility in reasons.Incompatibilities)
                {
                    var span = IncompatibilityLocator.Locate(item.Schema, null, incompatibility.Path, incompatibility.ReaderIsNew);
                    Add(item.Index, GateDiagnostic.At(GateSeverity.Error, GateCodes.Incompatible,
                        IncompatibilityText.Format(item.Subject, incompatibility, reasons.OldVersion is int v ? "version " + v.ToString(CultureInfo.InvariantCulture) : null, reasons.Level),
                        span, item.Input.Path));
                }

                Outcome(item.Index, new SubjectOutcome(item.Input.Path, item.Subject, SubjectStatus.Incompatible));
                return null;
            }
            catch (RegistryException exception) when (exception.ErrorCode == RegistryErrorCodes.InvalidSchema)
            {
                RejectedSchema(item, exception);
                return null;
            }
        }

        /// <summary>
        /// A downloaded schema with references, parsed with the referenced schemas (fetched each once, dependencies
        /// first) as known types; <see langword="null"/> after reporting a reference the registry does not hold.
        /// </summary>
        private async Task<AvroSchema?> ResolveReferencesAsync(GateRegistry client, RegisteredVersion latest, int index, CancellationToken cancellationToken)
        {
            var known = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
            var visited = new HashSet<(string, int)>();
            if (!await CollectAsync(latest, 0).ConfigureAwait(false))
            {
                return null;
            }

            var parsed = SchemaParser.Parse(latest.Schema.Schema, SubjectFileName(latest.Subject) + ".avsc", known.Values);
            return parsed.Success ? parsed.Schema : null;

            async Task<bool> CollectAsync(RegisteredVersion schema, int depth)
            {
                foreach (var reference in schema.Schema.References)
                {
                    if (depth > MaxReferenceDepth || visited.Count >= MaxReferencedSchemas)
                    {
                        Add(index, new GateDiagnostic(GateSeverity.Error, GateCodes.ReferenceFailed,
                            $"subject '{latest.Subject}': its references nest deeper than {MaxReferenceDepth.ToString(CultureInfo.InvariantCulture)} or name more than {MaxReferencedSchemas.ToString(CultureInfo.InvariantCulture)} schemas"));
                        return false;
                    }

                    if (!visited.Add((reference.Subject, reference.Version)))
                    {
                        continue;
                    }

                    var target = reference.Version < 0
                        ? await client.GetLatestAsync(reference.Subject, cancellationToken).ConfigureAwait(false)
                        : await client.GetVersionAsync(reference.Subject, reference.Version, cancellationToken).ConfigureAwait(false);
                    if (target is null)
                    {
                        Add(index, new GateDiagnostic(GateSeverity.Error, GateCodes.SubjectNotFound,
                            $"subject '{latest.Subject}' references version {reference.Version.ToString(CultureInfo.InvariantCulture)} of subject '{reference.Subject}', which does not exist in the registry"));
                        return false;
                    }

                    if (!await CollectAsync(target, depth + 1).ConfigureAwait(false))
                    {
                        return false;
                    }

                    foreach (var type in SchemaParser.Parse(target.Schema.Schema, SubjectFileName(target.Subject) + ".avsc", known.Values).DefinedTypes)
                    {
                        known[type.FullName] = type;
                    }
                }

                return true;
            }
        }

        private const int MaxReferenceDepth = 32;
        private const int MaxReferencedSchemas = 256;

        private Task<RegisteredVersion?> Once(Dictionary<Prepared, Lazy<Task<RegisteredVersion?>>> memo, Prepared item, Func<Task<RegisteredVersion?>> work)
        {
            Lazy<Task<RegisteredVersion?>> entry;
            lock (_gate)
            {
                if (!memo.TryGetValue(item, out entry!))
                {
                    entry = new Lazy<Task<RegisteredVersion?>>(work);
                    memo[item] = entry;
                }
            }

            return entry.Value;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Avro.Codegen.Registry;
using Avro.Codegen.Schema;
using Avro.Codegen.Serialization;

namespace Avro.Codegen.Gate;

// Inputs: reading and parsing the schema files as one set, the schemas each file contributes, their subjects, and
// the text sent to the registry.
public static partial class SchemaGate
{
    private sealed partial class Run
    {
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

        private void PrepareOne(int index, GateSchemaInput input, string text, AvroSchema schema, int schemasInFile, SubjectNamingStrategy defaultStrategy,
            Dictionary<string, string> subjects, List<Prepared> prepared)
        {
            var strategy = defaultStrategy;
            if (!string.IsNullOrWhiteSpace(input.SubjectNameStrategy) && !SubjectNaming.TryParse(input.SubjectNameStrategy, out strategy))
            {
                Add(index, GateDiagnostic.At(GateSeverity.Error, GateCodes.InvalidOption,
                    $"unknown subject name strategy '{input.SubjectNameStrategy}': use TopicName, RecordName or TopicRecordName", schema.Span, input.Path));
                return;
            }

            if (schemasInFile > 1 && (!string.IsNullOrWhiteSpace(input.Subject) || (strategy == SubjectNamingStrategy.TopicName && !string.IsNullOrWhiteSpace(input.Topic))))
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
    }
}

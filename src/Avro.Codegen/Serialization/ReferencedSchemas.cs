using Avro.Codegen.Registry;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Serialization;

/// <summary>
/// The schema a serializer sends with <see cref="ConfluentSerializerOptions.UseSchemaReferences"/>: the schemas of the
/// files a record uses types of are registered (or looked up) first, dependencies first, each under its own subject,
/// and the record's schema names those types and references them by name, subject and version.
/// </summary>
internal static class ReferencedSchemas
{
    /// <summary>
    /// Registers (<paramref name="register"/>) or looks up every referenced schema of <paramref name="units"/> and
    /// returns the last unit, the record's own, with its references.
    /// </summary>
    public static async Task<RegistrySchema> ResolveAsync(IRegistryClient client, ConfluentSerializerOptions options,
        IReadOnlyList<SchemaReferenceUnit> units, bool register, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, RegistryReference>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count - 1; i++)
        {
            var unit = units[i];
            var subject = SubjectOf(options, unit.FullName);
            var schema = WithReferences(unit, versions);
            if (register)
            {
                await client.RegisterSchemaAsync(subject, schema, options.Normalize, cancellationToken).ConfigureAwait(false);
            }

            // The version is what a reference names; registering only gives the id.
            RegisteredVersion found;
            try
            {
                found = await client.LookupSchemaAsync(subject, schema, options.Normalize, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException exception) when (!register && exception.ErrorCode is 40401 or 40403)
            {
                throw new AvroDataException(
                    $"The schema of {unit.FullName}, which {units[^1].FullName} references, is not registered under subject '{subject}' "
                    + "(SchemaIdSource.LookupOnly registers nothing; register it first, e.g. with the build's AvroRegisterSchemas target).", -1, exception);
            }

            versions[unit.FullName] = new RegistryReference(unit.FullName, subject, found.Version);
        }

        return WithReferences(units[^1], versions);
    }

    /// <summary>The subject a referenced schema is registered under.</summary>
    public static string SubjectOf(ConfluentSerializerOptions options, string fullName)
    {
        if (options.ReferenceSubjectNamer is not { } namer)
        {
            return fullName;
        }

        var subject = namer(fullName);
        return string.IsNullOrEmpty(subject)
            ? throw new AvroDataException($"ConfluentSerializerOptions.ReferenceSubjectNamer gave no subject for {fullName}.")
            : subject;
    }

    private static RegistrySchema WithReferences(SchemaReferenceUnit unit, Dictionary<string, RegistryReference> versions) =>
        new(unit.Json, SchemaTypes.Avro, unit.References.Select(r => versions[r]).ToList());
}

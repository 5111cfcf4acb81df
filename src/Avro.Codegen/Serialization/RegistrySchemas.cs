using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Serialization;

/// <summary>
/// A registry schema id does not fit a generated type: the serializer was told to write the type under an id of
/// another schema, or a message was written with a schema the type cannot read (then
/// <see cref="Exception.InnerException"/> is the <see cref="AvroIncompatibleSchemaException"/> listing why).
/// </summary>
public sealed class AvroSchemaMismatchException : AvroDataException
{
    /// <summary>Creates the exception.</summary>
    public AvroSchemaMismatchException(string message, string writerSchemaId, ulong writerFingerprint, ulong readerFingerprint)
        : base(message)
    {
        WriterSchemaId = writerSchemaId;
        WriterFingerprint = writerFingerprint;
        ReaderFingerprint = readerFingerprint;
    }

    /// <summary>Creates the exception for a message whose writer schema (named by <paramref name="writerSchemaId"/>) the type cannot read.</summary>
    public AvroSchemaMismatchException(string writerSchemaId, string readerTypeName, AvroIncompatibleSchemaException innerException)
        : base($"The message was written with schema {writerSchemaId}, which {readerTypeName} cannot read. {innerException?.Message}", -1, innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        WriterSchemaId = writerSchemaId;
        WriterFingerprint = innerException.WriterFingerprint;
        ReaderFingerprint = innerException.ReaderFingerprint;
    }

    /// <summary>The schema id (or GUID) the message named.</summary>
    public string WriterSchemaId { get; }

    /// <summary>CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form.</summary>
    public ulong WriterFingerprint { get; }

    /// <summary>CRC-64-AVRO fingerprint of the reader (generated type's) schema.</summary>
    public ulong ReaderFingerprint { get; }
}

/// <summary>A message names a schema id (or GUID) the registry does not know.</summary>
public sealed class AvroUnknownSchemaException : AvroDataException
{
    /// <summary>Creates the exception.</summary>
    public AvroUnknownSchemaException(string schemaId, RegistryException innerException)
        : base($"The message was written with schema {schemaId}, which the schema registry does not know.", -1, innerException)
    {
        SchemaId = schemaId;
    }

    /// <summary>The schema id (or GUID) the message named.</summary>
    public string SchemaId { get; }
}

/// <summary>Facts about a generated record type's schema, computed once per type.</summary>
internal static class RecordSchema<T> where T : IAvroRecord<T>
{
    // The schema is parsed once per type, by ResolvingReader (which also reads with it).
    private static readonly Lazy<string> Name = new(() =>
        ResolvingReader.ReaderSchema<T>() is NamedSchema named ? named.FullName : ResolvingReader.ReaderSchema<T>().TypeName);

    private static readonly Lazy<RegistrySchema> Text = new(() => new RegistrySchema(T.SchemaJson));

    /// <summary>The Avro full name (what RecordName strategies use).</summary>
    public static string FullName => Name.Value;

    /// <summary>The schema as the serializer registers it: the generated <c>SchemaJson</c>.</summary>
    public static RegistrySchema Registry => Text.Value;
}

/// <summary>Parses registry schemas (following references) and compares them with generated types.</summary>
internal static class RegistrySchemaParsing
{
    /// <summary>The CRC-64-AVRO fingerprint of the Parsing Canonical Form of a registry schema (see <see cref="ParseAsync"/>).</summary>
    public static async Task<ulong> FingerprintAsync(IRegistryClient client, RegistrySchema schema, string describedAs, CancellationToken cancellationToken) =>
        SchemaFingerprint.Crc64Avro(await ParseAsync(client, schema, describedAs, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Parses <paramref name="schema"/>; referenced schemas are fetched from the registry and given to the parser as
    /// known named types.
    /// </summary>
    public static async Task<AvroSchema> ParseAsync(IRegistryClient client, RegistrySchema schema, string describedAs, CancellationToken cancellationToken)
    {
        if (schema.SchemaType != SchemaTypes.Avro)
        {
            throw new AvroDataException($"Schema {describedAs} is of type {schema.SchemaType}, not AVRO.");
        }

        var known = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
        await CollectReferencesAsync(client, schema, known, depth: 0, cancellationToken).ConfigureAwait(false);
        var parsed = SchemaParser.Parse(schema.Schema, describedAs, known.Values);
        if (parsed.Schema is null)
        {
            throw new AvroDataException($"Schema {describedAs} from the registry does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }

        return parsed.Schema;
    }

    private static async Task CollectReferencesAsync(IRegistryClient client, RegistrySchema schema, Dictionary<string, NamedSchema> known,
        int depth, CancellationToken cancellationToken)
    {
        if (depth > 32)
        {
            throw new AvroDataException("Schema references nest more than 32 levels deep (a reference cycle?).");
        }

        foreach (var reference in schema.References)
        {
            var registered = reference.Version < 0
                ? await client.GetLatestSchemaAsync(reference.Subject, cancellationToken).ConfigureAwait(false)
                : await client.GetRegisteredSchemaAsync(reference.Subject, reference.Version, cancellationToken: cancellationToken).ConfigureAwait(false);
            await CollectReferencesAsync(client, registered.Schema, known, depth + 1, cancellationToken).ConfigureAwait(false);
            var parsed = SchemaParser.Parse(registered.Schema.Schema, reference.Subject + ".avsc", known.Values);
            foreach (var type in parsed.DefinedTypes)
            {
                known[type.FullName] = type;
            }
        }
    }
}

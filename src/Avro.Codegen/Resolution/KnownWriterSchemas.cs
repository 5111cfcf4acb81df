using System.Collections.Concurrent;
using System.Globalization;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Earlier versions of a generated type's schema that the application knows without asking a registry, keyed by
/// their CRC-64-AVRO fingerprint. The generator registers the files of a project's <c>history/</c> folders here (see
/// <c>docs/evolution.md</c>); applications may register more. A registered schema is parsed the first time data with its
/// fingerprint is read; its plan comes from the one plan cache (<see cref="SchemaResolution"/>).
/// </summary>
public static class KnownWriterSchemas
{
    /// <summary>Registers <paramref name="writerSchemaJson"/> as a schema data read into <typeparamref name="T"/> may have been written with.</summary>
    /// <param name="fingerprint">The CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form (the generator computes it at build time).</param>
    /// <param name="writerSchemaJson">The schema (self-contained JSON).</param>
    public static void Register<T>(ulong fingerprint, string writerSchemaJson) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(writerSchemaJson);
        Of<T>.Schemas[fingerprint] = new Lazy<AvroSchema>(() => Parse(fingerprint, writerSchemaJson));
    }

    /// <summary>
    /// Registers <paramref name="writerSchemaJson"/> with the reader the generator specialised for it: data written with
    /// this schema is read by <paramref name="generatedReader"/> instead of being transcoded by the runtime plan.
    /// </summary>
    /// <param name="fingerprint">The CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form.</param>
    /// <param name="writerSchemaJson">The schema (self-contained JSON).</param>
    /// <param name="generatedReader">Reads one value written with this schema into <typeparamref name="T"/>.</param>
    public static void Register<T>(ulong fingerprint, string writerSchemaJson, AvroReadFunc<T> generatedReader) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(generatedReader);
        Register<T>(fingerprint, writerSchemaJson);
        GeneratedReaders<T>.Add(fingerprint, generatedReader);
    }

    /// <summary>Registers a parsed writer schema for <typeparamref name="T"/>.</summary>
    public static void Register<T>(AvroSchema writerSchema) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        Of<T>.Schemas[SchemaFingerprint.Crc64Avro(writerSchema)] = new Lazy<AvroSchema>(writerSchema);
    }

    /// <summary>The fingerprints registered for <typeparamref name="T"/>.</summary>
    public static IReadOnlyCollection<ulong> Fingerprints<T>() where T : IAvroRecord<T> => Of<T>.Schemas.Keys.ToArray();

    /// <summary>
    /// The plan for data written with the registered schema of <paramref name="fingerprint"/>, or the identity plan
    /// for <typeparamref name="T"/>'s own fingerprint; false when the fingerprint is unknown.
    /// </summary>
    /// <exception cref="AvroIncompatibleSchemaException">The registered schema is incompatible with <typeparamref name="T"/>.</exception>
    public static bool TryGetPlan<T>(ulong fingerprint, out ResolutionPlan? plan) where T : IAvroRecord<T>
    {
        if (Of<T>.Schemas.TryGetValue(fingerprint, out var known))
        {
            plan = ResolvingReader.GetPlan<T>(known.Value);
            return true;
        }

        if (fingerprint == T.SchemaFingerprint)
        {
            plan = ResolvingReader.GetPlan<T>(ResolvingReader.ReaderSchema<T>());
            return true;
        }

        plan = null;
        return false;
    }

    private static AvroSchema Parse(ulong fingerprint, string json)
    {
        var parsed = SchemaParser.Parse(json, "writer-" + fingerprint.ToString("X16", CultureInfo.InvariantCulture) + ".avsc");
        var schema = parsed.Schema
            ?? throw new AvroDataException($"The registered writer schema {fingerprint:X16} does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        var actual = SchemaFingerprint.Crc64Avro(schema);
        if (actual != fingerprint)
        {
            throw new AvroDataException($"The writer schema registered as {fingerprint:X16} has fingerprint {actual:X16}.");
        }

        return schema;
    }

    private static class Of<T> where T : IAvroRecord<T>
    {
        public static readonly ConcurrentDictionary<ulong, Lazy<AvroSchema>> Schemas = new();
    }
}

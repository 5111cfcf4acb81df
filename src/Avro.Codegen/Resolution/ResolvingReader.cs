using Avro.Codegen.Schema;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Reads data written with any compatible writer schema into a generated type: the reader schema is the type's own
/// (parsed once from its <c>SchemaJson</c>), and the plan for each writer schema object is looked up without
/// recomputing fingerprints.
/// </summary>
public static class ResolvingReader
{
    /// <summary>
    /// Reads a value written with <paramref name="writerSchema"/>, which must span all of <paramref name="data"/>,
    /// into <typeparamref name="T"/>. When the writer schema has <typeparamref name="T"/>'s canonical form the
    /// generated decoder reads the data directly.
    /// </summary>
    /// <exception cref="AvroIncompatibleSchemaException"><typeparamref name="T"/> cannot read everything <paramref name="writerSchema"/> may write.</exception>
    /// <exception cref="AvroDataException">The bytes are malformed.</exception>
    public static T Read<T>(ReadOnlySpan<byte> data, AvroSchema writerSchema, AvroReaderOptions? options = null) where T : IAvroRecord<T> =>
        GetPlan<T>(writerSchema).Read<T>(data, options);

    /// <summary>
    /// Reads a value written with the schema of fingerprint <paramref name="writerFingerprint"/>: <typeparamref name="T"/>'s
    /// own (read directly) or one registered in <see cref="KnownWriterSchemas"/> (e.g. by the generator from a history folder).
    /// </summary>
    /// <exception cref="AvroDataException">The fingerprint is not known, or the bytes are malformed.</exception>
    public static T Read<T>(ReadOnlySpan<byte> data, ulong writerFingerprint, AvroReaderOptions? options = null) where T : IAvroRecord<T>
    {
        if (writerFingerprint == T.SchemaFingerprint)
        {
            return AvroSerializer.Deserialize<T>(data, options);
        }

        if (!KnownWriterSchemas.TryGetPlan<T>(writerFingerprint, out var plan))
        {
            throw new AvroDataException(
                $"No known writer schema has fingerprint {writerFingerprint:X16}: it is neither {typeof(T).Name}'s ({T.SchemaFingerprint:X16}) nor one registered in KnownWriterSchemas.");
        }

        return plan!.Read<T>(data, options);
    }

    /// <summary>
    /// Reads an Avro single-object encoded message (<c>C3 01</c>, fingerprint, body) written with <typeparamref name="T"/>'s
    /// schema or any schema registered for it in <see cref="KnownWriterSchemas"/>.
    /// </summary>
    public static T ReadSingleObject<T>(ReadOnlySpan<byte> message, AvroReaderOptions? options = null) where T : IAvroRecord<T>
    {
        var fingerprint = SingleObjectEncoding.ReadHeader(message, out var body);
        try
        {
            return Read<T>(body, fingerprint, options);
        }
        catch (AvroDataException e) when (e.Offset >= 0 && e is not AvroIncompatibleSchemaException)
        {
            throw new AvroDataException(e.Reason, e.Offset + SingleObjectEncoding.HeaderLength, e);
        }
    }

    /// <summary>
    /// The plan that reads data written with <paramref name="writerSchema"/> into <typeparamref name="T"/>, from the one
    /// plan cache (<see cref="SchemaResolution"/>).
    /// </summary>
    /// <exception cref="AvroIncompatibleSchemaException">The pair is incompatible (see <see cref="ResolutionMode.RequireCompatible"/>).</exception>
    public static ResolutionPlan GetPlan<T>(AvroSchema writerSchema, ResolutionMode mode = ResolutionMode.RequireCompatible) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        return SchemaResolution.GetPlan(writerSchema, ReaderSchema<T>(), mode);
    }

    /// <summary>The schema of <typeparamref name="T"/>, parsed once from its generated <c>SchemaJson</c>.</summary>
    public static AvroSchema ReaderSchema<T>() where T : IAvroRecord<T> => ReaderOf<T>.Reader;

    private static class ReaderOf<T> where T : IAvroRecord<T>
    {
        public static readonly AvroSchema Reader = Parse();

        private static AvroSchema Parse()
        {
            var parsed = SchemaParser.Parse(T.SchemaJson, typeof(T).Name + ".avsc");
            return parsed.Schema
                ?? throw new InvalidOperationException($"The generated schema of {typeof(T).Name} does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }
}

using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Data written with a writer schema cannot be read with a reader schema: the pair is incompatible by the Avro
/// reader/writer rules. Lists every incompatibility, as <see cref="SchemaCompatibility.CheckReaderWriter"/> finds them.
/// </summary>
public sealed class AvroIncompatibleSchemaException : AvroDataException
{
    /// <summary>Creates the exception from the outcome of the compatibility check.</summary>
    public AvroIncompatibleSchemaException(AvroSchema writerSchema, AvroSchema readerSchema, ulong writerFingerprint, ulong readerFingerprint,
        CompatibilityResult result)
        : base(Describe(writerSchema, readerSchema, writerFingerprint, readerFingerprint, result))
    {
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema;
        WriterFingerprint = writerFingerprint;
        ReaderFingerprint = readerFingerprint;
        Incompatibilities = result.Incompatibilities;
        Errors = result.Errors;
    }

    /// <summary>The schema the data was written with.</summary>
    public AvroSchema WriterSchema { get; }

    /// <summary>The schema the data was to be read with.</summary>
    public AvroSchema ReaderSchema { get; }

    /// <summary>CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form.</summary>
    public ulong WriterFingerprint { get; }

    /// <summary>CRC-64-AVRO fingerprint of the reader schema's Parsing Canonical Form.</summary>
    public ulong ReaderFingerprint { get; }

    /// <summary>Every incompatibility found, with its type, JSON-pointer location in the reader schema and message.</summary>
    public IReadOnlyList<SchemaIncompatibility> Incompatibilities { get; }

    /// <summary>Why the pair could not be judged at all, if it could not (e.g. a reader field matching two writer fields).</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    private static string Describe(AvroSchema writer, AvroSchema reader, ulong writerFingerprint, ulong readerFingerprint, CompatibilityResult result)
    {
        var problems = result.Incompatibilities.Select(i => i.ToString()).Concat(result.Errors.Select(e => e.Code + ": " + e.Message)).ToList();
        return $"Data written with schema {writer.TypeName} (fingerprint {writerFingerprint:X16}) cannot be read as {reader.TypeName} " +
            $"(fingerprint {readerFingerprint:X16}): {problems.Count} incompatibilit{(problems.Count == 1 ? "y" : "ies")}: {string.Join("; ", problems)}";
    }
}

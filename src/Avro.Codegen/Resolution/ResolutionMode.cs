namespace Avro.Codegen.Resolution;

/// <summary>How strictly <see cref="SchemaResolution.GetPlan(Schema.AvroSchema, Schema.AvroSchema, ResolutionMode)"/> judges a pair.</summary>
public enum ResolutionMode
{
    /// <summary>
    /// The default: the pair must pass the reader/writer compatibility check (as the Schema Registry applies it);
    /// otherwise getting the plan throws <see cref="AvroIncompatibleSchemaException"/>. A value can then only fail to
    /// resolve because its bytes are bad.
    /// </summary>
    RequireCompatible,

    /// <summary>
    /// As Java's resolving decoder: the pair is resolved as far as it can be, and a value fails (with an
    /// <see cref="AvroDataException"/>) only when it reaches an unresolvable part, e.g. a writer union branch the reader
    /// union lacks, or an enum symbol the reader does not know and has no default for. Values that avoid those parts
    /// are read.
    /// </summary>
    PerValue,
}

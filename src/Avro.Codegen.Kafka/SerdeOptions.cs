using Avro.Codegen.Serialization;

namespace Avro.Codegen.Kafka;

/// <summary>Copies of the user's serializer options for the key and the value side.</summary>
internal static class SerdeOptions
{
    public static ConfluentSerializerOptions ForComponent(ConfluentSerializerOptions options, bool isKey) => new()
    {
        IsKey = isKey,
        SubjectNamingStrategy = options.SubjectNamingStrategy,
        SubjectNamer = options.SubjectNamer,
        SchemaIdSource = options.SchemaIdSource,
        SchemaId = options.SchemaId,
        Normalize = options.Normalize,
        UseSchemaReferences = options.UseSchemaReferences,
        ReferenceSubjectNamer = options.ReferenceSubjectNamer,
        MaxReferencedSchemas = options.MaxReferencedSchemas,
        RegistryTimeout = options.RegistryTimeout,
    };
}

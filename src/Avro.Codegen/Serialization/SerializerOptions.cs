using Avro.Codegen.Registry;

namespace Avro.Codegen.Serialization;

/// <summary>A custom subject name strategy: <c>(topic, isKey, recordFullName) =&gt; subject</c>.</summary>
public delegate string SubjectNamer(string topic, bool isKey, string recordFullName);

/// <summary>Where the serializer gets the schema id it writes.</summary>
public enum SchemaIdSource
{
    /// <summary>Register the record's schema under the subject (idempotent) and use the id returned. The default.</summary>
    AutoRegister,

    /// <summary>
    /// Use the subject's latest version (cached for the client's latest-version time to live). Its schema must be the
    /// record's schema (same Parsing Canonical Form), since the bytes are written with the record's generated codec.
    /// </summary>
    UseLatest,

    /// <summary>Use <see cref="ConfluentSerializerOptions.SchemaId"/>; its schema must be the record's schema.</summary>
    UseSchemaId,

    /// <summary>Look the record's schema up under the subject without registering it; fail if it is not registered.</summary>
    LookupOnly,
}

/// <summary>Options of <see cref="ConfluentAvroSerializer{T}"/>.</summary>
public sealed class ConfluentSerializerOptions
{
    /// <summary>True when serializing Kafka record keys (subjects end in <c>-key</c>), false for values.</summary>
    public bool IsKey { get; set; }

    /// <summary>The subject name strategy. Default <see cref="SubjectNamingStrategy.TopicName"/>.</summary>
    public SubjectNamingStrategy SubjectNamingStrategy { get; set; } = SubjectNamingStrategy.TopicName;

    /// <summary>A custom strategy; when set it wins over <see cref="SubjectNamingStrategy"/>.</summary>
    public SubjectNamer? SubjectNamer { get; set; }

    /// <summary>Where the schema id comes from. Default <see cref="SchemaIdSource.AutoRegister"/>.</summary>
    public SchemaIdSource SchemaIdSource { get; set; } = SchemaIdSource.AutoRegister;

    /// <summary>The id written with <see cref="SchemaIdSource.UseSchemaId"/>.</summary>
    public int? SchemaId { get; set; }

    /// <summary>Ask the registry to normalize the schema on register and lookup.</summary>
    public bool Normalize { get; set; }

    /// <summary>
    /// Register (<see cref="SchemaIdSource.AutoRegister"/>) and look up (<see cref="SchemaIdSource.LookupOnly"/>) the
    /// record's schema with Confluent schema references instead of self-contained: every named type defined in another
    /// schema file of the generating project is named, not inlined, and referenced by name, subject and version. The
    /// schemas of those files are registered (or looked up) first, dependencies first, each under the subject
    /// <see cref="ReferenceSubjectNamer"/> gives (by default the file's main type's full name, the record-name
    /// strategy). Types written by hand, or whose files share nothing, are registered as before. Default false.
    /// </summary>
    public bool UseSchemaReferences { get; set; }

    /// <summary>
    /// With <see cref="UseSchemaReferences"/>, the subject of a referenced schema, from the full name of its main type.
    /// Default (null): the full name itself (the record-name strategy), which is also what the build's gate uses.
    /// </summary>
    public Func<string, string>? ReferenceSubjectNamer { get; set; }

    /// <summary>
    /// The most schemas one registry schema may reference, directly or through other references, when the serializer
    /// checks a <see cref="SchemaIdSource.UseLatest"/> or <see cref="SchemaIdSource.UseSchemaId"/> schema. More raise
    /// <see cref="AvroDataException"/> naming this option. Default 256.
    /// </summary>
    public int MaxReferencedSchemas { get; set; } = RegistrySchemaParsing.DefaultMaxReferencedSchemas;

    /// <summary>
    /// The longest the first use of a topic may wait for the registry (every request, retry and reference included);
    /// past it <see cref="RegistryException"/> is raised, so the synchronous methods cannot block forever.
    /// Default 60 seconds; <see cref="Timeout.InfiniteTimeSpan"/> removes the budget.
    /// </summary>
    public TimeSpan RegistryTimeout { get; set; } = RegistrySchemaParsing.DefaultRegistryTimeout;

    // The clock that expires cached SchemaIdSource.UseLatest ids; tests substitute one they can move and count.
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Computes the subject for <paramref name="topic"/> and a record type.</summary>
    public string SubjectFor(string topic, string recordFullName)
    {
        if (SubjectNamer is { } namer)
        {
            return namer(topic, IsKey, recordFullName);
        }

        return SubjectNaming.For(SubjectNamingStrategy, topic, IsKey, recordFullName);
    }
}

/// <summary>Options of <see cref="ConfluentAvroDeserializer{T}"/>.</summary>
public sealed class ConfluentDeserializerOptions
{
    /// <summary>Limits for reading (nesting depth, invalid UTF-8 handling).</summary>
    public AvroReaderOptions? ReaderOptions { get; set; }

    /// <summary>
    /// The most schemas one writer schema may reference, directly or through other references (each
    /// (subject, version) counts once). A writer schema that references more raises <see cref="AvroDataException"/>
    /// naming this option, after at most this many reference requests. Default 256.
    /// </summary>
    public int MaxReferencedSchemas { get; set; } = RegistrySchemaParsing.DefaultMaxReferencedSchemas;

    /// <summary>
    /// The longest fetching one unknown writer schema may take (the schema, its references, every retry); past it
    /// <see cref="RegistryException"/> is raised, so <see cref="ConfluentAvroDeserializer{T}.Deserialize"/> cannot block
    /// forever. Default 60 seconds; <see cref="Timeout.InfiniteTimeSpan"/> removes the budget.
    /// </summary>
    public TimeSpan RegistryTimeout { get; set; } = RegistrySchemaParsing.DefaultRegistryTimeout;
}

namespace Avro.Codegen.Registry;

/// <summary>
/// A reference from one schema to a named type registered under another subject. For Avro, <see cref="Name"/> is the
/// full name the referring schema uses for the type.
/// </summary>
/// <param name="Name">The name the referring schema uses (for Avro, the referenced type's full name).</param>
/// <param name="Subject">The subject holding the referenced schema.</param>
/// <param name="Version">The version of that subject; -1 means the latest version.</param>
public sealed record RegistryReference(string Name, string Subject, int Version);

/// <summary>
/// Schema text as the registry stores and exchanges it: the text, its type (<c>AVRO</c> unless said otherwise) and
/// references to schemas of other subjects.
/// </summary>
public sealed record RegistrySchema
{
    /// <summary>Creates a schema of type <c>AVRO</c> without references.</summary>
    public RegistrySchema(string schema) : this(schema, SchemaTypes.Avro, null)
    {
    }

    /// <summary>Creates a schema.</summary>
    public RegistrySchema(string schema, string? schemaType, IReadOnlyList<RegistryReference>? references)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        SchemaType = schemaType is null || schemaType.Length == 0 ? SchemaTypes.Avro : schemaType;
        References = references ?? [];
    }

    /// <summary>The schema text (for Avro, JSON).</summary>
    public string Schema { get; init; }

    /// <summary>The schema type: <c>AVRO</c>, <c>JSON</c> or <c>PROTOBUF</c>.</summary>
    public string SchemaType { get; init; }

    /// <summary>References to schemas registered under other subjects, in the order they must be resolved.</summary>
    public IReadOnlyList<RegistryReference> References { get; init; }

    /// <inheritdoc />
    public bool Equals(RegistrySchema? other) =>
        other is not null && Schema == other.Schema && SchemaType == other.SchemaType && References.SequenceEqual(other.References);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            return ((StringComparer.Ordinal.GetHashCode(Schema) * 31) + StringComparer.Ordinal.GetHashCode(SchemaType)) * 31 + References.Count;
        }
    }
}

/// <summary>The schema types the Confluent registry knows.</summary>
public static class SchemaTypes
{
    /// <summary><c>AVRO</c>, the default when a request names no type.</summary>
    public const string Avro = "AVRO";
    /// <summary><c>JSON</c> (JSON Schema).</summary>
    public const string Json = "JSON";
    /// <summary><c>PROTOBUF</c>.</summary>
    public const string Protobuf = "PROTOBUF";
}

/// <summary>A schema as registered under one subject and version.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="Version">The version within the subject (from 1).</param>
/// <param name="Id">The global schema id.</param>
/// <param name="Schema">The stored schema (its text is the registry's canonical text).</param>
public sealed record RegisteredVersion(string Subject, int Version, int Id, RegistrySchema Schema)
{
    /// <summary>The schema's GUID, when the registry assigns them (Confluent 8.0 and later); otherwise <see langword="null"/>.</summary>
    public Guid? Guid { get; init; }

    /// <summary>True when this version is soft-deleted.</summary>
    public bool Deleted { get; init; }
}

/// <summary>A subject and version pair (the answer of <c>GET /schemas/ids/{id}/versions</c>).</summary>
/// <param name="Subject">The subject.</param>
/// <param name="Version">The version.</param>
public readonly record struct SubjectVersion(string Subject, int Version);

/// <summary>The answer of a compatibility test.</summary>
/// <param name="IsCompatible">True when the schema may be registered.</param>
/// <param name="Messages">Why not (only filled when verbose results were asked for); empty when compatible.</param>
public sealed record CompatibilityCheckResult(bool IsCompatible, IReadOnlyList<string> Messages);

/// <summary>Registry modes: who may write.</summary>
public static class RegistryModes
{
    /// <summary>The default: registration and deletes allowed.</summary>
    public const string ReadWrite = "READWRITE";
    /// <summary>No registration, deletes or config changes.</summary>
    public const string ReadOnly = "READONLY";
    /// <summary>Deprecated variant of <see cref="ReadOnly"/>.</summary>
    public const string ReadOnlyOverride = "READONLY_OVERRIDE";
    /// <summary>Registration must give the id (and may give the version): for migrating registries.</summary>
    public const string Import = "IMPORT";
    /// <summary>Global only: forwarding to another registry (treated like READWRITE here).</summary>
    public const string Forward = "FORWARD";
}

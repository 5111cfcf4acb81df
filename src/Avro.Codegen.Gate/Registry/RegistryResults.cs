using System.Collections.Generic;

namespace Avro.Codegen.Gate.Registry;

/// <summary>One registered schema version, as <c>GET /subjects/{s}/versions/{v}</c> and lookups return it.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="Version">The version within the subject.</param>
/// <param name="Id">The global schema id (what Confluent framing carries).</param>
/// <param name="Schema">The schema text as the registry stores it.</param>
public sealed record RegisteredVersion(string Subject, int Version, int Id, string Schema)
{
    /// <summary>The schema's references to schemas of other subjects, in the order the registry keeps them.</summary>
    public IReadOnlyList<SchemaReference> References { get; init; } = System.Array.Empty<SchemaReference>();
}

/// <summary>A Confluent schema reference: the type <paramref name="Name"/> is defined by version <paramref name="Version"/> of <paramref name="Subject"/>.</summary>
/// <param name="Name">The name the referring schema uses (for Avro, the referenced schema's full name).</param>
/// <param name="Subject">The subject holding the referenced schema.</param>
/// <param name="Version">The version of that subject.</param>
public sealed record SchemaReference(string Name, string Subject, int Version);

/// <summary>The answer of <c>POST /compatibility/subjects/{s}/versions/latest?verbose=true</c>.</summary>
/// <param name="IsCompatible">The verdict.</param>
/// <param name="Messages">The verbose messages (empty when compatible, or when the server is too old to send them).</param>
public sealed record CompatibilityAnswer(bool IsCompatible, IReadOnlyList<string> Messages);

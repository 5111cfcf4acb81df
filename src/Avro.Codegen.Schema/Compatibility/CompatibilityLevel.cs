namespace Avro.Codegen.Schema.Compatibility;

/// <summary>The compatibility levels of the Confluent Schema Registry.</summary>
public enum CompatibilityLevel
{
    /// <summary>No check at all.</summary>
    None,

    /// <summary>The new schema reads data written with the latest version.</summary>
    Backward,

    /// <summary>The new schema reads data written with every version.</summary>
    BackwardTransitive,

    /// <summary>The latest version reads data written with the new schema.</summary>
    Forward,

    /// <summary>Every version reads data written with the new schema.</summary>
    ForwardTransitive,

    /// <summary><see cref="Backward"/> and <see cref="Forward"/>.</summary>
    Full,

    /// <summary><see cref="BackwardTransitive"/> and <see cref="ForwardTransitive"/>.</summary>
    FullTransitive,
}

using System.Collections.Generic;

namespace Avro.Codegen.Schema;

/// <summary>How <see cref="SchemaJson"/> writes a schema.</summary>
public sealed class SchemaJsonOptions
{
    private static readonly string[] NoNames = new string[0];

    /// <summary>Compact, names relative to the enclosing namespace, everything in the author's order.</summary>
    public static SchemaJsonOptions Default { get; } = new();

    /// <summary>Like <see cref="Default"/>, indented with two spaces.</summary>
    public static SchemaJsonOptions Indented { get; } = new() { WriteIndented = true };

    /// <summary>Indent with two spaces instead of writing compact text.</summary>
    public bool WriteIndented { get; init; }

    /// <summary>
    /// Write a form independent of how the author spelled names and ordered properties (the registry's
    /// <c>normalize</c>): every name in full without <c>namespace</c>, aliases and custom properties sorted.
    /// </summary>
    public bool Normalize { get; init; }

    /// <summary>
    /// Full names of named types defined elsewhere (a registry schema's references): they are written by name only,
    /// never defined.
    /// </summary>
    public IReadOnlyCollection<string> KnownNames { get; init; } = NoNames;
}

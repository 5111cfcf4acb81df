namespace Avro.Codegen.Generator;

/// <summary>The name of every tracked pipeline step; tests read these to assert what was cached.</summary>
public static class TrackingNames
{
    /// <summary>One schema file read with its per-file options and parsed on its own (not yet linked).</summary>
    public const string ParseFile = nameof(ParseFile);

    /// <summary>The global options (<c>build_property.*</c>).</summary>
    public const string Options = nameof(Options);

    /// <summary>All files linked together and bound to C# (names, unions, field specs).</summary>
    public const string Bind = nameof(Bind);

    /// <summary>One named type with its spec, fingerprint and schema-table template, read from its linked schema.</summary>
    public const string BuildType = nameof(BuildType);

    /// <summary>One generated record, enum or fixed type.</summary>
    public const string Type = nameof(Type);

    /// <summary>One generated union type.</summary>
    public const string Union = nameof(Union);

    /// <summary>The compilation's schema table (every named type's template).</summary>
    public const string SchemaTable = nameof(SchemaTable);

    /// <summary>The full-name registry (only when enabled).</summary>
    public const string Registry = nameof(Registry);

    /// <summary>The history folders' earlier versions checked against the current records.</summary>
    public const string History = nameof(History);

    /// <summary>The diagnostics of the bind step.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The diagnostics of the per-type step (defaults C# cannot express).</summary>
    public const string TypeDiagnostics = nameof(TypeDiagnostics);
}

namespace Avro.Codegen.Generator;

/// <summary>The name of every tracked pipeline step; tests read these to assert what was cached.</summary>
public static class TrackingNames
{
    /// <summary>One <c>.avsc</c> file read with its per-file options.</summary>
    public const string ParseFile = nameof(ParseFile);

    /// <summary>The global options (<c>build_property.*</c>).</summary>
    public const string Options = nameof(Options);

    /// <summary>All files parsed together and resolved into type specs.</summary>
    public const string Resolve = nameof(Resolve);

    /// <summary>One generated type (record, enum, fixed, union).</summary>
    public const string Type = nameof(Type);

    /// <summary>The full-name registry (only when enabled).</summary>
    public const string Registry = nameof(Registry);

    /// <summary>The diagnostics of the resolve step.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}

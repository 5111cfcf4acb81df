using Avro.Codegen.Generator.Model;

namespace Avro.Codegen.Generator.Resolution;

/// <summary>The outcome of linking every schema file together and binding the types to C#.</summary>
/// <param name="Types">Every named type to generate (or to list in the schema table), sorted by full name.</param>
/// <param name="Unions">The generated union types.</param>
/// <param name="SchemaTable">The schema table's spec without its templates (the per-type step makes those), or null when there are no types.</param>
/// <param name="Registry">The full-name registry, when enabled.</param>
/// <param name="Diagnostics">Schema errors and mapping problems, in file order.</param>
internal sealed record ResolveResult(
    EquatableArray<BoundType> Types,
    EquatableArray<TypeSpec> Unions,
    TypeSpec? SchemaTable,
    TypeSpec? Registry,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ResolveResult Failed(DiagnosticInfo diagnostic) =>
        new(EquatableArray<BoundType>.Empty, EquatableArray<TypeSpec>.Empty, null, null, new[] { diagnostic }.ToEquatableArray());
}

using Avro.Codegen.Generator.Model;

namespace Avro.Codegen.Generator.Binding;

/// <summary>The outcome of linking every schema file together and binding the types to C#.</summary>
/// <param name="Types">Every named type to generate (or to list in the schema table), sorted by full name.</param>
/// <param name="Unions">The generated union types.</param>
/// <param name="SchemaTable">The schema table's spec without its templates (the per-type step makes those), or null when there are no types.</param>
/// <param name="Registry">The full-name registry, when enabled.</param>
/// <param name="Diagnostics">Schema errors and mapping problems, in file order.</param>
internal sealed record BindResult(
    EquatableArray<BoundType> Types,
    EquatableArray<UnionSpec> Unions,
    SchemaTableSpec? SchemaTable,
    RegistrySpec? Registry,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static BindResult Failed(DiagnosticInfo diagnostic) =>
        new(EquatableArray<BoundType>.Empty, EquatableArray<UnionSpec>.Empty, null, null, new[] { diagnostic }.ToEquatableArray());
}

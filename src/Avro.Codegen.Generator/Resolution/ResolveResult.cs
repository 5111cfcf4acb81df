using Avro.Codegen.Generator.Model;

namespace Avro.Codegen.Generator.Resolution;

/// <summary>The outcome of resolving every schema file together: the types to emit and the diagnostics.</summary>
/// <param name="Types">Generated types, sorted by hint name.</param>
/// <param name="Registry">The full-name registry, when enabled.</param>
/// <param name="Diagnostics">Schema errors and mapping problems, in file order.</param>
internal sealed record ResolveResult(EquatableArray<TypeSpec> Types, TypeSpec? Registry, EquatableArray<DiagnosticInfo> Diagnostics);

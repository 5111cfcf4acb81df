namespace Avro.Codegen.Generator.Model;

/// <summary>What a generated file declares.</summary>
internal enum GeneratedKind
{
    Record,
    Enum,
    Fixed,
    Union,
    Registry,
    SchemaTable,
}

/// <summary>
/// Everything needed to emit one generated file. Immutable and structurally equatable (strings, numbers, enums,
/// <see cref="EquatableArray{T}"/> and other specs only): if it compared by reference, every run would re-emit every file.
/// No spans or locations live here, so moving text around in a <c>.avsc</c> never re-emits code.
/// </summary>
/// <param name="Kind">What to declare.</param>
/// <param name="FullName">The Avro full name (for unions, the generated type's C# name).</param>
/// <param name="HintName">The generated file name.</param>
/// <param name="Namespace">The C# namespace, or null for the global namespace.</param>
/// <param name="Name">The C# type name (escaped when needed).</param>
/// <param name="Doc">The Avro <c>doc</c>.</param>
/// <param name="SchemaTable">For records, enums and fixed: the <c>global::</c>-qualified class holding the compilation's schema table.</param>
/// <param name="Templates">For the schema table: every named type's own schema text, once (see <see cref="SchemaTemplateSpec"/>).</param>
/// <param name="Fingerprint">The CRC-64-AVRO fingerprint of the canonical form.</param>
/// <param name="Fields">Record fields in schema order.</param>
/// <param name="IsRecursive">True when the record can contain itself (reading needs a depth guard).</param>
/// <param name="Symbols">Enum symbols in wire order.</param>
/// <param name="DefaultSymbol">The enum default symbol, or null.</param>
/// <param name="FixedSize">Size of a fixed.</param>
/// <param name="Cases">Union branches in wire order.</param>
/// <param name="Entries">Registry entries.</param>
/// <param name="Version">The generator version written into <c>[GeneratedCode]</c>.</param>
internal sealed record TypeSpec(
    GeneratedKind Kind,
    string FullName,
    string HintName,
    string? Namespace,
    string Name,
    string? Doc,
    string SchemaTable,
    EquatableArray<SchemaTemplateSpec> Templates,
    ulong Fingerprint,
    EquatableArray<FieldSpec> Fields,
    bool IsRecursive,
    EquatableArray<string> Symbols,
    string? DefaultSymbol,
    int FixedSize,
    EquatableArray<UnionCaseSpec> Cases,
    EquatableArray<RegistryEntrySpec> Entries,
    string Version)
{
    /// <summary>The <c>global::</c>-qualified C# type name.</summary>
    public string QualifiedName => Namespace is null ? "global::" + Name : "global::" + Namespace + "." + Name;
}

/// <summary>A record field.</summary>
/// <param name="AvroName">The field name in the schema and in JSON.</param>
/// <param name="PropertyName">The C# property name.</param>
/// <param name="LocalName">A local variable name for reading.</param>
/// <param name="Type">The field type.</param>
/// <param name="Doc">The field doc.</param>
/// <param name="DefaultExpression">A C# expression for the default, or null when the field has none (it is then <c>required</c>).</param>
internal sealed record FieldSpec(string AvroName, string PropertyName, string LocalName, TypeRef Type, string? Doc, string? DefaultExpression);

/// <summary>One branch of a generated union.</summary>
/// <param name="CaseName">The C# case name (<c>IsString</c>, <c>TryGetString</c>, ...).</param>
/// <param name="Type">The branch type (<see cref="TypeRefKind.Null"/> for the null branch).</param>
internal sealed record UnionCaseSpec(string CaseName, TypeRef Type);

/// <summary>A type reachable by Avro full name from the registry.</summary>
/// <param name="FullName">The Avro full name.</param>
/// <param name="Type">How to read and write it.</param>
internal sealed record RegistryEntrySpec(string FullName, TypeRef Type);

/// <summary>
/// One named type's schema texts with the named types it refers to left as holes (the schema core's
/// <c>SchemaTemplate</c>, as equatable data). The table keeps one per type, so the generated size is linear in the
/// number of types even when they refer to each other in a cycle.
/// </summary>
/// <param name="FullName">The Avro full name.</param>
/// <param name="JsonHead">The start of the JSON definition, up to its name.</param>
/// <param name="JsonParts">The rest of the JSON definition, cut at each hole.</param>
/// <param name="CanonicalParts">The canonical definition, cut at each hole.</param>
/// <param name="Holes">The full names of the referenced types, in text order.</param>
/// <param name="Home">The main type of the file whose schema defines this one, when that is another type (for references).</param>
/// <param name="TableEntry">
/// The entry's C# initializer in the generated table, written by the per-type step: an edit changes one template, and
/// the table is re-emitted by joining the cached entries instead of escaping every type's text again.
/// </param>
internal sealed record SchemaTemplateSpec(string FullName, string JsonHead, EquatableArray<string> JsonParts, EquatableArray<string> CanonicalParts,
    EquatableArray<string> Holes, string? Home, string TableEntry);

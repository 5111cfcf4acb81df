namespace Avro.Codegen.Generator.Model;

/// <summary>
/// Everything needed to emit one generated file; one sealed record per kind of file. Immutable and structurally
/// equatable (strings, numbers, enums, <see cref="EquatableArray{T}"/> and other specs only): if it compared by
/// reference, every run would re-emit every file. No spans or locations live here, so moving text around in a
/// <c>.avsc</c> never re-emits code.
/// </summary>
/// <param name="FullName">What the file is for: the Avro full name of a named type, a union's branch key, or the class name of a table.</param>
/// <param name="HintName">The generated file name.</param>
/// <param name="Namespace">The C# namespace, or null for the global namespace.</param>
/// <param name="Name">The C# type name (escaped when needed).</param>
/// <param name="Version">The generator version written into <c>[GeneratedCode]</c>.</param>
internal abstract record TypeSpec(string FullName, string HintName, string? Namespace, string Name, string Version)
{
    /// <summary>The <c>global::</c>-qualified C# type name.</summary>
    public string QualifiedName => Namespace is null ? "global::" + Name : "global::" + Namespace + "." + Name;
}

/// <summary>A record, enum or fixed type: an Avro named type with its own schema in the compilation's schema table.</summary>
/// <param name="Doc">The Avro <c>doc</c>.</param>
/// <param name="SchemaTable">The <c>global::</c>-qualified class holding the compilation's schema table.</param>
/// <param name="Fingerprint">The CRC-64-AVRO fingerprint of the canonical form (set by the per-type step).</param>
internal abstract record NamedTypeSpec(string FullName, string HintName, string? Namespace, string Name, string Version, string? Doc, string SchemaTable, ulong Fingerprint)
    : TypeSpec(FullName, HintName, Namespace, Name, Version);

/// <summary>A generated record class.</summary>
/// <param name="Fields">Record fields in schema order.</param>
/// <param name="IsRecursive">True when the record can contain itself (reading needs a depth guard).</param>
internal sealed record RecordSpec(string FullName, string HintName, string? Namespace, string Name, string Version, string? Doc, string SchemaTable, ulong Fingerprint,
    EquatableArray<FieldSpec> Fields, bool IsRecursive)
    : NamedTypeSpec(FullName, HintName, Namespace, Name, Version, Doc, SchemaTable, Fingerprint);

/// <summary>A generated enum and its codec class.</summary>
/// <param name="Symbols">Enum symbols in wire order.</param>
/// <param name="DefaultSymbol">The enum default symbol, or null.</param>
internal sealed record EnumSpec(string FullName, string HintName, string? Namespace, string Name, string Version, string? Doc, string SchemaTable, ulong Fingerprint,
    EquatableArray<string> Symbols, string? DefaultSymbol)
    : NamedTypeSpec(FullName, HintName, Namespace, Name, Version, Doc, SchemaTable, Fingerprint);

/// <summary>A generated fixed type.</summary>
/// <param name="Size">The size in bytes.</param>
internal sealed record FixedSpec(string FullName, string HintName, string? Namespace, string Name, string Version, string? Doc, string SchemaTable, ulong Fingerprint,
    int Size)
    : NamedTypeSpec(FullName, HintName, Namespace, Name, Version, Doc, SchemaTable, Fingerprint);

/// <summary>A generated union struct; <see cref="TypeSpec.FullName"/> is the branch key unions are shared by.</summary>
/// <param name="Cases">Union branches in wire order.</param>
internal sealed record UnionSpec(string FullName, string HintName, string? Namespace, string Name, string Version, EquatableArray<UnionCaseSpec> Cases)
    : TypeSpec(FullName, HintName, Namespace, Name, Version);

/// <summary>The compilation's schema table: every named type's own schema text, once.</summary>
/// <param name="Templates">One per named type, sorted by full name (see <see cref="SchemaTemplateSpec"/>).</param>
internal sealed record SchemaTableSpec(string FullName, string HintName, string? Namespace, string Name, string Version, EquatableArray<SchemaTemplateSpec> Templates)
    : TypeSpec(FullName, HintName, Namespace, Name, Version);

/// <summary>The full-name registry (<c>AvroCodegen_EmitRegistry</c>).</summary>
/// <param name="Entries">Every generated named type, sorted by full name.</param>
internal sealed record RegistrySpec(string FullName, string HintName, string? Namespace, string Name, string Version, EquatableArray<RegistryEntrySpec> Entries)
    : TypeSpec(FullName, HintName, Namespace, Name, Version);

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

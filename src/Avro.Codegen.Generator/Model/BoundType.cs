using System;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Model;

/// <summary>
/// One named type after the set is linked and bound to C#: what the binding decides for it (its C# name and hint name,
/// and the C# names of every named type and union it reaches), and the linked schema the per-type step reads its spec,
/// fingerprint and schema-table template from.
/// </summary>
/// <remarks>
/// The schema graph is not equatable, so it takes no part in equality: <see cref="Sources"/> stands for it. The spec,
/// fingerprint and template are functions of the definitions the type reaches (the texts of the files that define them)
/// and of the names bound to what it reaches (<see cref="Binding"/>); when those are unchanged the per-type step stays
/// cached, so an edit of one file recomputes the types of that file and of the files that reach it, not all of them.
/// </remarks>
internal sealed class BoundType : IEquatable<BoundType>
{
    public BoundType(string fullName, TypeBinding? binding, string? home, EquatableArray<string> sources, NamedSchema schema)
    {
        FullName = fullName;
        Binding = binding;
        Home = home;
        Sources = sources;
        Schema = schema;
    }

    /// <summary>The Avro full name.</summary>
    public string FullName { get; }

    /// <summary>The names the type's spec is built with, or null for a fixed type with a logical type (it has no class).</summary>
    public TypeBinding? Binding { get; }

    /// <summary>The main type of the file whose schema defines this one, when that is another generated type (schema references).</summary>
    public string? Home { get; }

    /// <summary>The path and text of every file defining a type this type reaches (its own included), by path.</summary>
    public EquatableArray<string> Sources { get; }

    /// <summary>The linked schema; derived from <see cref="Sources"/>, so not compared.</summary>
    public NamedSchema Schema { get; }

    public bool Equals(BoundType? other) =>
        other is not null && FullName == other.FullName && Equals(Binding, other.Binding) && Home == other.Home && Sources.Equals(other.Sources);

    public override bool Equals(object? obj) => Equals(obj as BoundType);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(FullName);
        hash.Add(Binding);
        return hash.ToHashCode();
    }
}

/// <summary>
/// What the binding decided for one generated named type: its file and C# name, and the C# names of the named types and
/// unions its schema reaches (its field types, and the records its defaults construct).
/// </summary>
/// <param name="HintName">The generated file name, unique over the compilation.</param>
/// <param name="Namespace">The C# namespace, or null for the global namespace.</param>
/// <param name="Name">The C# type name.</param>
/// <param name="Version">The generator version.</param>
/// <param name="UnionNamespace">The C# namespace of the unions and the schema table.</param>
/// <param name="Names">Every named type the schema reaches (itself included), by full name.</param>
/// <param name="Unions">Every generated union the schema reaches, by key.</param>
internal sealed record TypeBinding(string HintName, string? Namespace, string Name, string Version, string UnionNamespace,
    EquatableArray<BoundName> Names, EquatableArray<BoundUnion> Unions);

/// <summary>The C# name of a named type.</summary>
internal sealed record BoundName(string FullName, string? Namespace, string Name);

/// <summary>The C# name and case names of a generated union, by its branch key.</summary>
internal sealed record BoundUnion(string Key, string Name, EquatableArray<string> CaseNames);

/// <summary>
/// A named type with the parts read from its schema graph: the finished spec (if it has a class), its template, and the
/// problems found building the spec (defaults C# cannot express).
/// </summary>
internal sealed record BuiltType(NamedTypeSpec? Spec, SchemaTemplateSpec Template, EquatableArray<DiagnosticInfo> Diagnostics);

using System;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Model;

/// <summary>
/// One named type after the set is linked and bound to C#: its spec with everything the binding decides (names, field
/// types, defaults), and the linked schema the per-type step reads its fingerprint and schema-table template from.
/// </summary>
/// <remarks>
/// The schema graph is not equatable, so it takes no part in equality: <see cref="Sources"/> stands for it. The
/// fingerprint and the template are functions of the definitions the type reaches, and those are functions of the texts
/// of the files that define them; when those texts (and the spec) are unchanged the per-type step stays cached, so an
/// edit of one file recomputes the types of that file and of the files that reach it, not all of them.
/// </remarks>
internal sealed class BoundType : IEquatable<BoundType>
{
    public BoundType(string fullName, NamedTypeSpec? spec, string? home, EquatableArray<string> sources, NamedSchema schema)
    {
        FullName = fullName;
        Spec = spec;
        Home = home;
        Sources = sources;
        Schema = schema;
    }

    /// <summary>The Avro full name.</summary>
    public string FullName { get; }

    /// <summary>The spec without its fingerprint, or null for a fixed type with a logical type (it has no class).</summary>
    public NamedTypeSpec? Spec { get; }

    /// <summary>The main type of the file whose schema defines this one, when that is another generated type (schema references).</summary>
    public string? Home { get; }

    /// <summary>The path and text of every file defining a type this type reaches (its own included), by path.</summary>
    public EquatableArray<string> Sources { get; }

    /// <summary>The linked schema; derived from <see cref="Sources"/>, so not compared.</summary>
    public NamedSchema Schema { get; }

    public bool Equals(BoundType? other) =>
        other is not null && FullName == other.FullName && Equals(Spec, other.Spec) && Home == other.Home && Sources.Equals(other.Sources);

    public override bool Equals(object? obj) => Equals(obj as BoundType);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(FullName);
        hash.Add(Spec);
        return hash.ToHashCode();
    }
}

/// <summary>A named type with the parts read from its schema graph: the finished spec (if it has a class) and its template.</summary>
internal sealed record BuiltType(NamedTypeSpec? Spec, SchemaTemplateSpec Template);

using System;
using System.Collections.Generic;
using Avro.Codegen.Generator.Binding;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Model;

/// <summary>
/// One schema file read with its options and parsed on its own (the per-file step), ready to be linked with the others.
/// Equal when the inputs are equal: the syntax tree is a pure function of the text and path, so comparing the input is
/// both exact and cheap, and an unchanged file keeps its cached tree across runs (the set's link never mutates it).
/// </summary>
internal sealed class ParsedSchemaFile : IEquatable<ParsedSchemaFile>
{
    public ParsedSchemaFile(SchemaFileInput input, UnlinkedSchemaFile? unlinked, SchemaFileResult? alone = null,
        IReadOnlyList<DiagnosticInfo>? aloneLimits = null, IReadOnlyDictionary<NamedSchema, TypeReach>? aloneReach = null)
    {
        AloneReach = aloneReach;
        Input = input;
        Unlinked = unlinked;
        Alone = alone;
        AloneLimits = aloneLimits;
    }

    public SchemaFileInput Input { get; }

    /// <summary>The file's syntax tree and syntax errors; null when the file could not be read.</summary>
    public UnlinkedSchemaFile? Unlinked { get; }

    /// <summary>
    /// An <c>.avsc</c> file linked on its own: when it links without errors it needs no other file, and the set's link
    /// reuses this graph (see <c>Binding/SetLinker</c>) instead of building it again on every edit of another file.
    /// </summary>
    public SchemaFileResult? Alone { get; }

    /// <summary>What <c>GeneratorLimits.Check</c> says of <see cref="Alone"/>'s types, when it linked without errors.</summary>
    public IReadOnlyList<DiagnosticInfo>? AloneLimits { get; }

    /// <summary>What each type of <see cref="Alone"/> reaches, when it linked without errors.</summary>
    public IReadOnlyDictionary<NamedSchema, TypeReach>? AloneReach { get; }

    public bool Equals(ParsedSchemaFile? other) => other is not null && Input.Equals(other.Input);

    public override bool Equals(object? obj) => Equals(obj as ParsedSchemaFile);

    public override int GetHashCode() => Input.GetHashCode();
}

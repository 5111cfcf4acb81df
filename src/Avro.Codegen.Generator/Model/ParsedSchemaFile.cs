using System;
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
    public ParsedSchemaFile(SchemaFileInput input, UnlinkedSchemaFile? unlinked)
    {
        Input = input;
        Unlinked = unlinked;
    }

    public SchemaFileInput Input { get; }

    /// <summary>The file's syntax tree and syntax errors; null when the file could not be read.</summary>
    public UnlinkedSchemaFile? Unlinked { get; }

    public bool Equals(ParsedSchemaFile? other) => other is not null && Input.Equals(other.Input);

    public override bool Equals(object? obj) => Equals(obj as ParsedSchemaFile);

    public override int GetHashCode() => Input.GetHashCode();
}

using System.Collections.Generic;

namespace Avro.Codegen.Schema;

/// <summary>One schema file to parse: its path (used in every error location) and its text.</summary>
public sealed record SchemaSource(string Path, string Text);

/// <summary>The outcome of parsing one file.</summary>
public sealed class SchemaFileResult
{
    internal SchemaFileResult(string path, AvroSchema? schema, IReadOnlyList<NamedSchema> definedTypes, IReadOnlyList<SchemaError> errors,
        AvroProtocol? protocol = null, IReadOnlyList<NamedSchema>? allTypes = null)
    {
        Path = path;
        Schema = schema;
        DefinedTypes = definedTypes;
        Errors = errors;
        Protocol = errors.Count == 0 ? protocol : null;
        AllTypes = allTypes ?? definedTypes;
    }

    /// <summary>The file's path, as given.</summary>
    public string Path { get; }

    /// <summary>
    /// The file's top-level schema, or <see langword="null"/> when the file has errors. For an Avro IDL file it is the main
    /// schema (<c>schema T;</c>), and <see langword="null"/> when the file declares none (a protocol, or types only).
    /// </summary>
    public AvroSchema? Schema { get; }

    /// <summary>The named types defined in this file, in definition order (outer types before the types nested in them).</summary>
    public IReadOnlyList<NamedSchema> DefinedTypes { get; }

    /// <summary>The protocol an <c>.avdl</c> (<c>protocol P { }</c>) or <c>.avpr</c> file declares, or <see langword="null"/> (also when the file has errors).</summary>
    public AvroProtocol? Protocol { get; }

    /// <summary>
    /// The named types an <c>.avdl</c> or <c>.avpr</c> file makes visible, each once in declaration order: those of its
    /// imports (at the import) and its own. For an <c>.avsc</c> file the same as <see cref="DefinedTypes"/>.
    /// </summary>
    public IReadOnlyList<NamedSchema> AllTypes { get; }

    /// <summary>Every problem found in this file, in source order.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>True when the file has no errors.</summary>
    public bool Success => Errors.Count == 0;
}

/// <summary>The outcome of parsing a set of files whose named types may refer to each other.</summary>
public sealed class SchemaSetResult
{
    private readonly Dictionary<string, NamedSchema> _namedTypes;

    internal SchemaSetResult(IReadOnlyList<SchemaFileResult> files, Dictionary<string, NamedSchema> namedTypes)
    {
        Files = files;
        _namedTypes = namedTypes;
        var errors = new List<SchemaError>();
        foreach (var file in files)
        {
            errors.AddRange(file.Errors);
        }

        Errors = errors;
    }

    /// <summary>The files in the order given, each with its own schema and errors.</summary>
    public IReadOnlyList<SchemaFileResult> Files { get; }

    /// <summary>All errors of all files, file by file.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>Every named type defined in the set (and any types given to resolve against), by full name.</summary>
    public IReadOnlyDictionary<string, NamedSchema> NamedTypes => _namedTypes;

    /// <summary>True when no file has errors.</summary>
    public bool Success => Errors.Count == 0;

    /// <summary>The named type with this full name, or <see langword="null"/>.</summary>
    public NamedSchema? Find(string fullName) =>
        fullName is not null && _namedTypes.TryGetValue(fullName, out var schema) ? schema : null;
}

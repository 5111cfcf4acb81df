using System.Collections.Generic;
using Avro.Codegen.Schema.Idl;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// One schema file read on its own (<see cref="SchemaParser.ParseUnlinked"/>): its syntax tree and the syntax errors
/// found in it, with names not yet declared or resolved. Immutable: link it with the other files of its set through
/// <see cref="SchemaParser.Link"/> as often as needed; each link builds its own schema graph.
/// </summary>
public sealed class UnlinkedSchemaFile
{
    internal UnlinkedSchemaFile(string path, string text, SchemaSetBuilder.FileFormat format, JsonValue? json, IdlDocument? idl, IReadOnlyList<SchemaError> errors)
    {
        Path = path;
        Text = text;
        Format = format;
        Json = json;
        Idl = idl;
        Errors = errors;
    }

    /// <summary>The file's path, as given.</summary>
    public string Path { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The syntax errors of the file (JSON or IDL), in source order; name and default errors come from the link.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    internal SchemaSetBuilder.FileFormat Format { get; }

    /// <summary>The JSON of an <c>.avsc</c> or <c>.avpr</c> file, or null (not JSON, or not valid JSON).</summary>
    internal JsonValue? Json { get; }

    /// <summary>The document of an <c>.avdl</c> file, or null.</summary>
    internal IdlDocument? Idl { get; }
}

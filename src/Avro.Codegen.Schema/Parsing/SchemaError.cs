using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// One problem found in schema text: a stable code (<c>AVRO0nn</c>), a message, and where it is.
/// Bad input is always reported this way; the schema core never throws for it.
/// </summary>
public sealed record SchemaError(string Code, string Message, SourceSpan Span)
{
    /// <summary>The file the error is in.</summary>
    public string File => Span.File;

    /// <summary>1-based line.</summary>
    public int Line => Span.StartLine;

    /// <summary>1-based column.</summary>
    public int Column => Span.StartColumn;

    /// <summary>Formats the error as compilers do: <c>file(line,col): error AVRO012: message</c>.</summary>
    public override string ToString() => $"{File}({Line},{Column}): error {Code}: {Message}";
}

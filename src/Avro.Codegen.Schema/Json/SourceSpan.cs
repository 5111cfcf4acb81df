namespace Avro.Codegen.Schema.Json;

/// <summary>
/// Where a piece of schema text sits in its file: 1-based line and column of the first and last character,
/// and the 0-based character offset and length (for editors and compilers that locate by offset).
/// </summary>
public sealed record SourceSpan(string File, int StartLine, int StartColumn, int EndLine, int EndColumn, int Offset, int Length)
{
    /// <summary>Formats the span as <c>file(line,col)</c>, the form compilers and MSBuild print.</summary>
    public override string ToString() => $"{File}({StartLine},{StartColumn})";
}

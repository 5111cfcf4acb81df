using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Avro.Codegen.Generator.Model;

/// <summary>
/// An equatable stand-in for <see cref="Location"/>: a tree-less location in a non-C# file (the <c>.avsc</c>).
/// <see cref="Location"/> itself is not equatable across runs and must not live in a pipeline model.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}

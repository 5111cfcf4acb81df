using System;
using Avro.Codegen.Schema.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Avro.Codegen.Generator.Model;

/// <summary>
/// An equatable stand-in for <see cref="Location"/>: a tree-less location in a non-C# file (the <c>.avsc</c>).
/// <see cref="Location"/> itself is not equatable across runs and must not live in a pipeline model.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>
    /// The location of a schema-core span, the one conversion every diagnostic goes through: <see cref="SourceSpan"/>
    /// lines and columns are 1-based and inclusive; Roslyn's are 0-based with an exclusive end, so the end column is the
    /// same number.
    /// </summary>
    public static LocationInfo? From(SourceSpan? span) => span is null
        ? null
        : new LocationInfo(span.File, Math.Max(0, span.Offset), Math.Max(0, span.Length),
            Math.Max(0, span.StartLine - 1), Math.Max(0, span.StartColumn - 1), Math.Max(0, span.EndLine - 1), Math.Max(0, span.EndColumn));

    /// <summary>The start of a file, for a problem with the file as a whole.</summary>
    public static LocationInfo FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}

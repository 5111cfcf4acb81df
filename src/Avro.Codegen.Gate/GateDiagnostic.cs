using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Gate;

/// <summary>How serious a gate diagnostic is.</summary>
public enum GateSeverity
{
    /// <summary>Informational (new subject, registered id, skipped file).</summary>
    Message,
    /// <summary>A warning: the build goes on.</summary>
    Warning,
    /// <summary>An error: the build (or the CLI verb) fails.</summary>
    Error,
}

/// <summary>
/// One outcome of the gate, in the shape MSBuild and compilers print: <c>file(line,col): error CODE: message</c>.
/// The engine returns these instead of logging so that the MSBuild task and the CLI present the same results.
/// Messages never contain registry credentials.
/// </summary>
/// <param name="Severity">Error, warning or message.</param>
/// <param name="Code">An <c>AVROB</c> code from <see cref="GateCodes"/>, an <c>AVRO0nn</c> schema code, or <see langword="null"/> for messages.</param>
/// <param name="Message">The text.</param>
/// <param name="File">The file the diagnostic is about, or <see langword="null"/>.</param>
/// <param name="Line">1-based start line, 0 when unknown.</param>
/// <param name="Column">1-based start column, 0 when unknown.</param>
/// <param name="EndLine">1-based end line, 0 when unknown.</param>
/// <param name="EndColumn">1-based end column, 0 when unknown.</param>
public sealed record GateDiagnostic(GateSeverity Severity, string? Code, string Message, string? File = null,
    int Line = 0, int Column = 0, int EndLine = 0, int EndColumn = 0)
{
    /// <summary>Creates a diagnostic located at <paramref name="span"/> (or at the file alone when the span is unknown).</summary>
    public static GateDiagnostic At(GateSeverity severity, string? code, string message, SourceSpan? span, string? file = null) =>
        span is null
            ? new GateDiagnostic(severity, code, message, file)
            : new GateDiagnostic(severity, code, message, span.File, span.StartLine, span.StartColumn, span.EndLine, span.EndColumn);

    /// <summary>Formats the diagnostic the way MSBuild prints it.</summary>
    public override string ToString()
    {
        var location = File is null ? "" : Line > 0 ? $"{File}({Line},{Column}): " : File + ": ";
        var kind = Severity switch { GateSeverity.Error => "error", GateSeverity.Warning => "warning", _ => "message" };
        return Code is null ? $"{location}{kind}: {Message}" : $"{location}{kind} {Code}: {Message}";
    }
}

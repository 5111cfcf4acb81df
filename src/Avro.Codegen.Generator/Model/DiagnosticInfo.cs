namespace Avro.Codegen.Generator.Model;

/// <summary>
/// A diagnostic as data: the id selects the descriptor (<see cref="Diagnostics.DiagnosticDescriptors.Get"/>), the message
/// is already formatted. Keeping diagnostics as plain records lets them travel through the cached pipeline.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string Message, LocationInfo? Location);

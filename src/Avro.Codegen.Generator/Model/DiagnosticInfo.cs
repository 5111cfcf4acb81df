using System.Linq;
using Microsoft.CodeAnalysis;

namespace Avro.Codegen.Generator.Model;

/// <summary>
/// A diagnostic as data: its descriptor (<see cref="Diagnostics.DiagnosticDescriptors"/>), where it is in a schema file,
/// and the arguments of the descriptor's message format. Equatable (a descriptor compares by value), so diagnostics
/// travel through the cached pipeline and are only turned into <see cref="Diagnostic"/>s when reported.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.Cast<object>().ToArray());
}

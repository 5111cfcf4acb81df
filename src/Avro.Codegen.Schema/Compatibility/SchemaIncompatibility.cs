namespace Avro.Codegen.Schema.Compatibility;

/// <summary>
/// One reason why a reader schema cannot read everything a writer schema may write.
/// </summary>
/// <param name="Type">What kind of problem it is.</param>
/// <param name="Message">
/// The detail, worded as Java's <c>SchemaCompatibility</c> words it: <c>expected: W</c> (names),
/// <c>expected: 8, found: 4</c> (fixed sizes, writer then reader), <c>[B, D]</c> (missing enum symbols, sorted),
/// the field name (missing defaults), <c>reader type: X not compatible with writer type: Y</c>, or
/// <c>reader union lacking writer type: Y</c>.
/// </param>
/// <param name="Location">
/// A JSON pointer into the reader schema's JSON, e.g. <c>/fields/1/type/size</c>; the root is <c>/</c>. Branches of a
/// writer union add the writer branch index (<c>/fields/0/type/1</c>).
/// </param>
/// <param name="Reader">The part of the reader schema the problem was found in.</param>
/// <param name="Writer">The part of the writer schema the problem was found in.</param>
public sealed record SchemaIncompatibility(
    SchemaIncompatibilityType Type,
    string Message,
    string Location,
    AvroSchema Reader,
    AvroSchema Writer)
{
    /// <summary>The <c>TYPE at LOCATION: message</c> line that <c>avro-codegen compat</c> prints.</summary>
    public override string ToString() => $"{Type.ToJavaName()} at {Location}: {Message}";
}

namespace Avro.Codegen;

/// <summary>
/// The one value of the Avro <c>null</c> type where it appears outside a union (a field or array items of type
/// <c>null</c>). It occupies no bytes in the binary encoding and is <c>null</c> in the JSON encoding.
/// </summary>
public readonly record struct AvroNull
{
    /// <inheritdoc />
    public override string ToString() => "null";
}

namespace Avro.Codegen;

/// <summary>
/// The schema identity a Confluent-framed message carries: an integer registry id (magic byte 0) or, in Confluent's
/// newer form, a schema GUID (magic byte 1, also used in the <c>__value_schema_id</c>/<c>__key_schema_id</c> headers).
/// Exactly one of the two is set.
/// </summary>
/// <param name="Id">The registry's integer id, or <see langword="null"/>.</param>
/// <param name="Guid">The schema GUID, or <see langword="null"/>.</param>
public readonly record struct ConfluentSchemaId(int? Id, Guid? Guid)
{
    /// <summary>An integer id.</summary>
    public static ConfluentSchemaId FromId(int id) => new(id, null);

    /// <summary>A schema GUID.</summary>
    public static ConfluentSchemaId FromGuid(Guid guid) => new(null, guid);

    /// <inheritdoc />
    public override string ToString() => Id is { } id
        ? "id " + id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "guid " + Guid?.ToString("D");
}

namespace Avro.Codegen.Kafka;

/// <summary>Where a serializer puts the schema id (Confluent's <c>SchemaIdSerializerStrategy</c>).</summary>
public enum SchemaIdLocation
{
    /// <summary>Before the body: <c>0x00</c> + 4-byte big-endian id (the classic framing every client reads). The default.</summary>
    Prefix,

    /// <summary>
    /// In the <c>__key_schema_id</c>/<c>__value_schema_id</c> record header as <c>0x01</c> + the schema's 16-byte GUID,
    /// with the bare Avro body as the message (as Confluent's header strategy writes it; needs a registry that gives
    /// GUIDs, Schema Registry 8.x and later).
    /// </summary>
    Header,
}

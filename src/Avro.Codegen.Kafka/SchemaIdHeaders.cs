using Confluent.Kafka;

namespace Avro.Codegen.Kafka;

/// <summary>The <c>__key_schema_id</c>/<c>__value_schema_id</c> record headers of Confluent's header framing.</summary>
internal static class SchemaIdHeaders
{
    /// <summary>The header name for the component being (de)serialized.</summary>
    public static string NameFor(SerializationContext context) => context.Component == MessageComponentType.Key
        ? ConfluentFraming.KeySchemaIdHeader
        : ConfluentFraming.ValueSchemaIdHeader;

    /// <summary>Adds the schema id header (<c>0x01</c> + GUID) of the component to the message's headers.</summary>
    public static void Add(SerializationContext context, Guid schemaGuid)
    {
        var headers = context.Headers ?? throw new InvalidOperationException(
            $"Writing the schema id in the {NameFor(context)} header needs the message's headers, and the serialization context of topic '{context.Topic}' has none.");
        var value = new byte[ConfluentFraming.GuidHeaderLength];
        ConfluentFraming.WriteGuidHeader(value, schemaGuid);
        // A message serialized twice (a retried produce) keeps one header per component.
        headers.Remove(NameFor(context));
        headers.Add(NameFor(context), value);
    }

    /// <summary>The last schema id header of the component, if the message has one.</summary>
    public static bool TryGet(SerializationContext context, out byte[] value)
    {
        if (context.Headers is { } headers && headers.TryGetLastBytes(NameFor(context), out var found) && found is not null)
        {
            value = found;
            return true;
        }

        value = [];
        return false;
    }
}

// Contracts written in Avro IDL: contracts/shipments.avdl (schema syntax) imports common.avdl and carrier.avsc; the
// generator turns all three into C# records, and the build gate checks the main schema against avro-baseline/.
using Avro.Codegen;
using com.acme.common;
using com.acme.shipping;

var shipment = new ShipmentEvent
{
    ShipmentId = Guid.Parse("5f0c6a52-9d3c-4bb1-8b1e-2f4a1c0d9e77"),
    Carrier = Carrier.DHL,
    Destination = new Address { Street = "Hauptstr. 1", City = "Berlin" },
    At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    DeclaredValue = 149.90m,
};

var body = AvroSerializer.Serialize(shipment);
var back = AvroSerializer.Deserialize<ShipmentEvent>(body);
Console.WriteLine($"status {back.Status}, country {back.Destination.Country}, tracking {back.TrackingCode ?? "none"}");
Console.WriteLine($"plain Avro: {body.Length} bytes, read back equal: {back == shipment}");
Console.WriteLine($"Avro JSON: {AvroSerializer.ToJson(back)}");

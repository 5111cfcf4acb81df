// Quickstart: produce and consume Confluent-framed Avro messages with a generated record.
//
//   dotnet run                                  -> the embedded in-memory registry (mock://quickstart)
//   dotnet run -- http://localhost:8081         -> a real Confluent-compatible registry
//
// A real producer hands the bytes to Kafka (e.g. Confluent.Kafka's ProduceAsync with a byte[] value); here a list
// stands in for the topic, so the sample runs anywhere.
using Avro.Codegen;
using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using com.acme.orders;

var url = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("AvroSchemaRegistryUrl") ?? "mock://quickstart";
using var registry = RegistryClient.Create(url);
const string topic = "orders";

// The serializer registers the schema under "orders-value" (TopicName strategy) the first time, then caches the id.
var serializer = new ConfluentAvroSerializer<OrderPlaced>(registry);
var deserializer = new ConfluentAvroDeserializer<OrderPlaced>(registry);

var produced = new List<byte[]>();
foreach (var (customer, amount) in new[] { ("ada", 12.50m), ("grace", 99.99m) })
{
    var order = new OrderPlaced
    {
        OrderId = Guid.NewGuid(),
        Customer = customer,
        Amount = amount,
        PlacedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };
    produced.Add((await serializer.SerializeAsync(order, topic))!);
}

Console.WriteLine($"registry: {url}, subject {serializer.SubjectFor(topic)}, schema id {await serializer.GetSchemaIdAsync(topic)}");
foreach (var message in produced)
{
    var order = (await deserializer.DeserializeAsync(message))!;
    Console.WriteLine($"consumed {order.Customer} {order.Amount} ({Describe(message)})");
}

// Without a registry: the plain Avro binary body and the Avro JSON encoding of the same record.
var first = (await deserializer.DeserializeAsync(produced[0]))!;
var body = AvroSerializer.Serialize(first);
var same = AvroSerializer.Deserialize<OrderPlaced>(body);
Console.WriteLine($"plain Avro: {body.Length} bytes, read back equal: {same == first}");
Console.WriteLine($"Avro JSON: {AvroSerializer.ToJson(first)}");

// Confluent framing: magic byte 0, the 4-byte big-endian schema id, then the Avro binary body.
static string Describe(byte[] message)
{
    var header = ConfluentFraming.ReadHeader(message, out var body);
    return $"schema id {header.Id}, {body.Length} body bytes";
}

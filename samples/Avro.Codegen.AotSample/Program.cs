// The registry quickstart without Kafka, for NativeAOT: Confluent-framed messages through a schema registry with the
// generated record and a string key, then plain Avro binary and Avro JSON.
//
//   dotnet run                              -> the embedded in-memory registry (mock://quickstart)
//   dotnet run -- http://localhost:8081     -> a real Confluent-compatible registry
//   dotnet publish -c Release -r linux-x64  -> a native binary (PublishAot is on in the project)
using Avro.Codegen;
using Avro.Codegen.Registry;
using Avro.Codegen.Serialization;
using com.acme.orders;

if (args.Length > 1)
{
    Console.Error.WriteLine("usage: Avro.Codegen.AotSample [REGISTRY-URL]");
    return 2;
}

var url = args.Length > 0 ? args[0] : "mock://quickstart";
using var registry = RegistryClient.Create(url);
const string topic = "orders";

// The serializers register "string" under "orders-key" and the record under "orders-value" (TopicName strategy) the
// first time, then cache the ids.
var keySerializer = new ConfluentPrimitiveSerializer<string>(registry, new ConfluentSerializerOptions { IsKey = true });
var keyDeserializer = new ConfluentPrimitiveDeserializer<string>(registry);
var serializer = new ConfluentAvroSerializer<OrderPlaced>(registry);
var deserializer = new ConfluentAvroDeserializer<OrderPlaced>(registry);

var produced = new List<(byte[] Key, byte[] Value)>();
foreach (var (customer, amount) in new[] { ("ada", 12.50m), ("grace", 99.99m) })
{
    var order = new OrderPlaced
    {
        OrderId = Guid.NewGuid(),
        Customer = customer,
        Amount = amount,
        PlacedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };
    produced.Add(((await keySerializer.SerializeAsync(customer, topic))!, (await serializer.SerializeAsync(order, topic))!));
}

Console.WriteLine($"registry: {url}, {keySerializer.SubjectFor(topic)} schema id {await keySerializer.GetSchemaIdAsync(topic)}, " +
                  $"{serializer.SubjectFor(topic)} schema id {await serializer.GetSchemaIdAsync(topic)}");
OrderPlaced? first = null;
foreach (var (key, value) in produced)
{
    var order = (await deserializer.DeserializeAsync(value))!;
    first ??= order;
    Console.WriteLine($"consumed key {await keyDeserializer.DeserializeAsync(key)}: {order.Customer} {order.Amount} ({Describe(value)})");
}

// Without a registry: the plain Avro binary body and the Avro JSON encoding of the same record.
var body = AvroSerializer.Serialize(first!);
var same = AvroSerializer.Deserialize<OrderPlaced>(body);
var json = AvroSerializer.ToJson(first!);
Console.WriteLine($"plain Avro: {body.Length} bytes, read back equal: {same == first}");
Console.WriteLine($"Avro JSON: {json}, read back equal: {AvroSerializer.FromJson<OrderPlaced>(json) == first}");
return 0;

// Confluent framing: magic byte 0, the 4-byte big-endian schema id, then the Avro binary body.
static string Describe(byte[] message)
{
    var header = ConfluentFraming.ReadHeader(message, out var body);
    return $"schema id {header.Id}, {body.Length} body bytes";
}

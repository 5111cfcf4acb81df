// Quickstart: the generated OrderPlaced record through Kafka with Confluent.Kafka and the Avro.Codegen.Kafka serdes.
//
//   dotnet run        -> librdkafka's in-process mock cluster and the in-memory registry mock://quickstart
//   dotnet run -- --bootstrap-servers localhost:9092 --registry http://localhost:8081
//                     -> a real Kafka cluster and a Confluent-compatible schema registry (either option alone works)
//
// The producer registers "string" under orders-key and the record's schema under orders-value (TopicName strategy) with
// the first message, then writes Confluent-framed messages (0x00, the 4-byte big-endian schema id, the Avro body).
using Avro.Codegen;
using Avro.Codegen.Kafka;
using Avro.Codegen.Registry;
using com.acme.orders;
using Confluent.Kafka;

string? bootstrapServers = null;
var registryUrl = "mock://quickstart";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--bootstrap-servers" when i + 1 < args.Length:
            bootstrapServers = args[++i];
            break;
        case "--registry" when i + 1 < args.Length:
            registryUrl = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown option or missing value: '{args[i]}'");
            Console.Error.WriteLine("usage: Avro.Codegen.Sample [--bootstrap-servers HOST:PORT[,...]] [--registry URL]");
            return 2;
    }
}

const string topic = "orders";
using IRegistryClient registry = RegistryClient.Create(registryUrl);

var producerConfig = new ProducerConfig { Acks = Acks.All };
if (bootstrapServers is null)
{
    producerConfig.Set("test.mock.num.brokers", "1");   // librdkafka's mock cluster, hosted by this producer's handle
}
else
{
    producerConfig.BootstrapServers = bootstrapServers;
}

using var producer = new ProducerBuilder<string, OrderPlaced>(producerConfig)
    .SetAvroKeySerializer(registry)     // the customer, an Avro "string" key
    .SetAvroValueSerializer(registry)   // the generated record; the schema id is looked up once, then cached
    .Build();

var pending = new HashSet<Guid>();
foreach (var (customer, amount) in new[] { ("ada", 12.50m), ("grace", 99.99m) })
{
    var order = new OrderPlaced
    {
        OrderId = Guid.NewGuid(),
        Customer = customer,
        Amount = amount,
        PlacedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };
    var delivery = await producer.ProduceAsync(topic, new Message<string, OrderPlaced> { Key = order.Customer, Value = order });
    pending.Add(order.OrderId);
    Console.WriteLine($"produced {order.Customer} {order.Amount} to {delivery.TopicPartitionOffset}");
}

// The consumer joins through the brokers the producer's metadata reports (the mock cluster has no fixed address).
using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
var brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers;
Console.WriteLine($"kafka: {(bootstrapServers is null ? "mock cluster" : "cluster")} at {string.Join(",", brokers.Select(b => $"{b.Host}:{b.Port}"))}");
Console.WriteLine($"registry: {registryUrl}, orders-key schema id {(await registry.GetLatestSchemaAsync("orders-key")).Id}, " +
                  $"orders-value schema id {(await registry.GetLatestSchemaAsync("orders-value")).Id}");

var consumerConfig = new ConsumerConfig
{
    BootstrapServers = string.Join(",", brokers.Select(b => $"{b.Host}:{b.Port}")),
    GroupId = "quickstart-" + Guid.NewGuid().ToString("N"),
    AutoOffsetReset = AutoOffsetReset.Earliest,
    EnableAutoCommit = false,
};
using var consumer = new ConsumerBuilder<string, OrderPlaced>(consumerConfig)
    .SetAvroKeyDeserializer(registry)
    .SetAvroValueDeserializer(registry)
    .Build();
consumer.Subscribe(topic);

// A real topic may hold older messages: read until the two just produced have arrived.
OrderPlaced? first = null;
var deadline = DateTime.UtcNow.AddSeconds(30);
while (pending.Count > 0 && DateTime.UtcNow < deadline)
{
    if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message.Value: { } order } result && pending.Remove(order.OrderId))
    {
        first ??= order;
        Console.WriteLine($"consumed key {result.Message.Key}: {order.Customer} {order.Amount} from {result.TopicPartitionOffset}");
    }
}

consumer.Close();
if (first is null || pending.Count > 0)
{
    Console.Error.WriteLine($"{pending.Count} produced message(s) did not come back within 30 seconds");
    return 1;
}

// Without Kafka or a registry: the plain Avro binary body and the Avro JSON encoding of the same record.
var body = AvroSerializer.Serialize(first);
var same = AvroSerializer.Deserialize<OrderPlaced>(body);
Console.WriteLine($"plain Avro: {body.Length} bytes, read back equal: {same == first}");
Console.WriteLine($"Avro JSON: {AvroSerializer.ToJson(first)}");
return 0;

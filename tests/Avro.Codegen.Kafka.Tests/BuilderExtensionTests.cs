using Avro.Codegen.Registry;
using Confluent.Kafka;
using kafka.tests;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>
/// The builder extensions against the real Confluent.Kafka builders: the lines compile without a cast, and messages go
/// through librdkafka's mock cluster.
/// </summary>
public sealed class BuilderExtensionTests
{
    [Fact]
    public async Task Record_keys_and_values_and_a_tombstone_go_through_the_mock_cluster()
    {
        using var cluster = new MockCluster();
        using IRegistryClient registry = RegistryClient.Create("mock://" + Guid.NewGuid().ToString("N"));
        const string topic = "orders";

        using (var producer = new ProducerBuilder<CustomerKey, OrderPlaced>(cluster.ProducerConfig())
            .SetAvroKeySerializer(registry)
            .SetAvroValueSerializer(registry)
            .Build())
        {
            await producer.ProduceAsync(topic, new Message<CustomerKey, OrderPlaced>
            {
                Key = new CustomerKey { Region = "eu", Id = 7 },
                Value = new OrderPlaced { OrderId = "o-1", Amount = 12.5, Note = "first" },
            });
            // Produce (synchronous serializer path) as well as ProduceAsync.
            producer.Produce(topic, new Message<CustomerKey, OrderPlaced> { Key = new CustomerKey { Region = "eu", Id = 7 }, Value = null! });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using var consumer = new ConsumerBuilder<CustomerKey, OrderPlaced>(cluster.ConsumerConfig("g1"))
            .SetAvroKeyDeserializer(registry)
            .SetAvroValueDeserializer(registry)
            .Build();
        consumer.Subscribe(topic);
        var results = MockCluster.ConsumeAll(consumer, 2);
        consumer.Close();

        Assert.Equal(2, results.Count);
        Assert.Equal(new CustomerKey { Region = "eu", Id = 7 }, results[0].Message.Key);
        Assert.Equal(new OrderPlaced { OrderId = "o-1", Amount = 12.5, Note = "first" }, results[0].Message.Value);
        Assert.Equal(new CustomerKey { Region = "eu", Id = 7 }, results[1].Message.Key);
        Assert.Null(results[1].Message.Value);
        Assert.Equal(["orders-key", "orders-value"], (await registry.GetSubjectsAsync()).Order(StringComparer.Ordinal));
    }
}

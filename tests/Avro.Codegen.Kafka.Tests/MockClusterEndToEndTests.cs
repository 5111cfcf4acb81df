using Avro.Codegen.Registry;
using Avro.Codegen.TestRegistry;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry.Serdes;
using kafka.tests;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>
/// End to end through librdkafka's mock cluster with the real Confluent.Kafka client: generated values with primitive
/// and record keys, headers, tombstones, several topics, a consumer group of two, and a schema evolved mid-stream.
/// </summary>
public sealed class MockClusterEndToEndTests
{
    private static IRegistryClient NewMockRegistry() => RegistryClient.Create("mock://" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Several_topics_with_primitive_and_record_keys_headers_and_tombstones()
    {
        using var cluster = new MockCluster();
        using var registry = NewMockRegistry();
        var order = new OrderPlaced { OrderId = "o-1", Amount = 10, Note = null };

        using (var byString = new ProducerBuilder<string, OrderPlaced>(cluster.ProducerConfig()).SetAvroKeySerializer(registry).SetAvroValueSerializer(registry).Build())
        using (var byLong = new ProducerBuilder<long, OrderPlaced>(cluster.ProducerConfig())
            .SetAvroKeySerializer(registry, location: SchemaIdLocation.Header)
            .SetAvroValueSerializer(registry, location: SchemaIdLocation.Header)
            .Build())
        using (var byRecord = new ProducerBuilder<CustomerKey, OrderPlaced>(cluster.ProducerConfig()).SetAvroKeySerializer(registry).SetAvroValueSerializer(registry).Build())
        {
            await byString.ProduceAsync("by-string", new Message<string, OrderPlaced>
            {
                Key = "k1",
                Value = order,
                Headers = new Headers { { "trace-id", [1, 2, 3] } },
            });
            await byString.ProduceAsync("by-string", new Message<string, OrderPlaced> { Key = "k1", Value = null! });
            await byLong.ProduceAsync("by-long", new Message<long, OrderPlaced> { Key = 99L, Value = order with { OrderId = "o-2" } });
            await byLong.ProduceAsync("by-long", new Message<long, OrderPlaced> { Key = 99L, Value = null! });
            await byRecord.ProduceAsync("by-record", new Message<CustomerKey, OrderPlaced> { Key = new CustomerKey { Region = "eu", Id = 1 }, Value = order with { OrderId = "o-3" } });
        }

        using var strings = new ConsumerBuilder<string, OrderPlaced>(cluster.ConsumerConfig("s")).SetAvroKeyDeserializer(registry).SetAvroValueDeserializer(registry).Build();
        strings.Subscribe("by-string");
        var s = MockCluster.ConsumeAll(strings, 2);
        Assert.Equal(["k1", "k1"], s.Select(r => r.Message.Key));
        Assert.Equal(order, s[0].Message.Value);
        Assert.Equal([1, 2, 3], s[0].Message.Headers.GetLastBytes("trace-id"));
        Assert.Null(s[1].Message.Value);
        strings.Close();

        using var longs = new ConsumerBuilder<long, OrderPlaced>(cluster.ConsumerConfig("l")).SetAvroKeyDeserializer(registry).SetAvroValueDeserializer(registry).Build();
        longs.Subscribe("by-long");
        var l = MockCluster.ConsumeAll(longs, 2);
        Assert.Equal([99L, 99L], l.Select(r => r.Message.Key));
        Assert.Equal("o-2", l[0].Message.Value.OrderId);
        Assert.Equal(2, l[0].Message.Headers.Count(h => h.Key.EndsWith("_schema_id", StringComparison.Ordinal)));
        Assert.Null(l[1].Message.Value);
        longs.Close();

        using var records = new ConsumerBuilder<CustomerKey, OrderPlaced>(cluster.ConsumerConfig("r")).SetAvroKeyDeserializer(registry).SetAvroValueDeserializer(registry).Build();
        records.Subscribe("by-record");
        var r = Assert.Single(MockCluster.ConsumeAll(records, 1));
        Assert.Equal(new CustomerKey { Region = "eu", Id = 1 }, r.Message.Key);
        Assert.Equal("o-3", r.Message.Value.OrderId);
        records.Close();

        Assert.Equal(["by-long-key", "by-long-value", "by-record-key", "by-record-value", "by-string-key", "by-string-value"],
            (await registry.GetSubjectsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_group_of_two_consumers_shares_the_partitions_with_nothing_lost_or_duplicated()
    {
        using var cluster = new MockCluster();
        using var registry = NewMockRegistry();
        const string topic = "shared";
        var partitions = cluster.CreateTopic(topic);
        Assert.True(partitions >= 2, $"{partitions} partition(s): two consumers cannot share them.");
        using var first = new ConsumerBuilder<long, OrderPlaced>(cluster.ConsumerConfig("group")).SetAvroKeyDeserializer(registry).SetAvroValueDeserializer(registry).Build();
        using var second = new ConsumerBuilder<long, OrderPlaced>(cluster.ConsumerConfig("group")).SetAvroKeyDeserializer(registry).SetAvroValueDeserializer(registry).Build();
        first.Subscribe(topic);
        second.Subscribe(topic);
        // Both members join before anything is produced, so no rebalance moves a partition while messages flow.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((first.Assignment.Count == 0 || second.Assignment.Count == 0 || first.Assignment.Count + second.Assignment.Count < partitions) && DateTime.UtcNow < deadline)
        {
            first.Consume(TimeSpan.FromMilliseconds(100));
            second.Consume(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(partitions, first.Assignment.Count + second.Assignment.Count);
        Assert.Empty(first.Assignment.Intersect(second.Assignment));

        const int count = 60;
        using (var producer = new ProducerBuilder<long, OrderPlaced>(cluster.ProducerConfig()).SetAvroKeySerializer(registry).SetAvroValueSerializer(registry).Build())
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(topic, new Message<long, OrderPlaced> { Key = i, Value = new OrderPlaced { OrderId = "g-" + i, Amount = i } });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var byFirst = new List<long>();
        var bySecond = new List<long>();
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (byFirst.Count + bySecond.Count < count && DateTime.UtcNow < deadline)
        {
            if (first.Consume(TimeSpan.FromMilliseconds(50)) is { } a)
            {
                byFirst.Add(a.Message.Key);
                Assert.Equal("g-" + a.Message.Key, a.Message.Value.OrderId);
            }

            if (second.Consume(TimeSpan.FromMilliseconds(50)) is { } b)
            {
                bySecond.Add(b.Message.Key);
                Assert.Equal("g-" + b.Message.Key, b.Message.Value.OrderId);
            }
        }

        first.Close();
        second.Close();
        Assert.NotEmpty(byFirst);
        Assert.NotEmpty(bySecond);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), byFirst.Concat(bySecond).Order());
    }

    [Fact]
    public async Task A_consumer_on_the_evolved_type_reads_messages_written_before_and_after_the_change()
    {
        using var cluster = new MockCluster(brokers: 1);
        await using var server = await TestRegistryServer.StartAsync();
        using var registry = RegistryClient.Create(server.BaseAddress.ToString());
        using var confluentRegistry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = server.BaseAddress.ToString() });
        const string topic = "shipments";

        // Version 1, written by another team with Confluent's generic serializer (Apache.Avro underneath).
        var v1 = (global::Avro.RecordSchema)global::Avro.Schema.Parse(
            """{"type":"record","name":"Shipment","namespace":"kafka.tests","fields":[{"name":"id","type":"long"},{"name":"destination","type":"string"}]}""");
        using (var old = new ProducerBuilder<string, global::Avro.Generic.GenericRecord>(cluster.ProducerConfig())
            .SetValueSerializer(new AvroSerializer<global::Avro.Generic.GenericRecord>(confluentRegistry).AsSyncOverAsync())
            .Build())
        {
            var record = new global::Avro.Generic.GenericRecord(v1);
            record.Add("id", 1L);
            record.Add("destination", "Lyon");
            await old.ProduceAsync(topic, new Message<string, global::Avro.Generic.GenericRecord> { Key = "s1", Value = record });
        }

        // Version 2, the generated type, registered under the same subject (BACKWARD compatible: carrier has a default).
        using (var current = new ProducerBuilder<string, Shipment>(cluster.ProducerConfig()).SetValueSerializer(
            (ISerializer<Shipment>)new AvroKafkaSerializer<Shipment>(registry)).Build())
        {
            await current.ProduceAsync(topic, new Message<string, Shipment> { Key = "s2", Value = new Shipment { Id = 2, Destination = "Oslo", Carrier = "DHL" } });
        }

        using var consumer = new ConsumerBuilder<string, Shipment>(cluster.ConsumerConfig("evolved")).SetAvroValueDeserializer(registry).Build();
        consumer.Subscribe(topic);
        // The two keys may land in different partitions: compare without order.
        var results = MockCluster.ConsumeAll(consumer, 2).Select(r => r.Message.Value).OrderBy(v => v.Id).ToList();
        consumer.Close();

        Assert.Equal(2, results.Count);
        Assert.Equal(new Shipment { Id = 1, Destination = "Lyon", Carrier = "unknown" }, results[0]);
        Assert.Equal(new Shipment { Id = 2, Destination = "Oslo", Carrier = "DHL" }, results[1]);
        Assert.Equal([1, 2], server.Registry.GetVersions(topic + "-value"));
    }
}

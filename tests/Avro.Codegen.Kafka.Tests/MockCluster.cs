using Confluent.Kafka;

namespace Avro.Codegen.Kafka.Tests;

/// <summary>
/// librdkafka's built-in mock cluster (<c>test.mock.num.brokers</c>), owned by a bare producer: the cluster lives as
/// long as that producer's handle. Other clients join through the brokers its metadata reports.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private readonly IProducer<byte[], byte[]> _owner;

    public MockCluster(int brokers = 3)
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _owner = new ProducerBuilder<byte[], byte[]>(config).Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        Assert.Equal(brokers, metadata.Brokers.Count);
        BootstrapServers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    /// <summary>The mock brokers, as <c>host:port,...</c>.</summary>
    public string BootstrapServers { get; }

    public ProducerConfig ProducerConfig() => new() { BootstrapServers = BootstrapServers, Acks = Acks.All, LingerMs = 0 };

    public ConsumerConfig ConsumerConfig(string group)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        };
        // New topics show up in the subscription quickly.
        config.Set("topic.metadata.refresh.interval.ms", "500");
        return config;
    }

    /// <summary>
    /// Creates a topic with the mock cluster's default partition count and returns that count. (The mock cluster has
    /// no controller for CreateTopics; it creates a topic when a producer asks for its metadata.)
    /// </summary>
    public int CreateTopic(string topic)
    {
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.SingleOrDefault(t => t.Topic == topic);
            if (found is { Error.IsError: false, Partitions.Count: > 0 })
            {
                return found.Partitions.Count;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The mock cluster did not create topic {topic}.");
            Thread.Sleep(100);
        }
    }

    /// <summary>Consumes until <paramref name="count"/> messages arrived or the time is up.</summary>
    public static List<ConsumeResult<TKey, TValue>> ConsumeAll<TKey, TValue>(IConsumer<TKey, TValue> consumer, int count, TimeSpan? within = null)
    {
        var results = new List<ConsumeResult<TKey, TValue>>();
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (results.Count < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false })
            {
                results.Add(result);
            }
        }

        return results;
    }

    public void Dispose() => _owner.Dispose();
}

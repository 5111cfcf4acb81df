using Avro.Codegen.Generator.Tests.Helpers;
using Avro.Codegen.Registry;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// The Confluent.Kafka adapters: emitted only when the compilation has Confluent.Kafka's serde interfaces. Confluent.Kafka
/// cannot be restored here, so the tests compile against a stub declaring its public types with their real namespaces
/// and signatures.
/// </summary>
public sealed class KafkaAdapterTests
{
    // Confluent.Kafka's public surface that the adapters use (Confluent.Kafka 2.x; the library has no nullable annotations).
    private const string ConfluentKafkaStub = """
        #nullable disable
        namespace Confluent.Kafka
        {
            public enum MessageComponentType { Key = 1, Value = 2 }

            public interface IHeader
            {
                string Key { get; }
                byte[] GetValueBytes();
            }

            public class Header : IHeader
            {
                private readonly byte[] _value;
                public Header(string key, byte[] value) { Key = key; _value = value; }
                public string Key { get; }
                public byte[] GetValueBytes() => _value;
            }

            public class Headers : System.Collections.Generic.IEnumerable<IHeader>
            {
                private readonly System.Collections.Generic.List<IHeader> _headers = new System.Collections.Generic.List<IHeader>();
                public void Add(string key, byte[] val) => _headers.Add(new Header(key, val));
                public bool TryGetLastBytes(string key, out byte[] lastHeader)
                {
                    for (var i = _headers.Count - 1; i >= 0; i--)
                    {
                        if (_headers[i].Key == key) { lastHeader = _headers[i].GetValueBytes(); return true; }
                    }

                    lastHeader = default;
                    return false;
                }

                public System.Collections.Generic.IEnumerator<IHeader> GetEnumerator() => _headers.GetEnumerator();
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }

            public struct SerializationContext
            {
                public SerializationContext(MessageComponentType component, string topic, Headers headers = null)
                {
                    Component = component;
                    Topic = topic;
                    Headers = headers;
                }

                public static SerializationContext Empty => default(SerializationContext);
                public MessageComponentType Component { get; private set; }
                public string Topic { get; private set; }
                public Headers Headers { get; private set; }
            }

            public interface ISerializer<T> { byte[] Serialize(T data, SerializationContext context); }
            public interface IAsyncSerializer<T> { System.Threading.Tasks.Task<byte[]> SerializeAsync(T data, SerializationContext context); }
            public interface IDeserializer<T> { T Deserialize(System.ReadOnlySpan<byte> data, bool isNull, SerializationContext context); }
            public interface IAsyncDeserializer<T> { System.Threading.Tasks.Task<T> DeserializeAsync(System.ReadOnlyMemory<byte> data, bool isNull, SerializationContext context); }
        }
        """;

    // What a user's producer and consumer code does with the adapters.
    private const string UserCode = """
        using Avro.Codegen.Kafka;
        using Confluent.Kafka;

        public static class KafkaProbe
        {
            public static string Run(Avro.Codegen.Registry.IRegistryClient registry)
            {
                var serializer = new AvroKafkaSerializer<kafka.tests.Order>(registry);
                var deserializer = new AvroKafkaDeserializer<kafka.tests.Order>(registry);
                ISerializer<kafka.tests.Order> asInterface = serializer;
                IAsyncDeserializer<kafka.tests.Order> asyncInterface = deserializer;
                var order = new kafka.tests.Order { Id = 7, Name = "seven" };
                var valueContext = new SerializationContext(MessageComponentType.Value, "orders");

                var value = asInterface.Serialize(order, valueContext);
                var key = serializer.SerializeAsync(order, new SerializationContext(MessageComponentType.Key, "orders")).GetAwaiter().GetResult();
                var back = deserializer.Deserialize(value, false, valueContext);
                var backAsync = asyncInterface.DeserializeAsync(value, false, valueContext).GetAwaiter().GetResult();

                var headers = new Headers();
                headers.Add("__value_schema_id", value[..5]);
                var fromHeader = deserializer.Deserialize(new System.ReadOnlySpan<byte>(value, 5, value.Length - 5), false, new SerializationContext(MessageComponentType.Value, "orders", headers));
                var tombstone = deserializer.Deserialize(default, true, valueContext);
                var nullMessage = serializer.Serialize(null!, valueContext);

                return $"{value[0]}|{back.Id}|{back.Name}|{backAsync.Name}|{fromHeader.Name}|{key.Length == value.Length}|{tombstone is null}|{nullMessage is null}";
            }
        }
        """;

    private const string OrderSchema = """{"type":"record","name":"Order","namespace":"kafka.tests","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}""";

    [Fact]
    public void Adapters_are_not_emitted_without_Confluent_Kafka()
    {
        var run = GeneratorHarness.RunGenerator(new[] { ("order.avsc", OrderSchema) });

        Assert.DoesNotContain("AvroKafkaAdapters.g.cs", run.Sources.Keys);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }

    [Fact]
    public void Adapters_compile_against_Confluent_Kafka_and_round_trip_keys_values_headers_and_tombstones()
    {
        var run = GeneratorHarness.RunGenerator(new[] { ("order.avsc", OrderSchema) }, null, Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest,
            ConfluentKafkaStub, UserCode);

        Assert.Contains("AvroKafkaAdapters.g.cs", run.Sources.Keys);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));

        var scope = "kafka-adapters-" + Guid.NewGuid().ToString("N");
        using var registry = RegistryClient.Create("mock://" + scope);
        var (assembly, context) = GeneratorHarness.Load(run.Output);
        try
        {
            var result = (string)assembly.GetType("KafkaProbe", throwOnError: true)!.GetMethod("Run")!.Invoke(null, [registry])!;

            Assert.Equal("0|7|seven|seven|seven|True|True|True", result);
            Assert.Equal(["orders-key", "orders-value"], MockSchemaRegistry.GetScope(scope).GetSubjects());
        }
        finally
        {
            context.Unload();
            MockSchemaRegistry.DropScope(scope);
        }
    }
}

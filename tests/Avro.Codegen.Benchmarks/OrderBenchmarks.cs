using System.Buffers;
using System.Text.Json;
using Avro.Codegen.Benchmarks.Model;
using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using Avro.Codegen.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Google.Protobuf;
using Gen = Bench.Avro;
using Pb = Avro.Codegen.Benchmarks.Protobuf;

namespace Avro.Codegen.Benchmarks;

/// <summary>The Order workload (1,407 bytes of Avro): serialize into a reused buffer, and deserialize.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OrderBenchmarks
{
    private const string Topic = "orders";

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _jsonWriter = null!;
    private Order _poco = null!;
    private Gen.Order _generated = null!;
    private ConfluentAvroSerializer<Gen.Order> _confluentSerializer = null!;
    private ConfluentAvroDeserializer<Gen.Order> _confluentDeserializer = null!;
    private byte[] _framed = null!;
    private ResolutionPlan _plan = null!;
    private byte[] _oldBody = null!;
    private byte[] _oldFramed = null!;
    private Pb.Order _protobuf = null!;
    private byte[] _avro = null!;
    private byte[] _protobufBytes = null!;
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        _poco = Workloads.LoadOrder();
        _protobuf = ProtobufMapping.ToProtobuf(_poco);
        byte[] reference = Workloads.ReferenceBinary("Order");
        _generated = AvroSerializer.Deserialize<Gen.Order>(reference.AsSpan());
        _jsonWriter = new Utf8JsonWriter(_buffer);

        _avro = Capture(HandWritten_Serialize);
        _protobufBytes = Capture(Protobuf_Serialize);
        _json = Capture(SystemTextJson_Serialize);
        WorkloadCheck.Size("Order", "hand-written Avro", _avro, Workloads.OrderAvroSize);
        WorkloadCheck.SameBytes("Order", "hand-written Avro", _avro, reference);
        WorkloadCheck.SameBytes("Order", "hand-written Avro after its own read",
            Capture(() => WriteHandWritten(HandWrittenAvro.ReadOrder(reference))), reference);
        WorkloadCheck.SameBytes("Order", "generated code", Capture(Generated_Serialize), reference);
        WorkloadCheck.SameBytes("Order", "generated code from the Avro JSON file",
            AvroSerializer.Serialize(AvroSerializer.FromJson<Gen.Order>(File.ReadAllText(Workloads.PathOf("Order.json")))), reference);

        // The in-memory registry of mock:// URLs; the first call registers the schema and caches its id, as a
        // producer's first message does. The benchmarks measure every message after that one.
        var registry = RegistryClient.Create("mock://benchmarks-order");
        _confluentSerializer = new ConfluentAvroSerializer<Gen.Order>(registry);
        _confluentDeserializer = new ConfluentAvroDeserializer<Gen.Order>(registry);
        _framed = Capture(Confluent_Serialize);
        WorkloadCheck.Framed("Order", _framed, reference);
        WorkloadCheck.SameBytes("Order", "Confluent deserialize, then serialize",
            AvroSerializer.Serialize(_confluentDeserializer.Deserialize(_framed)!), reference);

        // Schema evolution: bytes written by a producer still on the previous schema version, which lacks the field
        // "notes" (the reader's default, null, fills it in). Those bytes are the reference value re-encoded
        // without the field; read back, the value must be the workload with Notes = null, byte for byte.
        string oldSchemaText = File.ReadAllText(Workloads.PathOf("WriterSchemas/Order.v0.avsc"));
        var oldSchema = SchemaParser.Parse(oldSchemaText).Schema!;
        _oldBody = Avro.Codegen.Resolution.SchemaResolution.GetPlan(ResolvingReader.ReaderSchema<Gen.Order>(), oldSchema).Transcode(reference);
        _plan = ResolvingReader.GetPlan<Gen.Order>(oldSchema);
        int oldId = registry.RegisterSchemaAsync("orders-previous-value", new RegistrySchema(oldSchemaText)).GetAwaiter().GetResult();
        _oldFramed = [0, (byte)(oldId >> 24), (byte)(oldId >> 16), (byte)(oldId >> 8), (byte)oldId, .. _oldBody];
        var evolved = Workloads.LoadOrder();
        evolved.Notes = null;
        byte[] expected = Capture(() => WriteHandWritten(evolved));
        WorkloadCheck.SameBytes("Order", "resolved read of the previous version", AvroSerializer.Serialize(Resolution_Deserialize()), expected);
        WorkloadCheck.SameBytes("Order", "Confluent read of the previous version", AvroSerializer.Serialize(ConfluentResolution_Deserialize()!), expected);
        WorkloadCheck.Size("Order", "Protobuf", _protobufBytes, 1563);
        WorkloadCheck.Size("Order", "System.Text.Json", _json, 3289);
    }

    private byte[] Capture(Func<int> serialize)
    {
        serialize();
        return _buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Serialize")]
    public int HandWritten_Serialize() => WriteHandWritten(_poco);

    private int WriteHandWritten(Order value)
    {
        _buffer.ResetWrittenCount();
        int written = HandWrittenAvro.Write(value, _buffer.GetSpan(4096));
        _buffer.Advance(written);
        return written;
    }

    [Benchmark, BenchmarkCategory("Serialize")]
    public int Generated_Serialize()
    {
        _buffer.ResetWrittenCount();
        AvroSerializer.Serialize(_generated, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Through the registry serializer, the schema id cached: 0x00, the 4-byte id, the body.</summary>
    [Benchmark, BenchmarkCategory("Serialize")]
    public int Confluent_Serialize()
    {
        _buffer.ResetWrittenCount();
        _confluentSerializer.Serialize(_generated, Topic, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark, BenchmarkCategory("Serialize")]
    public int Protobuf_Serialize()
    {
        _buffer.ResetWrittenCount();
        _protobuf.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark, BenchmarkCategory("Serialize")]
    public int SystemTextJson_Serialize()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        JsonSerializer.Serialize(_jsonWriter, _poco, BenchJsonContext.Default.Order);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Deserialize")]
    public Order HandWritten_Deserialize() => HandWrittenAvro.ReadOrder(_avro);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.Order Generated_Deserialize() => AvroSerializer.Deserialize<Gen.Order>(_avro.AsSpan());

    /// <summary>Through the registry deserializer, the writer schema known from an earlier message.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.Order? Confluent_Deserialize() => _confluentDeserializer.Deserialize(_framed);

    /// <summary>Schema resolution: bytes of the previous schema version through the cached resolution plan.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.Order Resolution_Deserialize() => _plan.Read<Gen.Order>(_oldBody);

    /// <summary>The same through the registry deserializer: a framed message whose id names the previous version.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.Order? ConfluentResolution_Deserialize() => _confluentDeserializer.Deserialize(_oldFramed);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public Pb.Order Protobuf_Deserialize() => Pb.Order.Parser.ParseFrom(_protobufBytes);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public Order? SystemTextJson_Deserialize() => JsonSerializer.Deserialize(_json, BenchJsonContext.Default.Order);
}

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

/// <summary>The User workload (112 bytes of Avro): serialize into a reused buffer, and deserialize.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UserBenchmarks
{
    private const string Topic = "users";

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _jsonWriter = null!;
    private User _poco = null!;
    private Gen.User _generated = null!;
    private ConfluentAvroSerializer<Gen.User> _confluentSerializer = null!;
    private ConfluentAvroDeserializer<Gen.User> _confluentDeserializer = null!;
    private byte[] _framed = null!;
    private ResolutionPlan _plan = null!;
    private byte[] _oldBody = null!;
    private byte[] _oldFramed = null!;
    private Pb.User _protobuf = null!;
    private byte[] _avro = null!;
    private byte[] _protobufBytes = null!;
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        _poco = Workloads.LoadUser();
        _protobuf = ProtobufMapping.ToProtobuf(_poco);
        byte[] reference = Workloads.ReferenceBinary("User");
        _generated = AvroSerializer.Deserialize<Gen.User>(reference.AsSpan());
        _jsonWriter = new Utf8JsonWriter(_buffer);

        _avro = Capture(HandWritten_Serialize);
        _protobufBytes = Capture(Protobuf_Serialize);
        _json = Capture(SystemTextJson_Serialize);
        WorkloadCheck.Size("User", "hand-written Avro", _avro, Workloads.UserAvroSize);
        WorkloadCheck.SameBytes("User", "hand-written Avro", _avro, reference);
        WorkloadCheck.SameBytes("User", "hand-written Avro after its own read",
            Capture(() => WriteHandWritten(HandWrittenAvro.ReadUser(reference))), reference);
        WorkloadCheck.SameBytes("User", "generated code", Capture(Generated_Serialize), reference);
        WorkloadCheck.SameBytes("User", "generated code from the Avro JSON file",
            AvroSerializer.Serialize(AvroSerializer.FromJson<Gen.User>(File.ReadAllText(Workloads.PathOf("User.json")))), reference);

        // The in-memory registry of mock:// URLs; the first call registers the schema and caches its id, as a
        // producer's first message does. The benchmarks measure every message after that one.
        var registry = RegistryClient.Create("mock://benchmarks-user");
        _confluentSerializer = new ConfluentAvroSerializer<Gen.User>(registry);
        _confluentDeserializer = new ConfluentAvroDeserializer<Gen.User>(registry);
        _framed = Capture(Confluent_Serialize);
        WorkloadCheck.Framed("User", _framed, reference);
        WorkloadCheck.SameBytes("User", "Confluent deserialize, then serialize",
            AvroSerializer.Serialize(_confluentDeserializer.Deserialize(_framed)!), reference);

        // Schema evolution: bytes written by a producer still on the previous schema version, which lacks the field
        // "email" (the reader's default, null, fills it in). Those bytes are the reference value re-encoded
        // without the field; read back, the value must be the workload with Email = null, byte for byte.
        string oldSchemaText = File.ReadAllText(Workloads.PathOf("WriterSchemas/User.v0.avsc"));
        var oldSchema = SchemaParser.Parse(oldSchemaText).Schema!;
        _oldBody = Avro.Codegen.Resolution.SchemaResolution.GetPlan(ResolvingReader.ReaderSchema<Gen.User>(), oldSchema).Transcode(reference);
        _plan = ResolvingReader.GetPlan<Gen.User>(oldSchema);
        int oldId = registry.RegisterSchemaAsync("users-previous-value", new RegistrySchema(oldSchemaText)).GetAwaiter().GetResult();
        _oldFramed = [0, (byte)(oldId >> 24), (byte)(oldId >> 16), (byte)(oldId >> 8), (byte)oldId, .. _oldBody];
        var evolved = Workloads.LoadUser();
        evolved.Email = null;
        byte[] expected = Capture(() => WriteHandWritten(evolved));
        WorkloadCheck.SameBytes("User", "resolved read of the previous version", AvroSerializer.Serialize(Resolution_Deserialize()), expected);
        WorkloadCheck.SameBytes("User", "Confluent read of the previous version", AvroSerializer.Serialize(ConfluentResolution_Deserialize()!), expected);
        WorkloadCheck.Size("User", "Protobuf", _protobufBytes, 122);
        WorkloadCheck.Size("User", "System.Text.Json", _json, 231);
    }

    private byte[] Capture(Func<int> serialize)
    {
        serialize();
        return _buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Serialize")]
    public int HandWritten_Serialize() => WriteHandWritten(_poco);

    private int WriteHandWritten(User value)
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
        JsonSerializer.Serialize(_jsonWriter, _poco, BenchJsonContext.Default.User);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Deserialize")]
    public User HandWritten_Deserialize() => HandWrittenAvro.ReadUser(_avro);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.User Generated_Deserialize() => AvroSerializer.Deserialize<Gen.User>(_avro.AsSpan());

    /// <summary>Through the registry deserializer, the writer schema known from an earlier message.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.User? Confluent_Deserialize() => _confluentDeserializer.Deserialize(_framed);

    /// <summary>Schema resolution: bytes of the previous schema version through the cached resolution plan.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.User Resolution_Deserialize() => _plan.Read<Gen.User>(_oldBody);

    /// <summary>The same through the registry deserializer: a framed message whose id names the previous version.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public Gen.User? ConfluentResolution_Deserialize() => _confluentDeserializer.Deserialize(_oldFramed);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public Pb.User Protobuf_Deserialize() => Pb.User.Parser.ParseFrom(_protobufBytes);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public User? SystemTextJson_Deserialize() => JsonSerializer.Deserialize(_json, BenchJsonContext.Default.User);
}

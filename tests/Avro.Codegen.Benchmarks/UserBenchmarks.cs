using System.Buffers;
using System.Text.Json;
using Avro.Codegen.Benchmarks.Model;
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
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _jsonWriter = null!;
    private User _poco = null!;
    private Gen.User _generated = null!;
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

    [Benchmark, BenchmarkCategory("Deserialize")]
    public Pb.User Protobuf_Deserialize() => Pb.User.Parser.ParseFrom(_protobufBytes);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public User? SystemTextJson_Deserialize() => JsonSerializer.Deserialize(_json, BenchJsonContext.Default.User);
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Avro.Codegen.Benchmarks.Model;
using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Google.Protobuf;
using ApacheGeneric = global::Avro.Generic;
using ApacheIO = global::Avro.IO;
using ApacheSpecific = global::Avro.Specific;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// One workload (a datum, its schema in every implementation's form) serialized into a reused buffer and deserialized
/// by each implementation in turn. <see cref="UserBenchmarks"/> and <see cref="OrderBenchmarks"/> only say what the
/// workload is; every benchmark and every check before measuring lives here, once.
/// </summary>
/// <typeparam name="TPoco">The plain classes of the hand-written codec and System.Text.Json.</typeparam>
/// <typeparam name="TGenerated">The record the generator makes from <c>Workloads/*.avsc</c>.</typeparam>
/// <typeparam name="TProtobuf">The Protobuf message of <c>Protobuf/bench.proto</c>.</typeparam>
/// <typeparam name="TApache">The Apache.Avro specific record, written as avrogen emits it.</typeparam>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class WorkloadBenchmarks<TPoco, TGenerated, TProtobuf, TApache> : IDisposable
    where TPoco : class
    where TGenerated : class, IAvroRecord<TGenerated>
    where TProtobuf : class, IMessage<TProtobuf>
    where TApache : class, ApacheSpecific.ISpecificRecord
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly MemoryStream _stream = new(64 * 1024);
    private Utf8JsonWriter _jsonWriter = null!;
    private TPoco _poco = null!;
    private TGenerated _generated = null!;
    private ConfluentAvroSerializer<TGenerated> _confluentSerializer = null!;
    private ConfluentAvroDeserializer<TGenerated> _confluentDeserializer = null!;
    private byte[] _framed = null!;
    private ResolutionPlan _plan = null!;
    private byte[] _oldBody = null!;
    private byte[] _oldFramed = null!;
    private TProtobuf _protobuf = null!;
    private byte[] _avro = null!;
    private byte[] _protobufBytes = null!;
    private byte[] _json = null!;
    private global::Avro.Schema _apacheSchema = null!;
    private TApache _apache = null!;
    private ApacheSpecific.SpecificDatumWriter<TApache> _apacheWriter = null!;
    private ApacheSpecific.SpecificDatumReader<TApache> _apacheReader = null!;
    private ApacheIO.BinaryEncoder _apacheEncoder = null!;
    private ApacheGeneric.GenericRecord _apacheGeneric = null!;
    private ApacheGeneric.GenericDatumWriter<ApacheGeneric.GenericRecord> _apacheGenericWriter = null!;
    private ApacheGeneric.GenericDatumReader<ApacheGeneric.GenericRecord> _apacheGenericReader = null!;
    private TestRegistryServer? _emulator;
    private CachedSchemaRegistryClient? _confluentRegistry;
    private AvroSerializer<TApache> _confluentSerdesSerializer = null!;
    private AvroDeserializer<TApache> _confluentSerdesDeserializer = null!;
    private SerializationContext _valueContext;
    private byte[] _confluentSerdesFramed = null!;

    /// <summary>The workload's name: <c>Workloads/{Name}.json</c>, <c>.bin</c>, <c>history/{Name}.v0.avsc</c>.</summary>
    protected abstract string Name { get; }

    /// <summary>The Kafka topic the framed paths write to (subject <c>{Topic}-value</c>).</summary>
    protected abstract string Topic { get; }

    /// <summary>The Avro binary size PERFORMANCE.md gives (checked against Java Avro and avsc).</summary>
    protected abstract int AvroSize { get; }

    protected abstract int ProtobufSize { get; }

    protected abstract int JsonSize { get; }

    protected abstract JsonTypeInfo<TPoco> JsonType { get; }

    protected abstract MessageParser<TProtobuf> ProtobufParser { get; }

    protected abstract TPoco Load();

    protected abstract TProtobuf ToProtobuf(TPoco value);

    protected abstract int WriteHandWritten(TPoco value, Span<byte> destination);

    protected abstract TPoco ReadHandWritten(ReadOnlySpan<byte> source);

    /// <summary>Sets the field that <c>history/{Name}.v0.avsc</c> lacks to its default, null.</summary>
    protected abstract void ClearFieldAddedLater(TPoco value);

    [GlobalSetup]
    public void Setup()
    {
        _poco = Load();
        _protobuf = ToProtobuf(_poco);
        byte[] reference = Workloads.ReferenceBinary(Name);
        _generated = AvroSerializer.Deserialize<TGenerated>(reference.AsSpan());
        _jsonWriter = new Utf8JsonWriter(_buffer);

        _avro = Capture(HandWritten_Serialize);
        _protobufBytes = Capture(Protobuf_Serialize);
        _json = Capture(SystemTextJson_Serialize);
        WorkloadCheck.Size(Name, "hand-written Avro", _avro, AvroSize);
        WorkloadCheck.SameBytes(Name, "hand-written Avro", _avro, reference);
        WorkloadCheck.SameBytes(Name, "hand-written Avro after its own read",
            Capture(() => WriteHandWrittenToBuffer(ReadHandWritten(reference))), reference);
        WorkloadCheck.SameBytes(Name, "generated code", Capture(Generated_Serialize), reference);
        WorkloadCheck.SameBytes(Name, "generated code from the Avro JSON file",
            AvroSerializer.Serialize(AvroSerializer.FromJson<TGenerated>(System.IO.File.ReadAllText(Workloads.PathOf(Name + ".json")))), reference);

        // The in-memory registry of mock:// URLs; the first call registers the schema and caches its id, as a
        // producer's first message does. The benchmarks measure every message after that one.
        var registry = RegistryClient.Create("mock://benchmarks-" + Name);
        _confluentSerializer = new ConfluentAvroSerializer<TGenerated>(registry);
        _confluentDeserializer = new ConfluentAvroDeserializer<TGenerated>(registry);
        _framed = Capture(Confluent_Serialize);
        WorkloadCheck.Framed(Name, "Confluent framing", _framed, reference);
        WorkloadCheck.SameBytes(Name, "Confluent deserialize, then serialize",
            AvroSerializer.Serialize(_confluentDeserializer.Deserialize(_framed)!), reference);

        // Schema evolution: bytes written by a producer still on the previous schema version, which lacks one field
        // (the reader's default, null, fills it in). Those bytes are the reference value re-encoded without the
        // field; read back, the value must be the workload with that field null, byte for byte.
        string oldSchemaText = System.IO.File.ReadAllText(Workloads.PathOf($"history/{Name}.v0.avsc"));
        var oldSchema = SchemaParser.Parse(oldSchemaText).Schema!;
        _oldBody = SchemaResolution.GetPlan(ResolvingReader.ReaderSchema<TGenerated>(), oldSchema).Transcode(reference);
        _plan = ResolvingReader.GetPlan<TGenerated>(oldSchema);
        if (!_plan.HasGeneratedReader<TGenerated>())
        {
            // history/{Name}.v0.avsc is an AdditionalFile in a history folder: the generator must have specialised a reader.
            throw new InvalidOperationException($"{Name}: the previous version is read by the runtime plan, not by a generated reader.");
        }

        int oldId = registry.RegisterSchemaAsync(Topic + "-previous-value", new RegistrySchema(oldSchemaText)).GetAwaiter().GetResult();
        _oldFramed = [0, (byte)(oldId >> 24), (byte)(oldId >> 16), (byte)(oldId >> 8), (byte)oldId, .. _oldBody];
        var evolved = Load();
        ClearFieldAddedLater(evolved);
        byte[] expected = Capture(() => WriteHandWrittenToBuffer(evolved));
        WorkloadCheck.SameBytes(Name, "resolved read of the previous version", AvroSerializer.Serialize(Resolution_Deserialize()), expected);
        WorkloadCheck.SameBytes(Name, "Confluent read of the previous version", AvroSerializer.Serialize(ConfluentResolution_Deserialize()!), expected);
        WorkloadCheck.Size(Name, "Protobuf", _protobufBytes, ProtobufSize);
        WorkloadCheck.Size(Name, "System.Text.Json", _json, JsonSize);

        SetupApache(reference);
        SetupConfluentSerdes(reference);
    }

    /// <summary>
    /// Apache.Avro 1.12.2: the specific record read from the reference bytes by Apache's own reader, and the same
    /// datum as a <see cref="ApacheGeneric.GenericRecord"/>. Both must write the reference bytes back.
    /// </summary>
    private void SetupApache(byte[] reference)
    {
        _apacheSchema = (global::Avro.Schema)typeof(TApache).GetField("_SCHEMA")!.GetValue(null)!;
        _apacheWriter = new ApacheSpecific.SpecificDatumWriter<TApache>(_apacheSchema);
        _apacheReader = new ApacheSpecific.SpecificDatumReader<TApache>(_apacheSchema, _apacheSchema);
        _apacheEncoder = new ApacheIO.BinaryEncoder(_stream);
        _apacheGenericWriter = new ApacheGeneric.GenericDatumWriter<ApacheGeneric.GenericRecord>(_apacheSchema);
        _apacheGenericReader = new ApacheGeneric.GenericDatumReader<ApacheGeneric.GenericRecord>(_apacheSchema, _apacheSchema);

        _apache = ReadApacheSpecific(reference);
        _apacheGeneric = ReadApacheGeneric(reference);
        ApacheSpecific_Serialize();
        WorkloadCheck.SameBytes(Name, "Apache.Avro specific record", _stream.ToArray(), reference);
        ApacheGeneric_Serialize();
        WorkloadCheck.SameBytes(Name, "Apache.Avro generic record", _stream.ToArray(), reference);
    }

    /// <summary>
    /// Confluent's AvroSerializer/AvroDeserializer over the avrogen-style record, with Confluent's own
    /// CachedSchemaRegistryClient against the registry emulator on loopback. The first message registers the schema;
    /// after it both directions are served from the clients' caches, which the emulator's request count confirms.
    /// </summary>
    private void SetupConfluentSerdes(byte[] reference)
    {
        _emulator = TestRegistryServer.StartAsync().GetAwaiter().GetResult();
        _confluentRegistry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _emulator.BaseAddress.ToString() });
        _confluentSerdesSerializer = new AvroSerializer<TApache>(_confluentRegistry);
        _confluentSerdesDeserializer = new AvroDeserializer<TApache>(_confluentRegistry);
        _valueContext = new SerializationContext(MessageComponentType.Value, Topic);

        _confluentSerdesFramed = ConfluentSerdes_Serialize();
        WorkloadCheck.Framed(Name, "Confluent's AvroSerializer", _confluentSerdesFramed, reference);
        ConfluentSerdes_Deserialize();
        long requests = _emulator.Stats.RequestCount;
        _stream.SetLength(0);
        _apacheWriter.Write(ConfluentSerdes_Deserialize(), _apacheEncoder);
        WorkloadCheck.SameBytes(Name, "Confluent's AvroDeserializer, then Apache's writer", _stream.ToArray(), reference);
        ConfluentSerdes_Serialize();
        if (_emulator.Stats.RequestCount != requests)
        {
            throw new InvalidOperationException(
                $"{Name}: Confluent's serdes still call the registry after the first message ({_emulator.Stats.RequestCount - requests} requests).");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _confluentRegistry?.Dispose();
        _confluentRegistry = null;
        _emulator?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _emulator = null;
        GC.SuppressFinalize(this);
    }

    private TApache ReadApacheSpecific(byte[] bytes) =>
        _apacheReader.Read(default!, new ApacheIO.BinaryDecoder(new MemoryStream(bytes, writable: false)));

    private ApacheGeneric.GenericRecord ReadApacheGeneric(byte[] bytes) =>
        _apacheGenericReader.Read(default!, new ApacheIO.BinaryDecoder(new MemoryStream(bytes, writable: false)));

    private byte[] Capture(Func<int> serialize)
    {
        serialize();
        return _buffer.WrittenSpan.ToArray();
    }

    private int WriteHandWrittenToBuffer(TPoco value)
    {
        _buffer.ResetWrittenCount();
        int written = WriteHandWritten(value, _buffer.GetSpan(4096));
        _buffer.Advance(written);
        return written;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Serialize")]
    public int HandWritten_Serialize() => WriteHandWrittenToBuffer(_poco);

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

    /// <summary>Apache.Avro's SpecificDatumWriter into a reused MemoryStream (Apache writes to streams only).</summary>
    [Benchmark, BenchmarkCategory("Serialize")]
    public int ApacheSpecific_Serialize()
    {
        _stream.SetLength(0);
        _apacheWriter.Write(_apache, _apacheEncoder);
        return (int)_stream.Length;
    }

    [Benchmark, BenchmarkCategory("Serialize")]
    public int ApacheGeneric_Serialize()
    {
        _stream.SetLength(0);
        _apacheGenericWriter.Write(_apacheGeneric, _apacheEncoder);
        return (int)_stream.Length;
    }

    /// <summary>
    /// Confluent's AvroSerializer (Apache.Avro inside), the id cached. It returns a new array per message and
    /// never completes synchronously, so this waits for each message as a producer's delivery path does.
    /// </summary>
    [Benchmark, BenchmarkCategory("Serialize")]
    public byte[] ConfluentSerdes_Serialize() =>
        _confluentSerdesSerializer.SerializeAsync(_apache, _valueContext).GetAwaiter().GetResult();

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
        JsonSerializer.Serialize(_jsonWriter, _poco, JsonType);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Deserialize")]
    public TPoco HandWritten_Deserialize() => ReadHandWritten(_avro);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public TGenerated Generated_Deserialize() => AvroSerializer.Deserialize<TGenerated>(_avro.AsSpan());

    /// <summary>Through the registry deserializer, the writer schema known from an earlier message.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public TGenerated? Confluent_Deserialize() => _confluentDeserializer.Deserialize(_framed);

    /// <summary>Schema resolution: bytes of the previous schema version through the cached resolution plan.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public TGenerated Resolution_Deserialize() => _plan.Read<TGenerated>(_oldBody);

    /// <summary>The same through the registry deserializer: a framed message whose id names the previous version.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public TGenerated? ConfluentResolution_Deserialize() => _confluentDeserializer.Deserialize(_oldFramed);

    /// <summary>Apache.Avro's SpecificDatumReader, a new decoder over the message's bytes as a consumer would make.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public TApache ApacheSpecific_Deserialize() => ReadApacheSpecific(_avro);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public ApacheGeneric.GenericRecord ApacheGeneric_Deserialize() => ReadApacheGeneric(_avro);

    /// <summary>Confluent's AvroDeserializer (Apache.Avro inside), the writer schema cached by its registry client.</summary>
    [Benchmark, BenchmarkCategory("Deserialize")]
    public TApache ConfluentSerdes_Deserialize() =>
        _confluentSerdesDeserializer.DeserializeAsync(_confluentSerdesFramed, isNull: false, _valueContext).GetAwaiter().GetResult();

    [Benchmark, BenchmarkCategory("Deserialize")]
    public TProtobuf Protobuf_Deserialize() => ProtobufParser.ParseFrom(_protobufBytes);

    [Benchmark, BenchmarkCategory("Deserialize")]
    public TPoco? SystemTextJson_Deserialize() => JsonSerializer.Deserialize(_json, JsonType);
}

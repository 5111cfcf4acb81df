using System.Buffers;
using System.Text.Json;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using static Avro.Codegen.Tests.Resolution.ResolutionAssert;

namespace Avro.Codegen.Tests.Resolution;

/// <summary>A hand-written stand-in for a generated record (the runtime tests do not run the generator).</summary>
public sealed record Person(long Id, string Name, string Email) : IAvroRecord<Person>
{
    public const string Json = """{"type":"record","name":"Person","namespace":"test","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":"string","default":"none"}]}""";

    private static readonly AvroSchema Parsed = SchemaParser.Parse(Json).Schema!;

    public static string SchemaJson => Json;

    public static string CanonicalSchema => ParsingCanonicalForm.ToCanonicalJson(Parsed);

    public static ulong SchemaFingerprint => Schema.SchemaFingerprint.Crc64Avro(Parsed);

    public void WriteAvro(ref AvroWriter writer)
    {
        writer.WriteLong(Id);
        writer.WriteString(Name);
        writer.WriteString(Email);
    }

    public static Person ReadAvro(ref AvroReader reader) => new(reader.ReadLong(), reader.ReadString(), reader.ReadString());

    public void WriteAvroJson(Utf8JsonWriter writer) => throw new NotSupportedException("not needed by these tests");

    public static Person ReadAvroJson(ref Utf8JsonReader reader) => throw new NotSupportedException("not needed by these tests");
}

public class TypedAndCacheTests
{
    private const string PersonV1 = """{"type":"record","name":"Person","namespace":"old","fields":[{"name":"name","type":"string"},{"name":"id","type":"int"},{"name":"age","type":"int"}]}""";

    [Fact]
    public void A_generated_type_reads_data_of_an_older_writer()
    {
        var writer = Parse(PersonV1);
        var data = Encode(writer, """{"name":"ann","id":42,"age":30}""");
        Assert.Equal(new Person(42, "ann", "none"), ResolvingReader.Read<Person>(data, writer));

        var plan = ResolvingReader.GetPlan<Person>(writer);
        Assert.Same(plan, ResolvingReader.GetPlan<Person>(writer));
        Assert.Equal(new Person(42, "ann", "none"), plan.Read<Person>(data));
        Assert.Equal(Person.SchemaFingerprint, plan.ReaderFingerprint);
        Assert.Same(ResolvingReader.ReaderSchema<Person>(), plan.ReaderSchema);
    }

    [Fact]
    public void Values_back_to_back_report_how_many_bytes_each_took()
    {
        var writer = Parse(PersonV1);
        byte[] data = [.. Encode(writer, """{"name":"a","id":1,"age":0}"""), .. Encode(writer, """{"name":"bb","id":-2,"age":0}""")];
        var plan = ResolvingReader.GetPlan<Person>(writer);
        var first = plan.Read<Person>(data, out var used);
        var second = plan.Read<Person>(data.AsSpan(used), out var used2);
        Assert.Equal([new Person(1, "a", "none"), new Person(-2, "bb", "none")], [first, second]);
        Assert.Equal(data.Length, used + used2);
    }

    [Fact]
    public void The_writers_own_schema_is_read_directly()
    {
        var writer = Parse(Person.Json.Replace("\"default\":\"none\"", "\"doc\":\"other text\""));
        var plan = ResolvingReader.GetPlan<Person>(writer);
        Assert.True(plan.IsIdentity);
        var data = AvroSerializer.Serialize(new Person(1, "x", "y"));
        Assert.Equal(new Person(1, "x", "y"), plan.Read<Person>(data));
        Assert.Equal(data, plan.Transcode(data));
    }

    [Fact]
    public void A_type_of_another_schema_is_refused()
    {
        var plan = SchemaResolution.GetPlan(Parse(PersonV1), Parse("""{"type":"record","name":"Person","fields":[{"name":"id","type":"long"}]}"""));
        var e = Assert.Throws<ArgumentException>(() => plan.Read<Person>([2]));
        Assert.Contains("not generated from", e.Message);
    }

    [Fact]
    public void An_incompatible_writer_names_both_schemas_and_the_reasons()
    {
        var writer = Parse("""{"type":"record","name":"Person","fields":[{"name":"id","type":"string"}]}""");
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() => ResolvingReader.Read<Person>([0], writer));
        Assert.Contains("TYPE_MISMATCH at /fields/0/type", e.Message);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: name", e.Message);
        Assert.Contains(Person.SchemaFingerprint.ToString("X16"), e.Message);
        Assert.Same(writer, e.WriterSchema);

        // Asked again, the cached verdict gives a fresh exception with the same findings.
        var again = Assert.Throws<AvroIncompatibleSchemaException>(() => ResolvingReader.Read<Person>([0], writer));
        Assert.NotSame(e, again);
        Assert.Equal(e.Message, again.Message);
    }

    [Fact]
    public void Plans_are_cached_by_fingerprints_not_by_schema_objects()
    {
        const string reader = """{"type":"record","name":"C","fields":[{"name":"a","type":"long"},{"name":"b","type":"int","default":1}]}""";
        const string writer = """{"type":"record","name":"C","fields":[{"name":"a","type":"int"}]}""";
        var first = Plan(writer, reader);
        Assert.Same(first, Plan(writer.Replace("\"C\"", "\"C\",\"doc\":\"writer docs do not matter\""), reader));
        Assert.NotSame(first, Plan(writer, reader, ResolutionMode.PerValue));

        // The reader's defaults are part of the plan, so another default is another plan.
        var otherDefault = Plan(writer, reader.Replace("\"default\":1", "\"default\":2"));
        Assert.NotSame(first, otherDefault);
        var input = Encode(first.WriterSchema, """{"a":5}""");
        Assert.Equal(Encode(first.ReaderSchema, """{"a":5,"b":1}"""), first.Transcode(input));
        Assert.Equal(Encode(otherDefault.ReaderSchema, """{"a":5,"b":2}"""), otherDefault.Transcode(input));
        Assert.True(SchemaResolution.CachedPlanCount >= 3);
    }

    [Fact]
    public void Plans_are_shared_safely_between_threads()
    {
        const string writer = """{"type":"record","name":"T","fields":[{"name":"s","type":"string"},{"name":"n","type":"int"},{"name":"x","type":{"type":"array","items":{"type":"record","name":"I","fields":[{"name":"q","type":"string"},{"name":"p","type":"int"}]}}}]}""";
        const string reader = """{"type":"record","name":"T","fields":[{"name":"x","type":{"type":"array","items":{"type":"record","name":"I","fields":[{"name":"p","type":"long"},{"name":"q","type":"string"}]}}},{"name":"n","type":"long"},{"name":"s","type":"string"},{"name":"d","type":"string","default":"dd"}]}""";
        var writerSchema = Parse(writer);
        var readerSchema = Parse(reader);
        var failures = 0;
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 200; i++)
            {
                var plan = SchemaResolution.GetPlan(writerSchema, readerSchema);
                var text = new string('x', (thread * 31 + i) % 50);
                var input = Encode(writerSchema, $$"""{"s":"{{text}}","n":{{i}},"x":[{"q":"{{text}}","p":{{thread}}}]}""");
                var expected = Encode(readerSchema, $$"""{"x":[{"p":{{thread}},"q":"{{text}}"}],"n":{{i}},"s":"{{text}}","d":"dd"}""");
                if (!plan.Transcode(input).AsSpan().SequenceEqual(expected))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Known_writer_schemas_are_found_by_fingerprint_as_single_object_messages_carry_it()
    {
        const string v0 = """{"type":"record","name":"Person","namespace":"test","fields":[{"name":"id","type":"int"},{"name":"name","type":"string"}]}""";
        var writer = Parse(v0);
        var fingerprint = Schema.SchemaFingerprint.Crc64Avro(writer);
        var body = Encode(writer, """{"id":9,"name":"zed"}""");
        var message = new System.Buffers.ArrayBufferWriter<byte>();
        SingleObjectEncoding.WriteHeader(message, fingerprint);
        message.Write(body);

        var unknown = Assert.ThrowsAny<AvroDataException>(() => ResolvingReader.ReadSingleObject<Person>(message.WrittenSpan));
        Assert.Contains(fingerprint.ToString("X16"), unknown.Message);

        KnownWriterSchemas.Register<Person>(fingerprint, v0);
        Assert.Contains(fingerprint, KnownWriterSchemas.Fingerprints<Person>());
        Assert.Equal(new Person(9, "zed", "none"), ResolvingReader.ReadSingleObject<Person>(message.WrittenSpan));
        Assert.Equal(new Person(9, "zed", "none"), ResolvingReader.Read<Person>(body, fingerprint));

        // The type's own fingerprint needs no registration; truncated bodies name the offset in the message.
        var own = AvroSerializer.SerializeSingleObject(new Person(1, "a", "b"));
        Assert.Equal(new Person(1, "a", "b"), ResolvingReader.ReadSingleObject<Person>(own));
        var truncated = Assert.ThrowsAny<AvroDataException>(() => ResolvingReader.ReadSingleObject<Person>(message.WrittenSpan[..^1]));
        Assert.True(truncated.Offset >= SingleObjectEncoding.HeaderLength);
    }

    [Fact]
    public void A_registered_schema_with_a_wrong_fingerprint_or_incompatible_content_fails_when_used()
    {
        const string other = """{"type":"record","name":"Person","namespace":"test","fields":[{"name":"id","type":"boolean"}]}""";
        KnownWriterSchemas.Register<Person>(0x1234UL, other);
        Assert.Contains("has fingerprint", Assert.ThrowsAny<AvroDataException>(() => ResolvingReader.Read<Person>([1], 0x1234UL)).Message);

        var fingerprint = Schema.SchemaFingerprint.Crc64Avro(Parse(other));
        KnownWriterSchemas.Register<Person>(Parse(other));
        Assert.Throws<AvroIncompatibleSchemaException>(() => ResolvingReader.Read<Person>([1], fingerprint));
    }
}

using System.Text.Json;
using Avro.Codegen.Container;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Tests;

public class TypedContainerTests
{
    /// <summary>A hand-written record in the shape generated code has, so the typed container API can be tested here.</summary>
    internal sealed record Reading(long At, string Sensor) : IAvroRecord<Reading>
    {
        public static string SchemaJson =>
            """{"type":"record","name":"Reading","namespace":"t","fields":[{"name":"at","type":"long"},{"name":"sensor","type":"string"}]}""";

        public static string CanonicalSchema => ParsingCanonicalForm.ToCanonicalJson(SchemaParser.Parse(SchemaJson).Schema!);

        public static ulong SchemaFingerprint => Avro.Codegen.Schema.SchemaFingerprint.Crc64Avro(SchemaParser.Parse(SchemaJson).Schema!);

        public void WriteAvro(ref AvroWriter writer)
        {
            writer.WriteLong(At);
            writer.WriteString(Sensor);
        }

        public static Reading ReadAvro(ref AvroReader reader) => new(reader.ReadLong(), reader.ReadString());

        public void WriteAvroJson(Utf8JsonWriter writer) => throw new NotSupportedException();

        public static Reading ReadAvroJson(ref Utf8JsonReader reader) => throw new NotSupportedException();
    }

    [Fact]
    public void Generated_records_round_trip_through_a_container_file()
    {
        var stream = new MemoryStream();
        var readings = Enumerable.Range(0, 1000).Select(i => new Reading(i * 1000L, "s" + (i % 7))).ToList();
        using (var writer = AvroContainerWriter.Create<Reading>(stream, AvroContainer.DeflateCodec, leaveOpen: true))
        {
            writer.BlockSize = 1024;
            foreach (var reading in readings)
            {
                writer.Write(reading);
            }
        }

        stream.Position = 0;
        using var reader = new AvroContainerReader(stream);
        Assert.Equal("t.Reading", reader.Schema.TypeName);
        Assert.Equal(readings, reader.ReadAll<Reading>().ToList());
    }

    [Fact]
    public void Reading_a_file_of_another_schema_as_a_generated_type_is_refused()
    {
        var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, GenericCodecTests.Parse("\"long\""), leaveOpen: true))
        {
            writer.Write(5L);
        }

        stream.Position = 0;
        using var reader = new AvroContainerReader(stream);
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll<Reading>().ToList());
        Assert.Contains("is not the schema of Reading", e.Message);
    }
}

using Avro.Codegen.Generic;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Tests.Resolution;

/// <summary>
/// Resolution checked byte for byte: the writer datum is encoded with the writer schema by the generic codec, resolved,
/// and must equal the generic codec's encoding of the expected datum with the reader schema.
/// </summary>
internal static class ResolutionAssert
{
    public static AvroSchema Parse(string json) => GenericCodecTests.Parse(json);

    public static byte[] Encode(AvroSchema schema, string datumJson) => GenericBinary.Encode(schema, GenericJson.FromJson(schema, datumJson));

    public static ResolutionPlan Plan(string writer, string reader, ResolutionMode mode = ResolutionMode.RequireCompatible) =>
        SchemaResolution.GetPlan(Parse(writer), Parse(reader), mode);

    /// <summary>Resolves each writer datum and compares with the expected reader datum (Avro JSON encoding, one per pair).</summary>
    public static ResolutionPlan Resolves(string writer, string reader, params (string Written, string Read)[] data) =>
        Resolves(writer, reader, ResolutionMode.RequireCompatible, data);

    public static ResolutionPlan Resolves(string writer, string reader, ResolutionMode mode, params (string Written, string Read)[] data)
    {
        var plan = Plan(writer, reader, mode);
        foreach (var (written, read) in data)
        {
            var input = Encode(plan.WriterSchema, written);
            var expected = Encode(plan.ReaderSchema, read);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(plan.Transcode(input)));

            // The generic variant reads the same value.
            Assert.True(GenericEquality.Equals(GenericJson.FromJson(plan.ReaderSchema, read), plan.ReadGeneric(input)),
                $"generic read of {written} differs from {read}");
        }

        return plan;
    }

    public static AvroDataException Fails(ResolutionPlan plan, byte[] input)
    {
        var e = Assert.ThrowsAny<AvroDataException>(() => plan.Transcode(input));
        Assert.IsNotType<AvroIncompatibleSchemaException>(e);
        return e;
    }
}

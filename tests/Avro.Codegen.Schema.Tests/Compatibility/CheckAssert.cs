using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Schema.Tests.Compatibility;

/// <summary>Runs the reader/writer check on schema JSON and compares findings as <c>TYPE | message | location</c> lines.</summary>
internal static class CheckAssert
{
    public static CompatibilityResult Check(string readerJson, string writerJson) =>
        SchemaCompatibility.CheckReaderWriter(ModelJson.Parse(readerJson), ModelJson.Parse(writerJson));

    public static void Compatible(string readerJson, string writerJson)
    {
        var result = Check(readerJson, writerJson);
        Assert.Empty(Lines(result));
        Assert.Empty(result.Errors);
        Assert.True(result.IsCompatible);
    }

    public static CompatibilityResult Incompatible(string readerJson, string writerJson, params string[] expected)
    {
        var result = Check(readerJson, writerJson);
        Assert.Equal(expected, Lines(result));
        Assert.Empty(result.Errors);
        Assert.False(result.IsCompatible);
        return result;
    }

    public static List<string> Lines(CompatibilityResult result) =>
        result.Incompatibilities.Select(i => $"{i.Type.ToJavaName()} | {i.Message} | {i.Location}").ToList();
}

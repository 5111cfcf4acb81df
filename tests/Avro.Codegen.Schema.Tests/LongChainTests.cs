using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;
using Avro.Codegen.Schema.Json;
using Avro.Codegen.TestUtilities;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// Named types in separate files may refer to each other in a chain of any length: the depth of the schema graph is not
/// bounded by the JSON nesting limit of one file. Every walk over it must work on a small stack.
/// </summary>
public class LongChainTests
{
    private const int Length = 10_000;

    /// <summary>Record <c>c.R{i}</c> has a field of type <c>c.R{i+1}</c> (nullable, so data can end), one file each.</summary>
    internal static IReadOnlyList<SchemaSource> Chain(int length) => Enumerable.Range(0, length)
        .Select(i => new SchemaSource($"r{i}.avsc", i + 1 < length
            ? $"{{\"type\":\"record\",\"name\":\"R{i}\",\"namespace\":\"c\",\"fields\":[{{\"name\":\"next\",\"type\":[\"null\",\"R{i + 1}\"]}}]}}"
            : $"{{\"type\":\"record\",\"name\":\"R{i}\",\"namespace\":\"c\",\"fields\":[{{\"name\":\"end\",\"type\":\"int\"}}]}}"))
        .ToList();

    [Fact]
    public void CanonicalFormOfALongChainNeedsNoDeepStack()
    {
        var root = SmallStack.Run(() => SchemaParser.ParseSet(Chain(Length)).Files[0].Schema!);
        var canonical = SmallStack.Run(() => ParsingCanonicalForm.ToCanonicalJson(root));

        Assert.StartsWith("{\"name\":\"c.R0\",\"type\":\"record\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",{\"name\":\"c.R1\",", canonical);
        Assert.EndsWith("{\"name\":\"c.R9999\",\"type\":\"record\",\"fields\":[{\"name\":\"end\",\"type\":\"int\"}]}" + string.Concat(Enumerable.Repeat("]}]}", Length - 1)), canonical);
        Assert.Equal(SchemaFingerprint.Crc64Avro(System.Text.Encoding.UTF8.GetBytes(canonical)), SmallStack.Run(() => SchemaFingerprint.Crc64Avro(root)));
    }

    [Fact]
    public void CompatibilityOfTwoLongChainsIsJudgedOnASmallStack()
    {
        var reader = SchemaParser.ParseSet(Chain(Length)).Files[0].Schema!;
        var changed = Chain(Length).ToList();
        changed[^1] = new SchemaSource(changed[^1].Path, changed[^1].Text.Replace("\"int\"", "\"long\"", StringComparison.Ordinal));
        var writer = SchemaParser.ParseSet(changed).Files[0].Schema!;

        // The same chain reads itself; at the far end a long written where the reader has an int does not fit, which
        // (as in Java) surfaces as a union branch of the chain the reader cannot read: a verdict, not error AVRO091.
        Assert.True(SmallStack.Run(() => SchemaCompatibility.CheckReaderWriter(reader, reader)).IsCompatible);
        var result = SmallStack.Run(() => SchemaCompatibility.CheckReaderWriter(reader, writer));
        Assert.Empty(result.Errors);
        Assert.Contains(result.Incompatibilities, i => i.Type == SchemaIncompatibilityType.MissingUnionBranch);
    }

    [Fact]
    public void FullJsonOfALongChainNeedsNoDeepStack()
    {
        var root = SchemaParser.ParseSet(Chain(Length)).Files[0].Schema!;
        var json = SmallStack.Run(() => SchemaJson.ToJson(root));

        Assert.StartsWith("{\"type\":\"record\",\"name\":\"R0\",\"namespace\":\"c\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"R1\",\"fields\"", json);
        Assert.EndsWith("{\"type\":\"record\",\"name\":\"R9999\",\"fields\":[{\"name\":\"end\",\"type\":\"int\"}]}" + string.Concat(Enumerable.Repeat("]}]}", Length - 1)), json);
    }

    [Fact]
    public void IndentedJsonOfAChainNeedsNoDeepStack()
    {
        // Indentation grows with the square of the depth, so a shorter chain (still 6,000 JSON levels) is enough here.
        var root = SchemaParser.ParseSet(Chain(1000)).Files[0].Schema!;
        var json = SchemaJson.ToJson(root);
        var indented = SmallStack.Run(() => SchemaJson.ToJson(root, indented: true));
        Assert.Equal(json, string.Concat(indented.Split('\n').Select(l => l.TrimStart().Replace("\": ", "\":"))));
    }

    [Fact]
    public void FullJsonOfAShortChainParsesBackToTheSameSchema()
    {
        // Within the parser's nesting limit the text must read back as the same schema (the long chain exceeds the limit).
        var root = SchemaParser.ParseSet(Chain(40)).Files[0].Schema!;
        var json = SmallStack.Run(() => SchemaJson.ToJson(root));
        var again = SchemaParser.Parse(json).Schema!;
        Assert.Equal(json, SchemaJson.ToJson(again));
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(root), ParsingCanonicalForm.ToCanonicalJson(again));
    }

    [Fact]
    public void KnownTypesFromALongChainAreCollectedWithoutDeepStack()
    {
        var root = (NamedSchema)SchemaParser.ParseSet(Chain(Length)).Files[0].Schema!;
        var result = SmallStack.Run(() => SchemaParser.Parse(
            "{\"type\":\"record\",\"name\":\"Top\",\"namespace\":\"c\",\"fields\":[{\"name\":\"last\",\"type\":\"R9999\"}]}", "top.avsc", new[] { root }));

        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    [Fact]
    public void DomBuiltInCodeDeeperThanTheParserLimitIsWritten()
    {
        JsonValue value = new JsonNull();
        for (var i = 0; i < Length; i++)
        {
            value = i % 2 == 0 ? new JsonArray(new[] { value }) : new JsonObject(new[] { new JsonProperty("a", value) });
        }

        var text = SmallStack.Run(() => value.ToJson());
        Assert.Equal(Length * 2 + 4 + (Length / 2 * 4), text.Length);
        Assert.StartsWith("{\"a\":[{\"a\":[", text);
    }
}

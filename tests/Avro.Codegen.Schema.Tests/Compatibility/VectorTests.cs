using System.Text.Json;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Schema.Tests.Compatibility;

/// <summary>
/// Every line of <c>../shared/vectors/compat-pairs.jsonl</c> and <c>compat-levels.jsonl</c>: the verdict, and where a
/// vector lists them, the exact incompatibilities (type, message, location, in order) that Java asserts.
/// Each vector runs twice: through <see cref="SchemaParser"/> (the path the CLI and the build gate take) and through
/// <see cref="ModelJson"/>, a model built without the parser, so a parser change cannot hide a checker change.
/// </summary>
public sealed class VectorTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Pairs = new(() => ById("compat-pairs.jsonl"));
    private static readonly Lazy<Dictionary<string, JsonElement>> Levels = new(() => ById("compat-levels.jsonl"));

    public static TheoryData<string> PairIds => Ids(Pairs.Value);

    public static TheoryData<string> LevelIds => Ids(Levels.Value);

    [Fact]
    public void The_vector_files_are_all_there()
    {
        // Guards against a silently empty theory if the files move or shrink.
        Assert.Equal(108, Pairs.Value.Count);
        Assert.Equal(17, Levels.Value.Count);
    }

    [Theory]
    [MemberData(nameof(PairIds))]
    public void Pair_agrees_with_the_vector(string id)
    {
        var vector = Pairs.Value[id];
        AssertPair(vector, Parsed(vector.GetProperty("reader")), Parsed(vector.GetProperty("writer")));
    }

    [Theory]
    [MemberData(nameof(PairIds))]
    public void Pair_agrees_with_the_vector_on_a_model_built_without_the_parser(string id)
    {
        var vector = Pairs.Value[id];
        AssertPair(vector, ModelJson.Parse(vector.GetProperty("reader")), ModelJson.Parse(vector.GetProperty("writer")));
    }

    [Theory]
    [MemberData(nameof(LevelIds))]
    public void Level_agrees_with_the_vector(string id)
    {
        var vector = Levels.Value[id];
        AssertLevel(vector, Parsed);
    }

    [Theory]
    [MemberData(nameof(LevelIds))]
    public void Level_agrees_with_the_vector_on_a_model_built_without_the_parser(string id)
    {
        var vector = Levels.Value[id];
        AssertLevel(vector, ModelJson.Parse);
    }

    private static void AssertPair(JsonElement vector, AvroSchema reader, AvroSchema writer)
    {
        var result = SchemaCompatibility.CheckReaderWriter(reader, writer);

        Assert.Empty(result.Errors);
        Assert.Equal(vector.GetProperty("compatible").GetBoolean(), result.IsCompatible);
        if (vector.TryGetProperty("incompatibilities", out var expected))
        {
            Assert.Equal(Describe(expected), result.Incompatibilities.Select(i => $"{i.Type.ToJavaName()} | {i.Message} | {i.Location}").ToList());
        }
    }

    private static void AssertLevel(JsonElement vector, Func<JsonElement, AvroSchema> build)
    {
        Assert.True(CompatibilityLevels.TryParse(vector.GetProperty("level").GetString(), out var level));
        var history = vector.GetProperty("history").EnumerateArray().Select(build).ToList();
        var candidate = build(vector.GetProperty("new"));

        var result = CompatibilityLevels.Check(level, candidate, history);

        Assert.Equal(vector.GetProperty("compatible").GetBoolean(), result.IsCompatible);
    }

    /// <summary>Parses a vector's schema with the real parser; every vector schema is valid.</summary>
    private static AvroSchema Parsed(JsonElement schema)
    {
        var parsed = SchemaParser.Parse(schema.GetRawText(), "vector.avsc");
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors));
        return parsed.Schema!;
    }

    private static List<string> Describe(JsonElement incompatibilities) =>
        incompatibilities.EnumerateArray()
            .Select(i => $"{i.GetProperty("type").GetString()} | {i.GetProperty("message").GetString()} | {i.GetProperty("location").GetString()}")
            .ToList();

    private static Dictionary<string, JsonElement> ById(string file) =>
        SharedVectors.ReadJsonLines(file).ToDictionary(line => line.GetProperty("id").GetString()!, StringComparer.Ordinal);

    private static TheoryData<string> Ids(Dictionary<string, JsonElement> vectors)
    {
        var data = new TheoryData<string>();
        foreach (var id in vectors.Keys)
        {
            data.Add(id);
        }

        return data;
    }
}

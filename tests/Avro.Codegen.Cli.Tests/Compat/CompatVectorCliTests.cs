using System.Text.Json;

namespace Avro.Codegen.Cli.Tests.Compat;

/// <summary>
/// Every shared compatibility vector through the command line, as an outside harness runs it: files on disk, the
/// verdict as the exit code, and Java's incompatibilities as the printed lines.
/// </summary>
public sealed class CompatVectorCliTests : CompatCliFixture
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Pairs = new(() => ById("compat-pairs.jsonl"));
    private static readonly Lazy<Dictionary<string, JsonElement>> Levels = new(() => ById("compat-levels.jsonl"));

    public static TheoryData<string> PairIds => Ids(Pairs.Value);

    public static TheoryData<string> LevelIds => Ids(Levels.Value);

    [Theory]
    [MemberData(nameof(PairIds))]
    public void Pair_vector(string id)
    {
        var vector = Pairs.Value[id];
        var reader = WriteSchema("reader.avsc", vector.GetProperty("reader"));
        var writer = WriteSchema("writer.avsc", vector.GetProperty("writer"));

        var run = Run("compat", "--reader", reader, "--writer", writer);

        var compatible = vector.GetProperty("compatible").GetBoolean();
        Assert.True(run.ExitCode == (compatible ? 0 : 1), $"exit {run.ExitCode}\n{run.Output}{run.Error}");
        if (vector.TryGetProperty("incompatibilities", out var expected))
        {
            var lines = expected.EnumerateArray()
                .Select(i => $"{i.GetProperty("type").GetString()} at {i.GetProperty("location").GetString()}: {i.GetProperty("message").GetString()}");
            Assert.Equal(lines, run.OutputLines);
        }
        else if (compatible)
        {
            Assert.Empty(run.OutputLines);
        }
        else
        {
            Assert.NotEmpty(run.OutputLines);
        }
    }

    [Theory]
    [MemberData(nameof(LevelIds))]
    public void Level_vector(string id)
    {
        var vector = Levels.Value[id];
        var args = new List<string> { "compat", "--level", vector.GetProperty("level").GetString()!, "--new", WriteSchema("new.avsc", vector.GetProperty("new")), "--previous" };
        var index = 0;
        foreach (var schema in vector.GetProperty("history").EnumerateArray())
        {
            args.Add(WriteSchema($"v{++index}.avsc", schema));
        }

        var run = Run(args.ToArray());

        var compatible = vector.GetProperty("compatible").GetBoolean();
        Assert.True(run.ExitCode == (compatible ? 0 : 1), $"exit {run.ExitCode}\n{run.Output}{run.Error}");
    }

    private string WriteSchema(string name, JsonElement schema)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, JsonSerializer.Serialize(schema, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static Dictionary<string, JsonElement> ById(string file) =>
        ReadVectors(file).ToDictionary(line => line.GetProperty("id").GetString()!, StringComparer.Ordinal);

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

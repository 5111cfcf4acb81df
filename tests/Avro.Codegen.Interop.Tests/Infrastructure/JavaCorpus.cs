namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>
/// Java Avro's answers for the whole corpus, computed on first use in two batch runs (one JVM each) instead of one
/// JVM per question: the canonical form and CRC-64 of every schema; the binary of every data file, with maps in stock
/// Java's hash order (<see cref="DataAnswers.FromJson"/>) and in input order (<see cref="DataAnswers.FromJsonInputOrder"/>);
/// and stock Java's JSON for the former.
/// </summary>
internal static class JavaCorpus
{
    public sealed record SchemaAnswers(ProcessResult Canonical, ProcessResult Crc64Hex, ProcessResult Crc64Long);

    public sealed record DataAnswers(ProcessResult FromJson, ProcessResult FromJsonInputOrder, ProcessResult? ToJson);

    /// <summary>Java's view of our output for one data file; null where our tool failed (its own test says why).</summary>
    public sealed record AnswersOnOurs(ProcessResult? ToJsonOfOurBytes, ProcessResult? FromJsonOfOurJson);

    private static readonly Lazy<IReadOnlyDictionary<string, SchemaAnswers>> LazySchemas = new(ComputeSchemas);
    private static readonly Lazy<IReadOnlyDictionary<string, DataAnswers>> LazyData = new(ComputeData);

    public static SchemaAnswers ForSchema(string relativeSchema) => LazySchemas.Value[relativeSchema];

    private static readonly Lazy<IReadOnlyDictionary<string, AnswersOnOurs>> LazyOnOurs = new(ComputeOnOurs);

    public static DataAnswers ForData(string relativeData) => LazyData.Value[relativeData];

    /// <summary>
    /// Java reading our bytes (<see cref="AvroCli.FromJson"/>, our default input map order) and re-encoding our JSON of its own
    /// input-order bytes (<see cref="AvroCli.ToJson"/> with <c>--map-order input</c>), for every data file in one batch.
    /// </summary>
    public static AnswersOnOurs OnOurs(string relativeData) => LazyOnOurs.Value[relativeData];

    private static IReadOnlyDictionary<string, SchemaAnswers> ComputeSchemas()
    {
        var schemas = Corpus.Schemas();
        var calls = schemas.SelectMany(s =>
        {
            string[] target = [Corpus.SchemaPath(s), .. Corpus.SchemaDirArgs(s)];
            return new (string[], string?)[]
            {
                (["canonical", .. target], null),
                (["fingerprint", .. target], null),
                (["fingerprint", .. target, "--format", "long"], null),
            };
        }).ToList();
        var results = JavaOracle.RunBatch(calls);
        return schemas.Select((s, i) => (s, new SchemaAnswers(results[3 * i], results[3 * i + 1], results[3 * i + 2])))
            .ToDictionary(x => x.s, x => x.Item2);
    }

    private static IReadOnlyDictionary<string, AnswersOnOurs> ComputeOnOurs()
    {
        var data = Corpus.DataFiles();
        var ourBytes = data.Select(d => AvroCli.FromJson(d)).ToList();
        var ourJson = data.Select(d =>
        {
            var java = ForData(d).FromJsonInputOrder;
            return java.ExitCode == 0 ? AvroCli.ToJson(java.Stdout, d, AvroCli.InputOrder) : java;
        }).ToList();
        var scratch = Path.Combine(RepoPaths.Artifacts, "interop-tmp", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var calls = new List<(string[], string?)>();
            var slots = new List<(int Data, bool IsToJson)>();
            for (var i = 0; i < data.Count; i++)
            {
                string[] schema = [Corpus.SchemaPathOfData(data[i]), .. Corpus.SchemaDirArgs(data[i])];
                if (ourBytes[i].ExitCode == 0)
                {
                    var bin = Path.Combine(scratch, $"{i}.bin");
                    File.WriteAllBytes(bin, ourBytes[i].Stdout);
                    calls.Add((["tojson", .. schema], bin));
                    slots.Add((i, true));
                }

                if (ourJson[i].ExitCode == 0)
                {
                    var json = Path.Combine(scratch, $"{i}.json");
                    File.WriteAllBytes(json, ourJson[i].Stdout);
                    calls.Add((["fromjson", .. schema, "--map-order", "input"], json));
                    slots.Add((i, false));
                }
            }

            var results = calls.Count == 0 ? [] : JavaOracle.RunBatch(calls);
            return data.Select((d, i) =>
            {
                ProcessResult? Find(bool toJson) =>
                    slots.IndexOf((i, toJson)) is var k and >= 0 ? results[k] : null;
                return (d, new AnswersOnOurs(Find(true), Find(false)));
            }).ToDictionary(x => x.d, x => x.Item2);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static IReadOnlyDictionary<string, DataAnswers> ComputeData()
    {
        var data = Corpus.DataFiles();
        var bothOrders = JavaOracle.RunBatch(data.SelectMany(d => new[]
        {
            ((string[])["fromjson", Corpus.SchemaPathOfData(d), .. Corpus.SchemaDirArgs(d)], (string?)Corpus.DataPath(d)),
            ((string[])["fromjson", Corpus.SchemaPathOfData(d), .. Corpus.SchemaDirArgs(d), "--map-order", "input"],
                (string?)Corpus.DataPath(d)),
        }).ToList());
        var fromJson = Enumerable.Range(0, data.Count).Select(i => bothOrders[2 * i]).ToList();

        // Java's JSON for its own bytes: the reference that our tojson output is held to.
        var scratch = Path.Combine(RepoPaths.Artifacts, "interop-tmp", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var ok = Enumerable.Range(0, data.Count).Where(i => fromJson[i].ExitCode == 0).ToList();
            var toJson = JavaOracle.RunBatch(ok.Select(i =>
            {
                var bin = Path.Combine(scratch, $"{i}.bin");
                File.WriteAllBytes(bin, fromJson[i].Stdout);
                return ((string[])["tojson", Corpus.SchemaPathOfData(data[i]), .. Corpus.SchemaDirArgs(data[i])], (string?)bin);
            }).ToList());
            var toJsonByIndex = ok.Select((dataIndex, k) => (dataIndex, toJson[k])).ToDictionary(x => x.dataIndex, x => x.Item2);
            return data.Select((d, i) => (d, new DataAnswers(fromJson[i], bothOrders[2 * i + 1], toJsonByIndex.GetValueOrDefault(i))))
                .ToDictionary(x => x.d, x => x.Item2);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

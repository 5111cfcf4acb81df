using System.Text;
using System.Text.Json.Nodes;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>
/// The corpus data files the conformance driver can take (the driver converts named types only: a data file counts when
/// its top-level schema is a record, enum or fixed), and the one driver built over all their schemas. The schemas are
/// copied into one folder under artifacts/ keeping their relative paths, so a schema set such as <c>wire-shop/</c> keeps
/// its cross-file references; the whole set is copied, since the generator needs every type the set's files name.
/// </summary>
/// <remarks>
/// One driver compiles all the copied files as one set, so a full name defined in two of them would clash. The corpus
/// has no such pair today; <see cref="Driver"/> fails with the clashing names rather than building separate drivers,
/// so a new clash is a visible decision (split the folder) and not a silently longer test run.
/// </remarks>
internal static class DriverCorpus
{
    private static readonly Lazy<IReadOnlyList<(string Data, string FullName)>> LazyCases = new(FindCases);

    private static readonly Lazy<ConformanceDriver> LazyDriver = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder the driver is built over; its name keys the driver's artifacts folder.</summary>
    public static string SchemaFolder => Path.Combine(RepoPaths.Artifacts, "driver-schemas", "corpus-named");

    /// <summary>Corpus data files whose top-level schema is named, with that type's full name.</summary>
    public static IReadOnlyList<(string Data, string FullName)> Cases => LazyCases.Value;

    public static TheoryData<string> DataCases() => new(Cases.Select(c => c.Data));

    public static TheoryData<string> DataCasesForAvsc() =>
        new(Cases.Select(c => c.Data).Where(d => Corpus.AvscDeviation(Path.ChangeExtension(d, ".avsc")) is null));

    public static string FullName(string data) => Cases.Single(c => c.Data == data).FullName;

    public static ConformanceDriver Driver => LazyDriver.Value;

    private static readonly string[] ValidBigDecimals = ["\u0002\u0000\u0002", "\u0004\u0004\u00d2\u0004", "\u0002\u00ff\u0000"];

    // The timestamp fields of wire-logical.json with their unit.
    private static readonly (string Field, string Unit)[] TimestampFields =
        [("ts_ms", "ms"), ("lts_ms", "ms"), ("ts_us", "us"), ("lts_us", "us"), ("ts_ns", "ns"), ("lts_ns", "ns")];

    /// <summary>The value nearest to <paramref name="value"/> that DateTime holds exactly: years 1 to 9999, whole ticks.</summary>
    private static long ClampToTicks(long value, string unit)
    {
        const long minTicks = -62_135_596_800L * TimeSpan.TicksPerSecond; // 0001-01-01 from the epoch
        const long maxTicks = 253_402_300_800L * TimeSpan.TicksPerSecond - 1; // 9999-12-31T23:59:59.9999999
        switch (unit)
        {
            case "ms":
                return Math.Clamp(value, minTicks / TimeSpan.TicksPerMillisecond, maxTicks / TimeSpan.TicksPerMillisecond);
            case "us":
                return Math.Clamp(value, minTicks / TimeSpan.TicksPerMicrosecond, maxTicks / TimeSpan.TicksPerMicrosecond);
            default:
                // Nanoseconds span 1677 to 2262, inside DateTime's range; only whole ticks (100 ns) survive, and not
                // the partial tick at long.MinValue's end.
                var ns = Math.Max(value, long.MinValue / 100 * 100);
                return ns - (((ns % 100) + 100) % 100);
        }
    }

    /// <summary>
    /// Corpus files written for implementations without the newer logical types, whose datums the generated types must
    /// refuse, with the reason and the rewrite that makes each datum a valid value (the driver gets the rewritten datums,
    /// the oracles too; <c>DriverErrorTests</c> checks the originals are refused).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Reason, Action<JsonObject, int> Rewrite)> Rewritten =
        new Dictionary<string, (string, Action<JsonObject, int>)>
        {
            // Java 1.12 encodes a big-decimal as the unscaled value's bytes (length-prefixed) and then the scale: the
            // rewrite uses 0.0, 12.34 and -1 (length 1 [00] scale 1; length 2 [04 d2] scale 2; length 1 [ff] scale 0).
            // The timestamps are generated as DateTimeOffset/DateTime: years 1 to 9999 in 100 ns ticks. The corpus
            // holds the wire's extremes (long.MinValue/MaxValue, nanoseconds below a tick), which the generated
            // types refuse or, for sub-tick nanoseconds, round to the past; the rewrite clamps them into that range
            // (nanoseconds to whole ticks) so the rest of each datum is still compared with Java.
            ["wire-logical.json"] = (
                "the 'big' values are plain bytes (Java 1.8 and the CLI do not apply big-decimal), not big-decimal " +
                "encodings, and the timestamps span the whole long range, beyond DateTime's",
                (datum, i) =>
                {
                    datum["big"] = ValidBigDecimals[i % ValidBigDecimals.Length];
                    foreach (var (field, unit) in TimestampFields)
                    {
                        datum[field] = ClampToTicks(datum[field]!.GetValue<long>(), unit);
                    }
                }),
        };

    /// <summary>The datums of a data file the driver is given: the file, or its rewrite per <see cref="Rewritten"/>.</summary>
    public static byte[] Input(string data)
    {
        if (!Rewritten.TryGetValue(data, out var rule))
        {
            return File.ReadAllBytes(Corpus.DataPath(data));
        }

        // Rewritten files hold one datum per line; the other values keep their spelling (JsonNode writes parsed tokens as read).
        var lines = File.ReadAllLines(Corpus.DataPath(data)).Where(l => l.Trim().Length > 0).Select((line, i) =>
        {
            var datum = JsonNode.Parse(line)!.AsObject();
            rule.Rewrite(datum, i);
            return datum.ToJsonString() + "\n";
        });
        return Encoding.UTF8.GetBytes(string.Concat(lines));
    }

    /// <summary>
    /// Java's answers for the driver's input of every case, from two batch runs: its bytes with maps in stock hash order
    /// and in input order, and its JSON of the former. (<see cref="JavaCorpus"/> answers for the files as they are; the
    /// driver's input of a <see cref="Rewritten"/> file differs.)
    /// </summary>
    public static JavaCorpus.DataAnswers Java(string data) => LazyJava.Value[data];

    private static readonly Lazy<IReadOnlyDictionary<string, JavaCorpus.DataAnswers>> LazyJava = new(ComputeJava);

    private static IReadOnlyDictionary<string, JavaCorpus.DataAnswers> ComputeJava()
    {
        var scratch = Directory.CreateTempSubdirectory("avro-driver-");
        try
        {
            var data = Cases.Select(c => c.Data).ToList();
            var schemas = data.Select(d => (string[])[Corpus.SchemaPathOfData(d), .. Corpus.SchemaDirArgs(d)]).ToList();
            var inputs = data.Select((d, i) =>
            {
                var path = Path.Combine(scratch.FullName, $"{i}.json");
                File.WriteAllBytes(path, Input(d));
                return path;
            }).ToList();
            var bytes = JavaOracle.RunBatch(data.SelectMany((d, i) => new (string[], string?)[]
            {
                (["fromjson", .. schemas[i]], inputs[i]),
                (["fromjson", .. schemas[i], "--map-order", "input"], inputs[i]),
            }).ToList());
            var json = JavaOracle.RunBatch(data.Select((d, i) =>
            {
                var path = Path.Combine(scratch.FullName, $"{i}.bin");
                File.WriteAllBytes(path, bytes[2 * i].EnsureSuccess().Stdout);
                return ((string[])["tojson", .. schemas[i]], (string?)path);
            }).ToList());
            return data.Select((d, i) => (d, new JavaCorpus.DataAnswers(bytes[2 * i], bytes[2 * i + 1], json[i])))
                .ToDictionary(x => x.d, x => x.Item2);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static IReadOnlyList<(string, string)> FindCases()
    {
        var cases = new List<(string, string)>();
        foreach (var data in Corpus.DataFiles())
        {
            var schema = Path.ChangeExtension(data, ".avsc");
            if (ParseWithItsSet(schema).Single(f => f.Path == schema).Schema is NamedSchema named)
            {
                cases.Add((data, named.FullName));
            }
        }

        return cases;
    }

    /// <summary>The schema files a corpus schema is compiled with: itself, or every file of its set.</summary>
    private static IReadOnlyList<string> FilesWith(string relativeSchema) =>
        relativeSchema.IndexOf('/') is var slash and > 0
            ? Corpus.Schemas().Where(s => s.StartsWith(relativeSchema[..(slash + 1)], StringComparison.Ordinal)).ToList()
            : [relativeSchema];

    private static IReadOnlyList<(string Path, AvroSchema? Schema)> ParseWithItsSet(string relativeSchema)
    {
        var files = FilesWith(relativeSchema);
        var set = SchemaParser.ParseSet(files.Select(f => new SchemaSource(f, File.ReadAllText(Corpus.SchemaPath(f)))));
        Assert.True(set.Success, $"{relativeSchema}: {string.Join("; ", set.Errors)}");
        return files.Select((f, i) => (f, set.Files[i].Schema)).ToList();
    }

    private static ConformanceDriver Build()
    {
        var files = Cases.SelectMany(c => FilesWith(Path.ChangeExtension(c.Data, ".avsc"))).Distinct().ToList();
        var all = SchemaParser.ParseSet(files.Select(f => new SchemaSource(f, File.ReadAllText(Corpus.SchemaPath(f)))));
        Assert.True(all.Success, "the corpus schemas the driver takes no longer compile as one set (a full name defined twice?): " +
            string.Join("; ", all.Errors));

        // Rewrite a copy only when its content changed: an unchanged timestamp lets MSBuild skip the generator on a rerun.
        var folder = SchemaFolder;
        foreach (var stale in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.avsc", SearchOption.AllDirectories) : [])
        {
            if (!files.Contains(Path.GetRelativePath(folder, stale).Replace('\\', '/')))
            {
                File.Delete(stale);
            }
        }

        foreach (var file in files)
        {
            var target = Path.Combine(folder, file);
            var text = File.ReadAllBytes(Corpus.SchemaPath(file));
            if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(text))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, text);
            }
        }

        return ConformanceDriver.For(folder);
    }
}

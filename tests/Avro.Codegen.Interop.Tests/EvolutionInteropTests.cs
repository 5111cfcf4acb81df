using Avro.Codegen.Interop.Tests.Infrastructure;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// Schema resolution against Java's resolving decoder. Each case under <c>Evolution/</c> has a writer schema, a reader
/// schema and datums in the writer's Avro JSON encoding: Java encodes the datums with the writer schema, reads them
/// back through its resolving decoder as the reader schema and re-encodes them; our plan must turn Java's writer bytes
/// into exactly Java's reader bytes. (libavro-java is 1.8: the cases keep to rules 1.8 and 1.12 share, so enum
/// defaults and namespace-free name matching are covered by the runtime tests instead.)
/// </summary>
public class EvolutionInteropTests
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Avro.Codegen.Interop.Tests", "Evolution");

    public static IReadOnlyList<string> Cases =>
        Directory.GetFiles(Path.Combine(Folder, "data"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()!;

    public static string Writer(string name) => Path.Combine(Folder, "writers", name + ".avsc");

    public static string Reader(string name) => Path.Combine(Folder, "readers", name + ".avsc");

    /// <summary>Java's writer bytes and resolved reader bytes for every case, from two JVM runs.</summary>
    public static IReadOnlyList<(string Name, byte[] Written, byte[] Resolved)> JavaResults()
    {
        var written = JavaOracle.RunBatch(Cases.Select(c =>
            (new[] { "fromjson", Writer(c) }, (string?)Path.Combine(Folder, "data", c + ".json"))).ToList());
        var temp = Directory.CreateTempSubdirectory("avro-evolution-");
        try
        {
            var inputs = Cases.Select((c, i) =>
            {
                var path = Path.Combine(temp.FullName, c + ".bin");
                File.WriteAllBytes(path, written[i].EnsureSuccess().Stdout);
                return path;
            }).ToList();
            var resolved = JavaOracle.RunBatch(Cases.Select((c, i) => (new[] { "resolve", Writer(c), Reader(c) }, (string?)inputs[i])).ToList());
            return Cases.Select((c, i) => (c, written[i].Stdout, resolved[i].EnsureSuccess().Stdout)).ToList();
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [OracleFact(Oracle.Java)]
    public void Resolved_bytes_equal_Javas_resolving_decoder()
    {
        var results = JavaResults();
        Assert.NotEmpty(results);
        foreach (var (name, written, javaResolved) in results)
        {
            Assert.NotEmpty(written);
            var writer = Parse(Writer(name));
            var reader = Parse(Reader(name));
            foreach (var mode in new[] { ResolutionMode.RequireCompatible, ResolutionMode.PerValue })
            {
                var plan = SchemaResolution.GetPlan(writer, reader, mode);
                Assert.False(plan.IsIdentity, name);
                var ours = new System.Buffers.ArrayBufferWriter<byte>();
                for (var offset = 0; offset < written.Length;)
                {
                    offset += plan.Transcode(written.AsSpan(offset), ours);
                }

                Assert.True(javaResolved.AsSpan().SequenceEqual(ours.WrittenSpan),
                    $"{name} ({mode}): Java {Convert.ToHexString(javaResolved)}, ours {Convert.ToHexString(ours.WrittenSpan)}");
            }
        }
    }

    private static AvroSchema Parse(string path)
    {
        var result = SchemaParser.Parse(File.ReadAllText(path), path);
        Assert.True(result.Success, string.Join("; ", result.Errors));
        return result.Schema!;
    }
}

/// <summary>
/// The conformance driver's <c>resolve</c> verb over the same cases: Java's writer bytes, read into the generated
/// reader types, printed in the Avro JSON encoding, must be the datums Java's resolving decoder reads.
/// </summary>
public class ResolveVerbTests
{
    private static ConformanceDriver Driver => ConformanceDriver.For(Path.Combine(EvolutionInteropTests.Folder, "readers"));

    private static string ReaderName(string name) =>
        ((NamedSchema)SchemaParser.Parse(File.ReadAllText(EvolutionInteropTests.Reader(name))).Schema!).FullName;

    [OracleFact(Oracle.Java)]
    public void Resolve_prints_the_datums_Javas_resolving_decoder_reads()
    {
        var results = EvolutionInteropTests.JavaResults();
        var temp = Directory.CreateTempSubdirectory("avro-resolve-verb-");
        try
        {
            var expected = JavaOracle.RunBatch(results.Select(r =>
            {
                var path = Path.Combine(temp.FullName, r.Name + ".bin");
                File.WriteAllBytes(path, r.Resolved);
                return (new[] { "tojson", EvolutionInteropTests.Reader(r.Name) }, (string?)path);
            }).ToList());
            for (var i = 0; i < results.Count; i++)
            {
                var (name, written, _) = results[i];
                foreach (var strict in new[] { false, true })
                {
                    string[] arguments = strict
                        ? ["resolve", EvolutionInteropTests.Writer(name), ReaderName(name), "--require-compatible"]
                        : ["resolve", EvolutionInteropTests.Writer(name), ReaderName(name)];
                    var ours = Driver.Run(written, arguments).EnsureSuccess();
                    JsonEquivalence.AssertSameDatums(expected[i].EnsureSuccess().Stdout, ours.Stdout, "Java " + name, "resolve " + name);
                }
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [OracleFact(Oracle.Java)]
    public void Resolve_reports_incompatible_pairs_bad_values_and_usage()
    {
        var writer = EvolutionInteropTests.Writer("enums");
        var written = EvolutionInteropTests.JavaResults().Single(r => r.Name == "enums").Written;

        // Per value (Java's way), the first datum fails where the reader needs a field the writer lacks.
        var perValue = Driver.Run(written, "resolve", writer, "evo.added.User");
        Assert.Equal(2, perValue.ExitCode);
        Assert.StartsWith("bad input: The writer's record 'evo.enums.Card' does not match", perValue.Stderr);

        var strict = Driver.Run(written, "resolve", writer, "evo.added.User", "--require-compatible");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("NAME_MISMATCH at /name: expected: evo.enums.Card", strict.Stderr);
        Assert.Empty(strict.Stdout);

        Assert.Equal(2, Driver.Run(written, "resolve", writer).ExitCode);
        Assert.Contains("unknown type 'evo.Nope'", Driver.Run(written, "resolve", writer, "evo.Nope").Stderr);
        var truncated = Driver.Run(written[..^1], "resolve", writer, "evo.enums.Card");
        Assert.Equal(2, truncated.ExitCode);
        Assert.Contains("Unexpected end of data", truncated.Stderr);
    }
}

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

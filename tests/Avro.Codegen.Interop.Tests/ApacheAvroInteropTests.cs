extern alias ApacheAvro;

using System.Text;
using System.Text.Json.Nodes;
using Avro.Codegen.Interop.Tests.Infrastructure;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using ApacheBinaryDecoder = ApacheAvro::Avro.IO.BinaryDecoder;
using ApacheBinaryEncoder = ApacheAvro::Avro.IO.BinaryEncoder;
using ApacheJsonDecoder = ApacheAvro::Avro.IO.JsonDecoder;
using ApacheJsonEncoder = ApacheAvro::Avro.IO.JsonEncoder;
using ApacheSchema = ApacheAvro::Avro.Schema;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// Apache.Avro 1.12.2 (Apache's C# implementation: its generic datum reader and writer, binary and JSON codecs) as an
/// in-process oracle over the whole corpus and the evolution cases. It follows the 1.12 specification, where the Java
/// oracle here is 1.8. Where Apache.Avro disagrees with the specification, <see cref="Deviations"/> says where and why:
/// those fields are left out of the comparison with Apache (or, for names, Apache gets the writer in the reader's
/// namespace), a test checks that Apache still fails on them as described, and our side of them stays asserted (against
/// the corpus here, against Java's resolving decoder in <see cref="EvolutionInteropTests"/>).
/// </summary>
public sealed class ApacheAvroInteropTests
{
    /// <summary>
    /// One thing Apache.Avro 1.12.2 gets wrong, in a corpus data file or an evolution case: the top-level fields it concerns
    /// (left out of the comparison with Apache), why it is wrong, and the text of Apache's error (null: Apache fails
    /// silently, writing other bytes).
    /// </summary>
    /// <param name="WriterNamespace">For a case Apache cannot resolve because the namespaces differ: the writer's
    /// namespace and the reader's, so Apache is given the writer schema in the reader's namespace (same bytes).</param>
    private sealed record Deviation(string Case, string[] Fields, string Reason, string? ApacheError, bool JsonCodec = false,
        (string From, string To)? WriterNamespace = null);

    private static readonly Deviation[] Deviations =
    [
        // The specification requires only a size; zero is a valid fixed (Java and avsc accept it).
        new("wire-collections.json", ["empty"], "Apache refuses a fixed of size 0", "size must be greater than zero"),
        // Specification 1.12: uuid annotates a string or a fixed of size 16.
        new("wire-logical.json", ["id_fixed"], "Apache accepts the uuid logical type only on strings, not on fixed(16)",
            "'uuid' can only be used with an underlying string type"),
        // Specification: an invalid logical type (a decimal whose scale exceeds its precision) is ignored, and the
        // underlying type is used.
        new("wire-logical.json", ["bad_decimal"], "Apache rejects the schema instead of ignoring the invalid decimal",
            "'decimal' requires a 'scale' property that is zero or less than or equal to 'precision'"),
        // Specification: timestamp-micros annotates a long; every long is a valid value.
        new("wire-logical.json", ["ts_us"],
            "Apache turns timestamp-micros into a DateTime and back: long.MaxValue microseconds overflows and is written as -1",
            null),
        // Binary reading and writing are fine; Apache's JSON decoder fails once a recursive type nests in itself.
        new("wire-recursive.json", [], "Apache's JsonDecoder throws on a recursive record nested in itself",
            "Object reference not set to an instance of an object", JsonCodec: true),
        // Specification: a string is promotable to bytes and bytes to string.
        new("promotions", ["sb", "bs"], "Apache's resolving reader refuses the string-to-bytes and bytes-to-string promotions",
            "Schema mismatch"),
        // Specification: a reader field matches a writer field by name or by one of the reader field's aliases.
        new("aliases", ["fullName", "name"],
            "Apache's resolving reader does not match a writer field through the reader field's aliases (it reads past the end)",
            "End of stream reached"),
        // Specification 1.10 and later: records, enums and fixeds match by unqualified name.
        new("unqualified-names", [], "Apache's resolving reader requires the same full name, namespace included",
            "Schema mismatch", WriterNamespace: ("com.old", "com.new")),
    ];

    /// <summary>The fields of a case that are compared without Apache.</summary>
    private static string[] DeviatingFields(string @case) =>
        Deviations.Where(d => d.Case == @case).SelectMany(d => d.Fields).ToArray();

    private static bool JsonCodecDeviates(string @case) => Deviations.Any(d => d.Case == @case && d.JsonCodec);

    /// <summary>
    /// The evolution cases of <c>Evolution/</c> (rules Java 1.8 and 1.12 share, also compared with Java) and of
    /// <c>Evolution112/</c> (rules of 1.9 and later that only this oracle knows: enum defaults, unqualified names).
    /// </summary>
    public static TheoryData<string> EvolutionCases() => new(EvolutionInteropTests.Cases.Concat(Evolution112Cases));

    private static string Evolution112Folder => Path.Combine(RepoPaths.Root, "tests", "Avro.Codegen.Interop.Tests", "Evolution112");

    private static IEnumerable<string> Evolution112Cases =>
        Directory.GetFiles(Path.Combine(Evolution112Folder, "data"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    private static string EvolutionFolder(string name) =>
        File.Exists(Path.Combine(Evolution112Folder, "data", name + ".json")) ? Evolution112Folder : EvolutionInteropTests.Folder;

    private static string EvolutionWriter(string name) => Path.Combine(EvolutionFolder(name), "writers", name + ".avsc");

    private static string EvolutionReader(string name) => Path.Combine(EvolutionFolder(name), "readers", name + ".avsc");

    public static TheoryData<int> DeviationCases() => new(Enumerable.Range(0, Deviations.Length));

    /// <summary>Apache's generic reader reads our bytes into the corpus values, and its writer writes our bytes again.</summary>
    [Theory]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void Apache_reads_our_bytes_into_the_corpus_values_and_writes_them_again_byte_for_byte(string data)
    {
        var (schema, schemaJson, datums) = Compared(data);
        var ours = FromJsonOurs(data, schemaJson, datums);

        var read = ReadBinary(schema, ours);
        var written = Concat(read.Select(v => WriteBinary(schema, v)));

        Assert.Equal(datums.Count, read.Count);
        BinaryInteropTests.AssertSameBytes(ours, written, "avro-codegen", "Apache.Avro 1.12.2");
        if (!JsonCodecDeviates(data))
        {
            var apacheJson = Encoding.UTF8.GetBytes(string.Join("\n", read.Select(v => WriteJson(schema, v))));
            JsonEquivalence.AssertSameDatums(Encoding.UTF8.GetBytes(string.Join("\n", datums)), apacheJson,
                "corpus", "Apache's JSON of our bytes", ordered: true);
        }
    }

    /// <summary>Apache reads the corpus datums from Avro JSON and writes our bytes, which our reader reads back.</summary>
    [Theory]
    [MemberData(nameof(Corpus.DataCases), MemberType = typeof(Corpus))]
    public void Apache_writes_the_corpus_datums_as_we_do_and_we_read_its_bytes(string data)
    {
        if (JsonCodecDeviates(data))
        {
            return; // Apache cannot read this file's JSON; the binary comparison above covers it.
        }

        var (schema, schemaJson, datums) = Compared(data);
        var reader = new ApacheAvro::Avro.Generic.GenericDatumReader<object?>(schema, schema);
        var apacheBytes = Concat(datums.Select(line => WriteBinary(schema, reader.Read(null, new ApacheJsonDecoder(schema, line)))));

        BinaryInteropTests.AssertSameBytes(apacheBytes, FromJsonOurs(data, schemaJson, datums), "Apache.Avro 1.12.2");
        var ours = schemaJson is null
            ? AvroCli.ToJson(apacheBytes, data, AvroCli.InputOrder).EnsureSuccess().Stdout
            : WithSchemaFile(schemaJson, path => AvroCli.Run(apacheBytes, "tojson", "--schema", path).EnsureSuccess().Stdout);
        JsonEquivalence.AssertSameDatums(Encoding.UTF8.GetBytes(string.Join("\n", datums)), ours,
            "corpus", "avro-codegen of Apache's bytes", ordered: true);
    }

    /// <summary>
    /// Schema resolution: Apache's generic reader, given the writer and the reader schema, reads the writer's bytes, and
    /// its writer writes the result as the reader schema; our resolution plan turns the same writer bytes into the same
    /// bytes.
    /// </summary>
    [Theory]
    [MemberData(nameof(EvolutionCases))]
    public void Resolution_gives_the_bytes_Apaches_resolving_reader_gives(string name)
    {
        var fields = DeviatingFields(name);
        var writerJson = WithoutFields(File.ReadAllText(EvolutionWriter(name)), fields);
        var readerJson = WithoutFields(File.ReadAllText(EvolutionReader(name)), fields);
        var rename = Deviations.FirstOrDefault(d => d.Case == name && d.WriterNamespace is not null)?.WriterNamespace;
        var writer = ApacheSchema.Parse(rename is var (from, to) ? writerJson.Replace($"\"{from}\"", $"\"{to}\"", StringComparison.Ordinal) : writerJson);
        var reader = ApacheSchema.Parse(readerJson);
        var written = WriterBytes(name, writerJson, fields);

        var apacheResolved = Concat(ReadBinary(writer, written, reader).Select(v => WriteBinary(reader, v)));

        var plan = SchemaResolution.GetPlan(ParseOurs(writerJson), ParseOurs(readerJson), ResolutionMode.RequireCompatible);
        var ours = new System.Buffers.ArrayBufferWriter<byte>();
        for (var offset = 0; offset < written.Length;)
        {
            offset += plan.Transcode(written.AsSpan(offset), ours);
        }

        Assert.NotEmpty(written);
        BinaryInteropTests.AssertSameBytes(apacheResolved, ours.WrittenSpan.ToArray(), "Apache.Avro 1.12.2", "our plan");
    }

    /// <summary>
    /// Each deviation is still there: Apache fails as described on the case with that deviation's fields put back (the
    /// other deviating fields still left out), so the note stays true. Our side follows the specification: the full
    /// corpus file round-trips through our binary encoding; a full case of <c>Evolution/</c> is compared with Java's
    /// resolving decoder in <see cref="EvolutionInteropTests"/>, and here our plan for it must exist (the names case of
    /// <c>Evolution112/</c> is compared in full above, Apache reading the writer in the reader's namespace).
    /// </summary>
    [Theory]
    [MemberData(nameof(DeviationCases))]
    public void Apache_still_deviates_as_documented_and_we_follow_the_specification(int index)
    {
        var deviation = Deviations[index];
        var others = DeviatingFields(deviation.Case).Except(deviation.Fields).ToArray();
        Exception? failure;
        if (deviation.ApacheError is null)
        {
            // A silent one: with the field put back, Apache's bytes of the corpus datums differ from ours.
            var schemaJson = WithoutFields(File.ReadAllText(Corpus.SchemaPathOfData(deviation.Case)), others);
            var schema = ApacheSchema.Parse(schemaJson);
            var datums = JsonEquivalence.Lines(File.ReadAllBytes(Corpus.DataPath(deviation.Case))).Select(d => WithoutFields(d, others)).ToList();
            var reader = new ApacheAvro::Avro.Generic.GenericDatumReader<object?>(schema, schema);
            var apacheBytes = Concat(datums.Select(line => WriteBinary(schema, reader.Read(null, new ApacheJsonDecoder(schema, line)))));
            Assert.False(apacheBytes.AsSpan().SequenceEqual(FromJsonOurs(deviation.Case, schemaJson, datums)),
                $"Apache.Avro no longer deviates on {deviation.Case}: {deviation.Reason}");
            failure = null;
        }
        else if (deviation.Case.EndsWith(".json", StringComparison.Ordinal))
        {
            failure = Record.Exception(() =>
            {
                var schema = others.Length == 0
                    ? ApacheSchemaOf(deviation.Case)
                    : ApacheSchema.Parse(WithoutFields(File.ReadAllText(Corpus.SchemaPathOfData(deviation.Case)), others));
                var reader = new ApacheAvro::Avro.Generic.GenericDatumReader<object?>(schema, schema);
                foreach (var line in JsonEquivalence.Lines(File.ReadAllBytes(Corpus.DataPath(deviation.Case))))
                {
                    reader.Read(null, new ApacheJsonDecoder(schema, WithoutFields(line, others)));
                }
            });
        }
        else
        {
            var writerJson = WithoutFields(File.ReadAllText(EvolutionWriter(deviation.Case)), others);
            var readerJson = WithoutFields(File.ReadAllText(EvolutionReader(deviation.Case)), others);
            var written = WriterBytes(deviation.Case, writerJson, others);
            failure = Record.Exception(() => ReadBinary(ApacheSchema.Parse(writerJson), written, ApacheSchema.Parse(readerJson)));
            var plan = SchemaResolution.GetPlan(ParseOurs(writerJson), ParseOurs(readerJson), ResolutionMode.RequireCompatible);
            Assert.False(plan.IsIdentity);
        }

        if (deviation.ApacheError is not null)
        {
            Assert.True(failure is not null, $"Apache.Avro no longer deviates on {deviation.Case}: {deviation.Reason}");
            Assert.Contains(deviation.ApacheError, failure.Message + " " + failure.InnerException?.Message);
        }

        if (deviation.Case.EndsWith(".json", StringComparison.Ordinal))
        {
            var bytes = AvroCli.FromJson(deviation.Case, AvroCli.InputOrder).EnsureSuccess().Stdout;
            JsonEquivalence.AssertSameDatums(File.ReadAllBytes(Corpus.DataPath(deviation.Case)),
                AvroCli.ToJson(bytes, deviation.Case, AvroCli.InputOrder).EnsureSuccess().Stdout, "corpus", "avro-codegen round trip", ordered: true);
        }
    }

    /// <summary>Our fromjson of an evolution case's datums with the writer schema (less the given fields).</summary>
    private static byte[] WriterBytes(string name, string writerJson, string[] fields)
    {
        var datums = JsonEquivalence.Lines(File.ReadAllBytes(Path.Combine(EvolutionFolder(name), "data", name + ".json")))
            .Select(line => WithoutFields(line, fields));
        return WithSchemaFile(writerJson, path =>
            AvroCli.Run(Encoding.UTF8.GetBytes(string.Join("\n", datums) + "\n"), "fromjson", "--schema", path).EnsureSuccess().Stdout);
    }

    /// <summary>
    /// The corpus file as compared with Apache: its schema (parsed by Apache), and its datums; with the deviating fields
    /// removed from both, in which case the schema text is returned too, for our tool.
    /// </summary>
    private static (ApacheSchema Schema, string? SchemaJson, IReadOnlyList<string> Datums) Compared(string data)
    {
        var datums = JsonEquivalence.Lines(File.ReadAllBytes(Corpus.DataPath(data)));
        var fields = DeviatingFields(data);
        if (fields.Length == 0)
        {
            return (ApacheSchemaOf(data), null, datums);
        }

        var schemaJson = WithoutFields(File.ReadAllText(Corpus.SchemaPathOfData(data)), fields);
        return (ApacheSchema.Parse(schemaJson), schemaJson, datums.Select(d => WithoutFields(d, fields)).ToList());
    }

    /// <summary>Our fromjson of the datums: of the corpus file itself, or of the narrowed schema and datums.</summary>
    private static byte[] FromJsonOurs(string data, string? schemaJson, IReadOnlyList<string> datums) =>
        schemaJson is null
            ? AvroCli.FromJson(data, AvroCli.InputOrder).EnsureSuccess().Stdout
            : WithSchemaFile(schemaJson, path =>
                AvroCli.Run(Encoding.UTF8.GetBytes(string.Join("\n", datums) + "\n"), "fromjson", "--schema", path, "--map-order", "input").EnsureSuccess().Stdout);

    private static T WithSchemaFile<T>(string schemaJson, Func<string, T> use)
    {
        var path = Path.Combine(Path.GetTempPath(), "apache-interop-" + Guid.NewGuid().ToString("N") + ".avsc");
        File.WriteAllText(path, schemaJson);
        try
        {
            return use(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A record schema or a record datum (Avro JSON) without the named top-level fields.</summary>
    private static string WithoutFields(string json, string[] names)
    {
        if (names.Length == 0)
        {
            return json;
        }

        var node = JsonNode.Parse(json)!.AsObject();
        if (node["fields"] is JsonArray fields && node["type"]?.GetValue<string>() == "record")
        {
            foreach (var field in fields.Where(f => names.Contains(f!["name"]!.GetValue<string>())).ToList())
            {
                fields.Remove(field);
            }
        }
        else
        {
            foreach (var name in names)
            {
                node.Remove(name);
            }
        }

        return node.ToJsonString();
    }

    /// <summary>
    /// The corpus schema as Apache parses it: a standalone file as it is; a member of a schema set (its types refer to
    /// other files of the set, which Apache's parser cannot be given) as one self-contained text, written by our schema
    /// core with each named type defined at its first use.
    /// </summary>
    private static ApacheSchema ApacheSchemaOf(string data)
    {
        var relative = Path.ChangeExtension(data, ".avsc");
        var path = Corpus.SchemaPath(relative);
        if (relative.IndexOf('/') is not (var slash and > 0))
        {
            return ApacheSchema.Parse(File.ReadAllText(path));
        }

        var set = Directory.EnumerateFiles(Path.Combine(RepoPaths.CorpusSchemas, relative[..slash]), "*.avsc", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new SchemaSource(f, File.ReadAllText(f)))
            .ToList();
        var parsed = SchemaParser.ParseSet(set);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        var file = parsed.Files.Single(f => Path.GetFullPath(f.Path) == Path.GetFullPath(path));
        return ApacheSchema.Parse(SchemaJson.ToJson(file.Schema!));
    }

    private static List<object?> ReadBinary(ApacheSchema writer, byte[] bytes, ApacheSchema? reader = null)
    {
        var datumReader = new ApacheAvro::Avro.Generic.GenericDatumReader<object?>(writer, reader ?? writer);
        using var stream = new MemoryStream(bytes);
        var decoder = new ApacheBinaryDecoder(stream);
        var values = new List<object?>();
        while (stream.Position < stream.Length)
        {
            values.Add(datumReader.Read(null, decoder));
        }

        return values;
    }

    private static byte[] WriteBinary(ApacheSchema schema, object? value)
    {
        using var stream = new MemoryStream();
        var encoder = new ApacheBinaryEncoder(stream);
        new ApacheAvro::Avro.Generic.GenericDatumWriter<object?>(schema).Write(value, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    private static string WriteJson(ApacheSchema schema, object? value)
    {
        using var stream = new MemoryStream();
        var encoder = new ApacheJsonEncoder(schema, stream);
        new ApacheAvro::Avro.Generic.GenericDatumWriter<object?>(schema).Write(value, encoder);
        encoder.Flush();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();

    private static AvroSchema ParseOurs(string json)
    {
        var result = SchemaParser.Parse(json);
        Assert.True(result.Success, string.Join("; ", result.Errors));
        return result.Schema!;
    }
}

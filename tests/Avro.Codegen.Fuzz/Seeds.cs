using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Fuzz;

/// <summary>
/// Writes the seed corpora from the repository's test corpus (tests/corpus: schemas and their data in the Avro JSON
/// encoding) and the older writers' data in Writers/. File names are content hashes, so rerunning only adds files.
/// </summary>
internal static class Seeds
{
    public static void Write(string root)
    {
        var corpus = Path.Combine(root, "tests", "corpus");
        var output = Path.Combine(root, "tests", "fuzz", "corpus");
        var schemas = FuzzSchemas.Corpus;
        var encodedByType = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);

        foreach (var dataFile in Directory.GetFiles(Path.Combine(corpus, "data"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Path.Combine(corpus, "data"), dataFile);
            var schemaIndex = FuzzSchemas.IndexOfFile(Path.GetFileNameWithoutExtension(relative) + ".avsc");
            var schema = schemas[schemaIndex];
            var generated = schema is NamedSchema named ? GeneratedTypes.All.ToList().FindIndex(t => t.FullName == named.FullName) : -1;
            var datums = ReadDatums(schema, File.ReadAllBytes(dataFile));
            foreach (var datum in datums)
            {
                var binary = GenericBinary.Encode(schema, datum);
                var json = Encoding.UTF8.GetBytes(GenericJson.ToJson(schema, datum));
                Save(output, "binary-generic", [(byte)schemaIndex, .. binary]);
                Save(output, "json-generic", [(byte)schemaIndex, .. json]);
                if (generated >= 0)
                {
                    encodedByType.TryAdd(GeneratedTypes.All[generated].FullName, []);
                    encodedByType[GeneratedTypes.All[generated].FullName].Add(binary);
                    Save(output, "binary-generated", [(byte)generated, .. binary]);
                    Save(output, "json-generated", [(byte)generated, .. json]);
                }
            }

            foreach (var codec in new[] { AvroContainer.NullCodec, AvroContainer.DeflateCodec })
            {
                using var file = new MemoryStream();
                using (var writer = new AvroContainerWriter(file, schema, codec))
                {
                    foreach (var datum in datums.Take(8))
                    {
                        writer.WriteEncoded(GenericBinary.Encode(schema, datum));
                    }
                }

                Save(output, "container", file.ToArray());
            }
        }

        // The non-record named types through the generated converters.
        var names = AvroGeneratedTypes.FullNames;
        for (var i = 0; i < names.Count; i++)
        {
            var selector = (byte)(GeneratedTypes.All.Count + i);
            Save(output, "binary-generated", [selector, 0x02, 0x61, 0x62, 0x63, 0x64]);
            Save(output, "json-generated", [selector, .. "\"ab\""u8]);
        }

        for (var pair = 0; pair < ResolutionPairs.All.Count; pair++)
        {
            var (writer, reader) = ResolutionPairs.All[pair];
            var identity = ParsingCanonicalForm.ToCanonicalJson(writer.Value) == ParsingCanonicalForm.ToCanonicalJson(reader.Schema);
            var encoded = identity
                ? encodedByType[reader.FullName]
                : WriterData(writer.Value).Select(d => GenericBinary.Encode(writer.Value, d)).ToList();
            foreach (var binary in encoded)
            {
                Save(output, "resolution", [(byte)pair, 0, .. binary]);
                Save(output, "resolution", [(byte)pair, 1, .. binary]);
            }
        }

        foreach (var schemaFile in Directory.GetFiles(Path.Combine(corpus, "schemas"), "*.avsc", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Path.Combine(corpus, "divergent"), "*.avsc")).Order(StringComparer.Ordinal))
        {
            Save(output, "schema", File.ReadAllBytes(schemaFile));
        }

        foreach (var folder in Directory.GetDirectories(Path.Combine(corpus, "schemas")).Order(StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(folder, "*.avsc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText);
            Save(output, "schema", Encoding.UTF8.GetBytes(string.Join('\0', files)));
        }

        foreach (var (status, operation, body) in RegistrySeeds())
        {
            Save(output, "registry", [status, operation, .. Encoding.UTF8.GetBytes(body)]);
        }
    }

    private static List<object?> ReadDatums(AvroSchema schema, byte[] json)
    {
        var values = new List<object?>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            values.Add(GenericJson.Read(ref reader, schema));
        }

        return values;
    }

    // Data in an older writer's encoding, from the JSON files beside it (Writers/NAME.json, one datum a line).
    private static List<object?> WriterData(AvroSchema writer)
    {
        var name = ((NamedSchema)writer).Name.ToLowerInvariant();
        using var stream = typeof(Seeds).Assembly.GetManifestResourceStream($"writers/{name}-v0.json")
            ?? throw new InvalidOperationException($"no writer data for {name}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ReadDatums(writer, buffer.ToArray());
    }

    private static IEnumerable<(byte Status, byte Operation, string Body)> RegistrySeeds()
    {
        const string Schema = """{"type": "record", "name": "Leaf", "namespace": "org.example.other", "fields": [{"name": "v", "type": "string"}]}""";
        var escaped = JsonSerializer.Serialize(Schema);
        var schemaAnswer = $$"""{"schema": {{escaped}}, "schemaType": "AVRO", "references": [{"name": "a.Ref", "subject": "ref-value", "version": 1}]}""";
        var registered = $$"""{"subject": "topic-value", "version": 1, "id": 1, "guid": "00000000-0000-0000-0000-000000000000", "schema": {{escaped}}}""";
        var answers = new Dictionary<int, string>
        {
            [0] = schemaAnswer,
            [1] = $$"""{"schema": {{escaped}}}""",
            [2] = $$"""{"id": 7, "schema": {{escaped}}}""",
            [3] = """["topic-value", "other-key"]""",
            [4] = "[1, 2, 3]",
            [5] = registered,
            [6] = registered,
            [7] = """{"is_compatible": false, "messages": ["READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0"]}""",
            [8] = """{"compatibilityLevel": "FULL_TRANSITIVE"}""",
            [9] = """{"compatibility": "BACKWARD"}""",
            [10] = """{"id": 12}""",
            [11] = registered,
            [12] = "[1, 2]",
            [13] = "1",
            [14] = $$"""{"schema": {{escaped}}}""",
            [15] = $$"""{"schema": {{JsonSerializer.Serialize("""{"type": "record", "name": "Leaf", "namespace": "org.example.other", "fields": [{"name": "v", "type": "a.Ref"}]}""")}}, "references": [{"name": "a.Ref", "subject": "ref-value", "version": 1}]}""",
        };
        foreach (var (operation, body) in answers)
        {
            yield return (0, (byte)operation, body);
        }

        // Errors: status selectors 4.. (404, 401, 409, 422, 500, 400, 204, 429).
        for (byte status = 4; status < 12; status++)
        {
            yield return (status, (byte)(status % 16), """{"error_code": 40403, "message": "Schema 1 not found"}""");
        }

        yield return (8, 0, "<html>gateway error</html>");
    }

    private static void Save(string output, string target, byte[] input)
    {
        var folder = Path.Combine(output, target);
        Directory.CreateDirectory(folder);
        var name = Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant();
        File.WriteAllBytes(Path.Combine(folder, name), input);
    }
}

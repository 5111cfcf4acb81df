using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using Avro.Codegen.Serialization;

namespace Avro.Codegen.Conformance;

/// <summary>
/// The registry verbs of the conformance driver:
/// <c>confluent-encode &lt;registry-url&gt; &lt;topic&gt; &lt;avro.full.Name&gt; &lt; data.json &gt; framed.bin</c> registers the type's
/// schema under <c>&lt;topic&gt;-value</c> and writes each JSON datum as a Confluent-framed message (0x00, 4-byte id, body);
/// <c>confluent-decode &lt;registry-url&gt; &lt;avro.full.Name&gt; &lt; framed.bin</c> reads framed messages (0x00 + id or
/// 0x01 + GUID), fetches each writer schema by id (resolving data written with another compatible schema) and prints
/// each datum in the Avro JSON encoding, one per line.
/// Both go through the generated code only; the schema registered is the one the type was generated from (the
/// .avsc files are embedded at build time).
/// </summary>
internal static class ConfluentVerbs
{
    public const string Usage =
        "usage: Avro.Codegen.Conformance confluent-encode <registry-url> <topic> <avro.full.Name> < data.json > framed.bin\n" +
        "       Avro.Codegen.Conformance confluent-decode <registry-url> <avro.full.Name> < framed.bin";

    public static bool IsVerb(string[] args) => args.Length > 0 && args[0] is "confluent-encode" or "confluent-decode";

    public static int Run(string[] args)
    {
        var encode = args[0] == "confluent-encode";
        if (args.Length != (encode ? 4 : 3))
        {
            return Fail(Usage);
        }

        var url = args[1];
        var fullName = args[encode ? 3 : 2];
        if (!AvroGeneratedTypes.FullNames.Contains(fullName))
        {
            return Fail($"unknown type '{fullName}'; known: {string.Join(", ", AvroGeneratedTypes.FullNames)}");
        }

        var schema = FindSchema(fullName);
        if (schema is null)
        {
            return Fail($"the schema of '{fullName}' was not embedded in the driver (build with -p:ConformanceSchemas=<absolute dir>)");
        }

        byte[] input;
        using (var stdin = Console.OpenStandardInput())
        using (var buffer = new MemoryStream())
        {
            stdin.CopyTo(buffer);
            input = buffer.ToArray();
        }

        try
        {
            using var client = RegistryClient.Create(url);
            var output = new ArrayBufferWriter<byte>();
            if (encode)
            {
                Encode(client, args[2], fullName, schema, input, output);
            }
            else
            {
                Decode(client, fullName, schema, input, output);
            }

            using var stdout = Console.OpenStandardOutput();
            stdout.Write(output.WrittenSpan);
            return 0;
        }
        catch (RegistryException e)
        {
            return Fail($"registry error (HTTP {e.Status}, error_code {e.ErrorCode}): {e.Message}");
        }
        catch (AvroDataException e)
        {
            return Fail($"bad input: {e.Message}");
        }
        catch (JsonException e)
        {
            return Fail($"bad input: malformed JSON: {e.Message}");
        }
        catch (ArgumentException e)
        {
            return Fail($"bad registry URL: {e.Message}");
        }
    }

    private static void Encode(IRegistryClient client, string topic, string fullName, AvroSchema schema, byte[] input, IBufferWriter<byte> output)
    {
        var id = client.RegisterSchemaAsync(topic + "-value", new RegistrySchema(SchemaJson.ToJson(schema))).GetAwaiter().GetResult();
        var reader = new Utf8JsonReader(input, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
        while (AvroJsonCodec.TryRead(ref reader))
        {
            ConfluentFraming.WriteHeader(output, id);
            var writer = new AvroWriter(output);
            AvroGeneratedTypes.TryJsonToBinary(fullName, ref reader, ref writer);
            writer.Flush();
        }
    }

    private static void Decode(IRegistryClient client, string fullName, AvroSchema schema, byte[] input, IBufferWriter<byte> output)
    {
        var plans = new Dictionary<ConfluentSchemaId, ResolutionPlan>();
        var resolved = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(output, AvroSerializer.JsonWriterOptions);
        var offset = 0;
        do
        {
            var id = ConfluentFraming.ReadHeader(input.AsSpan(offset), out var body);
            if (!plans.TryGetValue(id, out var plan))
            {
                plan = Plan(client, id, fullName, schema);
                plans.Add(id, plan);
            }

            var bodyStart = input.Length - body.Length;
            int consumed;
            if (plan.IsIdentity)
            {
                var reader = new AvroReader(body);
                AvroGeneratedTypes.TryBinaryToJson(fullName, ref reader, json);
                consumed = (int)reader.Position;
            }
            else
            {
                // Another, compatible writer schema: resolve to the type's encoding, then decode with the generated code.
                resolved.ResetWrittenCount();
                consumed = plan.Transcode(body, resolved);
                var reader = new AvroReader(resolved.WrittenSpan);
                AvroGeneratedTypes.TryBinaryToJson(fullName, ref reader, json);
            }

            json.Flush();
            json.Reset();
            output.Write("\n"u8);
            offset = bodyStart + consumed;
        }
        while (offset < input.Length);
    }

    // The plan from the message's writer schema to the type's (the identity when they share a canonical form); the
    // same resolution the runtime's ConfluentAvroDeserializer uses.
    private static ResolutionPlan Plan(IRegistryClient client, ConfluentSchemaId id, string fullName, AvroSchema readerSchema)
    {
        RegistrySchema writer;
        try
        {
            writer = id.Id is { } number
                ? client.GetSchemaByIdAsync(number).GetAwaiter().GetResult()
                : client.GetSchemaByGuidAsync(id.Guid!.Value).GetAwaiter().GetResult().Schema;
        }
        catch (RegistryException e) when (e.ErrorCode == RegistryErrorCodes.SchemaNotFound)
        {
            throw new AvroDataException($"the message names schema {id}, which the registry does not know");
        }

        var parsed = SchemaParser.Parse(writer.Schema, "registry-" + id + ".avsc");
        if (parsed.Schema is null)
        {
            throw new AvroDataException($"the registry's schema {id} does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }

        try
        {
            return SchemaResolution.GetPlan(parsed.Schema, readerSchema);
        }
        catch (AvroIncompatibleSchemaException e)
        {
            throw new AvroDataException($"the message was written with schema {id}, which {fullName} cannot read: {e.Message}");
        }
    }

    /// <summary>Parses the .avsc files embedded at build time and finds the named type.</summary>
    private static AvroSchema? FindSchema(string fullName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var sources = new List<SchemaSource>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("avsc/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            sources.Add(new SchemaSource(resource, text.ReadToEnd()));
        }

        return SchemaParser.ParseSet(sources).Find(fullName);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message.ReplaceLineEndings(" "));
        return 2;
    }
}

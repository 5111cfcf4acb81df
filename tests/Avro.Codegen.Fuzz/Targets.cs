using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Registry;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;
using Avro.Codegen.Serialization;

namespace Avro.Codegen.Fuzz;

/// <summary>
/// The fuzz targets. Each takes one input and drives one untrusted-input surface through the public API, catching
/// exactly the exception types that surface documents; anything else escapes (afl records a crash, the replay tests
/// fail), as does a broken round trip (<see cref="FuzzInvariantException"/>). Where a target serves several schemas or
/// operations, the input's first byte(s) choose one (modulo the count), the rest is the payload.
/// </summary>
public static class Targets
{
    /// <summary>Every target by name (the names are the folder names under tests/fuzz/corpus and tests/fuzz/crashers).</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["binary-generated"] = BinaryGenerated,
        ["binary-generic"] = BinaryGeneric,
        ["resolution"] = Resolution,
        ["json-generated"] = JsonGenerated,
        ["json-generic"] = JsonGeneric,
        ["schema"] = Schema,
        ["registry"] = Registry,
        ["container"] = Container,
    };

    // Created on first use: under afl the product code is instrumented and must not run before the fork server starts.
    private static GenericReadOptions? _keepBranches;

    private static GenericReadOptions KeepBranches => _keepBranches ??= new() { KeepUnionBranches = true };

    /// <summary>
    /// [type][Avro binary]: a generated record type's decoder (<see cref="AvroSerializer.Deserialize{T}(ReadOnlySpan{byte}, AvroReaderOptions?)"/>),
    /// or for the named types that are not records, the generated binary-to-JSON converter. Documented: <see cref="AvroDataException"/>.
    /// </summary>
    public static void BinaryGenerated(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var data = input.AsSpan(1);
        var types = GeneratedTypes.All;
        var names = AvroGeneratedTypes.FullNames;
        var pick = input[0] % (types.Count + names.Count);
        try
        {
            if (pick < types.Count)
            {
                types[pick].ReadBinary(data);
                return;
            }

            var reader = new AvroReader(data, FuzzLimits.Reader);
            var output = new ArrayBufferWriter<byte>();
            using var json = new Utf8JsonWriter(output, AvroSerializer.JsonWriterOptions);
            AvroGeneratedTypes.TryBinaryToJson(names[pick - types.Count], ref reader, json);
        }
        catch (AvroDataException)
        {
        }
    }

    /// <summary>
    /// [schema][Avro binary]: <see cref="GenericBinary.Decode"/> with a corpus schema, then binary and JSON round trips.
    /// Documented: <see cref="AvroDataException"/>.
    /// </summary>
    public static void BinaryGeneric(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var schema = FuzzSchemas.Corpus[input[0] % FuzzSchemas.Corpus.Count];
        object? value;
        try
        {
            value = GenericBinary.Decode(schema, input.AsSpan(1), FuzzLimits.Reader, KeepBranches);
        }
        catch (AvroDataException)
        {
            return;
        }

        GenericRoundTrip(schema, value);
    }

    /// <summary>
    /// [writer/reader pair][mode][Avro binary]: data written with an older writer schema read through the pair's
    /// <see cref="ResolutionPlan"/> three ways (generic, transcoded, as the generated type), which must agree.
    /// The low bit of the mode byte selects <see cref="ResolutionMode.PerValue"/>. Documented: <see cref="AvroDataException"/>.
    /// </summary>
    public static void Resolution(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var (writer, reader) = ResolutionPairs.All[input[0] % ResolutionPairs.All.Count];
        var mode = (input[1] & 1) == 0 ? ResolutionMode.RequireCompatible : ResolutionMode.PerValue;
        if (!SchemaResolution.TryGetPlan(writer.Value, reader.Schema, out var plan, out _, mode))
        {
            return;
        }

        var data = input.AsSpan(2);
        byte[] transcoded;
        object? generic;
        try
        {
            transcoded = plan!.Transcode(data, FuzzLimits.Reader);
            generic = plan.ReadGeneric(data, FuzzLimits.Reader, KeepBranches);
        }
        catch (AvroDataException)
        {
            return;
        }

        // Transcoding copies what needs no resolution as written, so a writer's non-minimal varints and its blocking
        // survive it: compare after decoding the transcoded bytes (which must be valid in the reader's schema).
        var fromTranscoded = GenericBinary.Decode(plan.ReaderSchema, transcoded, FuzzLimits.Reader, KeepBranches);
        FuzzCheck.SameBytes(GenericBinary.Encode(plan.ReaderSchema, fromTranscoded), GenericBinary.Encode(plan.ReaderSchema, generic),
            "generic resolved read vs transcoding");
        reader.ReadResolved(plan, data);
        reader.ReadBinary(transcoded);
    }

    /// <summary>
    /// [type][Avro JSON]: a generated record type's JSON decoder (<see cref="AvroSerializer.FromJson{T}(ReadOnlySpan{byte})"/>,
    /// documented: <see cref="AvroDataException"/>), or for the named types that are not records, the generated
    /// JSON-to-binary converter over a caller's <see cref="Utf8JsonReader"/> (documented: <see cref="AvroDataException"/>,
    /// and <see cref="JsonException"/> from the caller's reader).
    /// </summary>
    public static void JsonGenerated(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var json = input.AsSpan(1);
        var types = GeneratedTypes.All;
        var names = AvroGeneratedTypes.FullNames;
        var pick = input[0] % (types.Count + names.Count);
        if (pick < types.Count)
        {
            try
            {
                types[pick].ReadJson(json);
            }
            catch (AvroDataException)
            {
            }

            return;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            var output = new ArrayBufferWriter<byte>();
            var writer = new AvroWriter(output);
            if (reader.Read())
            {
                AvroGeneratedTypes.TryJsonToBinary(names[pick - types.Count], ref reader, ref writer);
            }
        }
        catch (AvroDataException)
        {
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>
    /// [schema][Avro JSON]: <see cref="GenericJson.FromJson"/> (documented: <see cref="AvroDataException"/>), then the
    /// CLI's way (several datums through <see cref="GenericJson.Read"/>; documented: <see cref="AvroDataException"/>
    /// and the reader's <see cref="JsonException"/>), then round trips of what was read.
    /// </summary>
    public static void JsonGeneric(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var schema = FuzzSchemas.Corpus[input[0] % FuzzSchemas.Corpus.Count];
        var utf8 = input.AsSpan(1);
        try
        {
            GenericRoundTrip(schema, GenericJson.FromJson(schema, Encoding.UTF8.GetString(utf8), KeepBranches));
        }
        catch (AvroDataException)
        {
        }

        var values = new List<object?>();
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 4096 });
            while (reader.Read())
            {
                values.Add(GenericJson.Read(ref reader, schema, KeepBranches));
            }
        }
        catch (AvroDataException)
        {
        }
        catch (JsonException)
        {
        }

        foreach (var value in values)
        {
            GenericRoundTrip(schema, value);
        }
    }

    /// <summary>
    /// Schema text (several files when it contains NUL bytes, which split it): <see cref="SchemaParser"/> reports every
    /// problem as a <see cref="SchemaError"/> and throws nothing. A parsed schema's canonical form, fingerprints and
    /// JSON must work, its JSON must parse back to the same canonical form, and a schema must be compatible with itself.
    /// </summary>
    public static void Schema(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var parts = text.Split('\0');
        var schemas = new List<AvroSchema>();
        if (parts.Length == 1)
        {
            var result = SchemaParser.Parse(text, "fuzz.avsc");
            if (result.Schema is { } schema && result.Success)
            {
                schemas.Add(schema);
            }
        }
        else
        {
            var set = SchemaParser.ParseSet(parts.Select((p, i) => new SchemaSource($"fuzz{i}.avsc", p)).ToList());
            if (set.Success)
            {
                schemas.AddRange(set.Files.Select(f => f.Schema!));
            }
        }

        foreach (var schema in schemas)
        {
            var canonical = ParsingCanonicalForm.ToCanonicalJson(schema);
            SchemaFingerprint.Crc64Avro(schema);
            SchemaFingerprint.Sha256(schema);
            var json = SchemaJson.ToJson(schema);
            // The schema's JSON keeps every name full, so it parses back to the same schema. (The canonical form
            // need not: it drops "namespace", so a null-namespace type nested in a namespaced one changes its name.)
            var reparsed = SchemaParser.Parse(json, "again.avsc");
            if (reparsed.Schema is null || !reparsed.Success)
            {
                throw new FuzzInvariantException($"its JSON does not parse: {string.Join("; ", reparsed.Errors.Select(e => e.Message))}\n{json}");
            }

            FuzzCheck.SameText(canonical, ParsingCanonicalForm.ToCanonicalJson(reparsed.Schema), "canonical form of its JSON");
            if (!SchemaCompatibility.CheckReaderWriter(schema, schema).IsCompatible)
            {
                throw new FuzzInvariantException("a schema is not compatible with itself: " + canonical);
            }
        }
    }

    /// <summary>
    /// [status][operation][body]: the registry client's response parsing. Every request is answered with the status
    /// and body from the input; the operation is one of the client's calls or a Confluent deserializer that fetches
    /// the writer schema (and its references) from that answer. Documented: <see cref="RegistryException"/>, and
    /// <see cref="AvroDataException"/> from the deserializer.
    /// </summary>
    public static void Registry(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var status = RegistryAnswers.Statuses[input[0] % RegistryAnswers.Statuses.Length];
        var operation = RegistryAnswers.Operations[input[1] % RegistryAnswers.Operations.Length];
        var body = input[2..];
        using var handler = new RegistryAnswers.Handler(status, body);
        var options = new RegistryClientOptions { HttpMessageHandler = handler, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(10) };
        options.Urls.Add("http://registry.fuzz.invalid/");
        var client = new RegistryClient(options);
        try
        {
            operation(client).GetAwaiter().GetResult();
        }
        catch (RegistryException)
        {
        }
        catch (AvroDataException)
        {
        }
    }

    /// <summary>
    /// An object container file: <see cref="AvroContainerReader"/> reading every datum generically, and, when the
    /// file's schema is a generated type's, as that type too (both must count the same datums). Documented:
    /// <see cref="AvroDataException"/>.
    /// </summary>
    public static void Container(byte[] input)
    {
        AvroSchema schema;
        var genericCount = 0;
        try
        {
            using var reader = new AvroContainerReader(new MemoryStream(input), FuzzLimits.Reader, maxBlockSize: FuzzLimits.MaxBlockSize);
            schema = reader.Schema;
            foreach (var value in reader.ReadAll(KeepBranches))
            {
                GenericRoundTrip(schema, value);
                genericCount++;
            }
        }
        catch (AvroDataException)
        {
            return;
        }

        if (schema is NamedSchema named && GeneratedTypes.All.FirstOrDefault(t => t.FullName == named.FullName) is { } type)
        {
            int typedCount;
            try
            {
                using var reader = new AvroContainerReader(new MemoryStream(input), FuzzLimits.Reader, maxBlockSize: FuzzLimits.MaxBlockSize);
                typedCount = type.ReadContainer(reader);
            }
            catch (AvroDataException)
            {
                // Another schema under the generated type's name: documented.
                return;
            }

            if (typedCount != genericCount)
            {
                throw new FuzzInvariantException($"{genericCount} datums read generically, {typedCount} as {type.FullName}");
            }
        }
    }

    // A decoded value must encode and decode back to the same bytes, and read back from its JSON encoding to the same
    // JSON (compared as JSON: the JSON encoding has one NaN, so a NaN's payload bits need not survive it).
    private static void GenericRoundTrip(AvroSchema schema, object? value)
    {
        var binary = GenericBinary.Encode(schema, value);
        var again = GenericBinary.Encode(schema, GenericBinary.Decode(schema, binary, FuzzLimits.Reader, KeepBranches));
        FuzzCheck.SameBytes(binary, again, "generic binary round trip");
        var json = GenericJson.ToJson(schema, value);
        FuzzCheck.SameText(json, GenericJson.ToJson(schema, GenericJson.FromJson(schema, json, KeepBranches)), "generic JSON round trip");
    }
}

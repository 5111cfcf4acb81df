// The conformance driver: converts between the Avro JSON encoding and the Avro binary encoding through the generated
// code only (the generated JSON reader/writer and binary reader/writer of the named type given by full name).
// Exit codes as the CLI: 0 ok, 2 bad input or usage. Errors are one line on stderr.
using System.Buffers;
using System.Text.Json;
using Avro.Codegen;
using Avro.Codegen.Conformance;

// The schema-resolution verb lives in ResolveVerb.cs.
if (ResolveVerb.IsVerb(args))
{
    return ResolveVerb.Run(args);
}

const string Usage = "usage: Avro.Codegen.Conformance fromjson|tojson <avro.full.Name>  (data on stdin, result on stdout)";

// The registry verbs live in ConfluentVerbs.cs.
if (ConfluentVerbs.IsVerb(args))
{
    return ConfluentVerbs.Run(args);
}

if (args.Length != 2 || (args[0] != "fromjson" && args[0] != "tojson"))
{
    return Fail(Usage);
}

var fullName = args[1];
if (!AvroGeneratedTypes.FullNames.Contains(fullName))
{
    return Fail(AvroGeneratedTypes.FullNames.Count == 0
        ? $"unknown type '{fullName}': no schemas were compiled (build with -p:ConformanceSchemas=<absolute dir>)"
        : $"unknown type '{fullName}'; known: {string.Join(", ", AvroGeneratedTypes.FullNames)}");
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
    using var stdout = Console.OpenStandardOutput();
    if (args[0] == "fromjson")
    {
        FromJson(fullName, input, stdout);
    }
    else
    {
        ToJson(fullName, input, stdout);
    }

    return 0;
}
catch (AvroDataException e)
{
    return Fail($"bad input: {e.Message}");
}
catch (JsonException e)
{
    return Fail($"bad input: malformed JSON: {e.Message}");
}

static void FromJson(string fullName, byte[] input, Stream stdout)
{
    // Datums are whitespace-separated JSON values.
    var reader = new Utf8JsonReader(input, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
    var output = new ArrayBufferWriter<byte>();
    var writer = new AvroWriter(output);
    while (AvroJsonCodec.TryRead(ref reader))
    {
        AvroGeneratedTypes.TryJsonToBinary(fullName, ref reader, ref writer);
    }

    writer.Flush();
    stdout.Write(output.WrittenSpan);
}

static void ToJson(string fullName, byte[] input, Stream stdout)
{
    var reader = new AvroReader(input);
    var output = new ArrayBufferWriter<byte>();
    using var json = new Utf8JsonWriter(output, AvroSerializer.JsonWriterOptions);
    while (!reader.End)
    {
        AvroGeneratedTypes.TryBinaryToJson(fullName, ref reader, json);
        json.Flush();
        json.Reset();
        output.Write("\n"u8);
    }

    stdout.Write(output.WrittenSpan);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message.ReplaceLineEndings(" "));
    return 2;
}

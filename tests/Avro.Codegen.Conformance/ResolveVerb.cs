using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Conformance;

/// <summary>
/// The schema-resolution verb of the conformance driver:
/// <c>resolve &lt;writer.avsc&gt; &lt;reader avro.full.Name&gt; [--require-compatible] &lt; data.bin</c> reads values written
/// back to back with the writer schema, resolves each to the generated reader type's schema (the .avsc files the
/// driver was built from are embedded) and prints each through the generated code in the Avro JSON encoding, one per
/// line. By default a pair is resolved per value, as Java's resolving decoder does (a value fails only when it needs
/// what the reader cannot give); <c>--require-compatible</c> first demands a compatible pair, as the runtime's default.
/// </summary>
internal static class ResolveVerb
{
    public const string Usage = "usage: Avro.Codegen.Conformance resolve <writer.avsc> <reader avro.full.Name> [--require-compatible] < data.bin";

    public static bool IsVerb(string[] args) => args.Length > 0 && args[0] == "resolve";

    public static int Run(string[] args)
    {
        var positional = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var options = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (positional.Count != 2 || options.Any(o => o != "--require-compatible"))
        {
            return Fail(Usage, 2);
        }

        var (writerPath, fullName) = (positional[0], positional[1]);
        var mode = options.Count > 0 ? ResolutionMode.RequireCompatible : ResolutionMode.PerValue;
        if (!AvroGeneratedTypes.FullNames.Contains(fullName))
        {
            return Fail(AvroGeneratedTypes.FullNames.Count == 0
                ? $"unknown type '{fullName}': no schemas were compiled (build with -p:ConformanceSchemas=<absolute dir>)"
                : $"unknown type '{fullName}'; known: {string.Join(", ", AvroGeneratedTypes.FullNames)}", 2);
        }

        var reader = EmbeddedSchema(fullName);
        if (reader is null)
        {
            return Fail($"the schema of '{fullName}' was not embedded in the driver (build with -p:ConformanceSchemas=<absolute dir>)", 2);
        }

        string writerText;
        try
        {
            writerText = File.ReadAllText(writerPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read {writerPath}: {e.Message}", 2);
        }

        var parsed = SchemaParser.Parse(writerText, writerPath);
        if (parsed.Schema is null)
        {
            return Fail($"bad writer schema: {string.Join("; ", parsed.Errors.Select(e => e.ToString()))}", 2);
        }

        byte[] input;
        using (var stdin = Console.OpenStandardInput())
        using (var buffer = new MemoryStream())
        {
            stdin.CopyTo(buffer);
            input = buffer.ToArray();
        }

        var output = new ArrayBufferWriter<byte>();
        try
        {
            var plan = SchemaResolution.GetPlan(parsed.Schema, reader, mode);
            Resolve(plan, fullName, input, output);
        }
        catch (AvroIncompatibleSchemaException e)
        {
            return Fail($"incompatible: {e.Message}", 1);
        }
        catch (AvroDataException e)
        {
            return Fail($"bad input: {e.Message}", 2);
        }

        using var stdout = Console.OpenStandardOutput();
        stdout.Write(output.WrittenSpan);
        return 0;
    }

    private static void Resolve(ResolutionPlan plan, string fullName, byte[] input, ArrayBufferWriter<byte> output)
    {
        var resolved = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(output, AvroSerializer.JsonWriterOptions);
        for (var offset = 0; offset < input.Length;)
        {
            resolved.ResetWrittenCount();
            offset += plan.Transcode(input.AsSpan(offset), resolved);

            // The generated decoder of the reader type reads the resolved value.
            var reader = new AvroReader(resolved.WrittenSpan);
            AvroGeneratedTypes.TryBinaryToJson(fullName, ref reader, json);
            json.Flush();
            json.Reset();
            output.Write("\n"u8);
        }
    }

    /// <summary>Parses the .avsc files embedded at build time and finds the named type.</summary>
    private static AvroSchema? EmbeddedSchema(string fullName)
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

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine(message.ReplaceLineEndings(" "));
        return exitCode;
    }
}

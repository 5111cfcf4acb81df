using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen fromjson --schema S.avsc [--schema-dir DIR]... [--framing F] &lt; data.json &gt; data.bin</c>:
/// datums in the Avro JSON encoding (whitespace-separated) to Avro binary, written back to back; with
/// <c>--container [--codec NAME]</c>, to one Avro object container file.
/// </summary>
internal static class FromJsonCommand
{
    public static Command Create() =>
        CodecCommandOptions.CreateCommand(
            "fromjson",
            "Convert datums in the Avro JSON encoding (standard input) to Avro binary or, with --container, an Avro object container file (standard output).",
            "Order of map entries in the output: 'input' (the order of the JSON text) or 'java' (the order Java Avro's jsontofrag writes, so the bytes match it).",
            forWriting: true,
            Run,
            RunContainer);

    /// <summary>
    /// Converts every datum of <paramref name="input"/>; the output is written only when all of them converted, so a
    /// failure leaves no partial result behind.
    /// </summary>
    internal static int Run(AvroSchema schema, DatumFraming framing, bool javaMapOrder, Stream input, Stream output, TextWriter error)
    {
        var encoded = new ArrayBufferWriter<byte>();
        var fingerprint = framing.Kind == DatumFramingKind.SingleObject ? DatumFraming.Fingerprint(schema) : 0;
        var code = ConvertAll(schema, javaMapOrder, input, error, value =>
        {
            switch (framing.Kind)
            {
                case DatumFramingKind.Confluent:
                    ConfluentFraming.WriteHeader(encoded, framing.SchemaId!.Value);
                    break;
                case DatumFramingKind.SingleObject:
                    SingleObjectEncoding.WriteHeader(encoded, fingerprint);
                    break;
            }

            var writer = new AvroWriter(encoded);
            GenericBinary.Write(ref writer, schema, value);
            writer.Flush();
        });
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        output.Write(encoded.WrittenSpan);
        output.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Converts every datum of <paramref name="input"/> into one container file of <paramref name="schema"/>; as with
    /// bare datums, the file is written only when every datum converted.
    /// </summary>
    internal static int RunContainer(AvroSchema? schema, ContainerSettings settings, Stream input, Stream output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var file = new MemoryStream();
        var options = new AvroContainerWriterOptions { Codec = settings.Codec, BlockSize = settings.BlockSize };
        using (var writer = new AvroContainerWriter(file, schema, options, leaveOpen: true))
        {
            var code = ConvertAll(schema, settings.JavaMapOrder, input, error, writer.Write);
            if (code != ExitCodes.Ok)
            {
                return code;
            }
        }

        file.Position = 0;
        file.CopyTo(output);
        output.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>Reads the JSON datums of <paramref name="input"/> and hands each to <paramref name="sink"/>; errors are reported, located.</summary>
    private static int ConvertAll(AvroSchema schema, bool javaMapOrder, Stream input, TextWriter error, Action<object?> sink)
    {
        var json = CodecCommandOptions.ReadAll(input);
        var start = json.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(json.AsSpan(start), new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 4096 });
        var datum = 0;
        try
        {
            while (reader.Read())
            {
                datum++;
                var value = GenericJson.Read(ref reader, schema);
                if (javaMapOrder)
                {
                    value = JavaMapOrder.Apply(schema, value, JavaMapSource.Json);
                }

                sink(value);
            }
        }
        catch (AvroDataException e)
        {
            var at = e.Offset >= 0 ? $" at byte offset {e.Offset + start}" : "";
            error.WriteLine($"avro-codegen: error: datum {datum}{at}: {e.Reason}");
            return ExitCodes.BadInput;
        }
        catch (JsonException e)
        {
            error.WriteLine($"avro-codegen: error: datum {datum} at byte offset {reader.BytesConsumed + start}: Malformed JSON: {e.Message}");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }
}

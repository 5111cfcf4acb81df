using System.Buffers;
using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen tojson --schema S.avsc [--schema-dir DIR]... [--framing F] &lt; data.bin</c>: Avro binary datums
/// written back to back, to the Avro JSON encoding, one datum per line; with <c>--container</c>, the datums of an Avro
/// object container file.
/// </summary>
internal static class ToJsonCommand
{
    public static Command Create() =>
        CodecCommandOptions.CreateCommand(
            "tojson",
            "Convert Avro binary datums or, with --container, an Avro object container file (standard input) to the Avro JSON encoding, one datum per line (standard output).",
            "Order of map entries in the output: 'input' (the order of the binary data) or 'java' (the order Java Avro's JSON encoder writes after reading binary).",
            forWriting: false,
            Run,
            RunContainer);

    /// <summary>Converts every datum of <paramref name="input"/>; nothing is written unless all of them convert.</summary>
    internal static int Run(AvroSchema schema, DatumFraming framing, bool javaMapOrder, Stream input, Stream output, TextWriter error)
    {
        var data = CodecCommandOptions.ReadAll(input);
        var text = new ArrayBufferWriter<byte>();
        var fingerprint = framing.Kind == DatumFramingKind.SingleObject ? DatumFraming.Fingerprint(schema) : 0;
        // Deep but honest recursive data is fine; the limit only stops forged nesting from exhausting the stack.
        var reader = new AvroReader(data, new AvroReaderOptions { MaxDepth = 1000 });
        var datum = 0;
        try
        {
            while (!reader.End)
            {
                datum++;
                var start = (int)reader.Position;
                var headerLength = ReadHeader(data.AsSpan(start), framing, fingerprint, start);
                reader.Advance(headerLength);
                var value = GenericBinary.Read(ref reader, schema);
                if (javaMapOrder)
                {
                    value = JavaMapOrder.Apply(schema, value, JavaMapSource.Binary);
                }

                GenericJson.Write(text, schema, value);
                text.Write("\n"u8);
            }
        }
        catch (AvroDataException e)
        {
            var at = e.Offset >= 0 ? $" at byte offset {e.Offset}" : "";
            error.WriteLine($"avro-codegen: error: datum {datum}{at}: {e.Reason}");
            return ExitCodes.BadInput;
        }

        output.Write(text.WrittenSpan);
        output.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Converts the datums of a container file, block by block, writing each block's lines as soon as it is decoded
    /// (files can be larger than memory). A bad block stops the conversion with exit code 2 after the datums before it.
    /// </summary>
    internal static int RunContainer(AvroSchema? schema, ContainerSettings settings, Stream input, Stream output, TextWriter error)
    {
        var text = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            using var reader = new AvroContainerReader(input, CodecCommandOptions.ContainerReading, leaveOpen: true);
            if (schema is not null && ParsingCanonicalForm.ToCanonicalJson(schema) != ParsingCanonicalForm.ToCanonicalJson(reader.Schema))
            {
                error.WriteLine($"avro-codegen: error: the file's schema {ParsingCanonicalForm.ToCanonicalJson(reader.Schema)} is not the --schema one; leave --schema out to use the file's.");
                return ExitCodes.BadInput;
            }

            foreach (var datum in reader.ReadAll())
            {
                var value = settings.JavaMapOrder ? JavaMapOrder.Apply(reader.Schema, datum, JavaMapSource.Binary) : datum;
                GenericJson.Write(text, reader.Schema, value);
                text.Write("\n"u8);
                if (text.WrittenCount >= 64 * 1024)
                {
                    output.Write(text.WrittenSpan);
                    text.Clear();
                }
            }
        }
        catch (AvroDataException e)
        {
            output.Write(text.WrittenSpan);
            output.Flush();
            error.WriteLine($"avro-codegen: error: {e.Message}");
            return ExitCodes.BadInput;
        }

        output.Write(text.WrittenSpan);
        output.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>Checks the framing header at the start of <paramref name="message"/>; returns its length.</summary>
    private static int ReadHeader(ReadOnlySpan<byte> message, DatumFraming framing, ulong fingerprint, int offset)
    {
        try
        {
            switch (framing.Kind)
            {
                case DatumFramingKind.Confluent:
                    var id = ConfluentFraming.ReadHeader(message, out var body);
                    if (framing.SchemaId is { } expected && id.Id != expected)
                    {
                        throw new AvroDataException($"the message carries schema {id}, not the expected id {expected}", 0);
                    }

                    return message.Length - body.Length;
                case DatumFramingKind.SingleObject:
                    SingleObjectEncoding.ReadHeader(message, fingerprint, out body);
                    return message.Length - body.Length;
                default:
                    return 0;
            }
        }
        catch (AvroDataException e)
        {
            throw new AvroDataException(e.Reason, e.Offset >= 0 ? e.Offset + offset : offset, e);
        }
    }
}

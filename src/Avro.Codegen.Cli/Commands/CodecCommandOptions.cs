using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Compression;
using Avro.Codegen.Container;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>Options shared by the datum conversion verbs (<c>fromjson</c>, <c>tojson</c>, <c>cat</c>).</summary>
internal static class CodecCommandOptions
{
    /// <summary>Every container codec the tool knows: the runtime's and those of Avro.Codegen.Compression.</summary>
    public static readonly IReadOnlyList<AvroContainerCodec> Codecs = [.. AvroContainerCodec.BuiltIn, .. AvroCompressionCodecs.All];

    /// <summary>Reader options that know every codec in <see cref="Codecs"/>; nesting bounded against forged data.</summary>
    public static readonly AvroContainerReaderOptions ContainerReading = new()
    {
        Codecs = AvroCompressionCodecs.All,
        DatumOptions = new AvroReaderOptions { MaxDepth = 1000 },
    };

    public static Option<string> CreateSchemaOption(bool required = true) =>
        new("--schema")
        {
            Description = required ? "The .avsc file of the datums' schema." : "The .avsc file of the datums' schema (with --container: optional, the file's own schema is used; when given it must match).",
            Required = required,
        };

    public static Option<string> CreateFramingOption() =>
        new("--framing") { Description = DatumFraming.Help };

    public static Option<string> CreateMapOrderOption(string description)
    {
        var option = new Option<string>("--map-order")
        {
            Description = description,
            DefaultValueFactory = _ => "input",
        };
        option.AcceptOnlyFromAmong("input", "java");
        return option;
    }

    public static Option<string> CreateCodecOption(string description)
    {
        var option = new Option<string>("--codec") { Description = description };
        option.AcceptOnlyFromAmong([.. Codecs.Select(c => c.Name)]);
        return option;
    }

    public static Option<int> CreateBlockSizeOption() =>
        new("--block-size")
        {
            Description = "Uncompressed bytes per container block (Java's sync interval). Default 65536.",
            DefaultValueFactory = _ => 64 * 1024,
        };

    /// <summary>The codec called <paramref name="name"/> (the option only accepts known names).</summary>
    public static AvroContainerCodec Codec(string name) => Codecs.Single(c => c.Name == name);

    /// <summary>The conversion run of a verb: schema, framing, Java map order, standard input, standard output, error writer.</summary>
    public delegate int Conversion(AvroSchema schema, DatumFraming framing, bool javaMapOrder, Stream input, Stream output, TextWriter error);

    /// <summary>
    /// The container-file run of a verb: the schema given on the command line (null if none), the settings, standard
    /// input, standard output, error writer.
    /// </summary>
    public delegate int ContainerConversion(AvroSchema? schema, ContainerSettings settings, Stream input, Stream output, TextWriter error);

    /// <summary>
    /// Builds a conversion verb: the shared options (<c>--schema</c>, <c>--schema-dir</c>, <c>--framing</c>,
    /// <c>--map-order</c>, <c>--container</c>, and for writing <c>--codec</c> and <c>--block-size</c>), their
    /// validation and the schema loading, then <paramref name="run"/> or <paramref name="runContainer"/> over the
    /// standard streams.
    /// </summary>
    public static Command CreateCommand(string name, string description, string mapOrderDescription, bool forWriting, Conversion run, ContainerConversion runContainer)
    {
        // Required by hand: with --container, tojson takes the schema from the file.
        var schemaOption = CreateSchemaOption(required: false);
        var schemaDirs = SchemaLoader.CreateSchemaDirOption();
        var framing = CreateFramingOption();
        var mapOrder = CreateMapOrderOption(mapOrderDescription);
        var container = new Option<bool>("--container")
        {
            Description = forWriting
                ? "Write one Avro object container file (header with the schema, blocks, sync markers) instead of bare datums."
                : "Read an Avro object container file (any codec) instead of bare datums; its blocks are converted as they are read.",
        };
        var codec = CreateCodecOption("With --container: the block codec (" + string.Join(", ", Codecs.Select(c => c.Name)) + "). Default null.");
        var blockSize = CreateBlockSizeOption();

        var command = new Command(name, description)
        {
            schemaOption,
            schemaDirs,
            framing,
            mapOrder,
            container,
        };
        if (forWriting)
        {
            command.Options.Add(codec);
            command.Options.Add(blockSize);
        }

        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var isContainer = parseResult.GetValue(container);
            var schemaPath = parseResult.GetValue(schemaOption);
            var javaMapOrder = parseResult.GetValue(mapOrder) == "java";
            if (isContainer)
            {
                if (parseResult.GetValue(framing) is { } f)
                {
                    error.WriteLine($"avro-codegen: error: --framing '{f}' does not apply to container files (--container).");
                    return ExitCodes.BadInput;
                }

                var size = forWriting ? parseResult.GetValue(blockSize) : 64 * 1024;
                if (size <= 0)
                {
                    error.WriteLine($"avro-codegen: error: --block-size {size} is not valid: use a positive number of bytes.");
                    return ExitCodes.BadInput;
                }

                if (forWriting && schemaPath is null)
                {
                    error.WriteLine("avro-codegen: error: --schema is required.");
                    return ExitCodes.BadInput;
                }

                AvroSchema? containerSchema = null;
                if (schemaPath is not null)
                {
                    containerSchema = SchemaLoader.Load(schemaPath, parseResult.GetValue(schemaDirs), error);
                    if (containerSchema is null)
                    {
                        return ExitCodes.BadInput;
                    }
                }

                var settings = new ContainerSettings(Codec(parseResult.GetValue(codec) ?? AvroContainer.NullCodec), size, javaMapOrder);
                using var containerInput = Console.OpenStandardInput();
                using var containerOutput = Console.OpenStandardOutput();
                return runContainer(containerSchema, settings, containerInput, containerOutput, error);
            }

            if (parseResult.GetValue(codec) is { } codecName)
            {
                error.WriteLine($"avro-codegen: error: --codec '{codecName}' applies to container files only: add --container.");
                return ExitCodes.BadInput;
            }

            if (schemaPath is null)
            {
                error.WriteLine("avro-codegen: error: --schema is required (or --container" + (forWriting ? ")." : ", which reads the schema from the file)."));
                return ExitCodes.BadInput;
            }

            var frame = DatumFraming.Parse(parseResult.GetValue(framing), forWriting, out var problem);
            if (frame is null)
            {
                error.WriteLine("avro-codegen: error: " + problem);
                return ExitCodes.BadInput;
            }

            var schema = SchemaLoader.Load(schemaPath, parseResult.GetValue(schemaDirs), error);
            if (schema is null)
            {
                return ExitCodes.BadInput;
            }

            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return run(schema, frame, javaMapOrder, input, output, error);
        });
        return command;
    }

    /// <summary>Reads a whole stream (standard input) into memory; datums are converted from one contiguous buffer.</summary>
    public static byte[] ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}

/// <summary>Container settings of a conversion verb: the codec and block size of a written file, and the map order.</summary>
internal sealed record ContainerSettings(AvroContainerCodec Codec, int BlockSize, bool JavaMapOrder);

using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>Options shared by the datum conversion verbs (<c>fromjson</c>, <c>tojson</c>).</summary>
internal static class CodecCommandOptions
{
    public static Option<string> CreateSchemaOption() =>
        new("--schema")
        {
            Description = "The .avsc file of the datums' schema.",
            Required = true,
        };

    public static Option<string> CreateFramingOption() =>
        new("--framing") { Description = DatumFraming.Help };

    public static Option<string> CreateMapOrderOption(string description)
    {
        var option = new Option<string>("--map-order")
        {
            Description = description,
            DefaultValueFactory = _ => "java",
        };
        option.AcceptOnlyFromAmong("java", "input");
        return option;
    }

    /// <summary>The conversion run of a verb: schema, framing, Java map order, standard input, standard output, error writer.</summary>
    public delegate int Conversion(AvroSchema schema, DatumFraming framing, bool javaMapOrder, Stream input, Stream output, TextWriter error);

    /// <summary>
    /// Builds a conversion verb: the shared options (<c>--schema</c>, <c>--schema-dir</c>, <c>--framing</c>,
    /// <c>--map-order</c>), their validation and the schema loading, then <paramref name="run"/> over the standard streams.
    /// </summary>
    public static Command CreateCommand(string name, string description, string mapOrderDescription, bool forWriting, Conversion run)
    {
        var schemaOption = CreateSchemaOption();
        var schemaDirs = SchemaLoader.CreateSchemaDirOption();
        var framing = CreateFramingOption();
        var mapOrder = CreateMapOrderOption(mapOrderDescription);

        var command = new Command(name, description)
        {
            schemaOption,
            schemaDirs,
            framing,
            mapOrder,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var frame = DatumFraming.Parse(parseResult.GetValue(framing), forWriting, out var problem);
            if (frame is null)
            {
                error.WriteLine("avro-codegen: error: " + problem);
                return ExitCodes.BadInput;
            }

            var schema = SchemaLoader.Load(parseResult.GetValue(schemaOption)!, parseResult.GetValue(schemaDirs), error);
            if (schema is null)
            {
                return ExitCodes.BadInput;
            }

            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return run(schema, frame, parseResult.GetValue(mapOrder) == "java", input, output, error);
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

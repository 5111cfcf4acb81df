using System.CommandLine;

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

    /// <summary>Reads a whole stream (standard input) into memory; datums are converted from one contiguous buffer.</summary>
    public static byte[] ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}

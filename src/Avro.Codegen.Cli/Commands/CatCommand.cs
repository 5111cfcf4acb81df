using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Container;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen cat FILE.avro... [--codec NAME] [--block-size N] &gt; out.avro</c>: the datums of one or more
/// container files of one schema, as one container file (concatenated, re-blocked, in another codec if asked).
/// </summary>
internal static class CatCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Container files of one schema ('-' reads standard input).",
            Arity = ArgumentArity.OneOrMore,
        };
        var codec = CodecCommandOptions.CreateCodecOption("The output's codec (" + string.Join(", ", CodecCommandOptions.Codecs.Select(c => c.Name)) + "). Default: the first file's.");
        var blockSize = CodecCommandOptions.CreateBlockSizeOption();
        var command = new Command("cat", "Write the datums of one or more Avro object container files of one schema as one container file (standard output).")
        {
            files,
            codec,
            blockSize,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            using var output = Console.OpenStandardOutput();
            return Run(parseResult.GetValue(files)!, parseResult.GetValue(codec), parseResult.GetValue(blockSize), Console.OpenStandardInput, output, error);
        });
        return command;
    }

    /// <summary>
    /// Streams the datums of <paramref name="paths"/> into one file on <paramref name="output"/>, one block in memory
    /// at a time. The first file sets the schema, the user metadata and (unless <paramref name="codecName"/> is given)
    /// the codec; every other file must have the same schema (Parsing Canonical Form). A bad file stops with exit code 2.
    /// </summary>
    internal static int Run(IReadOnlyList<string> paths, string? codecName, int blockSize, Func<Stream> standardInput, Stream output, TextWriter error)
    {
        if (blockSize <= 0)
        {
            error.WriteLine($"avro-codegen: error: --block-size {blockSize} is not valid: use a positive number of bytes.");
            return ExitCodes.BadInput;
        }

        AvroContainerWriter? writer = null;
        string? canonical = null;
        var path = paths[0];
        try
        {
            foreach (var each in paths)
            {
                path = each;
                using var reader = new AvroContainerReader(Open(each, standardInput), CodecCommandOptions.ContainerReading);
                var schema = ParsingCanonicalForm.ToCanonicalJson(reader.Schema);
                if (writer is null)
                {
                    canonical = schema;
                    var options = new AvroContainerWriterOptions
                    {
                        Codec = codecName is null ? reader.BlockCodec : CodecCommandOptions.Codec(codecName),
                        BlockSize = blockSize,
                        Metadata = reader.Metadata.Where(m => !m.Key.StartsWith("avro.", StringComparison.Ordinal)).ToDictionary(),
                    };
                    writer = new AvroContainerWriter(output, reader.Schema, options, leaveOpen: true);
                }
                else if (schema != canonical)
                {
                    error.WriteLine($"avro-codegen: error: {each}: its schema {schema} is not the first file's {canonical}.");
                    return ExitCodes.BadInput;
                }

                foreach (var value in reader.ReadAll())
                {
                    writer.Write(value);
                }
            }

            writer?.Dispose();
            return ExitCodes.Ok;
        }
        catch (AvroDataException e)
        {
            error.WriteLine($"avro-codegen: error: {path}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"avro-codegen: error: {path}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"avro-codegen: error: {path}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static Stream Open(string path, Func<Stream> standardInput) => path == "-" ? standardInput() : File.OpenRead(path);
}

using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary><c>avro-codegen canonical FILE.avsc [--schema-dir DIR]...</c>: prints the Parsing Canonical Form.</summary>
internal static class CanonicalCommand
{
    public static Command Create()
    {
        var file = SchemaLoader.CreateFileArgument();
        var schemaDirs = SchemaLoader.CreateSchemaDirOption();
        var command = new Command("canonical", "Print the schema's Parsing Canonical Form (the text its fingerprints are computed from).")
        {
            file,
            schemaDirs,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var schema = SchemaLoader.Load(parseResult.GetValue(file)!, parseResult.GetValue(schemaDirs), config.Error);
            if (schema is null)
            {
                return ExitCodes.BadInput;
            }

            config.Output.Write(ParsingCanonicalForm.ToCanonicalJson(schema) + "\n");
            return ExitCodes.Ok;
        });
        return command;
    }
}

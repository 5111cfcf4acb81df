using System.CommandLine;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen idl FILE.avdl [--import-dir DIR]... [--out DIR]</c>: compiles Avro IDL. Without <c>--out</c> it prints
/// the protocol as <c>.avpr</c> JSON, or for a file in the schema syntax its main schema as <c>.avsc</c> JSON (like Java's
/// <c>avro-tools idl</c>); with <c>--out</c> it writes one self-contained <c>&lt;full name&gt;.avsc</c> per named type (like
/// <c>idl2schemata</c>).
/// </summary>
internal static class IdlCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The Avro IDL (.avdl) file." };
        var importDirs = new Option<string[]>("--import-dir")
        {
            Description = "A folder to look in for imported files not found next to the importing file. Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var outDir = new Option<string>("--out")
        {
            Description = "Write one <full name>.avsc per named type into this folder instead of printing JSON.",
        };
        var command = new Command("idl", "Compile an Avro IDL file: print its protocol (.avpr) or main schema (.avsc) JSON, or write one .avsc per named type with --out.")
        {
            file,
            importDirs,
            outDir,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return Run(parseResult.GetValue(file)!, parseResult.GetValue(importDirs), parseResult.GetValue(outDir), config.Output, config.Error);
        });
        return command;
    }

    private static int Run(string path, IReadOnlyList<string>? importDirs, string? outDir, TextWriter output, TextWriter error)
    {
        var problems = new List<SchemaError>();
        var text = SchemaLoader.Read(path, problems);
        if (text is null)
        {
            SchemaLoader.Print(problems, error);
            return ExitCodes.BadInput;
        }

        var set = AvroIdl.Parse(text, path, AvroIdl.FileSystemResolver(importDirs));
        if (!set.Success)
        {
            SchemaLoader.Print(set.Errors, error);
            return ExitCodes.BadInput;
        }

        var result = set.Files[0];
        if (outDir is not null)
        {
            return WriteSchemas(result.AllTypes, outDir, error);
        }

        if (result.Protocol is not null)
        {
            output.Write(SchemaJson.ToJson(result.Protocol, indented: true) + "\n");
            return ExitCodes.Ok;
        }

        if (result.Schema is null)
        {
            SchemaLoader.Print(new[] { SchemaErrorCodes.NoMainSchema(path) }, error);
            return ExitCodes.BadInput;
        }

        output.Write(SchemaJson.ToJson(result.Schema, indented: true) + "\n");
        return ExitCodes.Ok;
    }

    private static int WriteSchemas(IReadOnlyList<NamedSchema> types, string outDir, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            foreach (var type in types)
            {
                // Each file defines every type it uses, so it parses on its own.
                File.WriteAllText(Path.Combine(outDir, type.FullName + ".avsc"), SchemaJson.ToJson(type, indented: true) + "\n");
            }

            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            SchemaLoader.Print(new[] { SchemaErrorCodes.CannotRead(outDir, "cannot write there: " + ex.Message) }, error);
            return ExitCodes.BadInput;
        }
    }
}

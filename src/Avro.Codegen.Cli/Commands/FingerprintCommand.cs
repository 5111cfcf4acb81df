using System.CommandLine;
using System.Globalization;
using Avro.Codegen.Cli.Shared;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>
/// <c>avro-codegen fingerprint FILE.avsc [--schema-dir DIR]... [--algorithm crc64|md5|sha256] [--format hex|long]</c>.
/// </summary>
internal static class FingerprintCommand
{
    public static Command Create()
    {
        var file = SchemaLoader.CreateFileArgument();
        var schemaDirs = SchemaLoader.CreateSchemaDirOption();
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "crc64 (CRC-64-AVRO, the Rabin fingerprint single-object encoding uses), md5 or sha256.",
            DefaultValueFactory = _ => "crc64",
        };
        algorithm.AcceptOnlyFromAmong("crc64", "md5", "sha256");
        var format = new Option<string>("--format")
        {
            Description = "hex: lower-case hex (crc64 as its 8 little-endian bytes, as single-object encoding writes them); " +
                "long: crc64 as Java's signed 64-bit value.",
            DefaultValueFactory = _ => "hex",
        };
        format.AcceptOnlyFromAmong("hex", "long");

        var command = new Command("fingerprint", "Print a fingerprint of the schema's Parsing Canonical Form.")
        {
            file,
            schemaDirs,
            algorithm,
            format,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var algorithmName = parseResult.GetValue(algorithm)!;
            var formatName = parseResult.GetValue(format)!;
            if (formatName == "long" && algorithmName != "crc64")
            {
                config.Error.WriteLine($"avro-codegen: error: --format long applies to crc64 only, not {algorithmName}.");
                return ExitCodes.BadInput;
            }

            var schema = SchemaLoader.Load(parseResult.GetValue(file)!, parseResult.GetValue(schemaDirs), config.Error);
            if (schema is null)
            {
                return ExitCodes.BadInput;
            }

            config.Output.Write(Format(schema, algorithmName, formatName) + "\n");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Format(AvroSchema schema, string algorithm, string format)
    {
        switch (algorithm)
        {
            case "md5":
                return Convert.ToHexStringLower(SchemaFingerprint.Md5(schema));
            case "sha256":
                return Convert.ToHexStringLower(SchemaFingerprint.Sha256(schema));
            default:
                var fingerprint = SchemaFingerprint.Crc64Avro(schema);
                return format == "long"
                    ? unchecked((long)fingerprint).ToString(CultureInfo.InvariantCulture)
                    : Convert.ToHexStringLower(SchemaFingerprint.ToLittleEndianBytes(fingerprint));
        }
    }
}

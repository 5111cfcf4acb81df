using System.Text;
using Avro.Codegen.Cli.Commands;
using Avro.Codegen.Compression;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Tests;

/// <summary><c>fromjson --container</c>, <c>tojson --container</c> and <c>cat</c> over Avro object container files.</summary>
public class ContainerCommandTests : CliTestBase
{
    private static readonly AvroSchema Record = SchemaParser.Parse("""
        {"type": "record", "name": "R", "namespace": "n", "fields": [
          {"name": "id", "type": "long"}, {"name": "name", "type": ["null", "string"]},
          {"name": "m", "type": {"type": "map", "values": "int"}}]}
        """).Schema!;

    private static readonly string Json = string.Join("\n", Enumerable.Range(0, 400).Select(Datum));

    private static string Datum(int i)
    {
        var name = i % 3 == 0 ? "null" : "{\"string\": \"n" + i + " é\"}";
        return "{\"id\": " + (i * 1000003L) + ", \"name\": " + name + ", \"m\": {\"z\": " + i + ", \"a\": 1, \"k" + (i % 5) + "\": 2}}";
    }

    private static byte[] FromJson(string codec, string json = "", int blockSize = 1024, AvroSchema? schema = null)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var code = FromJsonCommand.RunContainer(schema ?? Record, new ContainerSettings(CodecCommandOptions.Codec(codec), blockSize, false),
            new MemoryStream(Encoding.UTF8.GetBytes(json.Length == 0 ? Json : json)), output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToArray();
    }

    private static (int Code, string Output, string Error) ToJson(byte[] file, AvroSchema? schema = null, bool javaOrder = false)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var code = ToJsonCommand.RunContainer(schema, new ContainerSettings(AvroContainerCodec.Null, 1, javaOrder), new MemoryStream(file), output, error);
        return (code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>Our tojson of the bare datums: what the container forms must print too.</summary>
    private static string BareToJson()
    {
        var bare = new MemoryStream();
        Assert.Equal(0, FromJsonCommand.Run(Record, DatumFraming.None, false, new MemoryStream(Encoding.UTF8.GetBytes(Json)), bare, new StringWriter()));
        var text = new MemoryStream();
        Assert.Equal(0, ToJsonCommand.Run(Record, DatumFraming.None, false, new MemoryStream(bare.ToArray()), text, new StringWriter()));
        return Encoding.UTF8.GetString(text.ToArray());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    [InlineData("bzip2")]
    [InlineData("xz")]
    public void Fromjson_container_writes_a_file_in_the_codec_and_tojson_container_prints_it(string codec)
    {
        var file = FromJson(codec);
        using (var reader = new AvroContainerReader(new MemoryStream(file), new AvroContainerReaderOptions { Codecs = AvroCompressionCodecs.All }))
        {
            Assert.Equal(codec, reader.Codec);
            Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(Record), ParsingCanonicalForm.ToCanonicalJson(reader.Schema));
            var blocks = 0;
            while (reader.TryReadBlock(out _, out _))
            {
                blocks++;
            }

            Assert.True(blocks > 5, $"{blocks} blocks");
        }

        var (code, output, error) = ToJson(file);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(BareToJson(), output);
        Assert.Equal(400, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Tojson_container_keeps_input_map_order_by_default_and_java_order_on_request()
    {
        var file = FromJson("null", """{"id": 1, "name": null, "m": {"zebra": 1, "apple": 2, "mango": 3, "kiwi": 4}}""");
        Assert.Equal("{\"id\":1,\"name\":null,\"m\":{\"zebra\":1,\"apple\":2,\"mango\":3,\"kiwi\":4}}\n", ToJson(file).Output);
        var java = ToJson(file, javaOrder: true).Output;
        Assert.NotEqual(ToJson(file).Output, java);
        Assert.Equal(ToJson(file).Output.Length, java.Length);
    }

    [Fact]
    public void Tojson_container_checks_a_given_schema_against_the_files()
    {
        var file = FromJson("snappy");
        Assert.Equal(0, ToJson(file, Record).Code);
        var other = SchemaParser.Parse("""{"type": "record", "name": "R", "namespace": "n", "fields": [{"name": "id", "type": "long"}]}""").Schema!;
        var (code, output, error) = ToJson(file, other);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("avro-codegen: error: the file's schema ", error);
        Assert.Contains("is not the --schema one", error);
    }

    [Fact]
    public void Tojson_container_of_a_corrupt_file_prints_the_good_blocks_then_exits_2_naming_block_and_offset()
    {
        var file = FromJson("null");
        file[^5] ^= 0x10; // inside the last sync marker
        var (code, output, error) = ToJson(file);
        Assert.Equal(2, code);
        Assert.Matches(@"^avro-codegen: error: The sync marker after block \d+ does not match the header's: the file is corrupt \(at byte offset \d+\)\r?\n$", error);
        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length is > 300 and < 400);

        var notAFile = ToJson("{\"id\": 1}"u8.ToArray());
        Assert.Equal(2, notAFile.Code);
        Assert.Contains("Not an Avro object container file", notAFile.Error);

        var truncated = ToJson(FromJson("deflate")[..^40]);
        Assert.Equal(2, truncated.Code);
        Assert.Contains("byte offset", truncated.Error);
    }

    [Fact]
    public void Fromjson_container_writes_nothing_when_a_datum_is_bad()
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var code = FromJsonCommand.RunContainer(Record, new ContainerSettings(AvroContainerCodec.Snappy, 1024, false),
            new MemoryStream(Encoding.UTF8.GetBytes("""{"id": 1, "name": null, "m": {}} {"id": "x", "name": null, "m": {}}""")), output, error);
        Assert.Equal(2, code);
        Assert.Equal(0, output.Length);
        Assert.StartsWith("avro-codegen: error: datum 2 at byte offset ", error.ToString());
    }

    [Fact]
    public void Container_options_are_checked()
    {
        var framing = Run("fromjson", "--schema", "x.avsc", "--container", "--framing", "confluent:1");
        Assert.Equal(2, framing.ExitCode);
        Assert.Contains("--framing 'confluent:1' does not apply to container files", framing.Error);

        var codecAlone = Run("fromjson", "--schema", "x.avsc", "--codec", "snappy");
        Assert.Equal(2, codecAlone.ExitCode);
        Assert.Contains("--codec 'snappy' applies to container files only: add --container", codecAlone.Error);

        var unknownCodec = Run("fromjson", "--schema", "x.avsc", "--container", "--codec", "lzo");
        Assert.Equal(2, unknownCodec.ExitCode);
        Assert.Contains("lzo", unknownCodec.Error);

        var noSchema = Run("fromjson", "--container");
        Assert.Equal(2, noSchema.ExitCode);
        Assert.Contains("--schema is required", noSchema.Error);

        var bareNoSchema = Run("tojson");
        Assert.Equal(2, bareNoSchema.ExitCode);
        Assert.Contains("--schema is required (or --container", bareNoSchema.Error);

        var blockSize = Run("fromjson", "--schema", "x.avsc", "--container", "--block-size", "0");
        Assert.Equal(2, blockSize.ExitCode);
        Assert.Contains("--block-size 0 is not valid", blockSize.Error);
    }

    [Fact]
    public void Map_order_defaults_to_input_and_java_stays_available()
    {
        foreach (var verb in new[] { "fromjson", "tojson" })
        {
            var command = Program.CreateRootCommand().Subcommands.Single(c => c.Name == verb);
            var option = (System.CommandLine.Option<string>)command.Options.Single(o => o.Name == "--map-order");
            Assert.Equal("input", command.Parse(["--schema", "x.avsc"]).GetValue(option));
            Assert.Equal("java", command.Parse(["--schema", "x.avsc", "--map-order", "java"]).GetValue(option));
        }
    }

    [Fact]
    public void Cat_concatenates_files_of_one_schema_into_one_file_in_another_codec()
    {
        var first = Path.Combine(Dir, "a.avro");
        var second = Path.Combine(Dir, "b.avro");
        File.WriteAllBytes(first, FromJson("deflate"));
        File.WriteAllBytes(second, FromJson("xz"));
        var output = new MemoryStream();
        var error = new StringWriter();
        Assert.Equal(0, CatCommand.Run([first, second], "zstandard", 4096, () => throw new InvalidOperationException(), output, error));
        Assert.Equal("", error.ToString());

        using var reader = new AvroContainerReader(new MemoryStream(output.ToArray()));
        Assert.Equal("zstandard", reader.Codec);
        var values = reader.ReadAll().ToList();
        Assert.Equal(800, values.Count);
        using var original = new AvroContainerReader(new MemoryStream(FromJson("null")));
        var expected = original.ReadAll().ToList();
        Assert.Equal(expected.Concat(expected), values);

        // Without --codec the first file's codec is kept; standard input is '-'.
        var kept = new MemoryStream();
        Assert.Equal(0, CatCommand.Run(["-"], null, 4096, () => new MemoryStream(File.ReadAllBytes(first)), kept, new StringWriter()));
        using var keptReader = new AvroContainerReader(new MemoryStream(kept.ToArray()));
        Assert.Equal("deflate", keptReader.Codec);
        Assert.Equal(expected, keptReader.ReadAll().ToList());
    }

    [Fact]
    public void Cat_reports_other_schemas_missing_files_and_corrupt_files()
    {
        var first = Path.Combine(Dir, "a.avro");
        File.WriteAllBytes(first, FromJson("null"));
        var other = Path.Combine(Dir, "other.avro");
        File.WriteAllBytes(other, FromJson("null", "5 6", schema: SchemaParser.Parse("\"long\"").Schema!));
        var corrupt = Path.Combine(Dir, "corrupt.avro");
        var bytes = FromJson("snappy");
        bytes[^30] ^= 0xFF;
        File.WriteAllBytes(corrupt, bytes);

        var error = new StringWriter();
        Assert.Equal(2, CatCommand.Run([first, other], null, 4096, () => Stream.Null, new MemoryStream(), error));
        Assert.Equal($"avro-codegen: error: {other}: its schema \"long\" is not the first file's {ParsingCanonicalForm.ToCanonicalJson(Record)}.", error.ToString().TrimEnd());

        error = new StringWriter();
        Assert.Equal(2, CatCommand.Run([Path.Combine(Dir, "missing.avro")], null, 4096, () => Stream.Null, new MemoryStream(), error));
        Assert.StartsWith($"avro-codegen: error: {Path.Combine(Dir, "missing.avro")}: ", error.ToString());

        error = new StringWriter();
        Assert.Equal(2, CatCommand.Run([corrupt], null, 4096, () => Stream.Null, new MemoryStream(), error));
        Assert.Matches(@"^avro-codegen: error: .*corrupt\.avro: Block \d+ .*\(at byte offset \d+\)", error.ToString());

        error = new StringWriter();
        Assert.Equal(2, CatCommand.Run([first], null, 0, () => Stream.Null, new MemoryStream(), error));
        Assert.Contains("--block-size 0 is not valid", error.ToString());
    }

    [Fact]
    public void The_installed_tool_round_trips_a_container_through_its_standard_streams()
    {
        var schema = Write("r.avsc", """{'type': 'record', 'name': 'R', 'namespace': 'n', 'fields': [{'name': 'id', 'type': 'long'}, {'name': 'name', 'type': ['null', 'string']}, {'name': 'm', 'type': {'type': 'map', 'values': 'int'}}]}""");
        var json = Path.Combine(Dir, "in.json");
        File.WriteAllText(json, Json);
        var avro = Path.Combine(Dir, "out.avro");
        var write = RunShell($"dotnet \"{Tool}\" fromjson --schema \"{schema}\" --container --codec snappy < \"{json}\" > \"{avro}\"");
        Assert.True(write.ExitCode == 0, write.Error);
        var read = RunShell($"dotnet \"{Tool}\" tojson --container < \"{avro}\"");
        Assert.True(read.ExitCode == 0, read.Error);
        Assert.Equal(BareToJson(), read.Output);
    }

    private static string Tool => Path.Combine(AppContext.BaseDirectory, "avro-codegen.dll");

    private static CliRun RunShell(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "avro-codegen did not finish");
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }
}

using Avro.Codegen.Compression;
using Avro.Codegen.Container;
using Avro.Codegen.Generic;
using Avro.Codegen.Interop.Tests.Infrastructure;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Interop.Tests;

/// <summary>
/// Object container files exchanged with Java Avro 1.8.2 and python3-avro in every codec each of them has. The oracles
/// recode: they read a file with their own reader and write its datums again with their own writer, so one call shows
/// that they read our codec and the other that we read theirs.
/// </summary>
public sealed class ContainerInteropTests : IDisposable
{
    private const int Count = 1500;

    private static readonly AvroSchema Schema = SchemaParser.Parse("""
        {"type": "record", "name": "Event", "namespace": "interop.container", "fields": [
          {"name": "id", "type": "long"},
          {"name": "name", "type": "string"},
          {"name": "payload", "type": "bytes"},
          {"name": "score", "type": ["null", "double"]},
          {"name": "tags", "type": {"type": "array", "items": "string"}},
          {"name": "attributes", "type": {"type": "map", "values": "int"}},
          {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
          {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}}]}
        """).Schema!;

    private readonly string _dir = Directory.CreateTempSubdirectory("avro-container-interop-").FullName;

    private static readonly AvroContainerReaderOptions ReadAnyCodec = new() { Codecs = AvroCompressionCodecs.All };

    private static List<object?> Values() => Enumerable.Range(0, Count).Select(i =>
    {
        var record = new GenericAvroRecord((RecordSchema)Schema);
        record["id"] = (long)i * 7919 - 5_000_000_000L;
        record["name"] = $"event {i} — ü";
        record["payload"] = Enumerable.Range(0, i % 40).Select(b => (byte)(b * i)).ToArray();
        record["score"] = i % 3 == 0 ? null : i / 3.0;
        record["tags"] = Enumerable.Range(0, i % 4).Select(t => (object?)("t" + t)).ToList();
        record["attributes"] = Enumerable.Range(0, i % 3).ToDictionary(k => "k" + k, k => (object?)(k * i), StringComparer.Ordinal);
        record["kind"] = new GenericAvroEnum((EnumSchema)((RecordSchema)Schema).Fields[6].Type, i % 3);
        record["hash"] = new GenericAvroFixed((FixedSchema)((RecordSchema)Schema).Fields[7].Type, BitConverter.GetBytes(i));
        return (object?)record;
    }).ToList();

    private string Write(string codecName)
    {
        var path = Path.Combine(_dir, "ours-" + codecName + ".avro");
        var codec = AvroContainerCodec.BuiltIn.Concat(AvroCompressionCodecs.All).Single(c => c.Name == codecName);
        using var writer = new AvroContainerWriter(File.Create(path), Schema, new AvroContainerWriterOptions { Codec = codec, BlockSize = 8 * 1024 });
        foreach (var value in Values())
        {
            writer.Write(value);
        }

        return path;
    }

    private static List<object?> Read(string path, string expectedCodec, out int blocks)
    {
        using var reader = new AvroContainerReader(File.OpenRead(path), ReadAnyCodec);
        Assert.Equal(expectedCodec, reader.Codec);
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(Schema), ParsingCanonicalForm.ToCanonicalJson(reader.Schema));
        blocks = 0;
        var values = new List<object?>();
        while (reader.TryReadBlock(out _, out _))
        {
            blocks++;
        }

        using var again = new AvroContainerReader(File.OpenRead(path), ReadAnyCodec);
        values.AddRange(again.ReadAll());
        return values;
    }

    [OracleTheory(Oracle.Java)]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("bzip2")]
    [InlineData("xz")]
    public void Java_reads_our_files_and_we_read_java_files(string codec)
    {
        var ours = Write(codec);
        var javaPlain = Path.Combine(_dir, "java-plain.avro");
        var read = JavaOracle.RunClass("ContainerOracle", null, "recode", ours, javaPlain, "null").EnsureSuccess();
        Assert.Equal($"{codec} {Count}", read.StdoutText.Trim());
        Assert.Equal(Values(), Read(javaPlain, "null", out _));

        var javaCoded = Path.Combine(_dir, "java-" + codec + ".avro");
        JavaOracle.RunClass("ContainerOracle", null, "recode", javaPlain, javaCoded, codec, "4096").EnsureSuccess();
        Assert.Equal(Values(), Read(javaCoded, codec, out var blocks));
        Assert.True(blocks > 5, $"{blocks} blocks");
    }

    [OracleTheory(Oracle.Python)]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    [InlineData("bzip2")]
    public void Python_reads_our_files_and_we_read_python_files(string codec)
    {
        var ours = Write(codec);
        var pythonPlain = Path.Combine(_dir, "python-plain.avro");
        var read = PythonOracle.RunScript("container_oracle.py", null, "recode", ours, pythonPlain, "null").EnsureSuccess();
        Assert.Equal($"{codec} {Count}", read.StdoutText.Trim());
        Assert.Equal(Values(), Read(pythonPlain, "null", out _));

        var pythonCoded = Path.Combine(_dir, "python-" + codec + ".avro");
        PythonOracle.RunScript("container_oracle.py", null, "recode", pythonPlain, pythonCoded, codec, "4096").EnsureSuccess();
        Assert.Equal(Values(), Read(pythonCoded, codec, out var blocks));
        Assert.True(blocks > 5, $"{blocks} blocks");
    }

    [OracleFact(Oracle.Java)]
    public void Java_rejects_a_file_whose_snappy_crc_we_corrupted_as_we_do()
    {
        // The CRC-32 placement is what Java checks: flipping one byte of it must make Java fail too.
        var ours = Write("snappy");
        var bytes = File.ReadAllBytes(ours);
        using (var reader = new AvroContainerReader(new MemoryStream(bytes)))
        {
            reader.TryReadBlock(out _, out _);
        }

        // The last block's CRC sits just before the final sync marker.
        bytes[^17] ^= 0xFF;
        var corrupt = Path.Combine(_dir, "corrupt-snappy.avro");
        File.WriteAllBytes(corrupt, bytes);
        Assert.NotEqual(0, JavaOracle.RunClass("ContainerOracle", null, "recode", corrupt, Path.Combine(_dir, "x.avro"), "null").ExitCode);
        using var ourReader = new AvroContainerReader(new MemoryStream(bytes));
        Assert.Contains("CRC-32", Assert.Throws<AvroContainerException>(() => ourReader.ReadAll().ToList()).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

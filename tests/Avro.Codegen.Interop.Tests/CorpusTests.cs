using System.Text.Json;
using Avro.Codegen.Interop.Tests.Infrastructure;

namespace Avro.Codegen.Interop.Tests;

/// <summary>The corpus is only worth comparing if its data exercises every part of the schema language.</summary>
public sealed class CorpusTests
{
    private static readonly string[] EveryType =
    [
        "null", "boolean", "int", "long", "float", "double", "bytes", "string",
        "record", "enum", "array", "map", "fixed", "union",
    ];

    private static readonly string[] EveryLogicalType =
    [
        "decimal", "big-decimal", "uuid", "date", "time-millis", "time-micros", "timestamp-millis", "timestamp-micros",
        "timestamp-nanos", "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos", "duration",
    ];

    [Fact]
    public void DataCoversEveryTypeAndLogicalType()
    {
        var types = new HashSet<string>();
        var logical = new HashSet<string>();
        foreach (var data in Corpus.DataFiles())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Corpus.SchemaPathOfData(data)));
            Collect(doc.RootElement, types, logical);
        }

        Assert.Empty(EveryType.Except(types));
        Assert.Empty(EveryLogicalType.Except(logical));
    }

    [Fact]
    public void EveryDataFileHasItsSchemaAndSeveralDatums()
    {
        var files = Directory.EnumerateFiles(RepoPaths.CorpusData, "*.json", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(RepoPaths.CorpusData, file).Replace('\\', '/');
            Assert.True(File.Exists(Corpus.SchemaPathOfData(relative)), $"{relative} has no schema {Path.ChangeExtension(relative, ".avsc")}");
            Assert.True(JsonEquivalence.Lines(File.ReadAllBytes(file)).Count >= 2, $"{relative} should hold several datums, one per line");
        }
    }

    private static void Collect(JsonElement schema, HashSet<string> types, HashSet<string> logical)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.String:
                types.Add(schema.GetString()!);
                break;
            case JsonValueKind.Array:
                types.Add("union");
                foreach (var branch in schema.EnumerateArray())
                {
                    Collect(branch, types, logical);
                }

                break;
            case JsonValueKind.Object:
                if (schema.TryGetProperty("logicalType", out var lt))
                {
                    logical.Add(lt.GetString()!);
                }

                if (schema.TryGetProperty("type", out var type))
                {
                    Collect(type, types, logical);
                }

                foreach (var nested in new[] { "items", "values" })
                {
                    if (schema.TryGetProperty(nested, out var inner))
                    {
                        Collect(inner, types, logical);
                    }
                }

                if (schema.TryGetProperty("fields", out var fields))
                {
                    foreach (var field in fields.EnumerateArray())
                    {
                        Collect(field.GetProperty("type"), types, logical);
                    }
                }

                break;
        }
    }
}

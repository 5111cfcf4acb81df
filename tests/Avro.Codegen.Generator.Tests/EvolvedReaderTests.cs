using System.Reflection;
using Avro.Codegen.Generator.Tests.Helpers;
using Avro.Codegen.Generic;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// Readers the generator specialises for the earlier versions in history folders: for every evolution case the generated
/// reader gives exactly what the runtime's transcoding plan gives, and pairs it cannot specialise keep the plan.
/// </summary>
public class EvolvedReaderTests
{
    /// <summary>(case, current schema, earlier schema, data written with the earlier schema, whether a reader is generated).</summary>
    public static TheoryData<string, string, string, string[], bool> Cases() => new()
    {
        {
            "fields added with defaults, fields of every kind removed, int promoted to long",
            """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"id","type":"long"},{"name":"name","type":"string"},
              {"name":"email","type":["null","string"],"default":null},{"name":"score","type":"double","default":1.5},
              {"name":"tags","type":{"type":"array","items":"string"},"default":["x"]}]}
            """,
            """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"legacy","type":{"type":"record","name":"Old","fields":[{"name":"a","type":"int"},
                {"name":"b","type":["null",{"type":"map","values":{"type":"array","items":"bytes"}}]}]}},
              {"name":"id","type":"int"},
              {"name":"flags","type":{"type":"array","items":"boolean"}},
              {"name":"fx","type":{"type":"fixed","name":"Three","size":3}},
              {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["H","S"]}},
              {"name":"u","type":["null","string","long","float","double"]},
              {"name":"name","type":"string"},
              {"name":"n","type":"null"}]}
            """,
            [
                """{"legacy":{"a":1,"b":null},"id":7,"flags":[],"fx":"abc","suit":"S","u":null,"name":"ann","n":null}""",
                """{"legacy":{"a":-2,"b":{"map":{"k":["\u0000\u00ff",""],"l":[]}}},"id":-2147483648,"flags":[true,false,true],"fx":"\u0000\u0001\u0002","suit":"H","u":{"double":2.5},"name":"bé😀","n":null}""",
                """{"legacy":{"a":0,"b":{"map":{}}},"id":2147483647,"flags":[false],"fx":"zzz","suit":"H","u":{"float":1.25},"name":"","n":null}""",
                """{"legacy":{"a":0,"b":null},"id":0,"flags":[],"fx":"aaa","suit":"S","u":{"string":"s"},"name":"x","n":null}""",
                """{"legacy":{"a":0,"b":null},"id":0,"flags":[],"fx":"aaa","suit":"S","u":{"long":-9},"name":"x","n":null}""",
            ],
            true
        },
        {
            "every promotion",
            """{"type":"record","name":"P","fields":[{"name":"a","type":"long"},{"name":"b","type":"float"},{"name":"c","type":"double"},{"name":"d","type":"double"},{"name":"e","type":"double"},{"name":"f","type":"bytes"},{"name":"g","type":"string"}]}""",
            """{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"int"},{"name":"d","type":"long"},{"name":"e","type":"float"},{"name":"f","type":"string"},{"name":"g","type":"bytes"}]}""",
            [
                """{"a":-1,"b":16777217,"c":2147483647,"d":9007199254740993,"e":0.1,"f":"hé","g":"ok"}""",
                """{"a":0,"b":0,"c":-2147483648,"d":-9223372036854775808,"e":"NaN","f":"","g":""}""",
            ],
            true
        },
        {
            "reordered fields, a field renamed with a reader alias, plain values into nullable unions",
            """{"type":"record","name":"R","fields":[{"name":"b","type":["null","string"],"default":null},{"name":"renamed","aliases":["old"],"type":"int"},{"name":"a","type":["null","long"],"default":null},{"name":"items","type":["null",{"type":"array","items":"int"}],"default":null}]}""",
            """{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"old","type":"int"},{"name":"items","type":{"type":"array","items":"int"}},{"name":"b","type":"string"}]}""",
            [
                """{"a":5,"old":6,"items":[1,2,3],"b":"bee"}""",
                """{"a":-5,"old":0,"items":[],"b":""}""",
            ],
            true
        },
        {
            "unchanged nested record and logical types, one field removed",
            """{"type":"record","name":"Order","fields":[{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"money","type":{"type":"record","name":"Money","fields":[{"name":"units","type":"long"},{"name":"currency","type":"string"}]}},{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}""",
            """{"type":"record","name":"Order","fields":[{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"gone","type":{"type":"map","values":"Money2"}},{"name":"money","type":{"type":"record","name":"Money","fields":[{"name":"units","type":"long"},{"name":"currency","type":"string"}]}},{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}"""
                .Replace("\"Money2\"", """{"type":"record","name":"Money2","fields":[{"name":"x","type":"int"}]}""", StringComparison.Ordinal),
            [
                """{"at":1700000000000,"gone":{"a":{"x":1},"b":{"x":2}},"money":{"units":12,"currency":"EUR"},"amount":"\u0004\u00e2"}""",
            ],
            true
        },
        {
            "an enum with more symbols now: the runtime plan maps symbols by name",
            """{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"S","symbols":["A","B","C"]}}]}""",
            """{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"S","symbols":["B","C"]}}]}""",
            ["""{"s":"B"}""", """{"s":"C"}"""],
            false
        },
        {
            "an evolved nested record: the runtime plan",
            """{"type":"record","name":"Outer","fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":3}]}}]}""",
            """{"type":"record","name":"Outer","fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"a","type":"int"}]}}]}""",
            ["""{"inner":{"a":1}}"""],
            false
        },
        {
            "a removed field of a recursive type: the runtime plan skips it",
            """{"type":"record","name":"Doc","fields":[{"name":"title","type":"string"}]}""",
            """{"type":"record","name":"Doc","fields":[{"name":"tree","type":{"type":"record","name":"Node","fields":[{"name":"kids","type":{"type":"array","items":"Node"}}]}},{"name":"title","type":"string"}]}""",
            ["""{"tree":{"kids":[{"kids":[]},{"kids":[{"kids":[]}]}]},"title":"t"}"""],
            false
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_reader_reads_what_the_runtime_plan_reads(string name, string current, string earlier, string[] data, bool generated)
    {
        var run = GeneratorHarness.RunGenerator([("/p/schemas/current.avsc", current), ("/p/schemas/history/v1.avsc", earlier)]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        var source = run.Source("AvroHistory.g.cs");
        Assert.Equal(generated, source.Contains("ReadVersion0(ref global::Avro.Codegen.AvroReader reader)", StringComparison.Ordinal));

        var writer = SchemaParser.Parse(earlier).Schema!;
        var readerName = ((NamedSchema)SchemaParser.Parse(current).Schema!).FullName;
        var (assembly, context) = GeneratorHarness.Load(run.Output);
        try
        {
            var type = assembly.GetType(readerName)!;
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
            foreach (var json in data)
            {
                var bytes = GenericBinary.Encode(writer, GenericJson.FromJson(writer, json));
                object?[] result;
                try
                {
                    result = (object?[])typeof(EvolvedReaderTests).GetMethod(nameof(ReadBothWays), BindingFlags.NonPublic | BindingFlags.Static)!
                        .MakeGenericMethod(type).Invoke(null, [bytes, writer])!;
                }
                catch (TargetInvocationException e)
                {
                    throw e.InnerException!;
                }

                Assert.True(generated == (bool)result[0]!, $"{name}: generated reader used: {result[0]}");
                Assert.Equal((string)result[2]!, (string)result[1]!);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Reads through the plan (which uses the generated reader when there is one) and through the plan's transcoding.</summary>
    private static object?[] ReadBothWays<T>(byte[] data, AvroSchema writer) where T : IAvroRecord<T>
    {
        var plan = SchemaResolution.GetPlan(writer, ResolvingReader.ReaderSchema<T>());
        var direct = plan.Read<T>(data);
        var transcoded = plan.Transcode(data);
        var reader = new AvroReader(transcoded);
        var viaPlan = T.ReadAvro(ref reader);
        return [plan.HasGeneratedReader<T>(), AvroSerializer.ToJson(direct), AvroSerializer.ToJson(viaPlan)];
    }

    [Fact]
    public void Truncated_data_is_an_AvroDataException_through_the_generated_reader()
    {
        const string Current = """{"type":"record","name":"T","fields":[{"name":"a","type":"long"},{"name":"s","type":"string","default":"d"}]}""";
        const string Earlier = """{"type":"record","name":"T","fields":[{"name":"a","type":"int"},{"name":"gone","type":"string"}]}""";
        var run = GeneratorHarness.RunGenerator([("/p/T.avsc", Current), ("/p/history/T.avsc", Earlier)]);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        var writer = SchemaParser.Parse(Earlier).Schema!;
        var (assembly, context) = GeneratorHarness.Load(run.Output);
        try
        {
            var type = assembly.GetType("T")!;
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
            var bytes = GenericBinary.Encode(writer, GenericJson.FromJson(writer, """{"a":3,"gone":"abcdef"}"""));
            var e = Assert.Throws<TargetInvocationException>(() => typeof(EvolvedReaderTests).GetMethod(nameof(ReadBothWays), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [bytes.AsSpan(0, bytes.Length - 2).ToArray(), writer]));
            Assert.IsType<AvroDataException>(e.InnerException);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Versions_downloaded_from_the_registry_get_readers_and_are_never_generated_or_reported()
    {
        // The gate's download folder: an earlier version of the record, the current version itself, a key subject's
        // primitive schema, a schema that names a type only a reference defines, and a version the record cannot read.
        const string Current = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"email","type":["null","string"],"default":null}]}""";
        const string Earlier = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"int"},{"name":"gone","type":"string"}]}""";
        const string Unreadable = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"string"}]}""";
        var downloaded = new[]
        {
            ("/p/avro-baseline/users-value/v1.avsc", Earlier),
            ("/p/avro-baseline/users-value/v2.avsc", Current),
            ("/p/avro-baseline/users-key.avsc", "\"string\""),
            ("/p/avro-baseline/orders-value.avsc", """{"type":"record","name":"Order","fields":[{"name":"money","type":"shared.Money"}]}"""),
            ("/p/avro-baseline/old/v0.avsc", Unreadable),
        };
        var perFile = downloaded.ToDictionary(d => d.Item1, _ => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.AvroCodegen_RegistryVersion"] = "true",
        });
        var run = GeneratorHarness.RunGenerator([("/p/schemas/User.avsc", Current), .. downloaded], new TestOptionsProvider(perFile: perFile));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("Order", StringComparison.Ordinal));
        var source = run.Source("AvroHistory.g.cs");
        var earlier = SchemaFingerprint.Crc64Avro(SchemaParser.Parse(Earlier).Schema!);
        Assert.Contains($"0x{earlier:X16}UL", source);
        Assert.Contains("KnownWriterSchemas.Register<global::com.acme.User>(Fingerprint0, SchemaJson0, ReadVersion0);", source);
        Assert.DoesNotContain("Fingerprint1", source);
    }
}

using Avro.Codegen.Resolution;
using static Avro.Codegen.Tests.Resolution.ResolutionAssert;

namespace Avro.Codegen.Tests.Resolution;

public class RecordResolutionTests
{
    private const string V1 = """
        {"type":"record","name":"User","namespace":"com.acme","fields":[
          {"name":"id","type":"long"},{"name":"name","type":"string"}]}
        """;

    [Fact]
    public void Same_canonical_form_is_the_identity_and_copies_the_bytes()
    {
        const string documented = """
            {"type":"record","name":"User","namespace":"com.acme","doc":"docs differ","fields":[
              {"name":"id","type":"long","doc":"x"},{"name":"name","type":"string","default":"n"}]}
            """;
        var plan = Resolves(V1, documented, ("""{"id":7,"name":"ann"}""", """{"id":7,"name":"ann"}"""));
        Assert.True(plan.IsIdentity);
        Assert.False(Plan(V1, """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"}]}""").IsIdentity);
    }

    [Fact]
    public void Reader_only_fields_take_their_defaults_wherever_they_are()
    {
        const string reader = """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"active","type":"boolean","default":true},
              {"name":"id","type":"long"},
              {"name":"tags","type":{"type":"array","items":"string"},"default":["a","b"]},
              {"name":"name","type":"string"},
              {"name":"email","type":["null","string"],"default":null},
              {"name":"score","type":"double","default":1.5},
              {"name":"f","type":"float","default":-2},
              {"name":"raw","type":"bytes","default":"\u0001\u00ff"},
              {"name":"attrs","type":{"type":"map","values":"int"},"default":{"x":1,"y":-1}},
              {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["S","H"]},"default":"H"},
              {"name":"md5","type":{"type":"fixed","name":"Two","size":2},"default":"ab"},
              {"name":"addr","type":{"type":"record","name":"Addr","fields":[
                 {"name":"city","type":"string"},{"name":"zip","type":"int","default":12}]},"default":{"city":"Oslo"}},
              {"name":"alt","type":["string","null"],"default":"none"}]}
            """;
        Resolves(V1, reader, ("""{"id":-3,"name":"bob"}""", """
            {"active":true,"id":-3,"tags":["a","b"],"name":"bob","email":null,"score":1.5,"f":-2.0,"raw":"\u0001\u00ff",
             "attrs":{"x":1,"y":-1},"suit":"H","md5":"ab","addr":{"city":"Oslo","zip":12},"alt":{"string":"none"}}
            """));
    }

    [Fact]
    public void Writer_only_fields_of_every_shape_are_skipped()
    {
        const string writer = """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"a","type":{"type":"array","items":{"type":"map","values":"string"}}},
              {"name":"id","type":"long"},
              {"name":"u","type":["null","string",{"type":"record","name":"R","fields":[{"name":"x","type":"double"}]}]},
              {"name":"name","type":"string"},
              {"name":"fx","type":{"type":"fixed","name":"F","size":3}}]}
            """;
        Resolves(writer, V1,
            ("""{"a":[{"k":"v"},{}],"id":1,"u":{"com.acme.R":{"x":2.5}},"name":"n","fx":"abc"}""", """{"id":1,"name":"n"}"""),
            ("""{"a":[],"id":-1,"u":null,"name":"","fx":"\u0000\u0000\u0000"}""", """{"id":-1,"name":""}"""));
    }

    [Fact]
    public void Fields_in_another_order_are_put_into_the_readers_order()
    {
        const string writer = """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"gone","type":"string"},{"name":"name","type":"string"},{"name":"extra","type":"int"},{"name":"id","type":"long"}]}
            """;
        const string reader = """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"id","type":"long"},{"name":"added","type":"string","default":"d"},{"name":"name","type":"string"}]}
            """;
        Resolves(writer, reader,
            ("""{"gone":"g","name":"ann","extra":5,"id":300}""", """{"id":300,"added":"d","name":"ann"}"""));
    }

    [Fact]
    public void Reordered_records_nest_inside_reordered_records_and_arrays()
    {
        const string writer = """
            {"type":"record","name":"Outer","fields":[
              {"name":"b","type":{"type":"array","items":{"type":"record","name":"In","fields":[
                 {"name":"y","type":"string"},{"name":"x","type":"int"}]}}},
              {"name":"a","type":"In"}]}
            """;
        const string reader = """
            {"type":"record","name":"Outer","fields":[
              {"name":"a","type":{"type":"record","name":"In","fields":[
                 {"name":"x","type":"long"},{"name":"z","type":"boolean","default":false},{"name":"y","type":"string"}]}},
              {"name":"b","type":{"type":"array","items":"In"}}]}
            """;
        Resolves(writer, reader,
            ("""{"b":[{"y":"p","x":1},{"y":"q","x":-2}],"a":{"y":"r","x":3}}""",
             """{"a":{"x":3,"z":false,"y":"r"},"b":[{"x":1,"z":false,"y":"p"},{"x":-2,"z":false,"y":"q"}]}"""));
    }

    // Several rules at once in one record: union renumbering with promotion, enum default, float widening, a
    // recursive type gaining a defaulted field, string to bytes, a plain value into the reader's exact union branch.
    public static TheoryData<string, string, string, string> MixedEvolutions => new()
    {
        {
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"gone","type":{"type":"map","values":"string"}},{"name":"b","type":["null","string","int"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"b","type":["string","null","double"]},{"name":"c","type":"string","default":"x"},{"name":"a","type":"long"}]}""",
            """{"a":5,"gone":{"k":"v"},"b":{"int":7}}""",
            """{"b":{"double":7.0},"c":"x","a":5}"""
        },
        {
            """{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},{"name":"f","type":"float"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"f","type":"double"},{"name":"e","type":{"type":"enum","name":"E","symbols":["C","Z"],"default":"Z"}}]}""",
            """{"e":"B","f":0.1}""",
            """{"f":0.10000000149011612,"e":"Z"}"""
        },
        {
            """{"type":"record","name":"N","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","N"]}]}""",
            """{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]},{"name":"v","type":"double"},{"name":"s","type":{"type":"array","items":"int"},"default":[1,2]}]}""",
            """{"v":1,"next":{"N":{"v":2,"next":null}}}""",
            """{"next":{"N":{"next":null,"v":2.0,"s":[1,2]}},"v":1.0,"s":[1,2]}"""
        },
        {
            """{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"x","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"x","type":["null","long","int"]},{"name":"s","type":"bytes"}]}""",
            """{"s":"h\u00e9","x":-3}""",
            """{"x":{"int":-3},"s":"h\u00c3\u00a9"}"""
        },
    };

    [Theory]
    [MemberData(nameof(MixedEvolutions))]
    public void Mixed_evolutions_resolve(string writer, string reader, string written, string read) =>
        Resolves(writer, reader, (written, read));

    [Fact]
    public void A_reader_field_alias_names_the_writer_field()
    {
        const string writer = """{"type":"record","name":"User","fields":[{"name":"fullName","type":"string"},{"name":"id","type":"int"}]}""";
        const string reader = """{"type":"record","name":"User","fields":[{"name":"id","type":"int"},{"name":"name","type":"string","aliases":["fullName"]}]}""";
        Resolves(writer, reader, ("""{"fullName":"ann","id":4}""", """{"id":4,"name":"ann"}"""));
    }

    [Fact]
    public void A_writer_field_named_by_two_reader_fields_fills_the_first_and_the_other_takes_its_default()
    {
        const string writer = """{"type":"record","name":"U","fields":[{"name":"x","type":"int"},{"name":"a","type":"string"}]}""";
        Resolves(writer, """{"type":"record","name":"U","fields":[{"name":"a","type":"string"},{"name":"b","type":"string","aliases":["a"],"default":"d"}]}""",
            ResolutionMode.PerValue, ("""{"x":1,"a":"s"}""", """{"a":"s","b":"d"}"""));
        Resolves(writer, """{"type":"record","name":"U","fields":[{"name":"b","type":"string","aliases":["a"]},{"name":"x","type":"int"},{"name":"a","type":"string","default":"z"}]}""",
            ResolutionMode.PerValue, ("""{"x":1,"a":"s"}""", """{"b":"s","x":1,"a":"z"}"""));
    }

    [Fact]
    public void Records_match_by_unqualified_name_or_reader_alias()
    {
        const string writer = """{"type":"record","name":"Old","namespace":"v1","fields":[{"name":"id","type":"int"}]}""";
        Resolves(writer, """{"type":"record","name":"Old","namespace":"v2","fields":[{"name":"id","type":"long"}]}""",
            ("""{"id":1}""", """{"id":1}"""));
        Resolves(writer, """{"type":"record","name":"New","aliases":["v1.Old"],"fields":[{"name":"id","type":"int"},{"name":"s","type":"string","default":""}]}""",
            ("""{"id":1}""", """{"id":1,"s":""}"""));
    }

    [Fact]
    public void Recursive_records_resolve_at_every_level()
    {
        const string writer = """
            {"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"]}]}
            """;
        const string reader = """
            {"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"value","type":"long"},
              {"name":"label","type":"string","default":"-"}]}
            """;
        Resolves(writer, reader,
            ("""{"value":1,"next":{"Node":{"value":2,"next":{"Node":{"value":3,"next":null}}}}}""",
             """{"next":{"Node":{"next":{"Node":{"next":null,"value":3,"label":"-"}},"value":2,"label":"-"}},"value":1,"label":"-"}"""));
    }

    [Fact]
    public void Forged_nesting_of_a_recursive_type_stops_at_the_depth_limit()
    {
        var plan = Plan(
            """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""",
            """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"x","type":"int","default":0}]}""");
        var input = Enumerable.Repeat((byte)2, 100).Append((byte)0).ToArray();
        var e = Assert.ThrowsAny<AvroDataException>(() => plan.Transcode(input, new AvroReaderOptions { MaxDepth = 20 }));
        Assert.Contains("MaxDepth", e.Message);
        // Within the limit it resolves: ten records, each gaining its one-byte default after its nested value.
        var shallow = plan.Transcode(Enumerable.Repeat((byte)2, 9).Append((byte)0).ToArray(), new AvroReaderOptions { MaxDepth = 20 });
        Assert.Equal([.. Enumerable.Repeat((byte)2, 9), .. Enumerable.Repeat((byte)0, 11)], shallow);
    }

    [Fact]
    public void A_missing_field_without_default_is_incompatible_and_lists_why()
    {
        const string reader = """
            {"type":"record","name":"User","namespace":"com.acme","fields":[
              {"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":"string"},{"name":"age","type":"int"}]}
            """;
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() => Plan(V1, reader));
        Assert.Equal(2, e.Incompatibilities.Count);
        Assert.All(e.Incompatibilities, i => Assert.Equal(Schema.Compatibility.SchemaIncompatibilityType.ReaderFieldMissingDefaultValue, i.Type));
        Assert.Equal(["/fields/2", "/fields/3"], e.Incompatibilities.Select(i => i.Location));
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2: email", e.Message);
        Assert.Equal(-1, e.Offset);
        Assert.NotEqual(e.WriterFingerprint, e.ReaderFingerprint);

        Assert.False(SchemaResolution.TryGetPlan(Parse(V1), Parse(reader), out var plan, out var result));
        Assert.Null(plan);
        Assert.Equal(2, result!.Incompatibilities.Count);

        // Per value, the plan exists and every value fails where the field is needed.
        var lenient = Plan(V1, reader, ResolutionMode.PerValue);
        var failure = Fails(lenient, Encode(lenient.WriterSchema, """{"id":1,"name":"x"}"""));
        Assert.Contains("'email'", failure.Message);
    }

    [Fact]
    public void Records_whose_names_differ_are_incompatible()
    {
        var e = Assert.Throws<AvroIncompatibleSchemaException>(() =>
            Plan(V1, """{"type":"record","name":"Other","fields":[{"name":"id","type":"long"}]}"""));
        Assert.Equal(Schema.Compatibility.SchemaIncompatibilityType.NameMismatch, Assert.Single(e.Incompatibilities).Type);
        var lenient = Plan(V1, """{"type":"record","name":"Other","fields":[{"name":"id","type":"long"}]}""", ResolutionMode.PerValue);
        Assert.Contains("does not match", Fails(lenient, Encode(lenient.WriterSchema, """{"id":1,"name":"x"}""")).Message);
    }

    [Fact]
    public void Truncated_and_trailing_input_are_errors_with_offsets()
    {
        const string reader = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"name","type":"string"},{"name":"id","type":"long"}]}""";
        var plan = Plan(V1, reader);
        var input = Encode(plan.WriterSchema, """{"id":1,"name":"abcdef"}""");
        var truncated = Fails(plan, input[..^2]);
        Assert.True(truncated.Offset >= 1);
        var trailing = Fails(plan, [.. input, 0]);
        Assert.Equal(input.Length, trailing.Offset);
    }
}

using Avro.Codegen.Generic;
using Avro.Codegen.Resolution;
using static Avro.Codegen.Tests.Resolution.ResolutionAssert;

namespace Avro.Codegen.Tests.Resolution;

/// <summary>The compiled plans and the runtime's <see cref="GenericResolvingReader"/> implement one set of rules: they must agree.</summary>
public class GenericAgreementTests
{
    public static TheoryData<string, string, string> Pairs => new()
    {
        {
            """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"gone","type":{"type":"map","values":"string"}},{"name":"b","type":["null","string","int"]}]}""",
            """{"type":"record","name":"R","fields":[{"name":"b","type":["string","null","double"]},{"name":"c","type":"string","default":"x"},{"name":"a","type":"long"}]}""",
            """{"a":5,"gone":{"k":"v"},"b":{"int":7}}"""
        },
        {
            """{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},{"name":"f","type":"float"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"f","type":"double"},{"name":"e","type":{"type":"enum","name":"E","symbols":["C","Z"],"default":"Z"}}]}""",
            """{"e":"B","f":0.1}"""
        },
        {
            """{"type":"record","name":"N","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","N"]}]}""",
            """{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]},{"name":"v","type":"double"},{"name":"s","type":{"type":"array","items":"int"},"default":[1,2]}]}""",
            """{"v":1,"next":{"N":{"v":2,"next":null}}}"""
        },
        {
            """{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"x","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"x","type":["null","long","int"]},{"name":"s","type":"bytes"}]}""",
            """{"s":"h\u00e9","x":-3}"""
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Plans_agree_with_the_generic_resolving_reader(string writer, string reader, string datum)
    {
        var plan = Plan(writer, reader);
        var input = Encode(plan.WriterSchema, datum);
        var generic = GenericResolvingReader.Decode(input, plan.WriterSchema, plan.ReaderSchema);
        Assert.True(GenericEquality.Equals(generic, plan.ReadGeneric(input)),
            $"GenericResolvingReader: {GenericJson.ToJson(plan.ReaderSchema, generic)}, plan: {GenericJson.ToJson(plan.ReaderSchema, plan.ReadGeneric(input))}");
    }
}

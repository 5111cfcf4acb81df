using Avro.Codegen.Resolution;
using static Avro.Codegen.Tests.Resolution.ResolutionAssert;

namespace Avro.Codegen.Tests.Resolution;

public class ResolutionRobustnessTests
{
    private const string Writer = """
        {"type":"record","name":"R","fields":[
          {"name":"s","type":"string"},
          {"name":"u","type":["null","int","string",{"type":"enum","name":"E","symbols":["A","B","C"]}]},
          {"name":"a","type":{"type":"array","items":{"type":"record","name":"I","fields":[{"name":"x","type":"int"},{"name":"y","type":"bytes"}]}}},
          {"name":"m","type":{"type":"map","values":"float"}},
          {"name":"e","type":"E"}]}
        """;

    private const string Reader = """
        {"type":"record","name":"R","fields":[
          {"name":"e","type":{"type":"enum","name":"E","symbols":["C","A"],"default":"A"}},
          {"name":"m","type":{"type":"map","values":"double"}},
          {"name":"a","type":{"type":"array","items":{"type":"record","name":"I","fields":[{"name":"y","type":"string"},{"name":"z","type":"int","default":1},{"name":"x","type":"long"}]}}},
          {"name":"u","type":["string","null","long","E"]},
          {"name":"d","type":{"type":"array","items":"string"},"default":["q"]}]}
        """;

    [Fact]
    public void Mutated_input_fails_only_with_AvroException()
    {
        var plan = Plan(Writer, Reader);
        var valid = Encode(plan.WriterSchema, """
            {"s":"hello","u":{"E":"C"},"a":[{"x":1,"y":"ab"},{"x":-300,"y":""}],"m":{"k":1.5,"l":-2},"e":"B"}
            """);
        Assert.Equal(Encode(plan.ReaderSchema, """
            {"e":"A","m":{"k":1.5,"l":-2.0},"a":[{"y":"ab","z":1,"x":1},{"y":"","z":1,"x":-300}],"u":{"E":"C"},"d":["q"]}
            """), plan.Transcode(valid));

        var random = new Random(20261122);
        var failures = 0;
        for (var i = 0; i < 3000; i++)
        {
            var input = (byte[])valid.Clone();
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits; e++)
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                input = input[..random.Next(input.Length)];
            }

            try
            {
                plan.Transcode(input, new AvroReaderOptions { MaxDepth = 8 });
                plan.ReadGeneric(input);
            }
            catch (AvroDataException)
            {
                failures++;
            }
        }

        // Most mutations break the value; all of them fail the same, clean way (anything else escapes the loop).
        Assert.InRange(failures, 1, 3000);
    }
}

using Avro.Codegen.Generator.Tests.Helpers;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// Malformed JSON through generated <c>FromJson</c>: whatever the damage, the only exception is
/// <see cref="AvroDataException"/> (the runtime's documented error type for bad data).
/// </summary>
public class JsonMutationTests(GeneratedAssembly generated) : IClassFixture<GeneratedAssembly>
{
    private const string Everything = "com.acme.events.Everything";

    private static readonly string[] Fragments =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-", "0", "1e999", "-9223372036854775809", "1.5", "\"\"",
        "\\ud800", "\\udc00", "\\ud83d", "\\u0000", "\\uZZZZ", "\u00e9", "\"string\"", "{\"long\":", "\"HEARTS\"", "\\\"",
    };

    [Theory]
    [InlineData("field name", """{"\ud800":1}""")]
    [InlineData("field name, low half", """{"flag":true,"\udc00x":1}""")]
    [InlineData("union branch", """{"nickname":{"\ud800":"x"}}""")]
    [InlineData("enum symbol", """{"suit":"\ud83d"}""")]
    [InlineData("union branch naming an enum", """{"choice":{"com.acme.events.Suit":"\udfff"}}""")]
    public void LoneSurrogateEscapesAreAvroDataExceptions(string where, string json)
    {
        var e = Assert.Throws<AvroDataException>(() => generated.FromJson(Everything, json));
        Assert.True(e.Message.Length > 0, where);
    }

    [Fact]
    public void SeededMutationsOnlyRaiseAvroDataException()
    {
        var seeds = new[]
        {
            (Everything, RoundTripTestsData.Everything),
            ("com.acme.tree.Node", """{"label":"root","children":[{"label":"a","children":[],"next":null}],"next":{"com.acme.tree.Node":{"label":"b","children":[],"next":null}}}"""),
            ("com.acme.billing.Invoice", """{"total":{"units":10,"currency":"EUR"},"lines":[{"units":1,"currency":"USD"}],"note":{"com.acme.common.Money":{"units":2,"currency":"CHF"}}}"""),
        };
        var random = new Random(20261205);
        var rejected = 0;
        var surrogates = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var (type, seed) = seeds[i % seeds.Length];
            var json = Mutate(seed, random);
            surrogates += json.Contains("\\ud", StringComparison.Ordinal) ? 1 : 0;
            try
            {
                generated.FromJson(type, json);
            }
            catch (AvroDataException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} raised {e.GetType()}: {e.Message}\n{json}");
            }
        }

        // The mutations must exercise the failure paths (not only harmless edits), including lone surrogates.
        Assert.InRange(rejected, 10_000, 20_000);
        Assert.True(surrogates > 1000, $"{surrogates} inputs with surrogate escapes");
    }

    private static string Mutate(string seed, Random random) =>
        TextMutations.Mutate(seed, random, Fragments, static (text, at, random) =>
        {
            // Right after a quote: the start of a member name, a branch name, a symbol or a string value.
            var quote = text.ToString().IndexOf('"', at);
            if (quote >= 0)
            {
                text.Insert(quote + 1, random.Next(2) == 0 ? "\\ud800" : "\\udc01");
            }
        });
}

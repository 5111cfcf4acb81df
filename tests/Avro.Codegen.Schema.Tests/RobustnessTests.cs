using System.Text;
using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>Bad input of any shape yields errors, never an exception, and every error points inside the text.</summary>
public class RobustnessTests
{
    private static readonly string[] Fragments = { "{", "}", "[", "]", ",", ":", "\"", "\\", "\"type\"", "\"record\"", "\"fields\"", "null", "-", "0", "1e", "\u00e9", "\n", "\"int\"", "\"default\"" };

    [Fact]
    public void RandomEditsOfCorpusSchemasNeverThrow()
    {
        var corpus = Directory.GetFiles(Path.Combine(RepoRoot, "tests", "corpus", "schemas"), "*.avsc", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var random = new Random(20261122);
        for (var i = 0; i < 3000; i++)
        {
            var source = TextMutations.Mutate(corpus[i % corpus.Length], random, Fragments);
            var result = SchemaParser.Parse(source, "fuzz.avsc");
            Assert.Equal(result.Success, result.Schema is not null);
            foreach (var error in result.Errors)
            {
                Assert.Matches("^AVRO0[0-9][0-9]$", error.Code);
                Assert.InRange(error.Span.Offset, 0, source.Length);
                Assert.InRange(error.Line, 1, source.Count(c => c == '\n') + 1);
                Assert.True(error.Column >= 1);
            }

            if (result.Schema is not null)
            {
                // Whatever parsed must also produce its canonical form and full JSON, and the JSON must parse back.
                Assert.NotEmpty(ParsingCanonicalForm.ToCanonicalJson(result.Schema));
                Assert.True(SchemaParser.Parse(SchemaJson.ToJson(result.Schema)).Success);
            }
        }
    }

    [Fact]
    public void DeeplyNestedButLegalSchemasWork()
    {
        const int depth = 120; // each level is two JSON levels, inside the reader's limit of 256
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("{\"type\": \"array\", \"items\": ");
        }

        text.Append("\"int\"").Append('}', depth);
        var schema = Valid(text.ToString());
        var canonical = ParsingCanonicalForm.ToCanonicalJson(schema);
        Assert.StartsWith("{\"type\":\"array\",\"items\":{\"type\":\"array\"", canonical);
        Assert.Equal(canonical, ParsingCanonicalForm.ToCanonicalJson(Valid(SchemaJson.ToJson(schema))));
    }

    [Fact]
    public void NestingBeyondTheLimitIsOneError()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append("{\"type\": \"array\", \"items\": ");
        }

        text.Append("\"int\"").Append('}', 5000);
        var error = Assert.Single(SchemaParser.Parse(text.ToString()).Errors);
        Assert.Equal(SchemaErrorCodes.JsonTooDeep, error.Code);
    }
}

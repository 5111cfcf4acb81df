using Avro.Codegen.Generator.Binding;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Tests;

/// <summary>
/// The set's link reuses the graphs of files linked on their own; whatever it reuses, the result must be the one the
/// schema core's link over all files gives (types, references, errors and their positions).
/// </summary>
public class SetLinkerTests
{
    private const string Money = """{"type":"record","name":"Money","namespace":"com.acme","fields":[{"name":"units","type":"long"}]}""";
    private const string Invoice = """{"type":"record","name":"Invoice","namespace":"com.acme","fields":[{"name":"total","type":"Money"}]}""";
    private const string Broken = """{"type":"record","name":"Broken","namespace":"com.acme","fields":[{"name":"x","type":"lung"}]}""";

    public static TheoryData<string, (string Path, string Text)[]> Sets => new()
    {
        { "independent files", new[] { ("/s/a.avsc", Money), ("/s/b.avsc", """{"type":"enum","name":"Color","symbols":["RED"]}""") } },
        { "a reference to another file", new[] { ("/s/money.avsc", Money), ("/s/invoice.avsc", Invoice) } },
        { "a reference to a missing type", new[] { ("/s/invoice.avsc", Invoice) } },
        { "a broken file and a good one", new[] { ("/s/broken.avsc", Broken), ("/s/money.avsc", Money), ("/s/invoice.avsc", Invoice) } },
        { "a name defined in two files", new[] { ("/s/a.avsc", Money), ("/s/b.avsc", Money), ("/s/invoice.avsc", Invoice) } },
        { "a bad default of another file's record", new[] { ("/s/money.avsc", Money), ("/s/bad.avsc",
            """{"type":"record","name":"Bad","namespace":"com.acme","fields":[{"name":"m","type":"Money","default":{"units":"x"}}]}""") } },
        {
            // Alone, the short name "Money" inside com.acme falls back to the file's own null-namespace Money; in the
            // whole set it means the other file's com.acme.Money.
            "a short name that another file's type takes over", new[]
            {
                ("/s/own.avsc", """{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"own","type":{"type":"record","name":"Money","namespace":"","fields":[]}},{"name":"price","type":"Money"}]}"""),
                ("/s/money.avsc", Money),
            }
        },
        { "an IDL file", new[] { ("/s/money.avsc", Money), ("/s/p.avdl", "@namespace(\"com.acme\") protocol P { record Line { Money amount; } }") } },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void ReusingFilesLinkedAloneGivesTheWholeLinksResult(string name, (string Path, string Text)[] texts)
    {
        var files = texts.Select(t => SetLinker.Parse(new SchemaFileInput(t.Path, t.Text, null))).ToList();

        var reused = SetLinker.Link(files);
        var whole = SchemaParser.Link(files.Select(f => f.Unlinked!)).Files;

        Assert.Equal(Describe(whole), Describe(reused));
        Assert.True(reused.Count == texts.Length, name);
    }

    [Fact]
    public void AnUnchangedSelfContainedFileKeepsItsGraph()
    {
        var money = SetLinker.Parse(new SchemaFileInput("/s/money.avsc", Money, null));
        var invoice = SetLinker.Parse(new SchemaFileInput("/s/invoice.avsc", Invoice, null));

        var linked = SetLinker.Link(new[] { money, invoice });

        Assert.Same(money.Alone, linked[0]);
        // The file that names another file's type is linked again, against the reused graph.
        Assert.False(invoice.Alone!.Success);
        var total = Assert.IsType<RecordSchema>(linked[1].Schema).Fields.Single().Type;
        Assert.Same(money.Alone!.Schema, total);
    }

    private static List<string> Describe(IReadOnlyList<SchemaFileResult> files) => files
        .Select(f => string.Join(" | ",
            f.Path,
            f.Schema is null ? "-" : ParsingCanonicalForm.ToCanonicalJson(f.Schema),
            string.Join(",", f.DefinedTypes.Select(t => t.FullName)),
            string.Join(";", f.Errors.Select(e => e.ToString() + "@" + e.Span.Offset))))
        .ToList();
}

using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// <see cref="SchemaParser.ParseUnlinked"/> + <see cref="SchemaParser.Link"/>: parsing each file on its own and linking
/// the set later must be indistinguishable from <see cref="SchemaParser.ParseSet(IEnumerable{SchemaSource})"/>, errors and
/// positions included, and an unlinked file must be reusable in any number of links (the generator keeps it cached).
/// </summary>
public class UnlinkedParseTests
{
    private static readonly SchemaSource Money = new("money.avsc", Q(
        "{'type': 'record', 'name': 'Money', 'namespace': 'com.acme', 'fields': [{'name': 'units', 'type': 'long'}]}"));

    private static readonly SchemaSource Invoice = new("invoice.avsc", Q(
        "{'type': 'record', 'name': 'Invoice', 'namespace': 'com.acme', 'fields': [{'name': 'total', 'type': 'Money'}]}"));

    /// <summary>Every corpus file (JSON, protocol and IDL) plus broken ones: each error kind of the syntax and the link passes.</summary>
    private static List<SchemaSource> Corpus()
    {
        var root = Path.Combine(RepoRoot, "tests", "corpus");
        var files = Directory.EnumerateFiles(Path.Combine(root, "schemas"), "*.avsc", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "idl"), "*.av*", SearchOption.AllDirectories))
            .Where(p => p.EndsWith(".avsc", StringComparison.Ordinal) || p.EndsWith(".avdl", StringComparison.Ordinal) || p.EndsWith(".avpr", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new SchemaSource(p, File.ReadAllText(p)))
            .ToList();
        files.Add(new SchemaSource("broken-json.avsc", "{\"type\": \"record\", \"name\": "));
        files.Add(new SchemaSource("broken-idl.avdl", "protocol P { record R { int } }"));
        files.Add(new SchemaSource("unknown.avsc", Q("{'type': 'record', 'name': 'U', 'fields': [{'name': 'x', 'type': 'Nope'}]}")));
        files.Add(new SchemaSource("before.avsc", Q("{'type': 'record', 'name': 'B', 'fields': [{'name': 'x', 'type': 'Later'}, {'name': 'y', 'type': {'type': 'fixed', 'name': 'Later', 'size': 1}}]}")));
        files.Add(new SchemaSource("bad-default.avsc", Q("{'type': 'record', 'name': 'D', 'fields': [{'name': 'x', 'type': 'com.acme.Money', 'default': 3}]}")));
        files.Add(Money);
        files.Add(new SchemaSource("duplicate.avsc", Q("{'type': 'fixed', 'name': 'com.acme.Money', 'size': 2}")));
        return files;
    }

    private static string Describe(SchemaSetResult set) => string.Join("\n", set.Files.Select(f =>
        f.Path + ": " + string.Join(", ", f.DefinedTypes.Select(t => t.FullName)) + " | " + string.Join(", ", f.AllTypes.Select(t => t.FullName))
        + " | " + (f.Schema is null ? "-" : ParsingCanonicalForm.ToCanonicalJson(f.Schema))
        + " | " + string.Join("; ", f.Errors.Select(e => $"{e.Code} {e.File}({e.Span.StartLine},{e.Span.StartColumn})-({e.Span.EndLine},{e.Span.EndColumn}) @{e.Span.Offset}+{e.Span.Length}: {e.Message}")))
        + "\n" + string.Join("\n", set.NamedTypes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " = " + ParsingCanonicalForm.ToCanonicalJson(p.Value))));

    [Fact]
    public void LinkingFilesParsedOneByOneEqualsParsingTheSet()
    {
        var sources = Corpus();
        var expected = SchemaParser.ParseSet(sources);
        var linked = SchemaParser.Link(sources.Select(SchemaParser.ParseUnlinked));

        Assert.Equal(Describe(expected), Describe(linked));
        // The corpus exercises both passes: syntax errors found alone, name and default errors found by the link.
        Assert.Contains(expected.Errors, e => e.File == "broken-json.avsc");
        Assert.Contains(expected.Errors, e => e.File == "broken-idl.avdl");
        Assert.Contains(expected.Errors, e => e.File == "unknown.avsc" && e.Code == SchemaErrorCodes.UnknownType);
        Assert.Contains(expected.Errors, e => e.File == "before.avsc" && e.Code == SchemaErrorCodes.TypeUsedBeforeDefinition);
        Assert.Contains(expected.Errors, e => e.File == "duplicate.avsc");
        Assert.Contains(expected.Errors, e => e.File == "bad-default.avsc");
        Assert.True(expected.NamedTypes.Count > 50);
    }

    [Fact]
    public void SyntaxErrorsAreFoundWithoutTheOtherFiles()
    {
        var alone = SchemaParser.ParseUnlinked(new SchemaSource("broken.avsc", "{\"type\": \"record\", \"name\": "));
        var error = Assert.Single(alone.Errors);
        Assert.Equal("broken.avsc", error.File);
        Assert.Equal(error.Code, Assert.Single(SchemaParser.Parse("{\"type\": \"record\", \"name\": ", "broken.avsc").Errors).Code);

        // Names are the link's business: an unknown type is no syntax error.
        Assert.Empty(SchemaParser.ParseUnlinked(Invoice).Errors);
    }

    [Fact]
    public void AnUnlinkedFileIsReusedAcrossLinksAndEachLinkBuildsItsOwnGraph()
    {
        var invoice = SchemaParser.ParseUnlinked(Invoice);
        var money = SchemaParser.ParseUnlinked(Money);

        var alone = SchemaParser.Link(new[] { invoice });
        Assert.Equal(SchemaErrorCodes.UnknownType, Assert.Single(alone.Errors).Code);

        var first = SchemaParser.Link(new[] { invoice, money });
        var second = SchemaParser.Link(new[] { invoice, money });
        Assert.True(first.Success && second.Success);
        Assert.NotSame(first.Find("com.acme.Invoice"), second.Find("com.acme.Invoice"));
        Assert.Same(first.Find("com.acme.Money"), ((RecordSchema)first.Find("com.acme.Invoice")!).Fields[0].Type);

        // An edit of one file: the other file's unlinked tree links against the new definition.
        var edited = SchemaParser.ParseUnlinked(new SchemaSource("money.avsc", Money.Text.Replace("'long'".Replace('\'', '"'), "\"int\"")));
        var third = SchemaParser.Link(new[] { invoice, edited });
        Assert.Equal(Q("{'name':'com.acme.Invoice','type':'record','fields':[{'name':'total','type':{'name':'com.acme.Money','type':'record','fields':[{'name':'units','type':'int'}]}}]}"),
            ParsingCanonicalForm.ToCanonicalJson(third.Find("com.acme.Invoice")!));
        Assert.Equal("long", ((RecordSchema)first.Find("com.acme.Money")!).Fields[0].Type.TypeName);
        // The unlinked file's own errors are not grown by the links that used it.
        Assert.Empty(invoice.Errors);
    }
}

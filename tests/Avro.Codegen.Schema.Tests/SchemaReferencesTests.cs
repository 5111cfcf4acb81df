using Avro.Codegen.Schema;
using Avro.Codegen.TestUtilities;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// Splitting a project's schemas into registry units with references: which file's schema defines each type, and
/// that the units, parsed dependencies first as a registry resolves references, give back each type's schema.
/// </summary>
public class SchemaReferencesTests
{
    [Theory]
    [MemberData(nameof(SchemaTemplateTests.CorpusFolders), MemberType = typeof(SchemaTemplateTests))]
    public void UnitsResolveToTheSameSchemaForTheCorpus(string folder)
    {
        var top = folder == "tests/corpus/schemas";
        var files = Directory.GetFiles(Path.Combine(RepoRoot, folder), "*.avsc", top ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).Select(f => new SchemaSource(f, File.ReadAllText(f))).ToList();
        AssertUnitsResolve(SchemaParser.ParseSet(files));
    }

    [Fact]
    public void AFilesMainSchemaIsTheHomeOfTheTypesItDefinesAndEveryOtherTypeIsItsOwn()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("money.avsc", """{"type":"record","name":"Money","namespace":"m","fields":[{"name":"c","type":{"type":"enum","name":"Currency","symbols":["EUR"]}}]}"""),
            new SchemaSource("events.avsc", """[{"type":"record","name":"Paid","namespace":"e","fields":[{"name":"m","type":"m.Money"}]},{"type":"record","name":"Refunded","namespace":"e","fields":[{"name":"c","type":"m.Currency"}]}]"""),
            new SchemaSource("types.avdl", """
                @namespace("i")
                protocol P {
                  record A { string s; }
                  enum E { X, Y }
                  record B { A a; E e; m.Money m; }
                }
                """),
            new SchemaSource("main.avdl", """
                namespace d;
                schema Top;
                record Top { Inner inner; }
                record Inner { int n; }
                record Beside { int n; }
                """),
        });
        Assert.Empty(set.Errors);

        var homes = SchemaReferences.Homes(set.Files);

        Assert.Equal("m.Money", homes["m.Money"]);
        Assert.Equal("m.Money", homes["m.Currency"]);
        Assert.Equal("e.Paid", homes["e.Paid"]);
        Assert.Equal("e.Refunded", homes["e.Refunded"]);
        Assert.Equal(["i.A", "i.E", "i.B"], new[] { "i.A", "i.E", "i.B" }.Select(n => homes[n]));
        Assert.Equal("d.Top", homes["d.Inner"]);
        Assert.Equal("d.Beside", homes["d.Beside"]);
        AssertUnitsResolve(set);

        var templates = Templates(set);
        Assert.True(SchemaReferences.TryPlan(templates, "i.B", n => homes[n], out var units, out _));
        Assert.Equal(["i.A", "i.E", "m.Money", "i.B"], units.Select(u => u.FullName));
        Assert.Equal(["i.A", "i.E", "m.Money"], units[^1].References);
        Assert.Equal("""{"type":"record","name":"B","namespace":"i","fields":[{"name":"a","type":"A"},{"name":"e","type":"E"},{"name":"m","type":"m.Money"}]}""", units[^1].Json);

        // A type nested in another file's schema is named, and the reference is to the schema that defines it.
        Assert.True(SchemaReferences.TryPlan(templates, "e.Refunded", n => homes[n], out var refunded, out _));
        Assert.Equal(["m.Money", "e.Refunded"], refunded.Select(u => u.FullName));
        Assert.Contains("\"type\":\"m.Currency\"", refunded[^1].Json, StringComparison.Ordinal);
    }

    [Fact]
    public void TypesReferringToEachOtherAcrossFilesAreACycleReferencesCannotExpress()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("a.avsc", """{"type":"record","name":"A","namespace":"x","fields":[{"name":"b","type":["null","B"],"default":null}]}"""),
            new SchemaSource("b.avsc", """{"type":"record","name":"B","namespace":"x","fields":[{"name":"c","type":["null","C"],"default":null}]}"""),
            new SchemaSource("c.avsc", """{"type":"record","name":"C","namespace":"x","fields":[{"name":"a","type":["null","A"],"default":null}]}"""),
        });
        var homes = SchemaReferences.Homes(set.Files);

        Assert.False(SchemaReferences.TryPlan(Templates(set), "x.A", n => homes[n], out var units, out var error));

        Assert.Empty(units);
        Assert.Equal("the types of 'x.A' -> 'x.B' -> 'x.C' -> 'x.A' refer to each other across files; schema references cannot express a cycle, so define these types in one file", error);
    }

    [Fact]
    public void PlanningALongChainOfFilesNeedsNoDeepStack()
    {
        var set = SchemaParser.ParseSet(LongChainTests.Chain(2_000));
        var homes = SchemaReferences.Homes(set.Files);
        var templates = Templates(set);

        var units = SmallStack.Run(() => SchemaReferences.TryPlan(templates, "c.R0", n => homes[n], out var planned, out _) ? planned : null);

        Assert.NotNull(units);
        Assert.Equal(2_000, units.Count);
        Assert.Equal("c.R1999", units[0].FullName);

        // Every unit references all it depends on, dependencies first: R0 names only R1, and references R1999 ... R1.
        Assert.Equal(Enumerable.Range(1, 1_999).Reverse().Select(i => "c.R" + i), units[^1].References);
    }

    private static SchemaTemplateSet Templates(SchemaSetResult set) => new(set.NamedTypes.Values.Select(SchemaTemplate.Create));

    // Every named type's units, parsed in order with the earlier units' types known (as a registry resolves
    // references), give a schema with the type's own Parsing Canonical Form; no unit defines a type twice.
    private static void AssertUnitsResolve(SchemaSetResult set)
    {
        Assert.Empty(set.Errors);
        var homes = SchemaReferences.Homes(set.Files);
        var templates = Templates(set);
        foreach (var (name, schema) in set.NamedTypes)
        {
            if (!SchemaReferences.TryPlan(templates, name, n => homes[n], out var units, out _))
            {
                continue;
            }

            var known = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
            AvroSchema? last = null;
            foreach (var unit in units)
            {
                var parsed = SchemaParser.Parse(unit.Json, unit.FullName + ".avsc", known.Values);
                Assert.True(parsed.Success, $"{name}: unit {unit.FullName}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}\n{unit.Json}");
                foreach (var type in parsed.DefinedTypes)
                {
                    Assert.True(known.TryAdd(type.FullName, type), $"{name}: {type.FullName} is defined by two units");
                }

                last = parsed.Schema;
            }

            Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(schema), ParsingCanonicalForm.ToCanonicalJson(last!));

            // As Confluent's JS client resolves: only the root's reference list, in order, each parsed with those before it.
            var listed = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
            foreach (var reference in units[^1].References)
            {
                var parsed = SchemaParser.Parse(units.Single(u => u.FullName == reference).Json, reference + ".avsc", listed.Values);
                Assert.True(parsed.Success, $"{name}: reference {reference} in list order: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
                foreach (var type in parsed.DefinedTypes)
                {
                    listed[type.FullName] = type;
                }
            }

            Assert.True(SchemaParser.Parse(units[^1].Json, name + ".avsc", listed.Values).Success, name + ": the root with its listed references");
        }
    }
}

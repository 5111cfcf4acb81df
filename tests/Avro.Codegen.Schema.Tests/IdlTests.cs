using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>Avro IDL (.avdl) read into the schema model: both forms, every construct, imports, and located errors.</summary>
public class IdlTests
{
    private static SchemaFileResult ValidIdl(string text, SchemaImportResolver? resolver = null, string path = "/idl/test.avdl")
    {
        var set = AvroIdl.Parse(text, path, resolver);
        Assert.True(set.Success, string.Join("\n", set.Errors));
        return set.Files[0];
    }

    private static IReadOnlyList<SchemaError> Errors(string text, SchemaImportResolver? resolver = null)
    {
        var set = AvroIdl.Parse(text, "/idl/test.avdl", resolver);
        Assert.False(set.Success);
        Assert.Null(set.Files[0].Schema);
        return set.Errors;
    }

    private static void ErrorAt(string text, string code, string marker, int occurrence = 1)
    {
        var errors = Errors(text);
        var (line, column) = Locate(text, marker, occurrence);
        Assert.True(errors.Any(e => e.Code == code && e.Line == line && e.Column == column),
            $"expected {code} at ({line},{column}) but got:\n" + string.Join("\n", errors));
    }

    private static string Canonical(AvroSchema schema) => ParsingCanonicalForm.ToCanonicalJson(schema);

    [Fact]
    public void SchemaSyntaxFromTheSpecificationGivesItsMainSchema()
    {
        const string text = """
            /*
             * Header.
             */
            namespace org.apache.avro.test;
            schema TestRecord;

            /** Documentation for the enum type Kind */
            @aliases(["org.foo.KindOf"])
            enum Kind {
              FOO,
              BAR, // the bar enum value
              BAZ
            } = FOO;

            /** MD5 hash; good enough to avoid most collisions, and smaller than (for example) SHA256. */
            fixed MD5(16);

            record TestRecord {
              /** Record name; has no intrinsic order */
              string @order("ignore") name;

              Kind @order("descending") kind;

              MD5 hash;

              union { null, MD5 } /** Optional field */ @aliases(["hash"]) nullableHash = null;
              MD5? anotherNullableHash = null;

              array<long> arrayOfLongs;
            }
            """;
        var file = ValidIdl(text);
        var record = Assert.IsType<RecordSchema>(file.Schema);
        Assert.Equal("org.apache.avro.test.TestRecord", record.FullName);
        Assert.Equal(
            """{"name":"org.apache.avro.test.TestRecord","type":"record","fields":[{"name":"name","type":"string"},{"name":"kind","type":{"name":"org.apache.avro.test.Kind","type":"enum","symbols":["FOO","BAR","BAZ"]}},{"name":"hash","type":{"name":"org.apache.avro.test.MD5","type":"fixed","size":16}},{"name":"nullableHash","type":["null","org.apache.avro.test.MD5"]},{"name":"anotherNullableHash","type":["null","org.apache.avro.test.MD5"]},{"name":"arrayOfLongs","type":{"type":"array","items":"long"}}]}""",
            Canonical(record));
        Assert.Equal("Record name; has no intrinsic order", record.Fields[0].Doc);
        Assert.Equal(FieldOrder.Ignore, record.Fields[0].Order);
        Assert.Equal(FieldOrder.Descending, record.Fields[1].Order);
        Assert.Equal("Optional field", record.Fields[3].Doc);
        Assert.Equal(new[] { "hash" }, record.Fields[3].Aliases);
        var kind = Assert.IsType<EnumSchema>(record.Fields[1].Type);
        Assert.Equal("FOO", kind.Default);
        Assert.Equal("Documentation for the enum type Kind", kind.Doc);
        Assert.Equal(new[] { "org.foo.KindOf" }, kind.Aliases);
        Assert.Equal(new[] { "org.apache.avro.test.Kind", "org.apache.avro.test.MD5", "org.apache.avro.test.TestRecord" },
            file.AllTypes.Select(t => t.FullName));
        Assert.Null(file.Protocol);
    }

    [Fact]
    public void ProtocolWithImportsMessagesAndErrors()
    {
        var files = new Dictionary<string, string>
        {
            ["/idl/schema.avdl"] = "namespace org.apache.avro.test; record TestRecord { string name; }",
            ["/idl/json/common.avsc"] = """{"type": "enum", "name": "Color", "namespace": "com.shared", "symbols": ["RED", "GREEN"]}""",
            ["/idl/other.avpr"] = """{"protocol": "Other", "namespace": "com.other", "types": [{"type": "fixed", "name": "Id", "size": 4}], "messages": {"ping": {"request": [], "response": "null"}}}""",
        };
        SchemaImportResolver resolver = (from, location) =>
        {
            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, location));
            return files.TryGetValue(path, out var text) ? new SchemaSource(path, text) : null;
        };
        const string text = """
            /**
             * An example protocol in Avro IDL
             */
            @namespace("org.apache.avro.test")
            @version("1.0")
            protocol Simple {
              import idl "schema.avdl";
              import schema "json/common.avsc";
              import protocol "other.avpr";

              /** Errors are records that can be thrown from a method */
              error TestError {
                string message;
              }

              string hello(string greeting = "hi");
              TestRecord echo(TestRecord `record`);
              int add(int arg1, int arg2);
              void `error`() throws TestError;
              void fire(com.shared.Color color) oneway;
            }
            """;
        var file = ValidIdl(text, resolver);
        var protocol = Assert.IsType<AvroProtocol>(file.Protocol);
        Assert.Equal("Simple", protocol.Name);
        Assert.Equal("org.apache.avro.test", protocol.Namespace);
        Assert.Equal("An example protocol in Avro IDL", protocol.Doc);
        Assert.Equal("version", Assert.Single(protocol.Properties).Name);
        Assert.Equal(new[] { "org.apache.avro.test.TestRecord", "com.shared.Color", "com.other.Id", "org.apache.avro.test.TestError" },
            protocol.Types.Select(t => t.FullName));
        Assert.Equal(new[] { "ping", "hello", "echo", "add", "error", "fire" }, protocol.Messages.Select(m => m.Name));
        var hello = protocol.Messages[1];
        Assert.Equal("\"hi\"", hello.Request[0].Default!.ToJson());
        var error = protocol.Messages[4];
        Assert.Equal(SchemaKind.Null, error.Response.Kind);
        Assert.Equal("org.apache.avro.test.TestError", Assert.Single(error.Errors).TypeName);
        Assert.True(protocol.Messages[5].OneWay);
        Assert.Equal("record", protocol.Messages[2].Request[0].Name);

        var json = SchemaJson.ToJson(protocol);
        Assert.StartsWith("""{"protocol":"Simple","namespace":"org.apache.avro.test","doc":"An example protocol in Avro IDL","version":"1.0","types":[""", json);
        Assert.Contains(Q("'error':{'request':[],'response':'null','errors':['TestError']}"), json);
        Assert.Contains(Q("'fire':{'request':[{'name':'color','type':'com.shared.Color'}],'response':'null','one-way':true}"), json);

        // The .avpr text parses back as the same protocol.
        var back = SchemaParser.ParseSet(new[] { new SchemaSource("/back/p.avpr", json) });
        Assert.True(back.Success, string.Join("\n", back.Errors));
        Assert.Equal(json, SchemaJson.ToJson(back.Files[0].Protocol!));
    }

    [Fact]
    public void LogicalTypeKeywordsAndAnnotations()
    {
        const string text = """
            namespace ns;
            schema Job;
            record Job {
              date submitDate;
              time_ms submitTime;
              timestamp_ms finishTime;
              local_timestamp_ms localTime;
              decimal(9,2) finishRatio;
              decimal(5) whole;
              uuid pk = "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8";
              @logicalType("timestamp-micros") long micros;
              @logicalType("decimal") @precision(20) @scale(4) bytes big;
              @java-class("java.util.ArrayList") array<@foo.bar-baz(1) string> strings;
              map<int?> counts;
            }
            """;
        var record = Assert.IsType<RecordSchema>(ValidIdl(text).Schema);
        var logical = record.Fields.Take(9).Select(f => f.Type.LogicalType!).ToList();
        Assert.Equal(new[] { LogicalTypeKind.Date, LogicalTypeKind.TimeMillis, LogicalTypeKind.TimestampMillis, LogicalTypeKind.LocalTimestampMillis,
            LogicalTypeKind.Decimal, LogicalTypeKind.Decimal, LogicalTypeKind.Uuid, LogicalTypeKind.TimestampMicros, LogicalTypeKind.Decimal }, logical.Select(l => l.Kind));
        Assert.Equal((9, 2), (logical[4].Precision, logical[4].Scale));
        Assert.Equal((5, 0), (logical[5].Precision, logical[5].Scale));
        Assert.Equal((20, 4), (logical[8].Precision, logical[8].Scale));
        Assert.Equal(new[] { SchemaKind.Int, SchemaKind.Int, SchemaKind.Long, SchemaKind.Long, SchemaKind.Bytes, SchemaKind.Bytes, SchemaKind.String, SchemaKind.Long, SchemaKind.Bytes },
            record.Fields.Take(9).Select(f => f.Type.Kind));
        var strings = Assert.IsType<ArraySchema>(record.Fields[9].Type);
        Assert.Equal("java-class", Assert.Single(strings.Properties).Name);
        Assert.Equal("foo.bar-baz", Assert.Single(strings.Items.Properties).Name);
        var counts = Assert.IsType<MapSchema>(record.Fields[10].Type);
        Assert.Equal("[\"null\",\"int\"]", Canonical(counts.Values));
    }

    [Fact]
    public void NullableShorthandPutsNullAfterTheTypeWhenTheDefaultIsNotNull()
    {
        var record = (RecordSchema)ValidIdl("""
            schema R;
            record R {
              union { null, string } a = null;
              string? b = null;
              string? c;
              union { string, null } d = "something";
              string? e = "something else";
              int? f = 1, g, h = null;
            }
            """).Schema!;
        Assert.Equal(new[] { "[\"null\",\"string\"]", "[\"null\",\"string\"]", "[\"null\",\"string\"]", "[\"string\",\"null\"]", "[\"string\",\"null\"]",
            "[\"int\",\"null\"]", "[\"null\",\"int\"]", "[\"null\",\"int\"]" }, record.Fields.Select(f => Canonical(f.Type)));
        Assert.False(record.Fields[2].HasDefault);
    }

    [Fact]
    public void NamespacesAnnotationsAndForwardReferences()
    {
        const string text = """
            @namespace("org.apache.avro.firstNamespace")
            protocol MyProto {
              @namespace("org.apache.avro.someOtherNamespace")
              record Foo { org.apache.avro.firstNamespace.Bar bar; }

              record Bar { Later? later; }
              @namespace("") record Plain { int x; }
              record com.acme.Dotted { org.apache.avro.someOtherNamespace.Foo foo; }
              /** first */ /** second wins */
              enum Later { A, B }
              fixed `Fixed`(0x10);
            }
            """;
        var protocol = ValidIdl(text).Protocol!;
        Assert.Equal(new[] { "org.apache.avro.someOtherNamespace.Foo", "org.apache.avro.firstNamespace.Bar", "Plain", "com.acme.Dotted",
            "org.apache.avro.firstNamespace.Later", "org.apache.avro.firstNamespace.Fixed" }, protocol.Types.Select(t => t.FullName));
        Assert.Equal("second wins", protocol.Types[4].Doc);
        Assert.Equal(16, ((FixedSchema)protocol.Types[5]).Size);
        Assert.Equal("org.apache.avro.firstNamespace.Bar", ((RecordSchema)protocol.Types[0]).Fields[0].Type.TypeName);
    }

    [Fact]
    public void ReferencesResolveAgainstTheEnclosingRecordsNamespace()
    {
        // As in Avro 1.12: inside a record with its own namespace, a short name means a type of that namespace.
        var errors = Errors("""
            @namespace("first")
            protocol P {
              @namespace("other") record Foo { Bar bar; }
              record Bar { }
            }
            """);
        Assert.Equal(SchemaErrorCodes.UnknownType, Assert.Single(errors).Code);
    }

    [Fact]
    public void AvscFilesMayReferToTypesDefinedInAvdlAndBack()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("/p/order.avsc", """{"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "customer", "type": "shop.Customer"}]}"""),
            new SchemaSource("/p/customer.avdl", """@namespace("shop") protocol P { record Customer { string name; Address address; } }"""),
            new SchemaSource("/p/address.avsc", """{"type": "record", "name": "Address", "namespace": "shop", "fields": [{"name": "street", "type": "string"}]}"""),
        });
        Assert.True(set.Success, string.Join("\n", set.Errors));
        Assert.Equal("shop.Customer", Assert.Single(set.Files[1].DefinedTypes).FullName);
        Assert.Same(set.Find("shop.Address"), ((RecordSchema)set.Find("shop.Customer")!).Fields[1].Type);
    }

    [Fact]
    public void AnImportOfAFileInTheSetUsesThatFileOnce()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("/p/a.avdl", """namespace x; import schema "b.avsc"; record A { B b; }"""),
            new SchemaSource("/p/b.avsc", """{"type": "record", "name": "B", "namespace": "x", "fields": []}"""),
            new SchemaSource("/p/c.avdl", """namespace x; schema C; import idl "a.avdl"; import schema "b.avsc"; record C { A a; B b; }"""),
        });
        Assert.True(set.Success, string.Join("\n", set.Errors));
        Assert.Equal(3, set.Files.Count);
        Assert.Equal(new[] { "x.B", "x.A", "x.C" }, set.Files[2].AllTypes.Select(t => t.FullName));
    }

    [Fact]
    public void ReadsFromTheFileSystemRelativeToTheImporterThenTheImportDirectories()
    {
        var root = Path.Combine(Path.GetTempPath(), "idl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "main"));
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        try
        {
            File.WriteAllText(Path.Combine(root, "main", "near.avdl"), "namespace n; record Near { }");
            File.WriteAllText(Path.Combine(root, "lib", "far.avsc"), """{"type": "enum", "name": "Far", "namespace": "n", "symbols": ["X"]}""");
            var path = Path.Combine(root, "main", "m.avdl");
            var text = """namespace n; schema M; import idl "near.avdl"; import schema "far.avsc"; record M { Near near; Far far; }""";
            var set = AvroIdl.Parse(text, path, AvroIdl.FileSystemResolver(new[] { Path.Combine(root, "lib") }));
            Assert.True(set.Success, string.Join("\n", set.Errors));
            Assert.Equal("n.M", set.Files[0].Schema!.TypeName);

            var missing = AvroIdl.Parse(text, path, AvroIdl.FileSystemResolver());
            var error = missing.Errors[0];
            Assert.Equal(SchemaErrorCodes.IdlImport, error.Code);
            Assert.Equal((1, 48), (error.Line, error.Column));
            Assert.Contains("far.avsc", error.Message);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("schema int;", "\"int\"")]
    [InlineData("schema array<map<string?>>;", "{\"type\":\"array\",\"items\":{\"type\":\"map\",\"values\":[\"null\",\"string\"]}}")]
    [InlineData("namespace a.b; schema union { null, R }; record R { bytes `bytes` = \"\\u00ff\"; }", "[\"null\",{\"name\":\"a.b.R\",\"type\":\"record\",\"fields\":[{\"name\":\"bytes\",\"type\":\"bytes\"}]}]")]
    [InlineData("schema R; record R { double d = 1.5e3; float f = -.5; long l = 0x10; int i = 010; boolean t = true; }", "{\"name\":\"R\",\"type\":\"record\",\"fields\":[{\"name\":\"d\",\"type\":\"double\"},{\"name\":\"f\",\"type\":\"float\"},{\"name\":\"l\",\"type\":\"long\"},{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"t\",\"type\":\"boolean\"}]}")]
    public void MainSchemas(string text, string canonical) =>
        Assert.Equal(canonical, Canonical(ValidIdl(text).Schema!));

    [Fact]
    public void DefaultsKeepTheirJsonValues()
    {
        var record = (RecordSchema)ValidIdl("""
            schema R;
            record R {
              long l = 0x10;
              int i = 010;
              float f = -.5f;
              double d = 1.;
              string s = "tab\tq\"o\101";
              array<int> a = [1, 2];
              map<string> m = {"k": "v"};
              R? self = null;
            }
            """).Schema!;
        Assert.Equal(new[] { "16", "8", "-0.5", "1.0", "\"tab\\tq\\\"oA\"", "[1,2]", "{\"k\":\"v\"}", "null" }, record.Fields.Select(f => f.Default!.ToJson()));
    }

    [Fact]
    public void SyntaxErrorsAreLocated()
    {
        ErrorAt("schema R;\nrecord R {\n  string name\n}", SchemaErrorCodes.IdlSyntax, "}");
        ErrorAt("protocol P {\n  record R { int x; }\n  int add(int a int b);\n}", SchemaErrorCodes.IdlSyntax, "int b");
        ErrorAt("schema R;\nrecord R { string s = \"open; }", SchemaErrorCodes.IdlInvalidToken, "\"open");
        ErrorAt("schema R;\nrecord R { int # x; }", SchemaErrorCodes.IdlInvalidToken, "#");
        ErrorAt("/* not closed\nschema int;", SchemaErrorCodes.IdlInvalidToken, "/*");
        ErrorAt("schema R; record R { int x = 1e; }", SchemaErrorCodes.IdlInvalidToken, "1e");
        ErrorAt("schema R; record R { string s = \"\\q\"; }", SchemaErrorCodes.IdlInvalidToken, "\\q");
        ErrorAt("protocol P { } extra", SchemaErrorCodes.IdlSyntax, "extra");
        ErrorAt("schema int; namespace a;", SchemaErrorCodes.IdlMisplaced, "namespace");
        ErrorAt("record R { } schema R;", SchemaErrorCodes.IdlMisplaced, "schema");
        ErrorAt("protocol P { namespace a; }", SchemaErrorCodes.IdlMisplaced, "namespace");
        ErrorAt("protocol P { } protocol Q { }", SchemaErrorCodes.IdlSyntax, "protocol Q");
        ErrorAt("schema R; record R { `` x; }", SchemaErrorCodes.IdlInvalidToken, "``");
    }

    [Fact]
    public void SemanticErrorsAreLocatedInTheAvdl()
    {
        ErrorAt("schema R;\nrecord R {\n  Missing m;\n}", SchemaErrorCodes.UnknownType, "Missing");
        ErrorAt("schema R;\nrecord R { int x = \"no\"; }", SchemaErrorCodes.InvalidDefault, "\"no\"");
        ErrorAt("schema R;\nrecord R { int x; long x; }", SchemaErrorCodes.DuplicateFieldName, "x", 2);
        ErrorAt("schema E;\nenum E { A, B, A }", SchemaErrorCodes.DuplicateEnumSymbol, "A", 2);
        ErrorAt("schema E;\nenum E { A, B } = C;", SchemaErrorCodes.InvalidEnumDefault, "C");
        ErrorAt("record R { }\nrecord R { }", SchemaErrorCodes.DuplicateType, "R", 2);
        ErrorAt("record int { }", SchemaErrorCodes.ReservedTypeName, "int {");
        ErrorAt("record R { union { int, int } u; }", SchemaErrorCodes.DuplicateUnionBranch, "int }");
        ErrorAt("record R { string @order(\"sideways\") s; }", SchemaErrorCodes.InvalidFieldOrder, "\"sideways\"");
        ErrorAt("record R { decimal(2,5) d; }", SchemaErrorCodes.IdlInvalidType, "decimal");
        ErrorAt("record R { void v; }", SchemaErrorCodes.IdlMisplaced, "void");
        ErrorAt("record R { } record S { @foo(1) R r; }", SchemaErrorCodes.IdlAnnotation, "@foo");
        ErrorAt("record R { @a(1) union { int, null } u; }", SchemaErrorCodes.IdlAnnotation, "@a");
        ErrorAt("@name(\"x\") record R { }", SchemaErrorCodes.IdlAnnotation, "@name");
        ErrorAt("record R { int @x(1) @x(2) f; }", SchemaErrorCodes.IdlAnnotation, "@x", 2);
        ErrorAt("@namespace(1) protocol P { }", SchemaErrorCodes.WrongAttributeType, "1");
        ErrorAt("namespace a..b; record R { }", SchemaErrorCodes.IdlInvalidToken, "..b");
        ErrorAt("protocol P { record R { } void m() throws R; }", SchemaErrorCodes.IdlMessage, "R;");
        ErrorAt("protocol P { int m() oneway; }", SchemaErrorCodes.IdlMessage, "oneway");
        ErrorAt("protocol P { void m(); void m(int x); }", SchemaErrorCodes.IdlMessage, "m(int");
        ErrorAt("protocol P { import schema \"nowhere.avsc\"; }", SchemaErrorCodes.IdlImport, "import");
    }

    [Fact]
    public void EveryErrorOfAFileIsReported()
    {
        const string text = """
            schema R;
            record R {
              string a
              Unknown b;
              int c = "x";
            }
            enum E { X, X }
            record S { int ; }
            """;
        var errors = Errors(text);
        Assert.Equal(new[] { (SchemaErrorCodes.IdlSyntax, 4), (SchemaErrorCodes.InvalidDefault, 5), (SchemaErrorCodes.DuplicateEnumSymbol, 7), (SchemaErrorCodes.IdlSyntax, 8) },
            errors.Select(e => (e.Code, e.Line)));
        Assert.All(errors, e => Assert.Equal("/idl/test.avdl", e.File));
    }

    [Fact]
    public void NestingIsBounded()
    {
        var deep = "schema " + string.Concat(Enumerable.Repeat("array<", 10_000)) + "int" + new string('>', 10_000) + ";";
        Assert.Contains(Errors(deep), e => e.Code == SchemaErrorCodes.IdlTooDeep);
        var deepJson = "schema R; record R { @p(" + new string('[', 10_000) + new string(']', 10_000) + ") int x; }";
        Assert.Contains(Errors(deepJson), e => e.Code == SchemaErrorCodes.IdlTooDeep);
    }

    private static readonly string[] Fragments = { "{", "}", "<", ">", "(", ")", ";", ",", "@", "?", "=", "\"", "`", "/*", "/**", "//", "record", "union", "array", "protocol", "import", "-", "0x", "\n" };

    [Fact]
    public void SeededMutationsNeverThrowAndEveryErrorPointsIntoTheFile()
    {
        var corpus = Directory.GetFiles(Path.Combine(RepoRoot, "tests", "corpus", "idl"), "*.avdl", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        Assert.NotEmpty(corpus);
        var random = new Random(20261205);
        for (var i = 0; i < 2000; i++)
        {
            var source = TextMutations.Mutate(corpus[i % corpus.Length], random, Fragments);
            var set = AvroIdl.Parse(source, "/fuzz/mutant.avdl", (_, _) => null);
            var file = set.Files[0];
            foreach (var error in file.Errors)
            {
                Assert.Matches("^AVRO0[0-9][0-9]$", error.Code);
                Assert.InRange(error.Span.Offset, 0, source.Length);
                Assert.InRange(error.Line, 1, source.Count(c => c == '\n') + 1);
                Assert.True(error.Column >= 1);
            }

            if (file.Success)
            {
                // Whatever parsed must write out as JSON that parses back to the same canonical forms.
                foreach (var type in file.AllTypes)
                {
                    var again = SchemaParser.Parse(SchemaJson.ToJson(type), "again.avsc");
                    Assert.True(again.Success, string.Join("\n", again.Errors));
                    Assert.Equal(Canonical(type), Canonical(again.Schema!));
                }
            }
        }
    }

    /// <summary>Every IDL example in docs/diagnostics.md produces the code it is documented under.</summary>
    [Fact]
    public void DocumentedIdlExamplesProduceTheirCode()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "diagnostics.md")).Replace("\r\n", "\n");
        var checkedCodes = new List<string>();
        foreach (var section in doc.Split("\n## ").Skip(1))
        {
            var start = section.IndexOf("```avdl\n", StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var code = section.Substring(0, 7);
            start += 8;
            var example = section.Substring(start, section.IndexOf("```", start, StringComparison.Ordinal) - start);
            var errors = AvroIdl.Parse(example, "/docs/example.avdl", (_, _) => null).Errors;
            Assert.True(errors.Count > 0, code + ": the example has no error");
            Assert.Equal(code, errors[0].Code);
            checkedCodes.Add(code);
        }

        Assert.Equal(new[] { "AVRO060", "AVRO061", "AVRO062", "AVRO063", "AVRO064", "AVRO065", "AVRO066" }, checkedCodes);
    }

    /// <summary>Every .avdl example of docs/idl.md compiles without errors.</summary>
    [Fact]
    public void DocumentationExamplesCompile()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "idl.md")).Replace("\r\n", "\n");
        var examples = doc.Split("```avdl\n").Skip(1).Select(part => part.Substring(0, part.IndexOf("```", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, examples.Count);
        foreach (var example in examples)
        {
            var set = AvroIdl.Parse(example, "/docs/example.avdl");
            Assert.True(set.Success, example + "\n" + string.Join("\n", set.Errors));
        }
    }
}

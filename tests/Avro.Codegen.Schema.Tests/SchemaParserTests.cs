using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

public class SchemaParserTests
{
    [Theory]
    [InlineData("null", SchemaKind.Null)]
    [InlineData("boolean", SchemaKind.Boolean)]
    [InlineData("int", SchemaKind.Int)]
    [InlineData("long", SchemaKind.Long)]
    [InlineData("float", SchemaKind.Float)]
    [InlineData("double", SchemaKind.Double)]
    [InlineData("bytes", SchemaKind.Bytes)]
    [InlineData("string", SchemaKind.String)]
    public void PrimitivesAsStringsAndAsObjects(string name, SchemaKind kind)
    {
        var bare = Assert.IsType<PrimitiveSchema>(Valid($"\"{name}\""));
        Assert.Equal(kind, bare.Kind);
        Assert.Equal(name, bare.TypeName);
        var obj = Assert.IsType<PrimitiveSchema>(Valid($"{{\"type\": \"{name}\"}}"));
        Assert.Equal(kind, obj.Kind);
        Assert.Empty(obj.Properties);
    }

    [Fact]
    public void RecordWithEverythingAFieldCanCarry()
    {
        var record = Assert.IsType<RecordSchema>(Valid(Q(@"{
            'type': 'record', 'name': 'User', 'namespace': 'com.acme', 'doc': 'A user.', 'aliases': ['Person', 'other.Human'],
            'x-owner': 'team-a',
            'fields': [
                {'name': 'id', 'type': 'long', 'doc': 'The id.', 'order': 'descending', 'aliases': ['key'], 'x-pii': false},
                {'name': 'name', 'type': 'string', 'default': 'anon', 'order': 'ignore'},
                {'name': 'email', 'type': ['null', 'string'], 'default': null}
            ]}")));
        Assert.Equal("User", record.Name);
        Assert.Equal("com.acme", record.Namespace);
        Assert.Equal("com.acme.User", record.FullName);
        Assert.Equal("A user.", record.Doc);
        Assert.Equal(new[] { "com.acme.Person", "other.Human" }, record.Aliases);
        Assert.False(record.IsError);
        var custom = Assert.Single(record.Properties);
        Assert.Equal(("x-owner", "\"team-a\""), (custom.Name, custom.Value.ToJson()));

        Assert.Equal(3, record.Fields.Count);
        var id = record.Fields[0];
        Assert.Equal(("id", SchemaKind.Long, 0, "The id.", FieldOrder.Descending), (id.Name, id.Type.Kind, id.Position, id.Doc, id.Order));
        Assert.Equal(new[] { "key" }, id.Aliases);
        Assert.False(id.HasDefault);
        Assert.Equal("x-pii", Assert.Single(id.Properties).Name);

        var name = record.Fields[1];
        Assert.Equal(FieldOrder.Ignore, name.Order);
        Assert.Equal("anon", Assert.IsType<JsonString>(name.Default).Value);

        var email = record.GetField("email")!;
        Assert.IsType<JsonNull>(email.Default);
        Assert.True(email.HasDefault);
        Assert.True(((UnionSchema)email.Type).TryGetNullable(out var inner, out var nullIndex));
        Assert.Equal((SchemaKind.String, 0), (inner.Kind, nullIndex));
        Assert.Equal((1, 1, 0), (record.Span!.StartLine, record.Span.StartColumn, record.Span.Offset));
    }

    [Fact]
    public void ErrorIsARecordMarkedAsError()
    {
        var error = Assert.IsType<RecordSchema>(Valid("{\"type\": \"error\", \"name\": \"Oops\", \"fields\": []}"));
        Assert.True(error.IsError);
        Assert.Empty(error.Fields);
    }

    [Fact]
    public void EnumWithDefaultAndAliases()
    {
        var e = Assert.IsType<EnumSchema>(Valid(Q("{'type': 'enum', 'name': 'a.b.Suit', 'aliases': ['Card'], 'doc': 'd', 'symbols': ['SPADES', 'HEARTS', '_x1'], 'default': 'HEARTS', 'p': 1}")));
        Assert.Equal(("Suit", "a.b", "a.b.Suit"), (e.Name, e.Namespace, e.FullName));
        Assert.Equal(new[] { "SPADES", "HEARTS", "_x1" }, e.Symbols);
        Assert.Equal("HEARTS", e.Default);
        Assert.Equal(1, e.IndexOf("HEARTS"));
        Assert.Equal(new[] { "a.b.Card" }, e.Aliases);
        Assert.Equal("p", Assert.Single(e.Properties).Name);
    }

    [Fact]
    public void ArraysMapsAndFixed()
    {
        var record = (RecordSchema)Valid(Q(@"{'type': 'record', 'name': 'R', 'fields': [
            {'name': 'a', 'type': {'type': 'array', 'items': 'int', 'x': 'y'}},
            {'name': 'm', 'type': {'type': 'map', 'values': {'type': 'array', 'items': 'string'}}},
            {'name': 'f', 'type': {'type': 'fixed', 'name': 'MD5', 'size': 16}},
            {'name': 'z', 'type': {'type': 'fixed', 'name': 'Empty', 'size': 0}}]}"));
        var array = Assert.IsType<ArraySchema>(record.Fields[0].Type);
        Assert.Equal(SchemaKind.Int, array.Items.Kind);
        Assert.Equal("x", Assert.Single(array.Properties).Name);
        var map = Assert.IsType<MapSchema>(record.Fields[1].Type);
        Assert.Equal(SchemaKind.String, Assert.IsType<ArraySchema>(map.Values).Items.Kind);
        Assert.Equal(16, Assert.IsType<FixedSchema>(record.Fields[2].Type).Size);
        Assert.Equal(0, Assert.IsType<FixedSchema>(record.Fields[3].Type).Size);
    }

    [Fact]
    public void UnionsOfDistinctBranches()
    {
        var union = Assert.IsType<UnionSchema>(Valid(Q(@"['null', 'int', 'string', {'type': 'array', 'items': 'int'}, {'type': 'map', 'values': 'int'},
            {'type': 'record', 'name': 'A', 'fields': []}, {'type': 'record', 'name': 'x.A', 'fields': []}]")));
        Assert.Equal(7, union.Branches.Count);
        Assert.Equal("x.A", union.Branches[6].TypeName);
        Assert.False(union.TryGetNullable(out _, out _));
        Assert.Empty(Assert.IsType<UnionSchema>(Valid("[]")).Branches);
    }

    [Fact]
    public void NamespacesAreInheritedOverriddenAndReset()
    {
        var outer = (RecordSchema)Valid(Q(@"{'type': 'record', 'name': 'Outer', 'namespace': 'a.b', 'fields': [
            {'name': 'inherits', 'type': {'type': 'enum', 'name': 'E', 'symbols': ['X']}},
            {'name': 'dotted', 'type': {'type': 'fixed', 'name': 'c.F', 'namespace': 'ignored.when.dotted', 'size': 1}},
            {'name': 'explicit', 'type': {'type': 'record', 'name': 'Inner', 'namespace': 'd', 'fields': [
                {'name': 'deeper', 'type': {'type': 'enum', 'name': 'G', 'symbols': ['Y']}}]}},
            {'name': 'nullNs', 'type': {'type': 'fixed', 'name': 'H', 'namespace': '', 'size': 2}},
            {'name': 'ref1', 'type': 'E'},
            {'name': 'ref2', 'type': 'a.b.E'},
            {'name': 'ref3', 'type': 'd.G'},
            {'name': 'ref4', 'type': 'H'},
            {'name': 'ref5', 'type': {'type': 'c.F'}}]}"));
        string FullName(string field) => ((NamedSchema)outer.GetField(field)!.Type).FullName;
        Assert.Equal("a.b.Outer", outer.FullName);
        Assert.Equal("a.b.E", FullName("inherits"));
        Assert.Equal("c.F", FullName("dotted"));
        Assert.Equal("d.Inner", FullName("explicit"));
        Assert.Equal("d.G", ((NamedSchema)((RecordSchema)outer.GetField("explicit")!.Type).Fields[0].Type).FullName);
        var h = (NamedSchema)outer.GetField("nullNs")!.Type;
        Assert.Null(h.Namespace);
        Assert.Equal("H", h.FullName);
        Assert.Same(outer.GetField("inherits")!.Type, outer.GetField("ref1")!.Type);
        Assert.Same(outer.GetField("inherits")!.Type, outer.GetField("ref2")!.Type);
        Assert.Same(h, outer.GetField("ref4")!.Type);
        Assert.Same(outer.GetField("dotted")!.Type, outer.GetField("ref5")!.Type);
    }

    [Fact]
    public void RecursionThroughRecords()
    {
        var node = (RecordSchema)Valid(Q(@"{'type': 'record', 'name': 'Node', 'namespace': 'n', 'fields': [
            {'name': 'value', 'type': 'int'},
            {'name': 'next', 'type': ['null', 'Node'], 'default': null},
            {'name': 'children', 'type': {'type': 'array', 'items': 'n.Node'}, 'default': []}]}"));
        Assert.Same(node, ((UnionSchema)node.Fields[1].Type).Branches[1]);
        Assert.Same(node, ((ArraySchema)node.Fields[2].Type).Items);
    }

    [Fact]
    public void DefinedTypesListsEveryNamedTypeOuterFirst()
    {
        var result = SchemaParser.Parse(Q(@"{'type': 'record', 'name': 'A', 'namespace': 'ns', 'fields': [
            {'name': 'b', 'type': {'type': 'record', 'name': 'B', 'fields': [{'name': 'c', 'type': {'type': 'enum', 'name': 'C', 'symbols': []}}]}},
            {'name': 'd', 'type': ['null', {'type': 'fixed', 'name': 'D', 'size': 4}]}]}"));
        Assert.True(result.Success);
        Assert.Equal(new[] { "ns.A", "ns.B", "ns.C", "ns.D" }, result.DefinedTypes.Select(t => t.FullName));
        Assert.Equal("schema.avsc", result.Path);
    }

    [Fact]
    public void ReferenceToANullNamespaceTypeFromInsideANamespaceFallsBackToTheNullNamespace()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("a.avsc", Q("{'type': 'record', 'name': 'r.R', 'fields': [{'name': 'x', 'type': 'Plain'}]}")),
            new SchemaSource("b.avsc", Q("{'type': 'enum', 'name': 'Plain', 'symbols': ['A']}")),
        });
        Assert.True(set.Success, string.Join("\n", set.Errors));
        Assert.Same(set.Find("Plain"), ((RecordSchema)set.Files[0].Schema!).Fields[0].Type);
    }

    [Fact]
    public void SchemaSpansPointAtTheirText()
    {
        var text = "[\"int\", {\"type\": \"string\"}]";
        var union = (UnionSchema)Valid(text);
        Assert.Equal(0, union.Span!.Offset);
        Assert.Equal(2, union.Branches[0].Span!.StartColumn);
        Assert.Equal(9, union.Branches[1].Span!.StartColumn);
    }

    [Fact]
    public void CustomPropertiesKeepTheirOrderAndValues()
    {
        var s = Valid(Q("{'type': 'string', 'z': 1, 'a': {'k': [true]}, 'm': 'v'}"));
        Assert.Equal(new[] { "z", "a", "m" }, s.Properties.Select(p => p.Name));
        Assert.Equal(Q("{'k':[true]}"), s.Properties[1].Value.ToJson());
    }

    [Fact]
    public void NullArgumentsDoNotThrow()
    {
        Assert.False(SchemaParser.Parse(null!, null!).Success);
        Assert.True(SchemaParser.ParseSet(null!).Success);
        Assert.Empty(SchemaParser.ParseSet(new SchemaSource[] { null! }).Files[0].DefinedTypes);
    }
}

public class AliasTests
{
    [Fact]
    public void AnyStringIsAcceptedAsAnAliasSoOldInvalidNamesCanBeKept()
    {
        var record = (RecordSchema)Valid(Q("{'type': 'record', 'name': 'R', 'namespace': 'n', 'aliases': ['old name', 'x.y', '1st'], " +
            "'fields': [{'name': 'a', 'type': 'int', 'aliases': ['a-b', 'x.y', '']}]}"));
        Assert.Equal(new[] { "n.old name", "x.y", "n.1st" }, record.Aliases);
        Assert.Equal(new[] { "a-b", "x.y", "" }, record.Fields[0].Aliases);
    }
}

public class NullAttributeTests
{
    [Fact]
    public void NullDocAndNullNamespaceAreReadAsAbsent()
    {
        var record = (RecordSchema)Valid(Q("{'type': 'record', 'name': 'R', 'namespace': null, 'doc': null, 'fields': [{'name': 'a', 'type': 'int', 'doc': null}]}"));
        Assert.Null(record.Doc);
        Assert.Null(record.Namespace);
        Assert.Null(record.Fields[0].Doc);
    }
}

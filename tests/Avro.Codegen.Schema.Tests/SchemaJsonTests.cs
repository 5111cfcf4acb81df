using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

public class SchemaJsonTests
{
    private const string Rich = @"{'type': 'record', 'name': 'User', 'namespace': 'com.acme', 'doc': 'A \'user\'\n', 'aliases': ['Person', 'old.Human'], 'x-r': [1, {'a': null}],
      'fields': [
        {'name': 'id', 'type': 'long', 'doc': 'id', 'default': -1, 'order': 'descending', 'aliases': ['key'], 'x-f': true},
        {'name': 'kind', 'type': {'type': 'enum', 'name': 'Kind', 'namespace': 'other', 'doc': 'k', 'aliases': ['K2'], 'symbols': ['A', 'B'], 'default': 'B', 'x-e': 1}, 'default': 'A', 'order': 'ignore'},
        {'name': 'same', 'type': 'other.Kind'},
        {'name': 'plain', 'type': {'type': 'fixed', 'name': 'Plain', 'namespace': '', 'size': 2}},
        {'name': 'plainRef', 'type': ['null', 'Plain'], 'default': null},
        {'name': 'amount', 'type': {'type': 'bytes', 'logicalType': 'decimal', 'precision': 10, 'scale': 2, 'x-p': 'q'}},
        {'name': 'money', 'type': {'type': 'fixed', 'name': 'Money', 'size': 8, 'logicalType': 'decimal', 'precision': 18}},
        {'name': 'at', 'type': {'type': 'long', 'logicalType': 'timestamp-micros'}},
        {'name': 'weird', 'type': {'type': 'int', 'logicalType': 'not-a-type', 'precision': 3}},
        {'name': 'list', 'type': {'type': 'array', 'items': {'type': 'map', 'values': 'User', 'x-m': 'm'}, 'x-a': 'a'}, 'default': []},
        {'name': 'err', 'type': ['null', {'type': 'error', 'name': 'Oops', 'fields': [{'name': 'why', 'type': 'string', 'default': 'x'}]}], 'default': null}
      ]}";

    [Fact]
    public void FullFormRoundTripsThroughTheParser()
    {
        var first = Valid(Q(Rich));
        var json = SchemaJson.ToJson(first);
        var second = Valid(json);
        Assert.Equal(json, SchemaJson.ToJson(second));
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(first), ParsingCanonicalForm.ToCanonicalJson(second));

        var indented = SchemaJson.ToJson(first, indented: true);
        Assert.Contains("\n  \"name\": \"User\",", indented);
        Assert.Equal(json, SchemaJson.ToJson(Valid(indented)));
    }

    [Fact]
    public void FullFormKeepsEverythingTheCanonicalFormDrops()
    {
        var record = (RecordSchema)Valid(SchemaJson.ToJson(Valid(Q(Rich))));
        Assert.Equal("A \"user\"\n", record.Doc);
        Assert.Equal(new[] { "com.acme.Person", "old.Human" }, record.Aliases);
        Assert.Equal(Q("[1,{'a':null}]"), record.Properties.Single().Value.ToJson());
        var id = record.Fields[0];
        Assert.Equal(("-1", FieldOrder.Descending, "key", "x-f"), (id.Default!.ToJson(), id.Order, id.Aliases[0], id.Properties[0].Name));
        var kind = (EnumSchema)record.Fields[1].Type;
        Assert.Equal(("other.Kind", "B", "other.K2", "k"), (kind.FullName, kind.Default, kind.Aliases[0], kind.Doc));
        Assert.Equal(FieldOrder.Ignore, record.Fields[1].Order);
        Assert.Same(kind, record.Fields[2].Type);
        var plain = (FixedSchema)record.Fields[3].Type;
        Assert.Null(plain.Namespace);
        Assert.Same(plain, ((UnionSchema)record.Fields[4].Type).Branches[1]);
        Assert.Equal(LogicalType.DecimalOf(10, 2), record.Fields[5].Type.LogicalType);
        Assert.Equal("x-p", record.Fields[5].Type.Properties.Single().Name);
        Assert.Equal(LogicalType.DecimalOf(18, 0), record.Fields[6].Type.LogicalType);
        Assert.Equal(LogicalTypeKind.TimestampMicros, record.Fields[7].Type.LogicalType!.Kind);
        Assert.Null(record.Fields[8].Type.LogicalType);
        Assert.Equal(new[] { "logicalType", "precision" }, record.Fields[8].Type.Properties.Select(p => p.Name));
        var list = (ArraySchema)record.Fields[9].Type;
        Assert.Same(record, ((MapSchema)list.Items).Values);
        Assert.True(((RecordSchema)((UnionSchema)record.Fields[10].Type).Branches[1]).IsError);
    }

    [Fact]
    public void WritesNamesRelativeToTheEnclosingNamespace()
    {
        var json = SchemaJson.ToJson(Valid(Q("{'type':'record','name':'a.R','fields':[{'name':'e','type':{'type':'enum','name':'E','symbols':['X']}},{'name':'f','type':'E'}," +
            "{'name':'g','type':{'type':'fixed','name':'b.G','size':1}},{'name':'h','type':'b.G'}]}")));
        Assert.Equal(Q("{'type':'record','name':'R','namespace':'a','fields':[{'name':'e','type':{'type':'enum','name':'E','symbols':['X']}},{'name':'f','type':'E'}," +
            "{'name':'g','type':{'type':'fixed','name':'G','namespace':'b','size':1}},{'name':'h','type':'b.G'}]}"), json);
    }

    [Fact]
    public void PlainPrimitivesStayBareNames() =>
        Assert.Equal("[\"null\",\"int\"]", SchemaJson.ToJson(Valid(Q("['null', {'type': 'int'}]"))));

    [Fact]
    public void Members_are_in_the_order_java_writes_them_custom_properties_then_aliases_last()
    {
        var json = SchemaJson.ToJson(Valid(Q(@"{'type': 'record', 'name': 'R', 'namespace': 'a', 'aliases': ['Old'], 'x-r': 1,
            'fields': [{'name': 'f', 'type': 'int', 'doc': 'd', 'default': 0, 'aliases': ['g'], 'x-f': 2}]}")));
        Assert.Equal(
            """{"type":"record","name":"R","namespace":"a","fields":[{"name":"f","type":"int","doc":"d","default":0,"x-f":2,"aliases":["g"]}],"x-r":1,"aliases":["Old"]}""",
            json);
    }

    [Fact]
    public void Normalized_form_writes_full_names_and_sorts_aliases_and_properties()
    {
        var schema = Valid(Q(@"{'type': 'record', 'name': 'R', 'namespace': 'a', 'aliases': ['Zed', 'b.Alpha'], 'x-z': 1, 'x-a': 2,
            'fields': [{'name': 'e', 'type': {'type': 'enum', 'name': 'E', 'symbols': ['X']}, 'aliases': ['q', 'p']}, {'name': 'again', 'type': 'E'}]}"));
        var normalized = SchemaJson.ToJson(schema, new SchemaJsonOptions { Normalize = true });
        Assert.Equal(
            """{"type":"record","name":"a.R","fields":[{"name":"e","type":{"type":"enum","name":"a.E","symbols":["X"]},"aliases":["p","q"]},{"name":"again","type":"a.E"}],"x-a":2,"x-z":1,"aliases":["a.Zed","b.Alpha"]}""",
            normalized);
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(schema), ParsingCanonicalForm.ToCanonicalJson(Valid(normalized)));
    }

    [Fact]
    public void Known_names_are_written_by_name_only_never_defined()
    {
        var money = Valid(Q(@"{'type': 'fixed', 'name': 'Money', 'namespace': 'shared', 'size': 8}"));
        var parsed = SchemaParser.Parse(Q(@"{'type': 'record', 'name': 'Order', 'namespace': 'shop', 'fields': [{'name': 'total', 'type': 'shared.Money'}]}"),
            "order.avsc", [(NamedSchema)money]);
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors));
        var order = parsed.Schema!;
        var json = SchemaJson.ToJson(order, new SchemaJsonOptions { KnownNames = ["shared.Money"] });
        Assert.Equal("""{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"total","type":"shared.Money"}]}""", json);
        Assert.Contains("\"size\":8", SchemaJson.ToJson(order));
    }
}

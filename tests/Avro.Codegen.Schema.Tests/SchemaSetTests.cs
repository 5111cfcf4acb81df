using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

public class SchemaSetTests
{
    private static readonly SchemaSource Address = new("address.avsc", Q(
        "{'type': 'record', 'name': 'Address', 'namespace': 'com.acme', 'fields': [{'name': 'country', 'type': {'type': 'enum', 'name': 'Country', 'symbols': ['NL', 'BE']}}]}"));

    private static readonly SchemaSource Customer = new("customer.avsc", Q(
        "{'type': 'record', 'name': 'Customer', 'namespace': 'com.acme', 'fields': [{'name': 'home', 'type': 'Address'}, {'name': 'born', 'type': 'com.acme.Country'}]}"));

    private static readonly SchemaSource Order = new("order.avsc", Q(
        "{'type': 'record', 'name': 'shop.Order', 'fields': [{'name': 'customer', 'type': 'com.acme.Customer'}, {'name': 'ship', 'type': ['null', 'com.acme.Address']}]}"));

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(2, 1, 0)]
    [InlineData(1, 2, 0)]
    public void CrossFileReferencesResolveInAnyOrder(int first, int second, int third)
    {
        var all = new[] { Address, Customer, Order };
        var set = SchemaParser.ParseSet(new[] { all[first], all[second], all[third] });
        Assert.True(set.Success, string.Join("\n", set.Errors));
        var order = (RecordSchema)set.Find("shop.Order")!;
        var customer = (RecordSchema)set.Find("com.acme.Customer")!;
        Assert.Same(customer, order.Fields[0].Type);
        Assert.Same(set.Find("com.acme.Address"), customer.Fields[0].Type);
        Assert.Same(set.Find("com.acme.Country"), customer.Fields[1].Type);
        Assert.Equal(new[] { "com.acme.Address", "com.acme.Country", "com.acme.Customer", "shop.Order" }, set.NamedTypes.Keys.OrderBy(k => k));
        Assert.Same(order, set.Files.Single(f => f.Path == "order.avsc").Schema);
        Assert.Equal(new[] { "com.acme.Address", "com.acme.Country" }, set.Files.Single(f => f.Path == "address.avsc").DefinedTypes.Select(t => t.FullName));
        Assert.Equal(Q("{'name':'shop.Order','type':'record','fields':[{'name':'customer','type':{'name':'com.acme.Customer','type':'record','fields':[" +
            "{'name':'home','type':{'name':'com.acme.Address','type':'record','fields':[{'name':'country','type':{'name':'com.acme.Country','type':'enum','symbols':['NL','BE']}}]}}," +
            "{'name':'born','type':'com.acme.Country'}]}},{'name':'ship','type':['null','com.acme.Address']}]}"),
            ParsingCanonicalForm.ToCanonicalJson(order));
    }

    [Fact]
    public void MutualRecursionAcrossFiles()
    {
        var set = SchemaParser.ParseSet(new[]
        {
            new SchemaSource("a.avsc", Q("{'type': 'record', 'name': 'A', 'fields': [{'name': 'b', 'type': ['null', 'B']}]}")),
            new SchemaSource("b.avsc", Q("{'type': 'record', 'name': 'B', 'fields': [{'name': 'a', 'type': ['null', 'A']}]}")),
        });
        Assert.True(set.Success, string.Join("\n", set.Errors));
        var a = (RecordSchema)set.Find("A")!;
        var b = (RecordSchema)((UnionSchema)a.Fields[0].Type).Branches[1];
        Assert.Same(a, ((UnionSchema)b.Fields[0].Type).Branches[1]);
        Assert.Equal(Q("{'name':'A','type':'record','fields':[{'name':'b','type':['null',{'name':'B','type':'record','fields':[{'name':'a','type':['null','A']}]}]}]}"),
            ParsingCanonicalForm.ToCanonicalJson(a));
    }

    [Fact]
    public void DuplicateDefinitionAcrossFilesIsReportedAtTheSecond()
    {
        var text = Q("{'type': 'enum', 'name': 'com.acme.Country', 'symbols': ['X']}");
        var set = SchemaParser.ParseSet(new[] { Address, new SchemaSource("dup.avsc", text) });
        var error = Assert.Single(set.Errors);
        Assert.Equal((SchemaErrorCodes.DuplicateType, "dup.avsc", 1, 26), (error.Code, error.File, error.Line, error.Column));
        Assert.Contains("address.avsc(1,", error.Message);
        Assert.True(set.Files[0].Success);
        Assert.False(set.Files[1].Success);
        Assert.False(set.Success);
    }

    [Fact]
    public void AMissingFileGivesUnknownTypeInTheReferringFileOnly()
    {
        var set = SchemaParser.ParseSet(new[] { Order, Address });
        var error = Assert.Single(set.Errors);
        Assert.Equal((SchemaErrorCodes.UnknownType, "order.avsc"), (error.Code, error.File));
        Assert.Equal(Locate(Order.Text, "\"com.acme.Customer\"").Column, error.Column);
        Assert.Null(set.Files[0].Schema);
        Assert.NotNull(set.Files[1].Schema);
    }

    [Fact]
    public void KnownTypesResolveReferencesAsRegistryReferencesDo()
    {
        var address = (NamedSchema)SchemaParser.Parse(Address.Text, Address.Path).Schema!;
        var result = SchemaParser.Parse(Q("{'type': 'record', 'name': 'X', 'fields': [{'name': 'a', 'type': 'com.acme.Address'}, {'name': 'c', 'type': 'com.acme.Country'}]}"),
            "x.avsc", new[] { address });
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Same(address, ((RecordSchema)result.Schema!).Fields[0].Type);
        Assert.Equal("com.acme.Country", ((RecordSchema)result.Schema).Fields[1].Type.TypeName);
        Assert.DoesNotContain(SchemaParser.ParseSet(new[] { Order }, new[] { address }).Files[0].DefinedTypes, t => t.FullName == "com.acme.Address");
    }

    [Fact]
    public void RedefiningAKnownTypeIsADuplicate()
    {
        var address = (NamedSchema)SchemaParser.Parse(Address.Text, Address.Path).Schema!;
        var result = SchemaParser.Parse(Address.Text, "again.avsc", new[] { address });
        Assert.Equal(new[] { SchemaErrorCodes.DuplicateType, SchemaErrorCodes.DuplicateType }, result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void ErrorsInOneFileDoNotStopOtherFiles()
    {
        var set = SchemaParser.ParseSet(new[] { new SchemaSource("bad.avsc", "{"), Address });
        Assert.Equal(SchemaErrorCodes.MalformedJson, Assert.Single(set.Errors).Code);
        Assert.True(set.Files[1].Success);
        Assert.NotNull(set.Find("com.acme.Address"));
        Assert.Null(set.Find("nope"));
    }
}

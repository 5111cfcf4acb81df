using System.Text.Json;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.refs;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// Messages whose schema has references, between this library and Confluent's JS client
/// (<c>@confluentinc/schemaregistry</c>), through the emulator: each side registers the shared schemas its own way and
/// the other side reads the message.
/// </summary>
public sealed class ConfluentJsReferenceTests : IAsyncLifetime
{
    private EmulatorClients _emulator = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("avro-registry-js-refs-").FullName;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Url => _emulator.Server.BaseAddress.ToString().TrimEnd('/');

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [NodeClientFact]
    public async Task The_Confluent_JS_deserializer_reads_what_we_wrote_with_references()
    {
        var bytes = await new ConfluentAvroSerializer<Invoice>(_emulator.Ours, new ConfluentSerializerOptions { UseSchemaReferences = true })
            .SerializeAsync(SchemaReferenceSerializerTests.SampleInvoice(), "dotnet-invoices");
        Assert.Equal(2, _emulator.Server.Registry.GetLatestVersion("dotnet-invoices-value").Schema.References.Count);

        var json = await ConfluentJsClientTests.RunNodeAsync("consume", Url, "dotnet-invoices", Convert.ToHexString(bytes!));
        var value = JsonDocument.Parse(json).RootElement;

        Assert.Equal("INV-7", value.GetProperty("number").GetString());
        Assert.Equal(350, value.GetProperty("total").GetProperty("units").GetInt64());
        Assert.Equal("EUR", value.GetProperty("total").GetProperty("currency").GetString());
        Assert.Equal("tea", value.GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Equal("USD", value.GetProperty("settledIn").GetString());
        Assert.Equal("web", value.GetProperty("meta").GetProperty("source").GetString());
        Assert.Contains(_emulator.Server.Stats.Recent, r => r.Target.StartsWith("/subjects/registry.refs.Money/versions/1", StringComparison.Ordinal));
    }

    [NodeClientFact]
    public async Task We_read_what_the_Confluent_JS_serializer_wrote_under_schemas_it_registered_with_references()
    {
        var plan = Write("plan.json", """
            [
              {"subject": "js-money", "schema": "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"registry.refs\",\"fields\":[{\"name\":\"units\",\"type\":\"long\"},{\"name\":\"currency\",\"type\":{\"type\":\"enum\",\"name\":\"Currency\",\"symbols\":[\"EUR\",\"USD\"]}}]}"},
              {"subject": "js-line", "schema": "{\"type\":\"record\",\"name\":\"Line\",\"namespace\":\"registry.refs\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"price\",\"type\":\"Money\"}]}",
               "references": [{"name": "registry.refs.Money", "subject": "js-money", "version": 1}]},
              {"subject": "js-invoices-value", "schema": "{\"type\":\"record\",\"name\":\"Invoice\",\"namespace\":\"registry.refs\",\"fields\":[{\"name\":\"number\",\"type\":\"string\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":\"Line\"}},{\"name\":\"total\",\"type\":\"Money\"},{\"name\":\"settledIn\",\"type\":[\"null\",\"Currency\"],\"default\":null},{\"name\":\"meta\",\"type\":{\"type\":\"record\",\"name\":\"InvoiceMeta\",\"fields\":[{\"name\":\"source\",\"type\":\"string\"}]}}]}",
               "references": [{"name": "registry.refs.Money", "subject": "js-money", "version": 1}, {"name": "registry.refs.Line", "subject": "js-line", "version": 1}]}
            ]
            """);
        var value = Write("invoice.json", """
            {"number": "INV-7", "lines": [{"sku": "tea", "price": {"units": 350, "currency": "EUR"}}], "total": {"units": 350, "currency": "EUR"},
             "settledIn": "USD", "meta": {"source": "web"}}
            """);

        var hex = await ConfluentJsClientTests.RunNodeAsync("produce-refs", Url, "js-invoices", plan, value);

        Assert.Equal(2, _emulator.Server.Registry.GetLatestVersion("js-invoices-value").Schema.References.Count);
        var back = await new ConfluentAvroDeserializer<Invoice>(_emulator.Ours).DeserializeAsync(Convert.FromHexString(hex));
        SchemaReferenceSerializerTests.AssertSameInvoice(SchemaReferenceSerializerTests.SampleInvoice(), back);
    }
}

using Avro.Codegen.Registry;
using Avro.Codegen.TestRegistry;
using static Avro.Codegen.TestUtilities.ShopSchemas;

namespace Avro.Codegen.PackageTests;

/// <summary>
/// A consumer project with types shared across schema files, built with the package and real MSBuild, registered and
/// checked through the gate with <c>AvroCodegen_SchemaReferences</c> against the emulator; its program's serializer,
/// with the same option, then finds the very schemas the build registered.
/// </summary>
[Collection("package")]
[Trait("Category", "Package")]
public sealed class SchemaReferencePackageTests(PackageFixture fixture)
{
    private static string Program(string url) => $$"""
        using Avro.Codegen.Registry;
        using Avro.Codegen.Serialization;

        using var client = new RegistryClient(RegistryClientOptions.ForUrl("{{url}}"));
        var price = new shop.common.Money { Units = 350, Currency = shop.common.Currency.EUR };
        var order = new shop.orders.Order { Id = 7, Lines = [new shop.orders.Line { Sku = "tea", Price = price }], Total = price };
        var serializer = new ConfluentAvroSerializer<shop.orders.Order>(client, new ConfluentSerializerOptions { UseSchemaReferences = true });
        var bytes = (await serializer.SerializeAsync(order, "orders"))!;
        var back = await new ConfluentAvroDeserializer<shop.orders.Order>(client).DeserializeAsync(bytes);
        System.Console.WriteLine("id=" + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)) + " sku=" + back!.Lines[0].Sku);
        """;

    [Fact]
    public async Task The_gate_registers_shared_types_as_references_and_the_serializer_agrees()
    {
        await using var registry = await TestRegistryServer.StartAsync();
        var url = registry.BaseAddress.ToString().TrimEnd('/');
        var consumer = fixture.CreateConsumer("references");
        consumer.Project("""
            <PropertyGroup>
              <AvroCodegen_SchemaReferences>true</AvroCodegen_SchemaReferences>
              <AvroCodegen_SchemaLockFile>true</AvroCodegen_SchemaLockFile>
            </PropertyGroup>
            <ItemGroup>
              <AvroSchema Update="schemas/order.avsc" Topic="orders" />
            </ItemGroup>
            """);
        consumer.Write("schemas/common/money.avsc", Money);
        consumer.Write("schemas/line.avsc", Line);
        consumer.Write("schemas/order.avsc", Order);
        consumer.Write("Program.cs", Program(url));

        var register = consumer.Build("-t:AvroRegisterSchemas", "-p:AvroSchemaRegistryUrl=" + url);

        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Contains("orders-value -> 3 (version 1, referencing shop.common.Money v1, shop.orders.Line v1)", register.Output);
        Assert.Equal(["orders-value", "shop.common.Money", "shop.orders.Line"], registry.Registry.GetSubjects().Order(StringComparer.Ordinal));
        Assert.Equal([new RegistryReference("shop.common.Money", "shop.common.Money", 1)], registry.Registry.GetLatestVersion("shop.orders.Line").Schema.References);
        var orders = registry.Registry.GetLatestVersion("orders-value");
        Assert.Equal([new RegistryReference("shop.common.Money", "shop.common.Money", 1), new RegistryReference("shop.orders.Line", "shop.orders.Line", 1)],
            orders.Schema.References);
        Assert.DoesNotContain("\"units\"", orders.Schema.Schema, StringComparison.Ordinal);
        Assert.Contains("\"references\": [", File.ReadAllText(Path.Combine(consumer.Directory, "avro-schemas.lock.json")), StringComparison.Ordinal);

        // The build's check passes against what it registered, and the program's serializer finds the same schemas.
        var build = consumer.Build("-p:AvroSchemaRegistryUrl=" + url);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("AVROB", build.Output);
        var run = consumer.RunProgram();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"id={orders.Id} sku=tea", run.Output);
        Assert.All(new[] { "orders-value", "shop.common.Money", "shop.orders.Line" }, s => Assert.Equal([1], registry.Registry.GetVersions(s)));
    }
}

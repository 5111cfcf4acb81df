using System.Buffers.Binary;
using Avro.Codegen.Schema;
using Avro.Codegen.Serialization;
using Avro.Codegen.TestRegistry;
using registry.refs;

namespace Avro.Codegen.Registry.Tests;

/// <summary>
/// <see cref="ConfluentSerializerOptions.UseSchemaReferences"/> over the records of <c>Schemas/Shared</c> (Money with its
/// nested Currency enum, Line using Money, Invoice using Line, Money and Currency), against the emulator over HTTP.
/// </summary>
public sealed class SchemaReferenceSerializerTests : IAsyncLifetime
{
    private EmulatorClients _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorClients.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    internal static Invoice SampleInvoice() => new()
    {
        Number = "INV-7",
        Lines = [new Line { Sku = "tea", Price = new Money { Units = 350, Currency = Currency.EUR } }],
        Total = new Money { Units = 350, Currency = Currency.EUR },
        SettledIn = Currency.USD,
        Meta = new InvoiceMeta { Source = "web" },
    };

    internal static void AssertSameInvoice(Invoice expected, Invoice? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(AvroSerializer.Serialize(expected), AvroSerializer.Serialize(actual));
    }

    private static ConfluentSerializerOptions WithReferences() => new() { UseSchemaReferences = true };

    [Fact]
    public async Task Shared_types_are_registered_first_under_their_own_subjects_and_referenced_by_name_subject_and_version()
    {
        var serializer = new ConfluentAvroSerializer<Invoice>(_emulator.Ours, WithReferences());

        var bytes = await serializer.SerializeAsync(SampleInvoice(), "invoices");

        var registry = _emulator.Server.Registry;
        Assert.Equal(["invoices-value", "registry.refs.Line", "registry.refs.Money"], registry.GetSubjects().Order(StringComparer.Ordinal));
        var money = registry.GetLatestVersion("registry.refs.Money");
        var line = registry.GetLatestVersion("registry.refs.Line");
        var invoice = registry.GetLatestVersion("invoices-value");

        // Money defines its nested enum; Line names Money and references it; Invoice names Line, Money and Currency
        // (defined inside Money's schema) and references the two subjects, dependencies first, while defining its own
        // nested record.
        Assert.Empty(money.Schema.References);
        Assert.Contains("\"Currency\"", money.Schema.Schema, StringComparison.Ordinal);
        Assert.Equal([new RegistryReference("registry.refs.Money", "registry.refs.Money", 1)], line.Schema.References);
        Assert.DoesNotContain("\"units\"", line.Schema.Schema, StringComparison.Ordinal);
        Assert.Equal(
            [new RegistryReference("registry.refs.Money", "registry.refs.Money", 1), new RegistryReference("registry.refs.Line", "registry.refs.Line", 1)],
            invoice.Schema.References);
        Assert.DoesNotContain("\"units\"", invoice.Schema.Schema, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sku\"", invoice.Schema.Schema, StringComparison.Ordinal);
        Assert.DoesNotContain("\"symbols\"", invoice.Schema.Schema, StringComparison.Ordinal);
        Assert.Contains("\"InvoiceMeta\"", invoice.Schema.Schema, StringComparison.Ordinal);
        Assert.Equal([invoice.Id], registry.GetReferencedBy("registry.refs.Money", "1").Intersect([invoice.Id]));

        // The frame names the referring schema; the body is the record's own encoding; it reads back through references.
        Assert.NotNull(bytes);
        Assert.Equal(invoice.Id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(AvroSerializer.Serialize(SampleInvoice()), bytes[5..]);
        AssertSameInvoice(SampleInvoice(), await new ConfluentAvroDeserializer<Invoice>(_emulator.Ours).DeserializeAsync(bytes));

        // Resolved with its references, the stored schema is the record's schema.
        var resolved = await RegistrySchemaParsing.ParseAsync(_emulator.Ours, invoice.Schema, "invoices-value", 10, "limit", CancellationToken.None);
        Assert.Equal(Invoice.AvroSchemaFingerprint, SchemaFingerprint.Crc64Avro(resolved));
    }

    [Fact]
    public async Task Registering_again_from_another_serializer_creates_no_new_versions()
    {
        await new ConfluentAvroSerializer<Invoice>(_emulator.Ours, WithReferences()).SerializeAsync(SampleInvoice(), "invoices");
        var lineSerializer = new ConfluentAvroSerializer<Line>(_emulator.Ours, WithReferences());
        var again = new ConfluentAvroSerializer<Invoice>(_emulator.Ours, WithReferences());

        var first = await again.GetSchemaIdAsync("invoices");
        await lineSerializer.SerializeAsync(SampleInvoice().Lines[0], "lines");

        Assert.Equal(_emulator.Server.Registry.GetLatestVersion("invoices-value").Id, first);
        foreach (var subject in new[] { "invoices-value", "registry.refs.Line", "registry.refs.Money" })
        {
            Assert.Equal([1], _emulator.Server.Registry.GetVersions(subject));
        }

        // The Line topic's schema is the Line subject's schema: the same registry schema, so the same id.
        Assert.Equal(_emulator.Server.Registry.GetLatestVersion("registry.refs.Line").Id, _emulator.Server.Registry.GetLatestVersion("lines-value").Id);
    }

    [Fact]
    public async Task Without_the_option_the_schema_is_registered_self_contained()
    {
        await new ConfluentAvroSerializer<Invoice>(_emulator.Ours).SerializeAsync(SampleInvoice(), "invoices");

        Assert.Equal(["invoices-value"], _emulator.Server.Registry.GetSubjects());
        var invoice = _emulator.Server.Registry.GetLatestVersion("invoices-value");
        Assert.Empty(invoice.Schema.References);
        Assert.Contains("\"units\"", invoice.Schema.Schema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_whose_file_uses_no_other_file_is_registered_without_references()
    {
        var money = new Money { Units = 1, Currency = Currency.USD };
        await new ConfluentAvroSerializer<Money>(_emulator.Ours, WithReferences()).SerializeAsync(money, "prices");

        Assert.Equal(["prices-value"], _emulator.Server.Registry.GetSubjects());
        Assert.Empty(_emulator.Server.Registry.GetLatestVersion("prices-value").Schema.References);
    }

    [Fact]
    public async Task Reference_subjects_can_be_named_and_follow_the_record_name_strategy_for_the_record_itself()
    {
        var options = new ConfluentSerializerOptions
        {
            UseSchemaReferences = true,
            SubjectNamingStrategy = SubjectNamingStrategy.RecordName,
            ReferenceSubjectNamer = fullName => "shared-" + fullName[(fullName.LastIndexOf('.') + 1)..].ToLowerInvariant(),
        };

        await new ConfluentAvroSerializer<Invoice>(_emulator.Ours, options).SerializeAsync(SampleInvoice(), "invoices");

        Assert.Equal(["registry.refs.Invoice", "shared-line", "shared-money"], _emulator.Server.Registry.GetSubjects().Order(StringComparer.Ordinal));
        Assert.Equal(["shared-money", "shared-line"], _emulator.Server.Registry.GetLatestVersion("registry.refs.Invoice").Schema.References.Select(r => r.Subject));

        var empty = new ConfluentSerializerOptions { UseSchemaReferences = true, ReferenceSubjectNamer = _ => "" };
        var e = await Assert.ThrowsAsync<AvroDataException>(() => new ConfluentAvroSerializer<Line>(_emulator.Ours, empty).SerializeAsync(SampleInvoice().Lines[0], "x").AsTask());
        Assert.Contains("ReferenceSubjectNamer gave no subject for registry.refs.Money", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_only_finds_referenced_schemas_and_fails_clearly_when_they_are_missing()
    {
        var lookup = new ConfluentSerializerOptions { UseSchemaReferences = true, SchemaIdSource = SchemaIdSource.LookupOnly };

        var missing = await Assert.ThrowsAsync<AvroDataException>(() => new ConfluentAvroSerializer<Invoice>(_emulator.Ours, lookup).GetSchemaIdAsync("invoices").AsTask());
        Assert.Contains("registry.refs.Money", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not registered under subject 'registry.refs.Money'", missing.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Server.Registry.GetSubjects());

        var registered = await new ConfluentAvroSerializer<Invoice>(_emulator.Ours, WithReferences()).GetSchemaIdAsync("invoices");
        Assert.Equal(registered, await new ConfluentAvroSerializer<Invoice>(_emulator.Ours, lookup).GetSchemaIdAsync("invoices"));
    }

    [Fact]
    public async Task A_shared_type_that_breaks_its_subject_fails_the_registration()
    {
        // The Money subject already holds a schema the project's Money cannot follow (a field changed type).
        _emulator.Server.Registry.Register("registry.refs.Money", new RegistrySchema(
            """{"type":"record","name":"Money","namespace":"registry.refs","fields":[{"name":"units","type":"string"},{"name":"currency","type":{"type":"enum","name":"Currency","symbols":["EUR","USD"]}}]}"""));

        var e = await Assert.ThrowsAsync<RegistryException>(() => new ConfluentAvroSerializer<Invoice>(_emulator.Ours, WithReferences()).SerializeAsync(SampleInvoice(), "invoices").AsTask());

        Assert.Equal(409, e.Status);
        Assert.DoesNotContain("invoices-value", _emulator.Server.Registry.GetSubjects());
    }

    [Fact]
    public void The_generated_table_plans_the_units_dependencies_first()
    {
        // Currency is defined inside Money's file and InvoiceMeta inside Invoice's: each is defined where its file is.
        var units = TableOf<Invoice>().ReferenceUnits("registry.refs.Invoice");

        Assert.Equal(["registry.refs.Money", "registry.refs.Line", "registry.refs.Invoice"], units.Select(u => u.FullName));
        Assert.Equal(["registry.refs.Money", "registry.refs.Line"], units[^1].References);
        Assert.Equal(["registry.refs.Money"], units[1].References);
        Assert.Empty(units[0].References);
        Assert.Same(units, TableOf<Invoice>().ReferenceUnits("registry.refs.Invoice"));
    }

    [Fact]
    public async Task Types_referring_to_each_other_across_files_cannot_be_registered_by_reference()
    {
        var ping = new registry.cycle.Ping { Pong = new registry.cycle.Pong() };

        var e = await Assert.ThrowsAsync<AvroDataException>(() =>
            new ConfluentAvroSerializer<registry.cycle.Ping>(_emulator.Ours, WithReferences()).SerializeAsync(ping, "pings").AsTask());

        Assert.Contains("Cannot register the schema of registry.cycle.Ping with references: the types of 'registry.cycle.Ping' -> 'registry.cycle.Pong' -> 'registry.cycle.Ping' refer to each other across files",
            e.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Server.Registry.GetSubjects());

        // Self-contained, as without the option, they register fine.
        Assert.NotNull(await new ConfluentAvroSerializer<registry.cycle.Ping>(_emulator.Ours).SerializeAsync(ping, "pings"));
    }

    private static AvroSchemaTable TableOf<T>() where T : IAvroRecord<T> => T.SchemaTable ?? throw new InvalidOperationException("no table");
}

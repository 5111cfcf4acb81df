using Avro.Codegen.Registry;

namespace Avro.Codegen.Registry.Tests;

/// <summary>The registry semantics of contract.md §4-5, on the in-memory registry (what mock:// and the emulator use).</summary>
public sealed class InMemorySchemaRegistryTests
{
    internal const string V1 = """{"type":"record","name":"myrecord","fields":[{"name":"f1","type":"string"}]}""";
    internal const string V2WithDefault = """{"type":"record","name":"myrecord","fields":[{"name":"f1","type":"string"},{"name":"f2","type":"string","default":"foo"}]}""";
    internal const string V2NoDefault = """{"type":"record","name":"myrecord","fields":[{"name":"f1","type":"string"},{"name":"f2","type":"string"}]}""";

    private readonly InMemorySchemaRegistry _registry = new();

    private static RegistrySchema Avro(string text) => new(text);

    private static RegistryException Fails(Action action) => Assert.Throws<RegistryException>(action);

    private static void AssertError(RegistryException e, int status, int code, string? message = null)
    {
        Assert.Equal(status, e.Status);
        Assert.Equal(code, e.ErrorCode);
        if (message is not null)
        {
            Assert.Equal(message, e.Message);
        }
    }

    [Fact]
    public void Ids_are_global_and_start_at_one_and_an_equal_schema_keeps_its_id_in_every_subject()
    {
        var a = _registry.Register("subject1", Avro(V1));
        var b = _registry.Register("subject2", Avro(V1));
        var other = _registry.Register("subject3", Avro("\"long\""));

        Assert.Equal((1, 1), (a.Id, a.Version));
        Assert.Equal((1, 1), (b.Id, b.Version));
        Assert.Equal(2, other.Id);
        Assert.Equal(["subject1", "subject2"], _registry.GetSubjectsById(1));
    }

    [Fact]
    public void Schemas_are_compared_by_canonical_text_not_formatting()
    {
        var first = _registry.Register("s", Avro("\"string\""));
        var spaced = _registry.Register("s", Avro("""{   "type":   "string"}"""));
        var reformatted = _registry.Register("t", Avro(V1.Replace(",", " ,\n ", StringComparison.Ordinal)));

        Assert.Equal(first.Id, spaced.Id);
        Assert.Equal(1, spaced.Version);
        Assert.Equal(_registry.Register("u", Avro(V1)).Id, reformatted.Id);
        Assert.Equal("\"string\"", _registry.GetSchemaById(first.Id).Schema);
    }

    [Fact]
    public void Registering_again_is_idempotent_for_every_live_version_and_skips_the_compatibility_check()
    {
        _registry.Register("s", Avro(V1));
        _registry.SetSubjectConfig("s", new RegistryConfig("NONE"));
        _registry.Register("s", Avro("\"int\""));
        _registry.SetSubjectConfig("s", new RegistryConfig("FULL_TRANSITIVE"));

        // v1 is incompatible with v2 under FULL_TRANSITIVE, yet re-registering it returns v1 at once.
        var again = _registry.Register("s", Avro(V1));

        Assert.Equal((1, 1), (again.Id, again.Version));
        Assert.Equal([1, 2], _registry.GetVersions("s"));
    }

    [Fact]
    public void A_rejected_registration_does_not_use_up_an_id()
    {
        _registry.Register("s", Avro(V1));
        var e = Fails(() => _registry.Register("s", Avro(V2NoDefault)));
        var next = _registry.Register("other", Avro("\"bytes\""));

        AssertError(e, 409, 40901);
        Assert.Equal(2, next.Id);
    }

    [Fact]
    public void Incompatible_registration_reports_Confluent_details()
    {
        _registry.Register("s", Avro(V1));

        var e = Fails(() => _registry.Register("s", Avro(V2NoDefault)));

        Assert.Equal(
            "Schema being registered is incompatible with an earlier schema for subject \"s\", details: [" +
            "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'f2' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'f2'}, " +
            "{oldSchemaVersion: 1}, " +
            "{oldSchema: '" + V1 + "'}, " +
            "{validateFields: 'false', compatibility: 'BACKWARD'}]",
            e.Message);
    }

    [Fact]
    public void Verbose_compatibility_lists_the_messages_of_the_contract_example()
    {
        _registry.Register("s", Avro(V1));

        var result = _registry.TestCompatibility("s", "latest", Avro(V2NoDefault), verbose: true);
        var quiet = _registry.TestCompatibility("s", "latest", Avro(V2NoDefault));
        var ok = _registry.TestCompatibility("s", "latest", Avro(V2WithDefault), verbose: true);

        Assert.False(result.IsCompatible);
        Assert.Equal(4, result.Messages.Count);
        Assert.StartsWith("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'", result.Messages[0], StringComparison.Ordinal);
        Assert.Equal("{oldSchemaVersion: 1}", result.Messages[1]);
        Assert.Equal("{validateFields: 'false', compatibility: 'BACKWARD'}", result.Messages[3]);
        Assert.False(quiet.IsCompatible);
        Assert.Empty(quiet.Messages);
        Assert.True(ok.IsCompatible);
        Assert.Empty(ok.Messages);
    }

    [Fact]
    public void Transitive_levels_check_every_version_while_plain_levels_check_only_the_latest()
    {
        // The classic trap: v2 added f2 with a default; a candidate without the default reads v2 data but not v1 data.
        _registry.Register("s", Avro(V1));
        _registry.Register("s", Avro(V2WithDefault));

        Assert.True(_registry.TestCompatibility("s", null, Avro(V2NoDefault)).IsCompatible);
        _registry.SetSubjectConfig("s", new RegistryConfig("backward_transitive"));
        var transitive = _registry.TestCompatibility("s", null, Avro(V2NoDefault), verbose: true);
        var againstLatestOnly = _registry.TestCompatibility("s", "latest", Avro(V2NoDefault));

        Assert.False(transitive.IsCompatible);
        Assert.Contains("{oldSchemaVersion: 1}", transitive.Messages);
        Assert.True(againstLatestOnly.IsCompatible);
    }

    [Fact]
    public void Forward_and_full_levels_use_the_old_schema_as_reader()
    {
        // Removing a field without default: new reads old fine (BACKWARD), old cannot read new (FORWARD fails).
        _registry.Register("s", Avro(V2NoDefault));
        _registry.SetSubjectConfig("s", new RegistryConfig("FORWARD"));
        var forward = _registry.TestCompatibility("s", null, Avro(V1), verbose: true);
        _registry.SetSubjectConfig("s", new RegistryConfig("FULL"));
        var full = _registry.TestCompatibility("s", null, Avro(V1), verbose: true);
        _registry.SetSubjectConfig("s", new RegistryConfig("BACKWARD"));
        var backward = _registry.TestCompatibility("s", null, Avro(V1));

        Assert.False(forward.IsCompatible);
        Assert.Contains("in the old schema has no default value and is missing in the new schema", forward.Messages[0], StringComparison.Ordinal);
        Assert.DoesNotContain(forward.Messages, m => m.StartsWith("{oldSchemaVersion", StringComparison.Ordinal));
        Assert.False(full.IsCompatible);
        Assert.Equal("{validateFields: 'false', compatibility: 'FULL'}", full.Messages[^1]);
        Assert.True(backward.IsCompatible);
    }

    [Fact]
    public void Level_none_accepts_anything()
    {
        _registry.SetGlobalConfig(new RegistryConfig("NONE"));
        _registry.Register("s", Avro(V1));
        var v2 = _registry.Register("s", Avro("\"int\""));
        Assert.Equal(2, v2.Version);
    }

    [Fact]
    public void Compatibility_with_a_missing_subject_is_true_for_latest_and_40402_for_a_number()
    {
        Assert.True(_registry.TestCompatibility("nobody", "latest", Avro(V1)).IsCompatible);
        Assert.True(_registry.TestCompatibility("nobody", null, Avro(V1)).IsCompatible);
        AssertError(Fails(() => _registry.TestCompatibility("nobody", "3", Avro(V1))), 404, 40402, "Version 3 not found.");
        _registry.Register("s", Avro(V1));
        _registry.DeleteVersion("s", "1");
        Assert.True(_registry.TestCompatibility("s", "latest", Avro("\"int\"")).IsCompatible);
        AssertError(Fails(() => _registry.TestCompatibility("s", "1", Avro("\"int\""))), 404, 40402);
        AssertError(Fails(() => _registry.TestCompatibility("s", "earliest", Avro("\"int\""))), 422, 42202);
    }

    [Fact]
    public void An_invalid_schema_is_42201_or_with_verbose_an_incompatible_answer()
    {
        var e = Fails(() => _registry.TestCompatibility("s", "latest", Avro("""{"type":"record","name":"x"}""")));
        var verbose = _registry.TestCompatibility("s", "latest", Avro("""{"type":"record","name":"x"}"""), verbose: true);

        AssertError(e, 422, 42201);
        Assert.StartsWith("Invalid schema of type AVRO, details: ", e.Message, StringComparison.Ordinal);
        Assert.False(verbose.IsCompatible);
        Assert.Equal(e.Message, Assert.Single(verbose.Messages));
    }

    [Theory]
    [InlineData("""{"type":"record","name":"r","fields":[{"name":"a","type":"string","default":null}]}""")]
    [InlineData("""{"type":"nope"}""")]
    [InlineData("""{"type":"record","name":"r","fields":[""")]
    [InlineData("  ")]
    public void Invalid_schemas_are_rejected_with_42201(string text)
    {
        AssertError(Fails(() => _registry.Register("s", Avro(text))), 422, 42201);
        Assert.Empty(_registry.GetSubjects());
    }

    [Fact]
    public void Unknown_schema_types_are_rejected_with_42201()
    {
        var e = Fails(() => _registry.Register("s", new RegistrySchema("{}", "XML", null)));
        AssertError(e, 422, 42201, "Invalid schema type XML");
    }

    [Theory]
    [InlineData("__GLOBAL")]
    [InlineData("__EMPTY")]
    [InlineData("bad\u0001subject")]
    public void Invalid_subjects_are_42208(string subject)
    {
        AssertError(Fails(() => _registry.Register(subject, Avro(V1))), 422, 42208, $"The specified subject '{subject}' is not a valid.");
        AssertError(Fails(() => _registry.SetSubjectConfig(subject, new RegistryConfig("FULL"))), 422, 42208);
    }

    [Fact]
    public void Versions_and_latest_and_their_errors()
    {
        _registry.SetGlobalConfig(new RegistryConfig("NONE"));
        _registry.Register("s", Avro(V1));
        _registry.Register("s", Avro("\"int\""));

        Assert.Equal(2, _registry.GetVersion("s", "latest").Version);
        Assert.Equal(2, _registry.GetVersion("s", "-1").Version);
        Assert.Equal(V1, _registry.GetVersion("s", "1").Schema.Schema);
        AssertError(Fails(() => _registry.GetVersion("nobody", "1")), 404, 40401, "Subject 'nobody' not found.");
        AssertError(Fails(() => _registry.GetVersion("s", "7")), 404, 40402, "Version 7 not found.");
        foreach (var bad in new[] { "0", "-2", "earliest", "1.5", "2147483648" })
        {
            AssertError(Fails(() => _registry.GetVersion("s", bad)), 422, 42202,
                $"The specified version '{bad}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }

        AssertError(Fails(() => _registry.GetVersions("nobody")), 404, 40401);
    }

    [Fact]
    public void Lookup_finds_a_schema_under_a_subject_and_says_which_part_is_missing()
    {
        _registry.Register("s", Avro(V1));

        var found = _registry.LookUp("s", Avro(V1.Replace(":", " : ", StringComparison.Ordinal)));

        Assert.Equal(("s", 1, 1), (found.Subject, found.Version, found.Id));
        AssertError(Fails(() => _registry.LookUp("nobody", Avro(V1))), 404, 40401);
        AssertError(Fails(() => _registry.LookUp("s", Avro("\"int\""))), 404, 40403, "Schema not found");
        _registry.DeleteSubject("s");
        AssertError(Fails(() => _registry.LookUp("s", Avro(V1))), 404, 40401);
        Assert.True(_registry.LookUp("s", Avro(V1), includeDeleted: true).Deleted);
    }

    [Fact]
    public void Soft_delete_of_a_subject_hides_it_keeps_ids_and_numbering_continues()
    {
        _registry.SetGlobalConfig(new RegistryConfig("NONE"));
        _registry.Register("s", Avro(V1));
        _registry.Register("s", Avro("\"int\""));

        Assert.Equal([1, 2], _registry.DeleteSubject("s"));

        AssertError(Fails(() => _registry.GetVersions("s")), 404, 40401);
        Assert.Empty(_registry.GetSubjects());
        Assert.Equal(["s"], _registry.GetSubjects(includeDeleted: true));
        Assert.Equal(V1, _registry.GetSchemaById(1).Schema);
        Assert.Equal([1, 2], _registry.GetVersions("s", includeDeleted: true));
        AssertError(Fails(() => _registry.DeleteSubject("s")), 404, 40404,
            "Subject 's' was soft deleted.Set permanent=true to delete permanently");

        var again = _registry.Register("s", Avro("\"long\""));
        Assert.Equal(3, again.Version);
    }

    [Fact]
    public void Permanent_subject_delete_needs_a_soft_delete_first_and_removes_everything()
    {
        _registry.Register("s", Avro(V1));
        _registry.SetSubjectConfig("s", new RegistryConfig("FULL"));

        AssertError(Fails(() => _registry.DeleteSubject("s", permanent: true)), 404, 40405,
            "Subject 's' was not deleted first before being permanently deleted");
        _registry.DeleteSubject("s");
        Assert.Equal([1], _registry.DeleteSubject("s", permanent: true));

        AssertError(Fails(() => _registry.GetSchemaById(1)), 404, 40403, "Schema 1 not found");
        AssertError(Fails(() => _registry.GetSubjectConfig("s")), 404, 40408);
        AssertError(Fails(() => _registry.DeleteSubject("s")), 404, 40401);
        Assert.Equal(1, _registry.Register("s", Avro(V1)).Version);
    }

    [Fact]
    public void Version_deletes_follow_the_soft_then_permanent_rules_and_freed_numbers_come_back()
    {
        _registry.SetGlobalConfig(new RegistryConfig("NONE"));
        _registry.Register("s", Avro(V1));
        _registry.Register("s", Avro("\"int\""));

        AssertError(Fails(() => _registry.DeleteVersion("s", "2", permanent: true)), 404, 40407,
            "Subject 's' Version 2 was not deleted first before being permanently deleted");
        Assert.Equal(2, _registry.DeleteVersion("s", "latest"));
        AssertError(Fails(() => _registry.DeleteVersion("s", "2")), 404, 40406,
            "Subject 's' Version 2 was soft deleted.Set permanent=true to delete permanently");
        Assert.Equal(2, _registry.DeleteVersion("s", "2", permanent: true));
        AssertError(Fails(() => _registry.DeleteVersion("s", "2", permanent: true)), 404, 40402);
        AssertError(Fails(() => _registry.DeleteVersion("s", "x")), 422, 42202);
        AssertError(Fails(() => _registry.DeleteVersion("nobody", "1")), 404, 40401);
        Assert.Equal(1, _registry.GetVersion("s", "latest").Version);

        // After permanently deleting v2 and soft-deleting v1, the next registration is v2 again.
        _registry.DeleteVersion("s", "1");
        Assert.Equal(2, _registry.Register("s", Avro("\"long\"")).Version);
    }

    [Fact]
    public void Soft_deleted_versions_are_visible_with_deleted_and_ids_stay_resolvable()
    {
        _registry.Register("s", Avro(V1));
        _registry.DeleteVersion("s", "1");

        Assert.True(_registry.GetVersion("s", "1", includeDeleted: true).Deleted);
        AssertError(Fails(() => _registry.GetVersion("s", "1")), 404, 40401);
        Assert.Equal(V1, _registry.GetSchemaById(1).Schema);
        Assert.Equal([-1], _registry.GetVersions("s", deletedAsNegative: true));
        Assert.Equal(["s"], _registry.GetSubjects(deletedOnly: true));
        Assert.Empty(_registry.GetVersionsById(1));
        Assert.Single(_registry.GetVersionsById(1, includeDeleted: true));
    }

    [Fact]
    public void Config_defaults_to_backward_levels_are_case_insensitive_and_subject_configs_are_40408_until_set()
    {
        Assert.Equal("BACKWARD", _registry.GetGlobalConfig().CompatibilityLevel);
        AssertError(Fails(() => _registry.GetSubjectConfig("s")), 404, 40408,
            "Subject 's' does not have subject-level compatibility configured");
        Assert.Equal("BACKWARD", _registry.GetSubjectConfig("s", defaultToGlobal: true).CompatibilityLevel);

        Assert.Equal("FULL", _registry.SetSubjectConfig("s", new RegistryConfig("full")).CompatibilityLevel);
        Assert.Equal("FULL", _registry.GetSubjectConfig("s").CompatibilityLevel);
        Assert.Equal("FORWARD", _registry.SetGlobalConfig(new RegistryConfig("Forward")).CompatibilityLevel);
        Assert.Equal("FULL", _registry.GetEffectiveCompatibilityLevel("s"));
        Assert.Equal("FORWARD", _registry.GetEffectiveCompatibilityLevel("t"));

        AssertError(Fails(() => _registry.SetGlobalConfig(new RegistryConfig("SIDEWAYS"))), 422, 42203,
            "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
        Assert.Equal("FULL", _registry.DeleteSubjectConfig("s").CompatibilityLevel);
        AssertError(Fails(() => _registry.DeleteSubjectConfig("s")), 404, 40401);
        Assert.Equal("FORWARD", _registry.DeleteGlobalConfig().CompatibilityLevel);
        Assert.Equal("BACKWARD", _registry.GetGlobalConfig().CompatibilityLevel);
    }

    [Fact]
    public void Read_only_mode_blocks_writes_but_not_idempotent_registration()
    {
        _registry.Register("s", Avro(V1));
        Assert.Equal("READONLY", _registry.SetSubjectMode("s", "readonly"));

        Assert.Equal(1, _registry.Register("s", Avro(V1)).Id);
        AssertError(Fails(() => _registry.Register("s", Avro(V2WithDefault))), 422, 42205, "Subject s in context . is in read-only mode");
        AssertError(Fails(() => _registry.DeleteSubject("s")), 422, 42205);
        AssertError(Fails(() => _registry.SetGlobalMode("SLEEPY")), 422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.");
        AssertError(Fails(() => _registry.GetSubjectMode("t")), 404, 40409, "Subject 't' does not have subject-level mode configured");
        Assert.Equal("READWRITE", _registry.GetSubjectMode("t", defaultToGlobal: true));
        Assert.Equal("READONLY", _registry.DeleteSubjectMode("s"));
        Assert.Equal(2, _registry.Register("s", Avro(V2WithDefault)).Version);
    }

    [Fact]
    public void Import_mode_registers_with_the_given_id_and_version()
    {
        AssertError(Fails(() => _registry.Register("s", Avro(V1), importId: 5)), 422, 42205, "Subject s in context . is not in import mode");
        _registry.SetGlobalMode("IMPORT");

        var imported = _registry.Register("s", Avro(V1), importId: 42, importVersion: 7);

        Assert.Equal((42, 7), (imported.Id, imported.Version));
        AssertError(Fails(() => _registry.Register("s", Avro("\"int\""))), 422, 42205, "Subject s in context . is not in read-write mode");
        AssertError(Fails(() => _registry.Register("t", Avro("\"int\""), importId: 42)), 422, 42207);
        _registry.SetGlobalMode("READWRITE");
        Assert.Equal(43, _registry.Register("t", Avro("\"string\"")).Id);
        AssertError(Fails(() => _registry.SetGlobalMode("IMPORT")), 422, 42205);
        Assert.Equal("IMPORT", _registry.SetGlobalMode("IMPORT", force: true));
    }

    [Fact]
    public void References_resolve_named_types_of_other_subjects_and_protect_them_from_deletion()
    {
        const string sub = """{"type":"record","name":"Subrecord","namespace":"otherns","fields":[{"name":"field2","type":"string"}]}""";
        const string main = """{"type":"record","name":"MyRecord","namespace":"ns","fields":[{"name":"field1","type":"otherns.Subrecord"}]}""";
        _registry.Register("my_reference", Avro(sub));
        var reference = new RegistryReference("otherns.Subrecord", "my_reference", 1);

        var registered = _registry.Register("main", new RegistrySchema(main, null, [reference]));

        Assert.Equal(2, registered.Id);
        Assert.Equal([reference], _registry.GetSchemaById(2).References);
        // The referenced type is written by name, as Confluent stores it.
        Assert.Contains("\"type\":\"otherns.Subrecord\"", registered.Schema.Schema, StringComparison.Ordinal);
        Assert.Equal([2], _registry.GetReferencedBy("my_reference", "1"));
        AssertError(Fails(() => _registry.DeleteSubject("my_reference")), 422, 42206,
            "One or more references exist to the schema {subject=my_reference,version=1}.");
        AssertError(Fails(() => _registry.DeleteVersion("my_reference", "1")), 422, 42206);
        AssertError(Fails(() => _registry.Register("x", Avro(main))), 422, 42201);
        AssertError(Fails(() => _registry.Register("x", new RegistrySchema(main, null, [reference with { Version = 9 }]))), 422, 42201);

        _registry.DeleteSubject("main");
        Assert.Equal([1], _registry.DeleteSubject("my_reference"));
    }

    [Fact]
    public void Normalize_makes_name_spelling_and_property_order_irrelevant()
    {
        const string a = """{"type":"record","name":"R","namespace":"ns","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}}],"x":1,"a":2}""";
        const string b = """{"type":"record","name":"ns.R","fields":[{"name":"e","type":{"type":"enum","name":"ns.E","symbols":["A"]}}],"a":2,"x":1}""";

        var plainA = _registry.Register("p", Avro(a)).Id;
        var plainB = _registry.Register("q", Avro(b)).Id;
        var normalizedA = _registry.Register("n", Avro(a), normalize: true).Id;
        var normalizedB = _registry.Register("m", Avro(b), normalize: true).Id;

        Assert.NotEqual(plainA, plainB);
        Assert.Equal(normalizedA, normalizedB);
        Assert.NotEqual(plainA, normalizedA);
    }

    [Fact]
    public void Normalize_from_the_subject_config_applies_without_the_query_flag()
    {
        const string a = """{"type":"record","name":"R","fields":[{"name":"f","type":"int"}],"b":1,"a":2}""";
        const string b = """{"type":"record","name":"R","fields":[{"name":"f","type":"int"}],"a":2,"b":1}""";
        _registry.SetSubjectConfig("s", new RegistryConfig(null, Normalize: true));

        var first = _registry.Register("s", Avro(a));
        var second = _registry.Register("s", Avro(b));

        Assert.Equal((first.Id, first.Version), (second.Id, second.Version));
    }

    [Fact]
    public void Concurrent_registration_of_one_schema_yields_one_id_and_one_version()
    {
        var ids = new int[64];
        Parallel.For(0, ids.Length, i => ids[i] = _registry.Register(i % 2 == 0 ? "a" : "b", Avro(V1)).Id);

        Assert.All(ids, id => Assert.Equal(1, id));
        Assert.Equal([1], _registry.GetVersions("a"));
        Assert.Equal([1], _registry.GetVersions("b"));
    }
}

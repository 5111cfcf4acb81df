using Avro.Codegen.Build.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Avro.Codegen.Build.Tests;

/// <summary>Offline mode: a folder of earlier schemas checked with the schema core, with the same errors as the registry.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MockBuildEngine _engine = new();

    public void Dispose() => _dir.Dispose();

    private CheckAvroSchemaCompatibility Task(string? level, params ITaskItem[] schemas) => new()
    {
        BuildEngine = _engine,
        Schemas = schemas,
        BaselineDirectory = Path.Combine(_dir.Path, "baseline"),
        CompatibilityLevel = level,
        ReadEnvironment = _ => null,
    };

    private TaskItem Schema(string text, string topic = "users")
    {
        var item = new TaskItem(_dir.Write("src/user.avsc", text));
        item.SetMetadata("Topic", topic);
        return item;
    }

    [Fact]
    public void Backward_incompatibility_gives_the_registry_style_error_at_the_field()
    {
        _dir.Write("baseline/users-value.avsc", GateSchemas.UserV1);
        var task = Task(null, Schema(GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB001", error.Code);
        Assert.Equal((7, 5), (error.LineNumber, error.ColumnNumber));
        Assert.Equal(
            "subject 'users-value': The field 'email' at path '/fields/1' in the new schema has no default value and is missing in the old schema [READER_FIELD_MISSING_DEFAULT_VALUE] (against baseline users-value.avsc, level BACKWARD)",
            error.Message);
    }

    [Fact]
    public void Compatible_change_passes()
    {
        _dir.Write("baseline/users-value.avsc", GateSchemas.UserV2);
        var task = Task("backward", Schema(GateSchemas.UserV2.Replace("\"type\": \"string\" }", "\"type\": \"string\", \"default\": \"\" }")));

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.True(task.Completed);
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("compatible with its baseline at BACKWARD"));
    }

    [Fact]
    public void Forward_level_reads_the_new_schema_with_the_old_one()
    {
        // Old reader has 'email' without default; the new schema drops it: FORWARD fails, BACKWARD would pass.
        _dir.Write("baseline/users-value.avsc", GateSchemas.UserV2);
        var task = Task("FORWARD", Schema(GateSchemas.UserV1));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Contains("in the old schema has no default value and is missing in the new schema", error.Message);
        Assert.Contains("level FORWARD", error.Message);
        // 'email' is gone from the new file, so the error sits at the record.
        Assert.Equal((1, 1), (error.LineNumber, error.ColumnNumber));
    }

    [Fact]
    public void Transitive_levels_use_every_version_in_numeric_order()
    {
        // v2 and v10 both have 'email' as a string; v1 lacks it. Name order would put v10 before v2.
        _dir.Write("baseline/users-value/v1.avsc", GateSchemas.UserV1);
        _dir.Write("baseline/users-value/v2.avsc", GateSchemas.UserV2);
        _dir.Write("baseline/users-value/v10.avsc", GateSchemas.UserV2);
        var candidate = Schema(GateSchemas.UserV2);

        Assert.True(Task("BACKWARD", candidate).Execute());
        Assert.False(Task("BACKWARD_TRANSITIVE", candidate).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Contains("against baseline v1.avsc, level BACKWARD_TRANSITIVE", error.Message);
    }

    [Fact]
    public void Subject_without_baseline_is_new()
    {
        _dir.Write("baseline/other-value.avsc", GateSchemas.UserV1);
        var task = Task(null, Schema(GateSchemas.UserV2));

        Assert.True(task.Execute());
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("has no baseline"));
        Assert.Equal("New", Assert.Single(task.CheckedSchemas).GetMetadata("Status"));
    }

    [Fact]
    public void Missing_baseline_folder_is_AVROB007()
    {
        var task = Task(null, Schema(GateSchemas.UserV2));

        Assert.False(task.Execute());
        Assert.Equal("AVROB007", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Invalid_baseline_is_AVROB008_at_the_baseline_file()
    {
        var baseline = _dir.Write("baseline/users-value.avsc", "{\n  \"type\": \"record\",\n  \"name\": \"User\",\n  \"fields\": [ { \"name\": \"id\", \"type\": \"lon\" } ]\n}");
        var task = Task(null, Schema(GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB008", error.Code);
        Assert.Equal(baseline, error.File);
        Assert.Equal(4, error.LineNumber);
        Assert.Matches("AVRO0\\d\\d", error.Message);
    }

    [Fact]
    public void Unknown_level_is_AVROB006()
    {
        _dir.Write("baseline/users-value.avsc", GateSchemas.UserV1);
        var task = Task("SIDEWAYS", Schema(GateSchemas.UserV2));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB006", error.Code);
        Assert.Contains("SIDEWAYS", error.Message);
    }

    [Fact]
    public void Level_none_accepts_anything()
    {
        _dir.Write("baseline/users-value.avsc", GateSchemas.UserV1);
        Assert.True(Task("NONE", Schema(GateSchemas.UserReordered)).Execute());
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Subject_names_with_unsafe_characters_map_to_safe_file_names()
    {
        _dir.Write("baseline/_ctx_users-value.avsc", GateSchemas.UserV1);
        var item = Schema(GateSchemas.UserV2);
        item.SetMetadata("Subject", ":ctx:users-value");

        Assert.False(Task(null, item).Execute());
        Assert.Contains("subject ':ctx:users-value'", Assert.Single(_engine.Errors).Message);
    }
}

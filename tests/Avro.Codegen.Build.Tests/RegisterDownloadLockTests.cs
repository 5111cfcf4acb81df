using Avro.Codegen.Gate;
using Avro.Codegen.Build.Tasks;
using Avro.Codegen.Schema;
using Avro.Codegen.TestRegistry;
using Microsoft.Build.Utilities;

namespace Avro.Codegen.Build.Tests;

/// <summary>The pipeline targets' tasks (register, download) and the schema-id lock file, against the registry emulator.</summary>
public sealed class RegisterDownloadLockTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly MockBuildEngine _engine = new();
    private TestRegistryServer _registry = null!;

    public async System.Threading.Tasks.Task InitializeAsync() => _registry = await TestRegistryServer.StartAsync();

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _dir.Dispose();
    }

    private TaskItem Schema(string name = "user.avsc", string text = GateSchemas.UserV2, string topic = "users")
    {
        var item = new TaskItem(_dir.Write(name, text));
        item.SetMetadata("Topic", topic);
        return item;
    }

    private string LockPath => Path.Combine(_dir.Path, "avro-schemas.lock.json");

    private static string Fingerprint(string text) => SchemaLockFile.FingerprintOf(SchemaParser.Parse(text).Schema!);

    private CheckAvroSchemaCompatibility Check(params Microsoft.Build.Framework.ITaskItem[] schemas) => new()
    {
        BuildEngine = _engine, Schemas = schemas, RegistryUrl = _registry.Url(), LockFile = LockPath, ReadEnvironment = _ => null,
    };

    [Fact]
    public void Register_prints_subject_to_id_and_outputs_it()
    {
        // Another schema first, so the id the registry gives is not 1.
        _registry.Seed("other-value", GateSchemas.Order);
        var task = new RegisterAvroSchemas { BuildEngine = _engine, Schemas = new[] { Schema() }, RegistryUrl = _registry.Url(), ReadEnvironment = _ => null };

        Assert.True(task.Execute());

        var id = _registry.Registry.GetLatestVersion("users-value").Id;
        Assert.Equal(2, id);
        Assert.Contains(_engine.Messages, m => m.Message == "users-value -> 2 (version 1)" && m.Importance == Microsoft.Build.Framework.MessageImportance.High);
        var registered = Assert.Single(task.RegisteredSchemas);
        Assert.Equal(("users-value", "2"), (registered.GetMetadata("Subject"), registered.GetMetadata("Id")));
        Assert.Contains("\\\"email\\\"", Assert.Single(_registry.Requests(), r => r.Path() == "/subjects/users-value/versions").Body);
    }

    [Fact]
    public void Register_conflict_is_AVROB001_with_the_registry_details_at_the_field()
    {
        // The registry holds a version 3 without 'email'; the file adds it without a default, which BACKWARD refuses (409).
        _registry.Seed("users-value", GateSchemas.UserHistory);
        var task = new RegisterAvroSchemas { BuildEngine = _engine, Schemas = new[] { Schema() }, RegistryUrl = _registry.Url(), ReadEnvironment = _ => null };

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB001", error.Code);
        Assert.Equal(7, error.LineNumber);
        Assert.Contains("against version 3, level BACKWARD", error.Message);
    }

    [Fact]
    public void Register_against_a_down_registry_is_always_an_error()
    {
        var task = new RegisterAvroSchemas
        {
            BuildEngine = _engine, Schemas = new[] { Schema() }, RegistryUrl = LoopbackPort.ClosedUrl(),
            Retries = "0", ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());
        Assert.Equal("AVROB002", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Register_without_url_is_AVROB006()
    {
        var task = new RegisterAvroSchemas { BuildEngine = _engine, Schemas = new[] { Schema() }, ReadEnvironment = _ => null };

        Assert.False(task.Execute());
        Assert.Equal("AVROB006", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Register_writes_the_lock_file()
    {
        _registry.Seed("other-value", GateSchemas.Order);
        var task = new RegisterAvroSchemas
        {
            BuildEngine = _engine, Schemas = new[] { Schema() }, RegistryUrl = _registry.Url(), LockFile = LockPath, ReadEnvironment = _ => null,
        };

        Assert.True(task.Execute());

        Assert.Equal(
            "{\n  \"schemas\": {\n    \"users-value\": { \"id\": 2, \"version\": 1, \"fingerprint\": \"" + Fingerprint(GateSchemas.UserV2) + "\" }\n  }\n}\n",
            File.ReadAllText(LockPath));
    }

    [Fact]
    public void Download_writes_the_latest_version_per_subject()
    {
        _registry.Seed("users-value", GateSchemas.UserHistory);
        _registry.Seed("extra", "\"string\"");
        var folder = Path.Combine(_dir.Path, "baseline");
        var task = new DownloadAvroSchemas
        {
            BuildEngine = _engine, Schemas = new[] { Schema() }, Subjects = new[] { "extra" }, OutputDirectory = folder,
            RegistryUrl = _registry.Url(), ReadEnvironment = _ => null,
        };

        Assert.True(task.Execute());

        var written = SchemaParser.Parse(File.ReadAllText(Path.Combine(folder, "users-value.avsc")));
        Assert.True(written.Success);
        Assert.Equal("com.acme.User", ((NamedSchema)written.Schema!).FullName);
        Assert.Equal("\"string\"", File.ReadAllText(Path.Combine(folder, "extra.avsc")).Trim());
        Assert.Equal(2, task.DownloadedSchemas.Length);
    }

    [Fact]
    public void Download_of_an_unknown_subject_is_AVROB013()
    {
        var task = new DownloadAvroSchemas
        {
            BuildEngine = _engine, Subjects = new[] { "nope-value" }, OutputDirectory = Path.Combine(_dir.Path, "out"),
            RegistryUrl = _registry.Url(), ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB013", error.Code);
        Assert.Contains("nope-value", error.Message);
    }

    [Fact]
    public void Check_records_registered_ids_in_the_lock_file()
    {
        var registered = _registry.Seed("users-value", [.. GateSchemas.UserHistory, GateSchemas.UserV2]);
        Assert.Equal((4, 4), (registered.Id, registered.Version));

        Assert.True(Check(Schema()).Execute());

        Assert.Contains("\"users-value\": { \"id\": 4, \"version\": 4", File.ReadAllText(LockPath));
    }

    [Fact]
    public void Registry_disagreeing_with_the_lock_file_is_AVROB009_and_the_lock_is_kept()
    {
        var lockText = "{\n  \"schemas\": {\n    \"users-value\": { \"id\": 9, \"version\": 4, \"fingerprint\": \"" + Fingerprint(GateSchemas.UserV2) + "\" }\n  }\n}\n";
        File.WriteAllText(LockPath, lockText);
        // The registry holds the schema as version 4 too, but under id 5 (another schema took id 4 first).
        _registry.Seed("other-value", GateSchemas.Order);
        var registered = _registry.Seed("users-value", [.. GateSchemas.UserHistory, GateSchemas.UserV2]);
        Assert.Equal((5, 4), (registered.Id, registered.Version));

        Assert.False(Check(Schema()).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB009", error.Code);
        Assert.Contains("id 5", error.Message);
        Assert.Contains("records id 9", error.Message);
        Assert.Equal(lockText, File.ReadAllText(LockPath));
    }

    [Fact]
    public void Locked_schema_missing_from_the_registry_is_AVROB009()
    {
        File.WriteAllText(LockPath, "{\"schemas\":{\"users-value\":{\"id\":9,\"version\":4,\"fingerprint\":\"" + Fingerprint(GateSchemas.UserV2) + "\"}}}");
        _registry.Seed("users-value", GateSchemas.UserWithNick);

        Assert.False(Check(Schema()).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB009", error.Code);
        Assert.Contains("does not hold it", error.Message);
    }

    [Fact]
    public void Changed_schema_not_yet_registered_drops_its_stale_lock_entry()
    {
        File.WriteAllText(LockPath, "{\"schemas\":{\"users-value\":{\"id\":9,\"version\":4,\"fingerprint\":\"0000000000000000\"}}}");
        _registry.Seed("users-value", GateSchemas.UserWithNick);

        Assert.True(Check(Schema()).Execute());

        Assert.Contains(_engine.Messages, m => m.Message!.Contains("not registered yet"));
        Assert.Equal("{\n  \"schemas\": {}\n}\n", File.ReadAllText(LockPath));
    }

    [Theory]
    [InlineData("{ \"schemas\": [", 1)]
    [InlineData("{\n  \"schemas\": {\n    \"users-value\": { \"id\": \"nine\" }\n  }\n}", 3)]
    [InlineData("[]", 1)]
    public void Malformed_lock_file_is_AVROB010_at_its_line(string text, int line)
    {
        File.WriteAllText(LockPath, text);
        _registry.Seed("users-value", GateSchemas.UserWithNick);

        Assert.False(Check(Schema()).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB010", error.Code);
        Assert.Equal(LockPath, error.File);
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(text, File.ReadAllText(LockPath));
    }

    [Fact]
    public void Unwritable_lock_file_is_AVROB010()
    {
        var blocker = _dir.Write("not-a-folder", "a file where the lock file's folder should be");
        _registry.Seed("users-value", GateSchemas.UserHistory);
        _registry.Seed("users-value", GateSchemas.UserV2);
        var task = Check(Schema());
        task.LockFile = Path.Combine(blocker, "avro-schemas.lock.json");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("AVROB010", error.Code);
        Assert.Contains("cannot write the schema lock file", error.Message);
    }

    [Fact]
    public void Unwritable_download_folder_is_AVROB014()
    {
        _registry.Seed("users-value", GateSchemas.UserHistory);
        var blocker = _dir.Write("not-a-folder", "x");
        var task = new DownloadAvroSchemas
        {
            BuildEngine = _engine, Subjects = new[] { "users-value" }, OutputDirectory = Path.Combine(blocker, "out"),
            RegistryUrl = _registry.Url(), ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());
        Assert.Equal("AVROB014", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancelling_stops_the_task_without_an_error()
    {
        _registry.Faults.LatencyMs = 3000;
        var task = Check(Schema());
        var cancel = System.Threading.Tasks.Task.Run(async () =>
        {
            await System.Threading.Tasks.Task.Delay(300);
            task.Cancel();
        });

        task.Execute();
        await cancel;

        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("cancelled"));
        Assert.False(task.Completed);
    }
}

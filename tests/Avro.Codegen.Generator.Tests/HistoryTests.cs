using System.Reflection;
using Avro.Codegen.Generator.Tests.Helpers;
using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;
using Microsoft.CodeAnalysis;

namespace Avro.Codegen.Generator.Tests;

/// <summary>Earlier schema versions in history folders: checked at build time, registered for resolution, never generated.</summary>
public class HistoryTests
{
    private const string Current = """
        {"type":"record","name":"User","namespace":"com.acme","aliases":["com.acme.Person"],"fields":[
          {"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":["null","string"],"default":null}]}
        """;

    private const string V1 = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"name","type":"string"},{"name":"id","type":"int"}]}""";

    private const string V0 = """{"type":"record","name":"Person","namespace":"com.acme","fields":[{"name":"id","type":"int"},{"name":"name","type":"string"}]}""";

    [Fact]
    public void Compatible_versions_are_registered_by_fingerprint_and_not_generated_as_types()
    {
        var run = GeneratorHarness.RunGenerator([("/p/schemas/User.avsc", Current), ("/p/schemas/history/User.v1.avsc", V1), ("/p/History/Person.v0.avsc", V0)]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
        Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("Person", StringComparison.Ordinal));

        var source = run.Source("AvroHistory.g.cs");
        var v1 = SchemaFingerprint.Crc64Avro(SchemaParser.Parse(V1).Schema!);
        var v0 = SchemaFingerprint.Crc64Avro(SchemaParser.Parse(V0).Schema!);
        Assert.Contains($"0x{v1:X16}UL", source);
        Assert.Contains($"0x{v0:X16}UL", source);
        Assert.Contains("KnownWriterSchemas.Register<global::com.acme.User>(Fingerprint0, SchemaJson0, ReadVersion0);", source);

        // Loading the assembly registers both versions: the runtime now resolves data written with them.
        var (assembly, context) = GeneratorHarness.Load(run.Output);
        try
        {
            var user = assembly.GetType("com.acme.User")!;
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(user.Module.ModuleHandle);
            var fingerprints = (IReadOnlyCollection<ulong>)typeof(KnownWriterSchemas).GetMethod(nameof(KnownWriterSchemas.Fingerprints))!
                .MakeGenericMethod(user).Invoke(null, null)!;
            Assert.Contains(v1, fingerprints);
            Assert.Contains(v0, fingerprints);

            // "ann", id 7 written with v0 (id first, as an int).
            byte[] written = [14, 6, (byte)'a', (byte)'n', (byte)'n'];
            object value;
            try
            {
                value = typeof(HistoryTests).GetMethod(nameof(ReadWith), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(user).Invoke(null, [written, v0])!;
            }
            catch (TargetInvocationException e)
            {
                throw e.InnerException!;
            }

            Assert.Equal(7L, user.GetProperty("Id")!.GetValue(value));
            Assert.Equal("ann", user.GetProperty("Name")!.GetValue(value));
        }
        finally
        {
            context.Unload();
        }
    }

    private static T ReadWith<T>(byte[] data, ulong writerFingerprint) where T : IAvroRecord<T> =>
        ResolvingReader.Read<T>(data, writerFingerprint);

    [Fact]
    public void An_incompatible_version_is_a_build_error_at_the_history_file()
    {
        const string broken = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"name","type":"boolean"}]}""";
        var run = GeneratorHarness.RunGenerator([("/p/User.avsc", Current), ("/p/history/User.v2.avsc", broken)]);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AVRO120", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/p/history/User.v2.avsc", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("TYPE_MISMATCH at /fields/1/type", diagnostic.GetMessage());
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0: id", diagnostic.GetMessage());
        Assert.False(run.Sources.ContainsKey("AvroHistory.g.cs"));
        Assert.True(run.Sources.ContainsKey("com.acme.User.g.cs"));
    }

    [Fact]
    public void Orphaned_and_invalid_versions_are_reported()
    {
        var run = GeneratorHarness.RunGenerator([
            ("/p/User.avsc", Current),
            ("/p/history/Other.avsc", """{"type":"record","name":"Other","fields":[]}"""),
            ("/p/history/Bad.avsc", """{"type":"record","name":"Bad","fields":[{"name":"x","type":"nope"}]}"""),
            ("/p/history/Enum.avsc", """{"type":"enum","name":"E","symbols":["A"]}""")]);
        var ids = run.GeneratorDiagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d.Location.GetLineSpan().Path), d.Id)).ToList();
        Assert.Equal([("Bad.avsc", "AVRO122"), ("Enum.avsc", "AVRO122"), ("Other.avsc", "AVRO121")], ids);
        Assert.Contains("not a record schema", run.GeneratorDiagnostics.Single(d => d.GetMessage().Contains("Enum.avsc")).GetMessage());
        Assert.Empty(GeneratorHarness.CompileProblems(run.Output));
    }
}

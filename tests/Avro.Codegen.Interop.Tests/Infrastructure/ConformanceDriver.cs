namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>
/// The conformance driver (tests/Avro.Codegen.Conformance) built over one folder of schemas, as an outside harness
/// builds it: <c>dotnet build -p:ConformanceSchemas=DIR</c>, here into its own artifacts folder per schema folder so
/// the solution's own build output is never touched. Built once per test run; MSBuild's incrementality makes a rerun
/// without changes quick (the first build of a folder compiles the runtime and the generator, about a minute).
/// </summary>
internal sealed class ConformanceDriver
{
    private static readonly Dictionary<string, Lazy<ConformanceDriver>> Builds = new(StringComparer.Ordinal);

    private readonly string _assembly;

    private ConformanceDriver(string assembly) => _assembly = assembly;

    /// <summary>The driver over the .avsc files of <paramref name="schemaFolder"/>, built if needed.</summary>
    public static ConformanceDriver For(string schemaFolder)
    {
        Lazy<ConformanceDriver> build;
        lock (Builds)
        {
            if (!Builds.TryGetValue(schemaFolder, out build!))
            {
                build = new Lazy<ConformanceDriver>(() => Build(schemaFolder), LazyThreadSafetyMode.ExecutionAndPublication);
                Builds[schemaFolder] = build;
            }
        }

        return build.Value;
    }

    /// <summary>Runs one driver call with the same <c>dotnet</c> host that runs the tests.</summary>
    public ProcessResult Run(byte[]? stdin, params string[] arguments) =>
        ProcessRunner.Run(DotnetHost, [_assembly, .. arguments], stdin);

    private static string DotnetHost => Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    private static ConformanceDriver Build(string schemaFolder)
    {
        var artifacts = Path.Combine(RepoPaths.Artifacts, "conformance", new DirectoryInfo(schemaFolder).Name);
        var project = Path.Combine(RepoPaths.Root, "tests", "Avro.Codegen.Conformance", "Avro.Codegen.Conformance.csproj");
        ProcessRunner.Run(DotnetHost, ["build", project, "-nologo", "-v:q", "-p:ConformanceSchemas=" + Path.GetFullPath(schemaFolder),
            "--artifacts-path", artifacts]).EnsureSuccess();
        var assembly = Path.Combine(artifacts, "bin", "Avro.Codegen.Conformance", "debug", "Avro.Codegen.Conformance.dll");
        Assert.True(File.Exists(assembly), $"the driver build left no {assembly}");
        return new ConformanceDriver(assembly);
    }
}

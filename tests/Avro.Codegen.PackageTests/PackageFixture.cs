using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Avro.Codegen.PackageTests;

/// <summary>The result of one <c>dotnet</c> command.</summary>
public sealed record DotnetResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// Packs the two packages (<c>src/Avro.Codegen.Packages.slnf</c>: Avro.Codegen and Avro.Codegen.Kafka, as the README's
/// quick start does) once per test run, with a unique version so no cache can serve a stale build, into a temp feed,
/// and gives every consumer the same isolated NuGet package folder (restoring once, not per test).
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        RepoRoot = RepositoryRoot.Path;
        WorkRoot = Path.Combine(Path.GetTempPath(), "avro-codegen-e2e-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Feed = Path.Combine(WorkRoot, "feed");
        Packages = Path.Combine(WorkRoot, "packages");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);
        Version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        // Built under the temp folder (--artifacts-path), so packing never touches the repository's bin/obj, which the
        // solution build and other test projects use at the same time.
        var pack = Run(RepoRoot, "pack", "src/Avro.Codegen.Packages.slnf", "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(WorkRoot, "build"), "-p:Version=" + Version, "-nologo", "-tl:off");
        Nupkg = Path.Combine(Feed, $"Avro.Codegen.{Version}.nupkg");
        KafkaNupkg = Path.Combine(Feed, $"Avro.Codegen.Kafka.{Version}.nupkg");
        if (pack.ExitCode != 0 || !File.Exists(Nupkg) || !File.Exists(KafkaNupkg))
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack);
        }
    }

    public string RepoRoot { get; }
    public string WorkRoot { get; }
    public string Feed { get; }
    public string Packages { get; }
    public string Version { get; }
    public string Nupkg { get; }
    public string KafkaNupkg { get; }

    /// <summary>Runs <c>dotnet</c> with the isolated package folder and without any registry settings from the outer environment.</summary>
    public DotnetResult Run(string directory, params string[] arguments) => RunProcess("dotnet", directory, arguments);

    /// <summary>Runs a program (a native binary, or <c>dotnet</c>) in the same isolated environment.</summary>
    public DotnetResult RunProcess(string fileName, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUGET_PACKAGES"] = Packages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var name in new[] { "AvroSchemaRegistryUrl", "AVRO_SCHEMA_REGISTRY_USER_INFO", "AVRO_SCHEMA_REGISTRY_BEARER_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(12)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 12 minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new DotnetResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>
    /// Copies <c>samples/&lt;name&gt;</c> (without bin/obj) with the samples' Directory.Build.props into a temp folder
    /// whose nuget.config points at this run's feed; returns the copied project folder.
    /// </summary>
    public string CopySample(string name)
    {
        var root = Path.Combine(WorkRoot, "samples-" + name);
        var target = Path.Combine(root, name);
        var source = Path.Combine(RepoRoot, "samples", name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        File.Copy(Path.Combine(RepoRoot, "samples", "Directory.Build.props"), Path.Combine(root, "Directory.Build.props"));
        File.Copy(Path.Combine(RepoRoot, "samples", "Directory.Build.targets"), Path.Combine(root, "Directory.Build.targets"));
        File.WriteAllText(Path.Combine(root, "nuget.config"), Consumer.NuGetConfig(Feed));
        return target;
    }

    /// <summary>A new consumer project in its own folder.</summary>
    public Consumer CreateConsumer(string name) => new(this, Path.Combine(WorkRoot, name));

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("AVRO_KEEP_E2E") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition("package")]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
}

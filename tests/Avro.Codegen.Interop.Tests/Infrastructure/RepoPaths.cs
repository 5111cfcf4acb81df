namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>Locations inside the repository, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds <c>Avro.Codegen.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string Oracles => Path.Combine(Root, "build", "oracles");

    public static string CorpusSchemas => Path.Combine(Root, "tests", "corpus", "schemas");

    public static string CorpusData => Path.Combine(Root, "tests", "corpus", "data");

    /// <summary>Build output that is never committed (<c>artifacts/</c> is ignored).</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Avro.Codegen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Avro.Codegen.sln above {AppContext.BaseDirectory}");
    }
}

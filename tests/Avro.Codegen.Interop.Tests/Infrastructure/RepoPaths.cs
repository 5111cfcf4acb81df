namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>Locations inside the repository, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    /// <summary>The folder that holds <c>Avro.Codegen.sln</c>.</summary>
    public static string Root => RepositoryRoot.Path;

    public static string Oracles => Path.Combine(Root, "build", "oracles");

    public static string CorpusSchemas => Path.Combine(Root, "tests", "corpus", "schemas");

    public static string CorpusData => Path.Combine(Root, "tests", "corpus", "data");

    /// <summary>Build output that is never committed (<c>artifacts/</c> is ignored).</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

}

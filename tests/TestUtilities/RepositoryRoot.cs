namespace Avro.Codegen.TestUtilities;

// System.IO names are qualified: test projects that reference Apache.Avro also see its Avro.File namespace.

/// <summary>
/// The repository root: the folder holding <c>Avro.Codegen.sln</c>, found by walking up from the test assembly's
/// folder. Linked into every test project by <c>tests/Directory.Build.props</c>.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The full path of the repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Locate()
    {
        for (var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Avro.Codegen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Avro.Codegen.sln not found above " + AppContext.BaseDirectory);
    }
}

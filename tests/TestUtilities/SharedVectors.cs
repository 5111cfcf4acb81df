using System.Text.Json;

namespace Avro.Codegen.TestUtilities;

/// <summary>
/// The team's shared test vectors (<c>../shared/vectors</c> beside the repository, the folder Directory.Build.props
/// calls <c>$(AvroSharedDir)</c>). Found beside <see cref="RepositoryRoot"/>;
/// <c>AVRO_SHARED_DIR</c> overrides it.
/// </summary>
internal static class SharedVectors
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string VectorsDirectory => Path.Combine(Directory.Value, "vectors");

    public static IReadOnlyList<JsonElement> ReadJsonLines(string fileName)
    {
        var path = Path.Combine(VectorsDirectory, fileName);
        var lines = new List<JsonElement>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Trim().Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                lines.Add(document.RootElement.Clone());
            }
        }

        return lines;
    }

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("AVRO_SHARED_DIR");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        return Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared"));
    }
}

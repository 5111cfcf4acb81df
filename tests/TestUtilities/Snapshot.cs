using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Avro.Codegen.TestUtilities;

/// <summary>
/// Baseline files for generated code, reviewed in git (Verify is not available). Baselines live next to the test
/// source in <c>Snapshots/{TestClass}/{TestMethod}/</c>: one <c>{HintName}.txt</c> per generated file and
/// <c>diagnostics.txt</c>. <c>AVRO_UPDATE_SNAPSHOTS=1 dotnet test</c> rewrites them (and deletes stale ones); that is
/// refused when <c>CI=true</c>, so a CI run can never bless its own output. A mismatch writes <c>*.received.txt</c>.
/// </summary>
public static class Snapshot
{
    private const string DiagnosticsFile = "diagnostics.txt";
    private static readonly Regex Version = new(@"GeneratedCode\(""Avro\.Codegen"", ""[^""]*""\)", RegexOptions.Compiled);

    public static bool UpdateMode =>
        ResolveUpdateMode(Environment.GetEnvironmentVariable("AVRO_UPDATE_SNAPSHOTS"), Environment.GetEnvironmentVariable("CI"));

    /// <summary>Update mode from the two environment variables; refused (an exception) when CI is true.</summary>
    public static bool ResolveUpdateMode(string? update, string? ci)
    {
        if (update != "1")
        {
            return false;
        }

        if (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("AVRO_UPDATE_SNAPSHOTS is refused when CI=true: baselines are updated by a person, not by CI.");
        }

        return true;
    }

    /// <summary>Compares every generated file and the generator's diagnostics with the baselines.</summary>
    public static void MatchGenerated(GeneratorDriverRunResult run, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in run.Results.SelectMany(r => r.GeneratedSources))
        {
            actual[source.HintName + ".txt"] = Normalize(source.SourceText.ToString());
        }

        var diagnostics = run.Diagnostics.Select(Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();
        actual[DiagnosticsFile] = Normalize(string.Join("\n", diagnostics));
        Match(actual, Folder(file, test));
    }

    /// <summary>Compares one text (e.g. an emitter's output) with <c>{name}.txt</c>.</summary>
    public static void MatchText(string text, string name, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        var folder = Folder(file, test);
        var path = Path.Combine(folder, name + ".txt");
        var normalized = Normalize(text);
        if (UpdateMode)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, normalized + "\n");
            return;
        }

        CompareFile(path, normalized);
    }

    /// <summary><c>AVRO012 Error user.avsc(12,17)-(12,22): message</c>, with the file name only.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var where = string.Empty;
        if (location.Kind != LocationKind.None)
        {
            var span = location.GetLineSpan();
            where = $" {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        }

        return $"{diagnostic.Id} {diagnostic.Severity}{where}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string Folder(string file, string test) =>
        Path.Combine(Path.GetDirectoryName(file)!, "Snapshots", Path.GetFileNameWithoutExtension(file), test);

    private static string Normalize(string text) =>
        Version.Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"Avro.Codegen\", \"{VERSION}\")").TrimEnd('\n');

    private static void Match(SortedDictionary<string, string> actual, string folder)
    {
        var existing = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.txt").Select(Path.GetFileName).Where(n => !n!.EndsWith(".received.txt", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string?>();
        if (UpdateMode)
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in existing.Where(n => !actual.ContainsKey(n!)))
            {
                File.Delete(Path.Combine(folder, stale!));
            }

            foreach (var (name, text) in actual)
            {
                File.WriteAllText(Path.Combine(folder, name), text + "\n");
            }

            return;
        }

        var missing = actual.Keys.Where(k => !existing.Contains(k)).ToList();
        var extra = existing.Where(k => !actual.ContainsKey(k!)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            foreach (var name in missing)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, Path.GetFileNameWithoutExtension(name) + ".received.txt"), actual[name] + "\n");
            }

            Assert.Fail($"Generated file set mismatch in {folder}.\n  no baseline for: {string.Join(", ", missing)}\n  baseline without output: {string.Join(", ", extra)}\n" +
                "Review the output, then run with AVRO_UPDATE_SNAPSHOTS=1 to accept it.");
        }

        foreach (var (name, text) in actual)
        {
            CompareFile(Path.Combine(folder, name), text);
        }
    }

    private static void CompareFile(string path, string actual)
    {
        var received = Path.ChangeExtension(path, ".received.txt");
        if (!File.Exists(path))
        {
            File.WriteAllText(received, actual + "\n");
            Assert.Fail($"No baseline {path}; wrote {Path.GetFileName(received)}. Review it, then run with AVRO_UPDATE_SNAPSHOTS=1.");
        }

        var expected = Normalize(File.ReadAllText(path));
        if (expected == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, actual + "\n");
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var report = new StringBuilder($"Snapshot mismatch: {path} (wrote {Path.GetFileName(received)})\n");
        var shown = 0;
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length) && shown < 3; i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                report.Append($"  line {i + 1}:\n    expected: {e}\n    actual:   {a}\n");
                shown++;
            }
        }

        Assert.Fail(report.ToString());
    }
}

using Avro.Codegen.Fuzz;

namespace Avro.Codegen.Fuzz.Tests;

/// <summary>
/// Every file of every target's seed corpus (tests/fuzz/corpus/TARGET) and every crasher fuzzing found
/// (tests/fuzz/crashers/TARGET) goes through the target once. A target lets only the exception types its surface
/// documents pass and checks round trips, so a test fails on an undocumented exception, a wrong answer, or (as a
/// crashed test host) a stack overflow.
/// </summary>
public class ReplayTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "fuzz");

    public static TheoryData<string> TargetNames() => new(Targets.All.Keys);

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Seed_corpus_replays_with_only_documented_exceptions(string target)
    {
        var files = Files("corpus", target);
        Assert.True(files.Count >= 10, $"the seed corpus of {target} has only {files.Count} files (run: Avro.Codegen.Fuzz seed REPOSITORY_ROOT)");
        AssertReplays(target, files);
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Crashers_replay_with_only_documented_exceptions(string target) => AssertReplays(target, Files("crashers", target));

    [Fact]
    public void Every_corpus_folder_belongs_to_a_target()
    {
        foreach (var kind in new[] { "corpus", "crashers" })
        {
            var folder = Path.Combine(Root, kind);
            var unknown = Directory.Exists(folder)
                ? Directory.GetDirectories(folder).Select(Path.GetFileName).Where(name => !Targets.All.ContainsKey(name!)).ToList()
                : [];
            Assert.True(unknown.Count == 0, $"{kind} folders without a target: {string.Join(", ", unknown)}");
        }
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void A_target_lets_undocumented_exceptions_escape(string target)
    {
        // A null input is a harness fault, not bad data: no target may swallow the exception it causes.
        var e = Record.Exception(() => Targets.All[target](null!));
        Assert.True(e is NullReferenceException or ArgumentNullException, $"{target}: {e?.GetType().Name ?? "no exception"}");
    }

    private static List<string> Files(string kind, string target)
    {
        var folder = Path.Combine(Root, kind, target);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList() : [];
    }

    private static void AssertReplays(string target, List<string> files)
    {
        var run = Targets.All[target];
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} {target} inputs failed:\n{string.Join("\n", failures)}");
    }
}

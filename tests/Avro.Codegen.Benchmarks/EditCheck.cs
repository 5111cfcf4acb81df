using Microsoft.CodeAnalysis;

namespace Avro.Codegen.Benchmarks;

/// <summary>What a one-file edit did: which generated sources changed (the file's own and the schema table), and how many source outputs the driver re-ran.</summary>
internal static class EditCheck
{
    private const string SchemaTableHintName = "AvroGeneratedSchemas.g.cs";

    public static void OnlyOneFileReemitted(GeneratorDriverRunResult before, GeneratorDriverRunResult after, string editedName)
    {
        var old = before.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var changed = after.Results.Single().GeneratedSources
            .Where(s => !old.TryGetValue(s.HintName, out var text) || text != s.SourceText.ToString())
            .Select(s => s.HintName)
            .ToList();
        // The compilation's schema table holds every type's schema text, the edited one's included, so it changes too.
        var foreign = changed.Where(h => !h.Contains(editedName, StringComparison.Ordinal) && h != SchemaTableHintName).ToList();
        if (changed.Count == 0 || foreign.Count > 0)
        {
            throw new InvalidOperationException(
                $"Editing {editedName} changed {changed.Count} generated sources, {foreign.Count} of them another file's: {string.Join(", ", foreign.Take(5))}");
        }

        // Tracked source outputs whose model was new or modified: the work the edit really caused. Everything else
        // should come back Cached or Unchanged from the driver.
        var outputs = after.Results.Single().TrackedOutputSteps.Values
            .SelectMany(steps => steps)
            .SelectMany(step => step.Outputs)
            .ToList();
        int rerun = outputs.Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
        Console.WriteLine(
            $"// Edit of {editedName}: {changed.Count} generated sources changed (all its own); " +
            $"{rerun} of {outputs.Count} tracked outputs re-ran (New/Modified), the rest came from the driver's cache.");

        // Where the edit's time went, by tracked step (the driver's own bookkeeping between steps is not in these).
        var steps = after.Results.Single().TrackedSteps
            .Select(pair => (Name: pair.Key, Ms: pair.Value.Sum(step => step.ElapsedTime.TotalMilliseconds), Runs: pair.Value.Length))
            .OrderByDescending(step => step.Ms);
        Console.WriteLine("// Edit time by step: " + string.Join(", ", steps.Select(step => $"{step.Name} {step.Ms:F1} ms ({step.Runs})")));
    }
}

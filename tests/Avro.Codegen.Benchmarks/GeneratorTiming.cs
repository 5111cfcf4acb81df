using System.Diagnostics;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// <c>--generator-timing [rounds]</c>: a quick, BenchmarkDotNet-free reading of the generator's cold and edit costs on
/// the 500-schema corpus (medians of interleaved rounds, with a forced GC before each timed call), with drivers as the
/// compiler host runs them and with drivers that track steps as tests do. BenchmarkDotNet's
/// <see cref="GeneratorBenchmarks"/> is the measurement of record; this answers "did the ratio move" in seconds.
/// </summary>
/// <remarks>
/// With <c>AVRO_TIMING_EDITS=n</c> (or <c>AVRO_TIMING_COLDS=n</c>) it only runs n edits (cold runs) on a host-like driver
/// and exits: for a profiler, or for CPU time per run on a loaded machine, where wall-clock medians wander
/// (<c>/usr/bin/time</c> with n and with 0, the difference divided by n).
/// </remarks>
internal static class GeneratorTiming
{
    public static int Run(int rounds)
    {
        Measure(rounds, trackSteps: false);
        Measure(rounds, trackSteps: true);
        return 0;
    }

    private static void Measure(int rounds, bool trackSteps)
    {
        var benchmarks = new GeneratorBenchmarks { TrackSteps = trackSteps };
        benchmarks.Setup();
        for (int i = 0; i < 3; i++)
        {
            benchmarks.ColdGeneration500();
            benchmarks.EditOneOf500();
        }

        if (Environment.GetEnvironmentVariable("AVRO_TIMING_EDITS") is { } edits)
        {
            for (int i = 0; i < int.Parse(edits); i++) benchmarks.EditOneOf500();
            Environment.Exit(0);
        }

        if (Environment.GetEnvironmentVariable("AVRO_TIMING_COLDS") is { } colds)
        {
            for (int i = 0; i < int.Parse(colds); i++) benchmarks.ColdGeneration500();
            Environment.Exit(0);
        }

        var cold = new List<double>();
        var edit = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            cold.Add(Time(() => benchmarks.ColdGeneration500()));
            edit.Add(Time(() => benchmarks.EditOneOf500()));
        }

        double coldMedian = Median(cold);
        double editMedian = Median(edit);
        Console.WriteLine(trackSteps ? "Drivers tracking steps (as tests run them):" : "Drivers as the compiler host runs them:");
        Console.WriteLine($"Cold generation of {GeneratorBenchmarks.SchemaCount} schemas: median {coldMedian:F1} ms over {rounds} rounds");
        Console.WriteLine($"Edit one of {GeneratorBenchmarks.SchemaCount}: median {editMedian:F1} ms ({100 * editMedian / coldMedian:F1} % of cold)");
    }

    private static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}

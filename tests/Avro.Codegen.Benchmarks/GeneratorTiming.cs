using System.Diagnostics;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// <c>--generator-timing [rounds]</c>: a quick, BenchmarkDotNet-free reading of the generator's cold and edit costs on
/// the 500-schema corpus (medians of interleaved rounds, with a forced GC before each timed call), with drivers as the
/// compiler host runs them and with drivers that track steps as tests do. BenchmarkDotNet's
/// <see cref="GeneratorBenchmarks"/> is the measurement of record; this answers "did the ratio move" in seconds.
/// </summary>
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

using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// <c>--check</c>: runs each workload class's GlobalSetup (the byte-identity and size assertions) and prints the bytes
/// allocated per call of every benchmark method, measured with the GC's per-thread counter. No timing: speed is
/// BenchmarkDotNet's job. A serialize path that allocates is a failure (exit code 1): the product promises zero.
/// </summary>
internal static class BenchmarkChecks
{
    public static int RunAll(bool includeGenerator)
    {
        using var user = new UserBenchmarks();
        using var order = new OrderBenchmarks();
        bool ok = Check(user, b => b.Setup()) & Check(order, b => b.Setup());
        if (includeGenerator)
        {
            new GeneratorBenchmarks().Setup();
            Console.WriteLine("Generator: the corpus generates without errors.");
        }

        return ok ? 0 : 1;
    }

    private static bool Check<T>(T benchmarks, Action<T> setup)
    {
        setup(benchmarks);
        Console.WriteLine($"{typeof(T).Name}: every Avro path writes the reference bytes.");
        bool ok = true;
        foreach (var method in typeof(T).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        {
            for (int i = 0; i < 100; i++)
            {
                method.Invoke(benchmarks, null);
            }

            const int calls = 1000;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                method.Invoke(benchmarks, null);
            }

            // Invoke boxes an int result (24 bytes on x64); the benchmark itself does not.
            long boxing = method.ReturnType.IsValueType ? 24 : 0;
            long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / calls - boxing;
            // The product's own serialize paths (the peers' allocations are measured, not judged).
            bool zeroExpected = method.Name is "Generated_Serialize" or "Confluent_Serialize";
            string verdict = zeroExpected && perCall != 0 ? "  <-- must be 0" : "";
            ok &= verdict.Length == 0;
            Console.WriteLine($"  {method.Name,-36} {perCall,7} B/op{verdict}");
        }

        return ok;
    }
}

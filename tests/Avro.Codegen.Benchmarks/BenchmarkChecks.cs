namespace Avro.Codegen.Benchmarks;

internal static class BenchmarkChecks
{
    public static int RunAll()
    {
        new UserBenchmarks().Setup();
        Console.WriteLine("User: all paths agree.");
        new OrderBenchmarks().Setup();
        Console.WriteLine("Order: all paths agree.");
        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// <c>--interleaved [rounds] [filter]</c>: the workload benchmarks timed side by side in one process, for measuring a
/// change on a shared, noisy machine. Each round runs every selected benchmark once as a short block (about 1 ms of
/// calls), in a shuffled order; a load spike then hits all of them in the same round instead of one benchmark's whole
/// run. Reported per benchmark: the minimum and the median over the rounds of the time per call, and the median over
/// the rounds of its time divided by the generated code's time in the same round (the ratios the targets are stated
/// in). <c>--loop NAME COUNT</c> calls one benchmark COUNT times and exits, for instruction counts under
/// <c>valgrind --tool=callgrind</c> (the difference between two counts, over the difference of the calls, is the
/// instructions per call).
/// </summary>
internal static class Interleaved
{
    private static readonly string[] Operations =
    [
        "HandWritten", "Generated", "Confluent", "ApacheSpecific", "Protobuf",
    ];

    public static int Run(int rounds, string? filter)
    {
        using var user = new UserBenchmarks();
        using var order = new OrderBenchmarks();
        user.Setup();
        order.Setup();
        var cases = new List<(string Name, Func<object?> Call)>();
        foreach (var (workload, benchmarks) in new (string, object)[] { ("User", user), ("Order", order) })
        {
            foreach (var direction in new[] { "Serialize", "Deserialize" })
            {
                foreach (var operation in Operations)
                {
                    var method = benchmarks.GetType().GetMethod(operation + "_" + direction)!;
                    var name = $"{workload} {direction} {operation}";
                    if (filter is null || name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                    {
                        cases.Add((name, Bind(method, benchmarks)));
                    }
                }
            }
        }

        // Calls per block: about 1 ms each, from a first estimate after warming up (tiered compilation settles).
        var calls = new int[cases.Count];
        for (var c = 0; c < cases.Count; c++)
        {
            var stopwatch = Stopwatch.StartNew();
            var n = 0;
            while (stopwatch.ElapsedMilliseconds < 300)
            {
                cases[c].Call();
                n++;
            }

            calls[c] = Math.Max(1, (int)(n / stopwatch.Elapsed.TotalMilliseconds));
        }

        var times = new double[cases.Count][];
        for (var c = 0; c < cases.Count; c++)
        {
            times[c] = new double[rounds];
        }

        var order_ = Enumerable.Range(0, cases.Count).ToArray();
        var random = new Random(14);
        for (var round = 0; round < rounds; round++)
        {
            random.Shuffle(order_);
            foreach (var c in order_)
            {
                var call = cases[c].Call;
                var n = calls[c];
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    call();
                }

                times[c][round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / n;
            }
        }

        Console.WriteLine($"{rounds} interleaved rounds; ratio = median over rounds of (time / generated time in the same round)");
        Console.WriteLine($"{"benchmark",-34} {"min ns",10} {"median ns",10} {"x generated",12}");
        for (var c = 0; c < cases.Count; c++)
        {
            var name = cases[c].Name;
            var generated = cases.FindIndex(x => x.Name == name[..name.LastIndexOf(' ')] + " Generated");
            var ratio = generated < 0 ? double.NaN : Median(times[c].Select((t, r) => t / times[generated][r]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} {times[c].Min(),10:F1} {Median(times[c]),10:F1} {ratio,12:F2}"));
        }

        return 0;
    }

    /// <summary>
    /// Calls one of our own paths <paramref name="count"/> times with only what it needs set up (the full setup, with
    /// Apache.Avro and the registry emulator, costs billions of instructions under callgrind):
    /// <c>{User|Order}_{Generated|Confluent|HandWritten}_{Serialize|Deserialize}</c>.
    /// </summary>
    public static int Loop(string name, long count) => name.Split('_') switch
    {
        ["User", var path, var direction] => Loop<Bench.Avro.User>("User", path, direction, count),
        ["Order", var path, var direction] => Loop<Bench.Avro.Order>("Order", path, direction, count),
        _ => throw new ArgumentException("--loop {User|Order}_{Generated|Confluent|HandWritten}_{Serialize|Deserialize} COUNT"),
    };

    private static int Loop<T>(string workload, string path, string direction, long count)
        where T : class, IAvroRecord<T>
    {
        var bytes = Model.Workloads.ReferenceBinary(workload);
        var value = AvroSerializer.Deserialize<T>(bytes);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        var registry = Registry.RegistryClient.Create("mock://loop");
        var serializer = new Serialization.ConfluentAvroSerializer<T>(registry);
        var deserializer = new Serialization.ConfluentAvroDeserializer<T>(registry);
        serializer.Serialize(value, "loop", buffer);
        var framed = buffer.WrittenSpan.ToArray();
        var user = Model.Workloads.LoadUser();
        var order = Model.Workloads.LoadOrder();
        Action call = (path, direction) switch
        {
            ("Generated", "Serialize") => () =>
            {
                buffer.ResetWrittenCount();
                AvroSerializer.Serialize(value, buffer);
            },
            ("Generated", "Deserialize") => () => AvroSerializer.Deserialize<T>(bytes),
            ("Confluent", "Serialize") => () =>
            {
                buffer.ResetWrittenCount();
                serializer.Serialize(value, "loop", buffer);
            },
            ("Confluent", "Deserialize") => () => deserializer.Deserialize(framed),
            ("HandWritten", "Serialize") => workload == "User"
                ? () => Model.HandWrittenAvro.Write(user, buffer.GetSpan(4096))
                : () => Model.HandWrittenAvro.Write(order, buffer.GetSpan(4096)),
            ("HandWritten", "Deserialize") => workload == "User"
                ? () => Model.HandWrittenAvro.ReadUser(bytes)
                : () => Model.HandWrittenAvro.ReadOrder(bytes),
            _ => throw new ArgumentException($"unknown path {path}_{direction}"),
        };
        // Blocks of 1,000 calls; the fastest block is printed (callgrind counts instructions, not this).
        var best = double.MaxValue;
        for (long done = 0; done < count; done += 1000)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < 1000; i++)
            {
                call();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / 1000);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workload}_{path}_{direction}: fastest block {best:F1} ns per call"));
        return 0;
    }

    /// <summary>A delegate over a benchmark method (an int result is dropped: boxing it would allocate).</summary>
    private static Func<object?> Bind(System.Reflection.MethodInfo method, object target)
    {
        if (method.ReturnType == typeof(int))
        {
            var call = method.CreateDelegate<Func<int>>(target);
            return () =>
            {
                call();
                return null;
            };
        }

        return method.CreateDelegate<Func<object?>>(target);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

using Avro.Codegen.Benchmarks;
using BenchmarkDotNet.Running;

// `--check` runs the workload classes' GlobalSetup (the byte-identity and size assertions) and reports allocations per
// call, without timing: a few seconds, for CI and after changing the generator or the runtime. `--check --generator`
// also runs the generator benchmark's setup (500 schemas, about as long as one cold generation).
if (args is ["--check", ..])
{
    return BenchmarkChecks.RunAll(includeGenerator: args is [_, "--generator"]);
}

// `--generator-timing [rounds]`: medians of cold generation and edit-one-of-500 with a stopwatch (seconds, not minutes).
if (args is ["--generator-timing", ..])
{
    return GeneratorTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
}

// `--interleaved [rounds] [filter]`: every workload benchmark of ours and the peers' side by side in one process (see
// Interleaved); `--loop User_Generated_Deserialize COUNT`: one benchmark in a loop, for callgrind's instruction counts.
if (args is ["--interleaved", ..])
{
    return Interleaved.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60,
        args.Length > 2 ? args[2] : null);
}

if (args is ["--loop", var name, var count])
{
    return Interleaved.Loop(name, long.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(UserBenchmarks).Assembly).Run(args);
return 0;

using Avro.Codegen.Benchmarks;
using BenchmarkDotNet.Running;

// `--check` runs the workload classes' GlobalSetup (the byte-identity and size assertions) and reports allocations per
// call, without timing: a few seconds, for CI and after changing the generator or the runtime. `--check --generator`
// also runs the generator benchmark's setup (500 schemas, about as long as one cold generation).
if (args is ["--check", ..])
{
    return BenchmarkChecks.RunAll(includeGenerator: args is [_, "--generator"]);
}

BenchmarkSwitcher.FromAssembly(typeof(UserBenchmarks).Assembly).Run(args);
return 0;

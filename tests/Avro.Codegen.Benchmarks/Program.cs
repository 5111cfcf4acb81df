using Avro.Codegen.Benchmarks;
using BenchmarkDotNet.Running;

// `--check` runs every benchmark class's GlobalSetup once (the byte-identity and size assertions) without measuring:
// a few seconds, for CI and for a quick look after changing the generator or the runtime.
if (args is ["--check"])
{
    return BenchmarkChecks.RunAll();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

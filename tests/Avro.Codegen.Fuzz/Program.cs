// The fuzz driver. Verbs:
//   Avro.Codegen.Fuzz TARGET                 afl++ mode (build/fuzz.sh): one input per run on stdin, through SharpFuzz
//   Avro.Codegen.Fuzz replay TARGET FILE...  runs files through a target once each and names the one that fails
//   Avro.Codegen.Fuzz seed REPOSITORY_ROOT   writes the seed corpora tests/fuzz/corpus/<target>/ from tests/corpus
//   Avro.Codegen.Fuzz instrument DLL         instruments a copy of this assembly for afl: only the generated code, not
//                                            this harness (code that runs before the fork server starts must not be)
using Avro.Codegen.Fuzz;
using SharpFuzz;

const string Usage = "usage: Avro.Codegen.Fuzz TARGET | replay TARGET FILE... | seed REPOSITORY_ROOT | instrument DLL  (targets: {0})";

if (args.Length == 2 && args[0] == "seed")
{
    Seeds.Write(args[1]);
    return 0;
}

if (args.Length == 2 && args[0] == "instrument")
{
    var harness = typeof(Targets).Namespace + ".";
    var generatedHere = typeof(AvroGeneratedTypes).FullName;
    var instrumented = Fuzzer.Instrument(args[1], type =>
        type == generatedHere || !(type == "Program" || type.StartsWith("Program/", StringComparison.Ordinal) || type.StartsWith(harness, StringComparison.Ordinal)),
        Options.Value);
    Console.WriteLine($"instrumented {instrumented.Count()} types of {args[1]}");
    return 0;
}

if (args.Length >= 3 && args[0] == "replay" && Targets.All.TryGetValue(args[1], out var replayed))
{
    foreach (var file in args.Skip(2))
    {
        try
        {
            replayed(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{file}: {e}");
            return 1;
        }
    }

    Console.WriteLine($"{args.Length - 2} inputs, no failure");
    return 0;
}

if (args.Length == 1 && Targets.All.TryGetValue(args[0], out var target))
{
    // A child process runs the inputs, so a stack overflow or a killed process is a crash afl sees, not a lost fork server.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}

Console.Error.WriteLine(string.Format(Usage, string.Join(", ", Targets.All.Keys)));
return 2;

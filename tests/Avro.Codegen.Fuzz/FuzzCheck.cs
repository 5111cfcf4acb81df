namespace Avro.Codegen.Fuzz;

/// <summary>Limits the targets read with, and the checks that turn a wrong answer into a crash afl can see.</summary>
internal static class FuzzLimits
{
    /// <summary>Defaults, except a smaller budget of zero-size items so one input stays fast.</summary>
    public static AvroReaderOptions Reader { get; } = new() { MaxZeroSizeItems = 10_000 };

    /// <summary>The largest container block a target accepts (the reader's own default is 256 MiB).</summary>
    public const int MaxBlockSize = 1 << 20;
}

/// <summary>A broken invariant: thrown to fail the run (afl records it as a crash; the replay tests fail).</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);

internal static class FuzzCheck
{
    public static void SameBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        if (!expected.SequenceEqual(actual))
        {
            throw new FuzzInvariantException($"{what}: {Convert.ToHexString(expected)} became {Convert.ToHexString(actual)}");
        }
    }

    public static void SameText(string expected, string actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new FuzzInvariantException($"{what}: {expected} became {actual}");
        }
    }
}

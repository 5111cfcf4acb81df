namespace Avro.Codegen.Benchmarks;

/// <summary>
/// The once-per-run checks in each GlobalSetup: a benchmark of code that writes the wrong bytes measures nothing,
/// so a mismatch stops the run instead of producing a table.
/// </summary>
internal static class WorkloadCheck
{
    public static void Size(string workload, string path, ReadOnlySpan<byte> encoded, int expected)
    {
        if (encoded.Length != expected)
        {
            throw new InvalidOperationException(
                $"{workload}: {path} produced {encoded.Length} bytes, expected {expected} (shared/PERFORMANCE.md).");
        }
    }

    public static void SameBytes(string workload, string path, ReadOnlySpan<byte> actual, ReadOnlySpan<byte> reference)
    {
        if (!actual.SequenceEqual(reference))
        {
            int at = actual.CommonPrefixLength(reference);
            throw new InvalidOperationException(
                $"{workload}: {path} differs from the reference at byte {at} " +
                $"({actual.Length} vs {reference.Length} bytes).");
        }
    }

    /// <summary>A Confluent-framed message: magic byte 0, a 4-byte big-endian id, then exactly the reference body.</summary>
    public static void Framed(string workload, string path, ReadOnlySpan<byte> message, ReadOnlySpan<byte> reference)
    {
        Size(workload, path, message, reference.Length + 5);
        if (message[0] != 0)
        {
            throw new InvalidOperationException($"{workload}: {path} starts with {message[0]:X2}, not the magic byte 00.");
        }

        SameBytes(workload, path + " (body)", message[5..], reference);
    }
}

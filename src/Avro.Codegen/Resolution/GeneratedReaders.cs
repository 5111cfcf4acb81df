using System.Collections.Concurrent;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Reads one value written with one particular writer schema straight into <typeparamref name="T"/>: a reader the
/// generator specialised at build time for an earlier version of <typeparamref name="T"/>'s schema (defaults inlined,
/// writer-only fields skipped, promotions inline), so evolved data reads at the speed of data written with the
/// current schema.
/// </summary>
/// <param name="reader">The binary reader, on the value's first byte; it is left after the value's last.</param>
public delegate T AvroReadFunc<T>(ref AvroReader reader);

/// <summary>
/// The generated readers by writer fingerprint, per reader type. <see cref="ResolutionPlan.Read{T}(ReadOnlySpan{byte}, out int, AvroReaderOptions?)"/>
/// uses one when it exists for the plan's writer schema and <typeparamref name="T"/>, and transcodes otherwise.
/// </summary>
internal static class GeneratedReaders<T>
{
    private static readonly ConcurrentDictionary<ulong, AvroReadFunc<T>> ByWriter = new();

    public static void Add(ulong writerFingerprint, AvroReadFunc<T> read) => ByWriter[writerFingerprint] = read;

    public static AvroReadFunc<T>? Find(ulong writerFingerprint) => ByWriter.TryGetValue(writerFingerprint, out var read) ? read : null;
}

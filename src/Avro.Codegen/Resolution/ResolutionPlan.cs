using System.Buffers;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Resolution;

/// <summary>
/// A compiled resolution of one (writer, reader) schema pair: it reads values written with the writer schema and
/// gives them in the reader schema's encoding, which the reader's generated decoder then reads. Get plans from
/// <see cref="SchemaResolution.GetPlan(AvroSchema, AvroSchema, ResolutionMode)"/> (built once per pair and cached);
/// they are immutable and thread-safe, and resolving a value allocates nothing beyond what the final decoder returns.
/// </summary>
/// <remarks>
/// Resolution transcodes: a tree of small steps built from the pair reads the writer's bytes and writes the reader's
/// (fields matched by name and reader alias in any order, reader-only fields from their defaults encoded once,
/// writer-only fields skipped, numeric and string/bytes promotions, enum symbols by name, union branches), copying
/// runs of bytes both schemas encode identically. No reflection and no code per pair; when both schemas have the same
/// Parsing Canonical Form (<see cref="IsIdentity"/>) the generated decoder reads the data directly, and when the
/// generator specialised a reader for the writer schema (an earlier version in a <c>history</c> folder;
/// <see cref="AvroReadFunc{T}"/>) that reader reads it directly too.
/// </remarks>
public sealed class ResolutionPlan
{
    private static readonly object NoGeneratedReader = new();

    private readonly Step? _root;

    // The generated reader for this plan's writer schema and the type it is read as, looked up on first use
    // (NoGeneratedReader when there is none): see AvroReadFunc<T>.
    private object? _generated;

    internal ResolutionPlan(AvroSchema writer, AvroSchema reader, ulong writerFingerprint, ulong readerFingerprint, ResolutionMode mode, Step? root)
    {
        WriterSchema = writer;
        ReaderSchema = reader;
        WriterFingerprint = writerFingerprint;
        ReaderFingerprint = readerFingerprint;
        Mode = mode;
        _root = root;
    }

    /// <summary>The schema the data is written with.</summary>
    public AvroSchema WriterSchema { get; }

    /// <summary>The schema the data is read as.</summary>
    public AvroSchema ReaderSchema { get; }

    /// <summary>CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form.</summary>
    public ulong WriterFingerprint { get; }

    /// <summary>CRC-64-AVRO fingerprint of the reader schema's Parsing Canonical Form.</summary>
    public ulong ReaderFingerprint { get; }

    /// <summary>How the pair was judged when the plan was built.</summary>
    public ResolutionMode Mode { get; }

    /// <summary>True when both schemas have the same Parsing Canonical Form: the data is read as it is, with no resolution.</summary>
    public bool IsIdentity => _root is null;

    /// <summary>
    /// Resolves the one value at the start of <paramref name="source"/> (written with <see cref="WriterSchema"/>) and
    /// appends it to <paramref name="output"/> in the <see cref="ReaderSchema"/> encoding.
    /// </summary>
    /// <returns>How many bytes of <paramref name="source"/> the value took.</returns>
    /// <exception cref="AvroDataException">The bytes are malformed, or (in <see cref="ResolutionMode.PerValue"/>) the value cannot be resolved.</exception>
    public int Transcode(ReadOnlySpan<byte> source, IBufferWriter<byte> output, AvroReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_root is null)
        {
            var reader = new AvroReader(source, options);
            reader.Skip(WriterSchema);
            output.Write(source.Slice(0, (int)reader.Position));
            return (int)reader.Position;
        }

        var buffer = ResolveBuffer.Rent();
        try
        {
            var consumed = Run(source, options, buffer);
            output.Write(buffer.Written);
            return consumed;
        }
        finally
        {
            ResolveBuffer.Return(buffer);
        }
    }

    /// <summary>Resolves a value that must span all of <paramref name="data"/> into a new array in the reader's encoding.</summary>
    public byte[] Transcode(ReadOnlySpan<byte> data, AvroReaderOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(data.Length, 16));
        var consumed = Transcode(data, output, options);
        ThrowIfTrailing(data.Length, consumed);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a value written with <see cref="WriterSchema"/>, which must span all of <paramref name="data"/>, into the
    /// generated type <typeparamref name="T"/> of <see cref="ReaderSchema"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> was not generated from <see cref="ReaderSchema"/>.</exception>
    /// <exception cref="AvroDataException">The bytes are malformed or the value cannot be resolved.</exception>
    public T Read<T>(ReadOnlySpan<byte> data, AvroReaderOptions? options = null) where T : IAvroRecord<T>
    {
        var value = Read<T>(data, out var consumed, options);
        ThrowIfTrailing(data.Length, consumed);
        return value;
    }

    /// <summary>
    /// Reads the one value at the start of <paramref name="data"/> (values written back to back) into
    /// <typeparamref name="T"/>; <paramref name="bytesConsumed"/> says where the next one starts.
    /// </summary>
    public T Read<T>(ReadOnlySpan<byte> data, out int bytesConsumed, AvroReaderOptions? options = null) where T : IAvroRecord<T>
    {
        if (T.SchemaFingerprint != ReaderFingerprint)
        {
            throw new ArgumentException(
                $"{typeof(T).Name} (fingerprint {T.SchemaFingerprint:X16}) was not generated from this plan's reader schema {ReaderSchema.TypeName} (fingerprint {ReaderFingerprint:X16}).",
                nameof(T));
        }

        if (_root is null)
        {
            var direct = new AvroReader(data, options);
            var value = T.ReadAvro(ref direct);
            bytesConsumed = (int)direct.Position;
            return value;
        }

        if (GeneratedReader<T>() is { } generated)
        {
            var input = new AvroReader(data, options);
            var value = generated(ref input);
            bytesConsumed = (int)input.Position;
            return value;
        }

        var buffer = ResolveBuffer.Rent();
        try
        {
            bytesConsumed = Run(data, options, buffer);
            var resolved = new AvroReader(buffer.Written, options);
            try
            {
                return T.ReadAvro(ref resolved);
            }
            catch (AvroDataException e)
            {
                throw InResolved(e);
            }
        }
        finally
        {
            ResolveBuffer.Return(buffer);
        }
    }

    /// <summary>
    /// Reads a value written with <see cref="WriterSchema"/>, which must span all of <paramref name="data"/>, as a
    /// generic datum of <see cref="ReaderSchema"/> (see <see cref="GenericBinary"/>).
    /// </summary>
    public object? ReadGeneric(ReadOnlySpan<byte> data, AvroReaderOptions? options = null, GenericReadOptions? readOptions = null)
    {
        if (_root is null)
        {
            return GenericBinary.Decode(ReaderSchema, data, options, readOptions);
        }

        var buffer = ResolveBuffer.Rent();
        try
        {
            ThrowIfTrailing(data.Length, Run(data, options, buffer));
            var resolved = new AvroReader(buffer.Written, options);
            try
            {
                return GenericBinary.Read(ref resolved, ReaderSchema, readOptions);
            }
            catch (AvroDataException e)
            {
                throw InResolved(e);
            }
        }
        finally
        {
            ResolveBuffer.Return(buffer);
        }
    }

    /// <summary>True when values of <typeparamref name="T"/> are read with a reader generated for this writer schema.</summary>
    public bool HasGeneratedReader<T>() where T : IAvroRecord<T> => GeneratedReader<T>() is not null;

    private AvroReadFunc<T>? GeneratedReader<T>()
    {
        var cached = Volatile.Read(ref _generated);
        if (cached is AvroReadFunc<T> known)
        {
            return known;
        }

        if (cached is not null)
        {
            return null;
        }

        var found = GeneratedReaders<T>.Find(WriterFingerprint);
        Volatile.Write(ref _generated, (object?)found ?? NoGeneratedReader);
        return found;
    }

    private int Run(ReadOnlySpan<byte> source, AvroReaderOptions? options, ResolveBuffer buffer)
    {
        var transcoder = new Transcoder(source, options, buffer);
        _root!.Run(ref transcoder);
        transcoder.Output.Flush();
        return (int)transcoder.Input.Position;
    }

    /// <summary>
    /// The resolved bytes are checked once more by the reader's decoder (UTF-8 of strings and keys, ranges of logical
    /// types); its offsets are in the resolved encoding, so the error says so rather than point into the input.
    /// </summary>
    private AvroDataException InResolved(AvroDataException e) =>
        new($"{e.Reason} (in the value resolved from writer schema {WriterSchema.TypeName} to reader schema {ReaderSchema.TypeName}, at byte {e.Offset} of the resolved encoding)", -1, e);

    private static void ThrowIfTrailing(int length, int consumed)
    {
        if (consumed != length)
        {
            throw new AvroDataException($"{length - consumed} byte(s) follow the value", consumed);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{WriterSchema.TypeName} ({WriterFingerprint:X16}) -> {ReaderSchema.TypeName} ({ReaderFingerprint:X16}){(IsIdentity ? " identity" : "")}";
}

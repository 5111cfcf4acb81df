// Over 400 lines on purpose: the object container file reader: header, sync markers, codecs and block iteration share
// one state machine over a stream.
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Container;

/// <summary>
/// Reads an Avro object container file block by block, holding one block at a time. The header is checked (magic,
/// metadata, a codec it knows, a schema it can parse); every block's count and size are checked against limits, the
/// sync marker after it must match the header's and its data must decode. Problems are
/// <see cref="AvroContainerException"/>s with the block index and the file offset.
/// </summary>
public sealed class AvroContainerReader : IDisposable, IAsyncDisposable
{
    /// <summary>A block starts with two varints (count, size) of at most 10 bytes each.</summary>
    private const int BlockPrefixMax = 20;

    private readonly ContainerInput _input;
    private readonly bool _leaveOpen;
    private readonly AvroContainerReaderOptions _options;
    private readonly ArrayBufferWriter<byte> _block = new(64 * 1024);
    private byte[] _sync = [];
    private long _blockIndex;
    private long _blockCount;
    private long _blockAt;

    /// <summary>
    /// Opens a file and reads its header. The schema comes from <c>avro.schema</c>, parsed with the schema core;
    /// <paramref name="maxBlockSize"/> bounds a block's stored and decompressed size (default 256 MiB).
    /// </summary>
    public AvroContainerReader(Stream input, AvroReaderOptions? options = null, bool leaveOpen = false, int maxBlockSize = AvroContainerReaderOptions.DefaultMaxBlockSize)
        : this(input, new AvroContainerReaderOptions { DatumOptions = options ?? AvroReaderOptions.Default, MaxBlockSize = maxBlockSize }, leaveOpen)
    {
    }

    /// <summary>Opens a file and reads its header (synchronously; see <see cref="OpenAsync"/>).</summary>
    public AvroContainerReader(Stream input, AvroContainerReaderOptions options, bool leaveOpen = false)
        : this(input, options, leaveOpen, readHeader: true)
    {
    }

    private AvroContainerReader(Stream input, AvroContainerReaderOptions options, bool leaveOpen, bool readHeader)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBlockSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxBlockSize must be positive.");
        }

        _input = new ContainerInput(input);
        _leaveOpen = leaveOpen;
        _options = options;
        if (readHeader)
        {
            int needed;
            while (!TryParseHeader(out needed))
            {
                if (!_input.Ensure(needed))
                {
                    ThrowTruncatedHeader();
                }
            }
        }
    }

    /// <summary>Opens a file and reads its header without blocking on the stream.</summary>
    public static async ValueTask<AvroContainerReader> OpenAsync(Stream input, AvroContainerReaderOptions? options = null,
        bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        var reader = new AvroContainerReader(input, options ?? new AvroContainerReaderOptions(), leaveOpen, readHeader: false);
        try
        {
            int needed;
            while (!reader.TryParseHeader(out needed))
            {
                if (!await reader._input.EnsureAsync(needed, cancellationToken).ConfigureAwait(false))
                {
                    reader.ThrowTruncatedHeader();
                }
            }

            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Reads the generated records of a container file as they arrive, one block in memory at a time; the stream is
    /// left open. The file's schema must have the Parsing Canonical Form of <typeparamref name="T"/>'s.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream input, AvroContainerReaderOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : IAvroRecord<T>
    {
        var reader = await OpenAsync(input, options, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await foreach (var value in reader.ReadAllAsync<T>(cancellationToken).ConfigureAwait(false))
            {
                yield return value;
            }
        }
    }

    /// <summary>The writer schema from the header.</summary>
    public AvroSchema Schema { get; private set; } = null!;

    /// <summary>The codec name.</summary>
    public string Codec => BlockCodec.Name;

    /// <summary>The codec of the blocks.</summary>
    public AvroContainerCodec BlockCodec { get; private set; } = null!;

    /// <summary>All header metadata, including <c>avro.schema</c> and <c>avro.codec</c>.</summary>
    public IReadOnlyDictionary<string, byte[]> Metadata { get; private set; } = null!;

    /// <summary>The largest stored or decompressed block accepted.</summary>
    public int MaxBlockSize => _options.MaxBlockSize;

    /// <summary>The 16-byte sync marker from the header.</summary>
    public ReadOnlySpan<byte> SyncMarker => _sync;

    /// <summary>
    /// Reads the next block: its datum count and its decompressed bytes (the datums back to back). False at the end of
    /// the file.
    /// </summary>
    public bool TryReadBlock(out long count, out byte[] data)
    {
        if (!ReadBlock())
        {
            count = 0;
            data = [];
            return false;
        }

        count = _blockCount;
        data = _block.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>Reads every datum as a generic value (see <see cref="GenericAvroRecord"/>).</summary>
    public IEnumerable<object?> ReadAll(GenericReadOptions? readOptions = null)
    {
        while (ReadBlock())
        {
            foreach (var value in DecodeBlock(readOptions))
            {
                yield return value;
            }
        }
    }

    /// <summary>Reads every datum as a generic value without blocking on the stream.</summary>
    public async IAsyncEnumerable<object?> ReadAllAsync(GenericReadOptions? readOptions = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadBlockAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in DecodeBlock(readOptions))
            {
                yield return value;
            }
        }
    }

    /// <summary>
    /// Reads every datum as the generated type <typeparamref name="T"/>. The file's schema must have the same Parsing
    /// Canonical Form as <typeparamref name="T"/>'s (data written with another schema needs schema resolution).
    /// </summary>
    public IEnumerable<T> ReadAll<T>()
        where T : IAvroRecord<T>
    {
        CheckSchemaOf<T>();
        return Iterate();

        IEnumerable<T> Iterate()
        {
            while (ReadBlock())
            {
                foreach (var value in DecodeBlock<T>())
                {
                    yield return value;
                }
            }
        }
    }

    /// <summary>Reads every datum as the generated type <typeparamref name="T"/> without blocking on the stream.</summary>
    public IAsyncEnumerable<T> ReadAllAsync<T>(CancellationToken cancellationToken = default)
        where T : IAvroRecord<T>
    {
        CheckSchemaOf<T>();
        return Iterate(cancellationToken);

        async IAsyncEnumerable<T> Iterate([EnumeratorCancellation] CancellationToken token)
        {
            while (await ReadBlockAsync(token).ConfigureAwait(false))
            {
                foreach (var value in DecodeBlock<T>())
                {
                    yield return value;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _input.Stream.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _leaveOpen ? ValueTask.CompletedTask : _input.Stream.DisposeAsync();

    private void CheckSchemaOf<T>()
        where T : IAvroRecord<T>
    {
        var canonical = ParsingCanonicalForm.ToCanonicalJson(Schema);
        if (canonical != T.CanonicalSchema)
        {
            throw new AvroContainerException($"The file's schema {canonical} is not the schema of {typeof(T).Name} ({T.CanonicalSchema}).", -1, -1);
        }
    }

    private bool ReadBlock()
    {
        _input.Ensure(BlockPrefixMax);
        if (!TryParseBlockPrefix(out var prefix, out var size))
        {
            return false;
        }

        _input.Ensure(prefix + size + AvroContainer.SyncSize);
        FinishBlock(prefix, size);
        return true;
    }

    private async ValueTask<bool> ReadBlockAsync(CancellationToken cancellationToken)
    {
        await _input.EnsureAsync(BlockPrefixMax, cancellationToken).ConfigureAwait(false);
        if (!TryParseBlockPrefix(out var prefix, out var size))
        {
            return false;
        }

        await _input.EnsureAsync(prefix + size + AvroContainer.SyncSize, cancellationToken).ConfigureAwait(false);
        FinishBlock(prefix, size);
        return true;
    }

    /// <summary>Parses a block's count and size from the buffered bytes; false at a clean end of file.</summary>
    private bool TryParseBlockPrefix(out int prefix, out int size)
    {
        prefix = 0;
        size = 0;
        _blockAt = _input.Offset;
        var span = _input.Span;
        if (span.IsEmpty)
        {
            return false;
        }

        var pos = 0;
        if (!TryReadVarLong(span, ref pos, out var count))
        {
            throw Error($"The file ends inside the datum count of block {_blockIndex}", _blockAt);
        }

        if (count < 0)
        {
            throw Error($"Block {_blockIndex} has a negative datum count {count}", _blockAt);
        }

        var sizeAt = pos;
        if (!TryReadVarLong(span, ref pos, out var longSize))
        {
            throw Error($"The file ends inside the byte size of block {_blockIndex}", _blockAt + sizeAt);
        }

        if (longSize < 0 || longSize > MaxBlockSize)
        {
            throw Error($"Block {_blockIndex} has an invalid size {longSize} (limit {MaxBlockSize})", _blockAt + sizeAt);
        }

        _blockCount = count;
        prefix = pos;
        size = (int)longSize;
        return true;
    }

    private void FinishBlock(int prefix, int size)
    {
        var available = _input.Available;
        if (available < prefix + size)
        {
            throw Error($"Block {_blockIndex} is truncated: it says it has {size} bytes, but the file ends after {available - prefix}", _blockAt + prefix);
        }

        var syncAt = prefix + size;
        if (available < syncAt + AvroContainer.SyncSize)
        {
            throw Error($"The file ends inside the sync marker after block {_blockIndex}", _blockAt + syncAt);
        }

        if (!_input.Span.Slice(syncAt, AvroContainer.SyncSize).SequenceEqual(_sync))
        {
            throw Error($"The sync marker after block {_blockIndex} does not match the header's: the file is corrupt", _blockAt + syncAt);
        }

        _block.Clear();
        try
        {
            BlockCodec.Decompress(_input.Memory.Slice(prefix, size), _block, MaxBlockSize);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or AvroContainerException))
        {
            // A codec library may fail on forged data in its own ways; whatever it throws, the caller sees one type.
            throw Error($"Block {_blockIndex} is not valid {Codec} data: {e.Message}", _blockAt + prefix, e);
        }

        if (_blockCount > _block.WrittenCount && _blockCount > _options.DatumOptions.MaxZeroSizeItems)
        {
            throw Error($"Block {_blockIndex} declares {_blockCount} datums in {_block.WrittenCount} bytes", _blockAt);
        }

        _input.Consume(syncAt + AvroContainer.SyncSize);
        _blockIndex++;
    }

    private List<T> DecodeBlock<T>()
        where T : IAvroRecord<T>
    {
        var values = new List<T>((int)Math.Min(_blockCount, 4096));
        var reader = new AvroReader(_block.WrittenSpan, _options.DatumOptions);
        var i = 0L;
        try
        {
            for (; i < _blockCount; i++)
            {
                values.Add(T.ReadAvro(ref reader));
            }
        }
        catch (AvroDataException e)
        {
            throw DatumError(i, e);
        }

        CheckBlockEnd(reader.Remaining);
        return values;
    }

    private List<object?> DecodeBlock(GenericReadOptions? readOptions)
    {
        var values = new List<object?>((int)Math.Min(_blockCount, 4096));
        var reader = new AvroReader(_block.WrittenSpan, _options.DatumOptions);
        var i = 0L;
        try
        {
            for (; i < _blockCount; i++)
            {
                values.Add(GenericBinary.Read(ref reader, Schema, readOptions));
            }
        }
        catch (AvroDataException e)
        {
            throw DatumError(i, e);
        }

        CheckBlockEnd(reader.Remaining);
        return values;
    }

    private AvroContainerException DatumError(long datum, AvroDataException e)
    {
        var within = e.Offset >= 0 ? $" at byte {e.Offset} of the decompressed block" : "";
        return new AvroContainerException($"Block {_blockIndex - 1}, datum {datum}{within}: {e.Reason}", _blockIndex - 1, _blockAt, e);
    }

    private void CheckBlockEnd(long remaining)
    {
        if (remaining != 0)
        {
            throw new AvroContainerException($"Block {_blockIndex - 1} has {remaining} bytes after its {_blockCount} datums", _blockIndex - 1, _blockAt);
        }
    }

    /// <summary>
    /// Parses the header from the buffered bytes. False, with the number of bytes to buffer first, when they are not
    /// all there yet; a restart reparses from the start of the file (the header is small next to a block).
    /// </summary>
    private bool TryParseHeader(out int needed)
    {
        var span = _input.Span;
        needed = 4;
        if (span.Length < 4)
        {
            return false;
        }

        if (!span[..4].SequenceEqual(AvroContainer.Magic))
        {
            throw new AvroContainerException("Not an Avro object container file: it does not start with the bytes 'O' 'b' 'j' 0x01.", -1, 0);
        }

        var pos = 4;
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            var countAt = pos;
            needed = pos + 10;
            if (!TryReadVarLong(span, ref pos, out var count))
            {
                return false;
            }

            if (count == 0)
            {
                break;
            }

            if (count < 0)
            {
                count = -count;
                needed = pos + 10;
                if (!TryReadVarLong(span, ref pos, out _))
                {
                    return false;
                }
            }

            if (count > 100_000)
            {
                throw new AvroContainerException($"The header declares {count} metadata entries", -1, countAt);
            }

            for (var i = 0; i < count; i++)
            {
                if (!TryReadLengthPrefixed(span, ref pos, "metadata key", 64 * 1024, out var key, out needed))
                {
                    return false;
                }

                if (!TryReadLengthPrefixed(span, ref pos, "metadata value", 64 * 1024 * 1024, out var value, out needed))
                {
                    return false;
                }

                metadata[Encoding.UTF8.GetString(key)] = value.ToArray();
            }
        }

        needed = pos + AvroContainer.SyncSize;
        if (span.Length < needed)
        {
            return false;
        }

        _sync = span.Slice(pos, AvroContainer.SyncSize).ToArray();
        Metadata = metadata;

        var codecName = metadata.TryGetValue(AvroContainer.CodecKey, out var codec) ? Encoding.UTF8.GetString(codec) : AvroContainer.NullCodec;
        BlockCodec = AvroContainerCodec.Find(codecName, _options.Codecs)
            ?? throw new AvroContainerException(
                $"Unsupported codec '{codecName}' (this reader knows {AvroContainerCodec.KnownNames(_options.Codecs)}" +
                (codecName is AvroContainer.Bzip2Codec or AvroContainer.XzCodec ? "; add the Avro.Codegen.Compression package and pass its codecs in the reader options" : "") + ")",
                -1, -1);

        if (!metadata.TryGetValue(AvroContainer.SchemaKey, out var schemaBytes))
        {
            throw new AvroContainerException("The file header has no 'avro.schema' entry.", -1, -1);
        }

        var parsed = SchemaParser.Parse(Encoding.UTF8.GetString(schemaBytes), "avro.schema");
        Schema = parsed.Schema
            ?? throw new AvroContainerException("The file's schema is invalid: " + string.Join("; ", parsed.Errors.Select(e => e.Message)), -1, -1);

        _input.Consume(needed);
        return true;
    }

    private void ThrowTruncatedHeader()
    {
        if (_input.Available < 4)
        {
            throw new AvroContainerException("Not an Avro object container file: it does not start with the bytes 'O' 'b' 'j' 0x01.", -1, 0);
        }

        throw new AvroContainerException("The file ends inside its header", -1, _input.Offset + _input.Available);
    }

    private bool TryReadLengthPrefixed(ReadOnlySpan<byte> span, ref int pos, string what, int limit, out ReadOnlySpan<byte> bytes, out int needed)
    {
        bytes = default;
        var at = pos;
        needed = pos + 10;
        if (!TryReadVarLong(span, ref pos, out var length))
        {
            return false;
        }

        if (length < 0 || length > limit)
        {
            throw new AvroContainerException($"Invalid {what} length {length}", -1, at);
        }

        needed = pos + (int)length;
        if (span.Length < needed)
        {
            return false;
        }

        bytes = span.Slice(pos, (int)length);
        pos = needed;
        return true;
    }

    /// <summary>Reads a zig-zag varint at <paramref name="pos"/> of the buffered bytes; false when they end inside it.</summary>
    private bool TryReadVarLong(ReadOnlySpan<byte> span, ref int pos, out long value)
    {
        value = 0;
        ulong result = 0;
        var start = pos;
        for (var shift = 0; ; shift += 7)
        {
            if (pos >= span.Length)
            {
                pos = start;
                return false;
            }

            var b = span[pos++];
            if (shift == 63 && b > 1)
            {
                throw new AvroContainerException("Invalid long: the varint is longer than 10 bytes or exceeds 64 bits",
                    BlockCodec is null ? -1 : _blockIndex, _input.Offset + start);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        value = (long)(result >> 1) ^ -(long)(result & 1);
        return true;
    }

    private AvroContainerException Error(string message, long offset, Exception? inner = null) =>
        new(message, _blockIndex, offset, inner);
}

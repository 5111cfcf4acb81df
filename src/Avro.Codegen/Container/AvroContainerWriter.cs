using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Container;

/// <summary>
/// Writes an Avro object container file: the header (magic, metadata with <c>avro.schema</c> and <c>avro.codec</c>,
/// a sync marker), then blocks of datums, each followed by the sync marker. Datums are gathered in memory and written
/// as a block once <see cref="BlockSize"/> bytes have gathered (and on <see cref="Flush"/>/<see cref="Dispose"/>), so
/// the writer holds one block, never the file.
/// </summary>
/// <example>
/// Encode each datum into <see cref="DatumBuffer"/> and then call <see cref="EndDatum"/>:
/// <code>
/// var w = new AvroWriter(file.DatumBuffer); value.WriteAvro(ref w); w.Flush(); file.EndDatum();
/// </code>
/// </example>
public sealed class AvroContainerWriter : IDisposable, IAsyncDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _block = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _stored = new(64 * 1024);
    private readonly byte[] _prefix = new byte[20];
    private readonly byte[] _sync;
    private readonly AvroContainerWriterOptions _options;
    private long _count;
    private bool _disposed;

    /// <summary>
    /// Starts a file on <paramref name="output"/> for datums of <paramref name="schema"/>, compressed with
    /// <paramref name="codec"/> (a built-in codec's name: <c>null</c>, <c>deflate</c>, <c>snappy</c>,
    /// <c>zstandard</c>), with extra <paramref name="metadata"/> (keys starting with <c>avro.</c> are reserved).
    /// </summary>
    public AvroContainerWriter(Stream output, AvroSchema schema, string codec = AvroContainer.NullCodec,
        IReadOnlyDictionary<string, byte[]>? metadata = null, bool leaveOpen = false, byte[]? syncMarker = null)
        : this(output, schema, new AvroContainerWriterOptions
        {
            Codec = AvroContainerCodec.Find(codec ?? throw new ArgumentNullException(nameof(codec)), null)
                ?? throw new ArgumentException($"Unsupported codec '{codec}': use {AvroContainerCodec.KnownNames(null)}, or pass another codec in the options.", nameof(codec)),
            Metadata = metadata,
            SyncMarker = syncMarker,
        }, leaveOpen)
    {
    }

    /// <summary>Starts a file on <paramref name="output"/> for datums of <paramref name="schema"/> and writes its header.</summary>
    public AvroContainerWriter(Stream output, AvroSchema schema, AvroContainerWriterOptions options, bool leaveOpen = false)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.SyncMarker is not null && options.SyncMarker.Length != AvroContainer.SyncSize)
        {
            throw new ArgumentException("The sync marker has 16 bytes.", nameof(options));
        }

        if (options.BlockSize <= 0 || options.MaxBlockDatums <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BlockSize and MaxBlockDatums must be positive.");
        }

        BlockCodec = options.Codec ?? throw new ArgumentException("The options name no codec.", nameof(options));
        BlockSize = options.BlockSize;
        _leaveOpen = leaveOpen;
        _sync = options.SyncMarker ?? RandomNumberGenerator.GetBytes(AvroContainer.SyncSize);
        WriteHeader(options.Metadata);
    }

    /// <summary>The schema of the datums.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The codec name.</summary>
    public string Codec => BlockCodec.Name;

    /// <summary>The codec of the blocks.</summary>
    public AvroContainerCodec BlockCodec { get; }

    /// <summary>Uncompressed bytes gathered before a block is written (Java's sync interval). Default 64 KiB.</summary>
    public int BlockSize { get; set; }

    /// <summary>Where the next datum is encoded; call <see cref="EndDatum"/> after each.</summary>
    public IBufferWriter<byte> DatumBuffer => _block;

    /// <summary>Starts a file for generated records of type <typeparamref name="T"/> (their schema goes in the header).</summary>
    public static AvroContainerWriter Create<T>(Stream output, string codec = AvroContainer.NullCodec,
        IReadOnlyDictionary<string, byte[]>? metadata = null, bool leaveOpen = false)
        where T : IAvroRecord<T>
    {
        return new AvroContainerWriter(output, SchemaOf<T>(), codec, metadata, leaveOpen);
    }

    /// <summary>Starts a file for generated records of type <typeparamref name="T"/> with <paramref name="options"/>.</summary>
    public static AvroContainerWriter Create<T>(Stream output, AvroContainerWriterOptions options, bool leaveOpen = false)
        where T : IAvroRecord<T>
    {
        return new AvroContainerWriter(output, SchemaOf<T>(), options, leaveOpen);
    }

    /// <summary>
    /// Writes <paramref name="values"/> as a whole file to <paramref name="output"/> (left open), one block in memory
    /// at a time, without blocking on the stream.
    /// </summary>
    public static async Task WriteAsync<T>(Stream output, IAsyncEnumerable<T> values, AvroContainerWriterOptions? options = null,
        CancellationToken cancellationToken = default)
        where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        var writer = new AvroContainerWriter(output, SchemaOf<T>(), options ?? new AvroContainerWriterOptions(), leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var value in values.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(value, cancellationToken).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts the datum just encoded into <see cref="DatumBuffer"/>; writes a block when enough has gathered.</summary>
    public void EndDatum()
    {
        if (BlockFull())
        {
            WriteBlock();
        }
    }

    /// <summary>Appends one datum already in Avro binary encoding.</summary>
    public void WriteEncoded(ReadOnlySpan<byte> datum)
    {
        _block.Write(datum);
        EndDatum();
    }

    /// <summary>Appends one generated record.</summary>
    public void Write<T>(T value)
        where T : IAvroRecord<T>
    {
        Encode(value);
        EndDatum();
    }

    /// <summary>Appends one generated record; a full block is written without blocking on the stream.</summary>
    public ValueTask WriteAsync<T>(T value, CancellationToken cancellationToken = default)
        where T : IAvroRecord<T>
    {
        Encode(value);
        return BlockFull() ? WriteBlockAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Appends one generic value (see <see cref="GenericAvroRecord"/>).</summary>
    public void Write(object? value)
    {
        var writer = new AvroWriter(_block);
        GenericBinary.Write(ref writer, Schema, value);
        writer.Flush();
        EndDatum();
    }

    /// <summary>Writes the datums gathered so far as a block and flushes the stream.</summary>
    public void Flush()
    {
        WriteBlock();
        _output.Flush();
    }

    /// <summary>Writes the datums gathered so far as a block and flushes the stream, without blocking on it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await WriteBlockAsync(cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the last block and closes the stream unless asked to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Flush();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    /// <summary>Writes the last block and closes the stream unless asked to leave it open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await FlushAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static AvroSchema SchemaOf<T>()
        where T : IAvroRecord<T>
    {
        var parsed = SchemaParser.Parse(T.SchemaJson, typeof(T).Name + ".avsc");
        return parsed.Schema
            ?? throw new AvroDataException($"The schema of {typeof(T).Name} does not parse: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
    }

    private void Encode<T>(T value)
        where T : IAvroRecord<T>
    {
        var writer = new AvroWriter(_block);
        value.WriteAvro(ref writer);
        writer.Flush();
    }

    private bool BlockFull()
    {
        _count++;
        return _block.WrittenCount >= BlockSize || _count >= _options.MaxBlockDatums;
    }

    private void WriteHeader(IReadOnlyDictionary<string, byte[]>? metadata)
    {
        var entries = new List<KeyValuePair<string, byte[]>>
        {
            new(AvroContainer.SchemaKey, Encoding.UTF8.GetBytes(SchemaJson.ToJson(Schema))),
            new(AvroContainer.CodecKey, Encoding.UTF8.GetBytes(Codec)),
        };
        foreach (var pair in metadata ?? new Dictionary<string, byte[]>())
        {
            if (pair.Key.StartsWith("avro.", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata keys starting with 'avro.' are reserved ('{pair.Key}').", nameof(metadata));
            }

            entries.Add(pair);
        }

        var header = new ArrayBufferWriter<byte>();
        header.Write(AvroContainer.Magic);
        var writer = new AvroWriter(header);
        writer.WriteBlockCount(entries.Count);
        foreach (var pair in entries)
        {
            writer.WriteString(pair.Key);
            writer.WriteBytes(pair.Value);
        }

        writer.WriteBlockEnd();
        writer.WriteFixed(_sync);
        writer.Flush();
        _output.Write(header.WrittenSpan);
    }

    /// <summary>Compresses the gathered datums; the length of the count/size prefix in <see cref="_prefix"/>, or 0 when there are none.</summary>
    private int PrepareBlock()
    {
        if (_count == 0)
        {
            return 0;
        }

        _stored.Clear();
        BlockCodec.Compress(_block.WrittenSpan, _stored);
        var writer = new AvroWriter(_prefix.AsSpan());
        writer.WriteLong(_count);
        writer.WriteLong(_stored.WrittenCount);
        return writer.WrittenSpan.Length;
    }

    private void BlockWritten()
    {
        _block.Clear();
        _count = 0;
    }

    private void WriteBlock()
    {
        var prefix = PrepareBlock();
        if (prefix == 0)
        {
            return;
        }

        _output.Write(_prefix, 0, prefix);
        _output.Write(_stored.WrittenSpan);
        _output.Write(_sync);
        BlockWritten();
        if (_options.FlushEveryBlock)
        {
            _output.Flush();
        }
    }

    private async ValueTask WriteBlockAsync(CancellationToken cancellationToken)
    {
        var prefix = PrepareBlock();
        if (prefix == 0)
        {
            return;
        }

        await _output.WriteAsync(_prefix.AsMemory(0, prefix), cancellationToken).ConfigureAwait(false);
        await _output.WriteAsync(_stored.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _output.WriteAsync(_sync, cancellationToken).ConfigureAwait(false);
        BlockWritten();
        if (_options.FlushEveryBlock)
        {
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

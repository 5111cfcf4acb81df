using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Container;

/// <summary>
/// Writes an Avro object container file: the header (magic, metadata with <c>avro.schema</c> and <c>avro.codec</c>,
/// a random sync marker), then blocks of datums, each followed by the sync marker. Datums are collected in memory and
/// written as a block once <see cref="BlockSize"/> bytes have gathered (and on <see cref="Flush"/>/<see cref="Dispose"/>).
/// </summary>
/// <example>
/// Encode each datum into <see cref="DatumBuffer"/> and then call <see cref="EndDatum"/>:
/// <code>
/// var w = new AvroWriter(file.DatumBuffer); value.WriteAvro(ref w); w.Flush(); file.EndDatum();
/// </code>
/// </example>
public sealed class AvroContainerWriter : IDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _block = new(64 * 1024);
    private readonly byte[] _sync;
    private long _count;
    private bool _disposed;

    /// <summary>
    /// Starts a file on <paramref name="output"/> for datums of <paramref name="schema"/>, compressed with
    /// <paramref name="codec"/> (<c>null</c> or <c>deflate</c>), with extra <paramref name="metadata"/> (keys starting
    /// with <c>avro.</c> are reserved).
    /// </summary>
    public AvroContainerWriter(Stream output, AvroSchema schema, string codec = AvroContainer.NullCodec,
        IReadOnlyDictionary<string, byte[]>? metadata = null, bool leaveOpen = false, byte[]? syncMarker = null)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        if (codec is not (AvroContainer.NullCodec or AvroContainer.DeflateCodec))
        {
            throw new ArgumentException($"Unsupported codec '{codec}': use 'null' or 'deflate'.", nameof(codec));
        }

        if (syncMarker is not null && syncMarker.Length != AvroContainer.SyncSize)
        {
            throw new ArgumentException("The sync marker has 16 bytes.", nameof(syncMarker));
        }

        Codec = codec;
        _leaveOpen = leaveOpen;
        _sync = syncMarker ?? RandomNumberGenerator.GetBytes(AvroContainer.SyncSize);
        WriteHeader(metadata);
    }

    /// <summary>The schema of the datums.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The codec name.</summary>
    public string Codec { get; }

    /// <summary>Uncompressed bytes gathered before a block is written. Default 64 KiB.</summary>
    public int BlockSize { get; set; } = 64 * 1024;

    /// <summary>Where the next datum is encoded; call <see cref="EndDatum"/> after each.</summary>
    public IBufferWriter<byte> DatumBuffer => _block;

    /// <summary>Counts the datum just encoded into <see cref="DatumBuffer"/>; writes a block when enough has gathered.</summary>
    public void EndDatum()
    {
        _count++;
        if (_block.WrittenCount >= BlockSize)
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

    /// <summary>Starts a file for generated records of type <typeparamref name="T"/> (their schema goes in the header).</summary>
    public static AvroContainerWriter Create<T>(Stream output, string codec = AvroContainer.NullCodec,
        IReadOnlyDictionary<string, byte[]>? metadata = null, bool leaveOpen = false)
        where T : IAvroRecord<T>
    {
        var parsed = SchemaParser.Parse(T.SchemaJson, typeof(T).Name + ".avsc");
        var schema = parsed.Schema
            ?? throw new AvroDataException($"The schema of {typeof(T).Name} does not parse: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return new AvroContainerWriter(output, schema, codec, metadata, leaveOpen);
    }

    /// <summary>Appends one generated record.</summary>
    public void Write<T>(T value)
        where T : IAvroRecord<T>
    {
        var writer = new AvroWriter(_block);
        value.WriteAvro(ref writer);
        writer.Flush();
        EndDatum();
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

    private void WriteBlock()
    {
        if (_count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> data = _block.WrittenSpan;
        byte[]? compressed = null;
        if (Codec == AvroContainer.DeflateCodec)
        {
            using var buffer = new MemoryStream();
            using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(data);
            }

            compressed = buffer.ToArray();
            data = compressed;
        }

        Span<byte> prefix = stackalloc byte[20];
        var writer = new AvroWriter(prefix);
        writer.WriteLong(_count);
        writer.WriteLong(data.Length);
        _output.Write(writer.WrittenSpan);
        _output.Write(data);
        _output.Write(_sync);
        _block.Clear();
        _count = 0;
    }
}

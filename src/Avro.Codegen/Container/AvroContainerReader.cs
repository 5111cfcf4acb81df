using System.Buffers;
using System.IO.Compression;
using System.Text;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Container;

/// <summary>
/// Reads an Avro object container file block by block. The header is checked (magic, metadata, a codec it knows, a
/// schema it can parse); every block's count and size are checked against limits and the sync marker after it must
/// match the header's. Problems are <see cref="AvroDataException"/>s with the file offset.
/// </summary>
public sealed class AvroContainerReader : IDisposable
{
    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly AvroReaderOptions _options;
    private readonly byte[] _sync = new byte[AvroContainer.SyncSize];
    private long _offset;
    private long _blockIndex;

    /// <summary>
    /// Opens a file and reads its header. The schema comes from <c>avro.schema</c>, parsed with the schema core;
    /// <paramref name="maxBlockSize"/> bounds a block's stored and decompressed size (default 256 MiB).
    /// </summary>
    public AvroContainerReader(Stream input, AvroReaderOptions? options = null, bool leaveOpen = false, int maxBlockSize = 256 * 1024 * 1024)
    {
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _leaveOpen = leaveOpen;
        _options = options ?? AvroReaderOptions.Default;
        MaxBlockSize = maxBlockSize;

        Span<byte> magic = stackalloc byte[4];
        if (ReadAtMost(magic) < 4 || !magic.SequenceEqual(AvroContainer.Magic))
        {
            throw new AvroDataException("Not an Avro object container file: it does not start with the bytes 'O' 'b' 'j' 0x01.", 0);
        }

        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            var countAt = _offset;
            var count = ReadVarLong();
            if (count == 0)
            {
                break;
            }

            if (count < 0)
            {
                count = -count;
                ReadVarLong();
            }

            if (count > 100_000)
            {
                throw new AvroDataException($"The header declares {count} metadata entries", countAt);
            }

            for (var i = 0; i < count; i++)
            {
                var key = Encoding.UTF8.GetString(ReadLengthPrefixed("metadata key", 64 * 1024));
                metadata[key] = ReadLengthPrefixed("metadata value", 64 * 1024 * 1024);
            }
        }

        ReadExactly(_sync, "sync marker");
        Metadata = metadata;

        Codec = metadata.TryGetValue(AvroContainer.CodecKey, out var codec) ? Encoding.UTF8.GetString(codec) : AvroContainer.NullCodec;
        if (Codec is not (AvroContainer.NullCodec or AvroContainer.DeflateCodec))
        {
            throw new AvroDataException($"Unsupported codec '{Codec}' (this reader knows 'null' and 'deflate').");
        }

        if (!metadata.TryGetValue(AvroContainer.SchemaKey, out var schemaBytes))
        {
            throw new AvroDataException("The file header has no 'avro.schema' entry.");
        }

        var parsed = SchemaParser.Parse(Encoding.UTF8.GetString(schemaBytes), "avro.schema");
        if (parsed.Schema is null)
        {
            throw new AvroDataException("The file's schema is invalid: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
        }

        Schema = parsed.Schema;
    }

    /// <summary>The writer schema from the header.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The codec name.</summary>
    public string Codec { get; }

    /// <summary>All header metadata, including <c>avro.schema</c> and <c>avro.codec</c>.</summary>
    public IReadOnlyDictionary<string, byte[]> Metadata { get; }

    /// <summary>The largest stored or decompressed block accepted.</summary>
    public int MaxBlockSize { get; }

    /// <summary>
    /// Reads the next block: its datum count and its decompressed bytes (the datums back to back). False at the end of
    /// the file.
    /// </summary>
    public bool TryReadBlock(out long count, out byte[] data)
    {
        data = [];
        var blockAt = _offset;
        Span<byte> probe = stackalloc byte[1];
        if (ReadAtMost(probe) == 0)
        {
            count = 0;
            return false;
        }

        count = ReadVarLong(probe[0], blockAt);
        if (count < 0)
        {
            throw new AvroDataException($"Block {_blockIndex} has a negative datum count {count}", blockAt);
        }

        var sizeAt = _offset;
        var size = ReadVarLong();
        if (size < 0 || size > MaxBlockSize)
        {
            throw new AvroDataException($"Block {_blockIndex} has an invalid size {size} (limit {MaxBlockSize})", sizeAt);
        }

        if (_input.CanSeek && size > _input.Length - _input.Position)
        {
            throw new AvroDataException($"Block {_blockIndex} says it has {size} bytes, but only {_input.Length - _input.Position} remain", sizeAt);
        }

        var stored = new byte[size];
        ReadExactly(stored, "block data");
        data = Codec == AvroContainer.DeflateCodec ? Inflate(stored, _offset - size) : stored;
        if (count > data.Length && count > _options.MaxZeroSizeItems)
        {
            throw new AvroDataException($"Block {_blockIndex} declares {count} datums in {data.Length} bytes", blockAt);
        }

        var syncAt = _offset;
        Span<byte> sync = stackalloc byte[AvroContainer.SyncSize];
        ReadExactly(sync, "sync marker");
        if (!sync.SequenceEqual(_sync))
        {
            throw new AvroDataException($"The sync marker after block {_blockIndex} does not match the header's: the file is corrupt", syncAt);
        }

        _blockIndex++;
        return true;
    }

    /// <summary>Reads every datum as a generic value (see <see cref="GenericAvroRecord"/>).</summary>
    public IEnumerable<object?> ReadAll(GenericReadOptions? readOptions = null)
    {
        while (TryReadBlock(out var count, out var data))
        {
            var values = DecodeBlock(data, count, readOptions);
            foreach (var value in values)
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
        var canonical = ParsingCanonicalForm.ToCanonicalJson(Schema);
        if (canonical != T.CanonicalSchema)
        {
            throw new AvroDataException($"The file's schema {canonical} is not the schema of {typeof(T).Name} ({T.CanonicalSchema}).");
        }

        while (TryReadBlock(out var count, out var data))
        {
            foreach (var value in DecodeBlock<T>(data, count))
            {
                yield return value;
            }
        }
    }

    private List<T> DecodeBlock<T>(byte[] data, long count)
        where T : IAvroRecord<T>
    {
        var values = new List<T>();
        var reader = new AvroReader(data, _options);
        for (var i = 0L; i < count; i++)
        {
            values.Add(T.ReadAvro(ref reader));
        }

        if (!reader.End)
        {
            throw new AvroDataException($"Block {_blockIndex - 1} has {reader.Remaining} bytes after its {count} datums", reader.Position);
        }

        return values;
    }

    private List<object?> DecodeBlock(byte[] data, long count, GenericReadOptions? readOptions)
    {
        var values = new List<object?>();
        var reader = new AvroReader(data, _options);
        for (var i = 0L; i < count; i++)
        {
            values.Add(GenericBinary.Read(ref reader, Schema, readOptions));
        }

        if (!reader.End)
        {
            throw new AvroDataException($"Block {_blockIndex - 1} has {reader.Remaining} bytes after its {count} datums", reader.Position);
        }

        return values;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _input.Dispose();
        }
    }

    private byte[] Inflate(byte[] stored, long at)
    {
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(stored), CompressionMode.Decompress);
            var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = deflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > MaxBlockSize)
                {
                    throw new AvroDataException($"Block {_blockIndex} inflates beyond the limit of {MaxBlockSize} bytes", at);
                }

                output.Write(buffer, 0, n);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new AvroDataException($"Block {_blockIndex} is not valid DEFLATE data: {e.Message}", at, e);
        }
    }

    private byte[] ReadLengthPrefixed(string what, int limit)
    {
        var at = _offset;
        var length = ReadVarLong();
        if (length < 0 || length > limit || (_input.CanSeek && length > _input.Length - _input.Position))
        {
            throw new AvroDataException($"Invalid {what} length {length}", at);
        }

        var bytes = new byte[length];
        ReadExactly(bytes, what);
        return bytes;
    }

    private long ReadVarLong()
    {
        var at = _offset;
        Span<byte> one = stackalloc byte[1];
        if (ReadAtMost(one) == 0)
        {
            throw new AvroDataException("Unexpected end of file", at);
        }

        return ReadVarLong(one[0], at);
    }

    private long ReadVarLong(byte first, long at)
    {
        ulong result = first & 0x7Fu;
        var b = first;
        Span<byte> one = stackalloc byte[1];
        for (var shift = 7; b >= 0x80; shift += 7)
        {
            if (ReadAtMost(one) == 0)
            {
                throw new AvroDataException("Unexpected end of file inside a varint", at);
            }

            b = one[0];
            if (shift == 63 && b > 1)
            {
                throw new AvroDataException("Invalid long: the varint is longer than 10 bytes or exceeds 64 bits", at);
            }

            result |= (ulong)(b & 0x7F) << shift;
        }

        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    private void ReadExactly(Span<byte> destination, string what)
    {
        var at = _offset;
        if (ReadAtMost(destination) < destination.Length)
        {
            throw new AvroDataException($"Unexpected end of file in the {what}", at);
        }
    }

    private int ReadAtMost(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = _input.Read(destination.Slice(total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        _offset += total;
        return total;
    }
}

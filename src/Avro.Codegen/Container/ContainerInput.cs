namespace Avro.Codegen.Container;

/// <summary>
/// The container reader's window on its stream: bytes are read ahead into one reusable buffer that grows with what
/// arrives (never to a size a forged length merely claims), parsed in place, then consumed. It holds at most one block.
/// </summary>
internal sealed class ContainerInput(Stream stream)
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private long _consumed;
    private bool _eof;

    /// <summary>The file offset of the first unconsumed byte.</summary>
    public long Offset => _consumed + _start;

    /// <summary>How many bytes are buffered and not consumed.</summary>
    public int Available => _end - _start;

    /// <summary>The buffered bytes not consumed.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>The buffered bytes not consumed.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_start, _end - _start);

    public Stream Stream => stream;

    /// <summary>Reads until <paramref name="count"/> bytes are buffered; false when the stream ends first.</summary>
    public bool Ensure(int count)
    {
        while (Available < count && !_eof)
        {
            MakeRoom(count);
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            Received(n);
        }

        return Available >= count;
    }

    /// <summary>Reads until <paramref name="count"/> bytes are buffered; false when the stream ends first.</summary>
    public async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (Available < count && !_eof)
        {
            MakeRoom(count);
            var n = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            Received(n);
        }

        return Available >= count;
    }

    public void Consume(int count) => _start += count;

    private void Received(int n)
    {
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    private void MakeRoom(int count)
    {
        if (_start > 0 && (_buffer.Length - _start < count || _end == _buffer.Length))
        {
            // Move the unconsumed bytes to the front before growing.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _consumed += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Double at most: a length read from the file is a claim, and memory follows the bytes that really come.
            var size = (int)Math.Min(Math.Max(count, 16 * 1024), Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            Array.Resize(ref _buffer, Math.Max(size, _buffer.Length + 1));
        }
    }
}

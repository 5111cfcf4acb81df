using System.Buffers;

namespace Avro.Codegen.Resolution;

/// <summary>
/// The growable byte buffer a plan writes the reader-schema encoding into. Unlike an arbitrary
/// <see cref="IBufferWriter{T}"/> it lets a record step rewrite bytes it already wrote (to put fields into the reader's
/// order), and one instance per thread is reused so that resolving a value allocates nothing once the buffer is warm.
/// </summary>
internal sealed class ResolveBuffer : IBufferWriter<byte>
{
    /// <summary>Buffers that grew beyond this are not kept for reuse, so one huge value does not pin memory forever.</summary>
    private const int MaxRetainedSize = 1 << 20;

    [ThreadStatic]
    private static ResolveBuffer? t_cached;

    private byte[] _array;
    private int _written;

    private ResolveBuffer(int capacity) => _array = new byte[capacity];

    /// <summary>The bytes written so far; writable, for record steps that reorder fields.</summary>
    public Span<byte> Written => _array.AsSpan(0, _written);

    /// <summary>Takes this thread's buffer (or a new one when it is in use further up the stack).</summary>
    public static ResolveBuffer Rent()
    {
        var buffer = t_cached;
        if (buffer is null)
        {
            return new ResolveBuffer(256);
        }

        t_cached = null;
        return buffer;
    }

    /// <summary>Gives a buffer back for reuse on this thread.</summary>
    public static void Return(ResolveBuffer buffer)
    {
        if (buffer._array.Length <= MaxRetainedSize)
        {
            buffer._written = 0;
            t_cached = buffer;
        }
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_array.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - _written >= needed)
        {
            return;
        }

        // Defaults can make the resolved value larger than the input (an array of empty writer records whose reader
        // records have long defaults); past what one array can hold it is bad input, not a crash.
        var required = (long)_written + needed;
        if (required > Array.MaxLength)
        {
            throw new AvroDataException($"The value resolved to the reader schema would exceed {Array.MaxLength} bytes.");
        }

        var size = Math.Max(required, Math.Min((long)_array.Length * 2, Array.MaxLength));
        Array.Resize(ref _array, (int)size);
    }
}

using System.Buffers;

namespace Avro.Codegen.Tests;

public delegate void WriteAction(ref AvroWriter writer);

public delegate T ReadFunc<T>(ref AvroReader reader);

/// <summary>Test helpers: encode through both writer modes and check they agree.</summary>
public static class Encode
{
    public static byte[] ToBytes(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(buffer);
        write(ref writer);
        writer.Flush();
        Assert.Equal(buffer.WrittenCount, writer.BytesWritten);

        var span = new byte[buffer.WrittenCount + 16];
        var spanWriter = new AvroWriter(span.AsSpan());
        write(ref spanWriter);
        Assert.Equal(buffer.WrittenSpan.ToArray(), spanWriter.WrittenSpan.ToArray());
        return buffer.WrittenSpan.ToArray();
    }

    public static T Read<T>(byte[] data, ReadFunc<T> read, AvroReaderOptions? options = null)
    {
        var reader = new AvroReader(data, options);
        var value = read(ref reader);
        Assert.True(reader.End, $"{reader.Remaining} byte(s) left unread");
        return value;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static AvroDataException Fails<T>(byte[] data, ReadFunc<T> read, AvroReaderOptions? options = null)
    {
        try
        {
            var reader = new AvroReader(data, options);
            read(ref reader);
        }
        catch (AvroDataException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("Expected an AvroDataException.");
    }
}

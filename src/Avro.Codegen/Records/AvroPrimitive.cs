using System.Buffers;
using Avro.Codegen.Schema;

namespace Avro.Codegen;

/// <summary>
/// The Avro primitive types as whole values (a Kafka key or value of type <c>"string"</c>, <c>"long"</c>, ...):
/// <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>, <see cref="double"/>,
/// <see cref="bool"/>, <c>byte[]</c> and <see cref="AvroNull"/>. Generated records use <see cref="AvroSerializer"/> instead.
/// </summary>
public static class AvroPrimitive
{
    /// <summary>True when <typeparamref name="T"/> is one of the supported primitive types.</summary>
    public static bool IsSupported<T>() => Codec<T>.TypeName is not null;

    /// <summary>The Avro type name of <typeparamref name="T"/> (<c>string</c>, <c>long</c>, ...).</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported primitive type.</exception>
    public static string TypeName<T>() => Codec<T>.Require();

    /// <summary>The schema of <typeparamref name="T"/> as JSON, as the registry stores it (e.g. <c>"string"</c> with the quotes).</summary>
    public static string SchemaJson<T>() => "\"" + Codec<T>.Require() + "\"";

    /// <summary>Encodes <paramref name="value"/> in the Avro binary encoding.</summary>
    public static byte[] Serialize<T>(T value)
    {
        var output = new ArrayBufferWriter<byte>(16);
        Serialize(value, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Serialize<T>(T value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new AvroWriter(output);
        Write(ref writer, value);
        writer.Flush();
    }

    /// <summary>Writes <paramref name="value"/> with <paramref name="writer"/>.</summary>
    public static void Write<T>(ref AvroWriter writer, T value)
    {
        Codec<T>.Require();
        if (value is null && typeof(T) != typeof(AvroNull))
        {
            throw new ArgumentNullException(nameof(value), $"A {typeof(T).Name} value of Avro type {Codec<T>.TypeName} cannot be null.");
        }

        // Each branch is a constant for one instantiation, so the JIT and NativeAOT keep just one.
        if (typeof(T) == typeof(string)) writer.WriteString((string)(object)value!);
        else if (typeof(T) == typeof(int)) writer.WriteInt((int)(object)value!);
        else if (typeof(T) == typeof(long)) writer.WriteLong((long)(object)value!);
        else if (typeof(T) == typeof(float)) writer.WriteFloat((float)(object)value!);
        else if (typeof(T) == typeof(double)) writer.WriteDouble((double)(object)value!);
        else if (typeof(T) == typeof(bool)) writer.WriteBoolean((bool)(object)value!);
        else if (typeof(T) == typeof(byte[])) writer.WriteBytes((byte[])(object)value!);
        // AvroNull: no bytes.
    }

    /// <summary>Decodes one value that must span all of <paramref name="data"/>.</summary>
    /// <exception cref="AvroDataException">The bytes are malformed or followed by more bytes.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> data, AvroReaderOptions? options = null)
    {
        var reader = new AvroReader(data, options);
        var value = Read<T>(ref reader);
        if (!reader.End)
        {
            throw new AvroDataException($"{data.Length - reader.Position} bytes follow the end of the Avro {Codec<T>.TypeName} value.", reader.Position);
        }

        return value;
    }

    /// <summary>Reads one value with <paramref name="reader"/>.</summary>
    public static T Read<T>(ref AvroReader reader)
    {
        Codec<T>.Require();
        if (typeof(T) == typeof(string)) return (T)(object)reader.ReadString();
        if (typeof(T) == typeof(int)) return (T)(object)reader.ReadInt();
        if (typeof(T) == typeof(long)) return (T)(object)reader.ReadLong();
        if (typeof(T) == typeof(float)) return (T)(object)reader.ReadFloat();
        if (typeof(T) == typeof(double)) return (T)(object)reader.ReadDouble();
        if (typeof(T) == typeof(bool)) return (T)(object)reader.ReadBoolean();
        if (typeof(T) == typeof(byte[])) return (T)(object)reader.ReadBytes();
        return default!;
    }

    /// <summary>The schema of <typeparamref name="T"/>, parsed once.</summary>
    internal static AvroSchema Schema<T>() => Codec<T>.Schema.Value;

    /// <summary>The CRC-64-AVRO fingerprint of <typeparamref name="T"/>'s schema.</summary>
    internal static ulong Fingerprint<T>() => Codec<T>.Fingerprint.Value;

    private static class Codec<T>
    {
        public static readonly string? TypeName =
            typeof(T) == typeof(string) ? "string"
            : typeof(T) == typeof(int) ? "int"
            : typeof(T) == typeof(long) ? "long"
            : typeof(T) == typeof(float) ? "float"
            : typeof(T) == typeof(double) ? "double"
            : typeof(T) == typeof(bool) ? "boolean"
            : typeof(T) == typeof(byte[]) ? "bytes"
            : typeof(T) == typeof(AvroNull) ? "null"
            : null;

        public static readonly Lazy<AvroSchema> Schema = new(() => SchemaParser.Parse(SchemaJson<T>(), TypeName + ".avsc").Schema!);

        public static readonly Lazy<ulong> Fingerprint = new(() => SchemaFingerprint.Crc64Avro(Schema.Value));

        public static string Require() => TypeName ?? throw new NotSupportedException(
            $"{typeof(T)} is not an Avro primitive type. Supported: string, int, long, float, double, bool, byte[] and AvroNull; generated records use the record APIs.");
    }
}

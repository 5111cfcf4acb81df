namespace Avro.Codegen.Container;

/// <summary>Constants of the Avro object container file format.</summary>
public static class AvroContainer
{
    /// <summary>The four magic bytes: <c>O b j 1</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    /// <summary>The size of the sync marker that follows the header and every block.</summary>
    public const int SyncSize = 16;

    /// <summary>The metadata key of the schema (JSON text).</summary>
    public const string SchemaKey = "avro.schema";

    /// <summary>The metadata key of the codec name.</summary>
    public const string CodecKey = "avro.codec";

    /// <summary>The <c>null</c> codec: blocks are stored as they are.</summary>
    public const string NullCodec = "null";

    /// <summary>The <c>deflate</c> codec: raw DEFLATE (RFC 1951), no zlib header or checksum.</summary>
    public const string DeflateCodec = "deflate";

    /// <summary>The <c>snappy</c> codec: Snappy-compressed block followed by the big-endian CRC-32 of the uncompressed data.</summary>
    public const string SnappyCodec = "snappy";

    /// <summary>The <c>zstandard</c> codec: Zstandard frames.</summary>
    public const string ZstandardCodec = "zstandard";

    /// <summary>The <c>bzip2</c> codec (from the add-on package Avro.Codegen.Compression).</summary>
    public const string Bzip2Codec = "bzip2";

    /// <summary>The <c>xz</c> codec (from the add-on package Avro.Codegen.Compression).</summary>
    public const string XzCodec = "xz";
}

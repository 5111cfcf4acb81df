using System.Security.Cryptography;
using System.Text;

namespace Avro.Codegen.Schema;

/// <summary>
/// Fingerprints of a schema's Parsing Canonical Form (as UTF-8): the specification's 64-bit Rabin fingerprint
/// (CRC-64-AVRO), MD5 and SHA-256.
/// </summary>
public static class SchemaFingerprint
{
    /// <summary>The fingerprint of the empty input, and the polynomial's seed, as the specification defines it.</summary>
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] Table = BuildTable();

    /// <summary>The CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form.</summary>
    public static ulong Crc64Avro(AvroSchema schema) => Crc64Avro(CanonicalUtf8(schema));

    /// <summary>The CRC-64-AVRO fingerprint of <paramref name="utf8"/>.</summary>
    public static ulong Crc64Avro(byte[] utf8)
    {
        var fp = Empty;
        foreach (var b in utf8)
        {
            fp = (fp >> 8) ^ Table[(int)(fp ^ b) & 0xff];
        }

        return fp;
    }

    /// <summary>
    /// The fingerprint's 8 bytes in little-endian order: the bytes single-object encoding writes, and the order in which
    /// the CLI prints the fingerprint as hex.
    /// </summary>
    public static byte[] ToLittleEndianBytes(ulong fingerprint)
    {
        var bytes = new byte[8];
        for (var i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(fingerprint >> (8 * i));
        }

        return bytes;
    }

    /// <summary>The MD5 digest of the schema's Parsing Canonical Form.</summary>
    public static byte[] Md5(AvroSchema schema)
    {
        using var md5 = MD5.Create();
        return md5.ComputeHash(CanonicalUtf8(schema));
    }

    /// <summary>The SHA-256 digest of the schema's Parsing Canonical Form.</summary>
    public static byte[] Sha256(AvroSchema schema)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(CanonicalUtf8(schema));
    }

    private static byte[] CanonicalUtf8(AvroSchema schema) => Encoding.UTF8.GetBytes(ParsingCanonicalForm.ToCanonicalJson(schema));

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                // Shift right, folding in the polynomial whenever a 1 bit drops out.
                fp = (fp >> 1) ^ (Empty & (0UL - (fp & 1)));
            }

            table[i] = fp;
        }

        return table;
    }
}

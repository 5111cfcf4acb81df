using System.Globalization;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Cli.Commands;

/// <summary>The <c>--framing</c> of <c>fromjson</c>/<c>tojson</c>: how each datum is wrapped on the wire.</summary>
internal sealed record DatumFraming(DatumFramingKind Kind, int? SchemaId)
{
    public static readonly DatumFraming None = new(DatumFramingKind.None, null);

    public const string Help =
        "How each datum is framed: 'confluent:ID' (0x00 + big-endian schema id, then the datum; on read the id is " +
        "checked, and 'confluent' alone accepts any id) or 'single-object' (0xC3 0x01 + the schema's CRC-64-AVRO " +
        "fingerprint, checked on read). Default: bare datums back to back.";

    /// <summary>Parses the option text; null with a message when it is not valid.</summary>
    public static DatumFraming? Parse(string? text, bool forWriting, out string? problem)
    {
        problem = null;
        switch (text)
        {
            case null or "" or "none":
                return None;
            case "single-object":
                return new DatumFraming(DatumFramingKind.SingleObject, null);
            case "confluent" when !forWriting:
                return new DatumFraming(DatumFramingKind.Confluent, null);
        }

        if (text.StartsWith("confluent:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan("confluent:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new DatumFraming(DatumFramingKind.Confluent, id);
        }

        problem = forWriting
            ? $"--framing '{text}' is not valid: use 'confluent:ID' (ID a non-negative int) or 'single-object'."
            : $"--framing '{text}' is not valid: use 'confluent', 'confluent:ID' or 'single-object'.";
        return null;
    }

    /// <summary>The fingerprint single-object framing uses for <paramref name="schema"/>.</summary>
    public static ulong Fingerprint(AvroSchema schema) => SchemaFingerprint.Crc64Avro(schema);
}

/// <summary>The framings <c>--framing</c> offers.</summary>
internal enum DatumFramingKind
{
    None,
    Confluent,
    SingleObject,
}

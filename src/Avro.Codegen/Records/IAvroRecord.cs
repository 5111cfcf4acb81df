using System.Text.Json;

namespace Avro.Codegen;

/// <summary>
/// A type generated from an Avro schema (records and fixed types). Static abstract members let generic code such as
/// <see cref="AvroSerializer"/> read, write and describe any generated type without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated type itself.</typeparam>
public interface IAvroRecord<TSelf> where TSelf : IAvroRecord<TSelf>
{
    /// <summary>The schema as written in the <c>.avsc</c> (compact JSON, self-contained).</summary>
    static abstract string SchemaJson { get; }

    /// <summary>The schema's Parsing Canonical Form.</summary>
    static abstract string CanonicalSchema { get; }

    /// <summary>The CRC-64-AVRO fingerprint of <see cref="CanonicalSchema"/> (single-object encoding uses it).</summary>
    static abstract ulong SchemaFingerprint { get; }

    /// <summary>
    /// The schema table of the compilation that generated the type, which knows which file defines each named type (so
    /// serializers can register shared types by reference); <see langword="null"/> for types written by hand.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    static virtual AvroSchemaTable? SchemaTable => null;

    /// <summary>Writes this value in the Avro binary encoding.</summary>
    void WriteAvro(ref AvroWriter writer);

    /// <summary>Reads a value written in the Avro binary encoding with this schema.</summary>
    static abstract TSelf ReadAvro(ref AvroReader reader);

    /// <summary>Writes this value in the Avro JSON encoding.</summary>
    void WriteAvroJson(Utf8JsonWriter writer);

    /// <summary>Reads a value in the Avro JSON encoding; the reader is on the value's first token and ends on its last.</summary>
    static abstract TSelf ReadAvroJson(ref Utf8JsonReader reader);
}

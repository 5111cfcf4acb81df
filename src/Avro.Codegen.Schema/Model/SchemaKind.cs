namespace Avro.Codegen.Schema;

/// <summary>The Avro types: eight primitives and six complex types.</summary>
public enum SchemaKind
{
    /// <summary><c>null</c>.</summary>
    Null,
    /// <summary><c>boolean</c>.</summary>
    Boolean,
    /// <summary><c>int</c>: 32-bit signed.</summary>
    Int,
    /// <summary><c>long</c>: 64-bit signed.</summary>
    Long,
    /// <summary><c>float</c>: IEEE 754 single precision.</summary>
    Float,
    /// <summary><c>double</c>: IEEE 754 double precision.</summary>
    Double,
    /// <summary><c>bytes</c>.</summary>
    Bytes,
    /// <summary><c>string</c>: Unicode text.</summary>
    String,
    /// <summary>A named record (also <c>error</c>).</summary>
    Record,
    /// <summary>A named enumeration.</summary>
    Enum,
    /// <summary>An array.</summary>
    Array,
    /// <summary>A map with string keys.</summary>
    Map,
    /// <summary>A union of branches.</summary>
    Union,
    /// <summary>A named fixed-size byte sequence.</summary>
    Fixed,
}

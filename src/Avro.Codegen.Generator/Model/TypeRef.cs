namespace Avro.Codegen.Generator.Model;

/// <summary>The shapes a value can take in generated code; each has its own read/write code.</summary>
internal enum TypeRefKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Fixed,
    Array,
    Map,
    /// <summary>A two-branch union of <c>null</c> and one type, mapped to <c>T?</c>.</summary>
    Nullable,
    /// <summary>Any other union, mapped to a generated union struct.</summary>
    Union,
    /// <summary>A logical type mapped to a BCL or runtime type (see <see cref="LogicalKind"/>).</summary>
    Logical,
}

/// <summary>How a logical type is read and written; the name says which runtime reader/writer method applies.</summary>
internal enum LogicalKind
{
    None,
    Decimal,
    DecimalFixed,
    LargeDecimal,
    LargeDecimalFixed,
    BigDecimal,
    Uuid,
    UuidFixed,
    Date,
    TimeMillis,
    TimeMicros,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    LocalTimestampMillis,
    LocalTimestampMicros,
    LocalTimestampNanos,
    Duration,
}

/// <summary>
/// A reference to a type as generated code sees it: the C# type to declare and what the codec must do. Strings only,
/// so it is equatable and safe to cache.
/// </summary>
/// <param name="Kind">The shape.</param>
/// <param name="CSharpType">The C# type, <c>global::</c>-qualified and nullable-annotated (e.g. <c>string?</c>).</param>
/// <param name="IsValueType">True for structs and enums (decides how <c>T?</c> is spelled and tested).</param>
/// <param name="BranchName">The Avro type name used as a union branch key in JSON: a primitive name, a full name, <c>array</c> or <c>map</c>.</param>
/// <param name="Element">Array items, map values, or the non-null branch of a nullable union.</param>
/// <param name="NullIndex">The wire index of <c>null</c> in a nullable union.</param>
/// <param name="Logical">The logical codec.</param>
/// <param name="Scale">Decimal scale.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="FixedSize">The size of a fixed (also for fixed-based logical types).</param>
/// <param name="CodecType">The type that holds static read/write helpers (enum helpers, union structs), or null.</param>
internal sealed record TypeRef(
    TypeRefKind Kind,
    string CSharpType,
    bool IsValueType,
    string BranchName,
    TypeRef? Element = null,
    int NullIndex = -1,
    LogicalKind Logical = LogicalKind.None,
    int Scale = 0,
    int Precision = 0,
    int FixedSize = 0,
    string? CodecType = null)
{
    /// <summary>The C# type without a trailing nullable annotation.</summary>
    public string NonNullableType => CSharpType.EndsWith("?", System.StringComparison.Ordinal) ? CSharpType.Substring(0, CSharpType.Length - 1) : CSharpType;
}

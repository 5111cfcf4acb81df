namespace Avro.Codegen.Schema.Compatibility;

/// <summary>
/// The kinds of reader/writer incompatibility, the same six that Apache Avro's Java <c>SchemaCompatibility</c> reports
/// (and that the Confluent Schema Registry passes on in its verbose answers).
/// </summary>
public enum SchemaIncompatibilityType
{
    /// <summary>A named type of the writer has neither the reader's unqualified name nor one of its aliases.</summary>
    NameMismatch,

    /// <summary>The reader's <c>fixed</c> has another size than the writer's.</summary>
    FixedSizeMismatch,

    /// <summary>The writer's enum has symbols the reader lacks, and the reader's enum has no default symbol.</summary>
    MissingEnumSymbols,

    /// <summary>A reader field has no counterpart in the writer record and no default value.</summary>
    ReaderFieldMissingDefaultValue,

    /// <summary>The reader's type cannot read the writer's type, even with the numeric and string/bytes promotions.</summary>
    TypeMismatch,

    /// <summary>A type the writer may write (a writer union branch, or the writer's type) has no readable reader union branch.</summary>
    MissingUnionBranch,
}

/// <summary>Names of <see cref="SchemaIncompatibilityType"/> values as other Avro tools print them.</summary>
public static class SchemaIncompatibilityTypeNames
{
    /// <summary>
    /// The Java enum constant name, e.g. <c>READER_FIELD_MISSING_DEFAULT_VALUE</c>: the form the Confluent registry and
    /// <c>avro-codegen compat</c> print, and the form the shared test vectors use.
    /// </summary>
    public static string ToJavaName(this SchemaIncompatibilityType type) => type switch
    {
        SchemaIncompatibilityType.NameMismatch => "NAME_MISMATCH",
        SchemaIncompatibilityType.FixedSizeMismatch => "FIXED_SIZE_MISMATCH",
        SchemaIncompatibilityType.MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
        SchemaIncompatibilityType.ReaderFieldMissingDefaultValue => "READER_FIELD_MISSING_DEFAULT_VALUE",
        SchemaIncompatibilityType.TypeMismatch => "TYPE_MISMATCH",
        SchemaIncompatibilityType.MissingUnionBranch => "MISSING_UNION_BRANCH",
        _ => type.ToString(),
    };

    /// <summary>Parses the Java constant name (exact, upper case) back into the enum.</summary>
    public static bool TryParseJavaName(string? text, out SchemaIncompatibilityType type)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToJavaName() == text)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    private static readonly SchemaIncompatibilityType[] All =
    {
        SchemaIncompatibilityType.NameMismatch,
        SchemaIncompatibilityType.FixedSizeMismatch,
        SchemaIncompatibilityType.MissingEnumSymbols,
        SchemaIncompatibilityType.ReaderFieldMissingDefaultValue,
        SchemaIncompatibilityType.TypeMismatch,
        SchemaIncompatibilityType.MissingUnionBranch,
    };
}

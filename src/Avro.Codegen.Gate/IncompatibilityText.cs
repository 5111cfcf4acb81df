using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Gate;

/// <summary>
/// Words an incompatibility found by the schema core the way the Confluent registry words it in verbose answers
/// (<c>avro/Difference.java</c>), so an offline check and a registry check print the same errors.
/// </summary>
public static class IncompatibilityText
{
    /// <summary>Converts a schema-core incompatibility into the registry's terms.</summary>
    /// <param name="incompatibility">The finding.</param>
    /// <param name="readerIsNew">True when the new schema was the reader (the BACKWARD half).</param>
    /// <param name="fieldName">For a missing default: the field's name, when the location reaches one.</param>
    public static Incompatibility From(SchemaIncompatibility incompatibility, bool readerIsNew, string? fieldName)
    {
        var reader = readerIsNew ? "new" : "old";
        var writer = readerIsNew ? "old" : "new";
        var path = incompatibility.Location;
        var info = incompatibility.Message;
        var description = incompatibility.Type switch
        {
            SchemaIncompatibilityType.FixedSizeMismatch =>
                $"The size of FIXED type field at path '{path}' in the {reader} schema does not match with the {writer} schema",
            SchemaIncompatibilityType.TypeMismatch =>
                $"The type (path '{path}') of a field in the {reader} schema does not match with the {writer} schema",
            SchemaIncompatibilityType.NameMismatch =>
                $"The name of the schema has changed (path '{path}')",
            SchemaIncompatibilityType.MissingEnumSymbols =>
                $"The {reader} schema is missing enum symbols '{info}' at path '{path}' in the {writer} schema",
            SchemaIncompatibilityType.MissingUnionBranch =>
                $"The {reader} schema is missing a type inside a union field at path '{path}' in the {writer} schema",
            SchemaIncompatibilityType.ReaderFieldMissingDefaultValue =>
                $"The field '{fieldName ?? info}' at path '{path}' in the {reader} schema has no default value and is missing in the {writer} schema",
            _ => info,
        };
        return new Incompatibility(incompatibility.Type.ToJavaName(), description, info, path, readerIsNew);
    }

    /// <summary>The one-line text of an <c>AVROB001</c> error.</summary>
    /// <param name="subject">The subject checked.</param>
    /// <param name="incompatibility">The finding.</param>
    /// <param name="against">What was checked against, e.g. <c>version 3</c> or <c>baseline v2.avsc</c>; may be <see langword="null"/>.</param>
    /// <param name="level">The compatibility level, when known.</param>
    public static string Format(string subject, Incompatibility incompatibility, string? against, string? level)
    {
        var context = (against, level) switch
        {
            (null, null) => "",
            (null, _) => $" (level {level})",
            (_, null) => $" (against {against})",
            _ => $" (against {against}, level {level})",
        };
        var type = incompatibility.ErrorType is null ? "" : " [" + incompatibility.ErrorType + "]";
        var info = incompatibility.AdditionalInfo is null || incompatibility.Description.Contains(incompatibility.AdditionalInfo)
            ? ""
            : ": " + incompatibility.AdditionalInfo;
        return $"subject '{subject}': {incompatibility.Description}{info}{type}{context}";
    }
}

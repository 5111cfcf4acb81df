using System.Collections.Generic;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// The catalog of schema error codes. Codes are stable: a code is never reused for another problem.
/// <c>docs/diagnostics.md</c> explains each one with an example; the message formats live in one place, beside the codes.
/// </summary>
public static class SchemaErrorCodes
{
    /// <summary><c>AVRO001</c>: the text is not well-formed JSON ("Malformed JSON: {detail}").</summary>
    public const string MalformedJson = "AVRO001";

    /// <summary><c>AVRO002</c>: an object has two members with the same name ("Duplicate JSON member '{name}'").</summary>
    public const string DuplicateMemberName = "AVRO002";

    /// <summary><c>AVRO003</c>: arrays and objects are nested too deeply ("JSON nesting deeper than {max} levels").</summary>
    public const string JsonTooDeep = "AVRO003";

    /// <summary><c>AVRO010</c>: a schema is not a string, object or array ("A schema must be ... but found {kind}").</summary>
    public const string InvalidSchema = "AVRO010";

    /// <summary><c>AVRO011</c>: a required attribute is missing ("{what} is missing the required attribute '{name}'").</summary>
    public const string MissingAttribute = "AVRO011";

    /// <summary><c>AVRO012</c>: an attribute has the wrong JSON type ("Attribute '{name}' must be {expected}, but found {kind}").</summary>
    public const string WrongAttributeType = "AVRO012";

    /// <summary><c>AVRO013</c>: a name, namespace, field name or enum symbol is not a valid Avro name (aliases may be any string).</summary>
    public const string InvalidName = "AVRO013";

    /// <summary><c>AVRO014</c>: a named type uses a primitive type name ("'{name}' is a primitive type name and cannot be redefined").</summary>
    public const string ReservedTypeName = "AVRO014";

    /// <summary><c>AVRO015</c>: a type name refers to nothing defined ("Unknown type '{name}'").</summary>
    public const string UnknownType = "AVRO015";

    /// <summary><c>AVRO016</c>: a named type is used before its definition in the same file.</summary>
    public const string TypeUsedBeforeDefinition = "AVRO016";

    /// <summary><c>AVRO017</c>: a full name is defined twice in a file or a schema set ("Type '{name}' is already defined at {place}").</summary>
    public const string DuplicateType = "AVRO017";

    /// <summary><c>AVRO018</c>: two fields of a record have the same name.</summary>
    public const string DuplicateFieldName = "AVRO018";

    /// <summary><c>AVRO019</c>: a field's <c>order</c> is not <c>ascending</c>, <c>descending</c> or <c>ignore</c>.</summary>
    public const string InvalidFieldOrder = "AVRO019";

    /// <summary><c>AVRO020</c>: a field's default value does not match the field's type.</summary>
    public const string InvalidDefault = "AVRO020";

    /// <summary><c>AVRO021</c>: an enum lists the same symbol twice.</summary>
    public const string DuplicateEnumSymbol = "AVRO021";

    /// <summary><c>AVRO022</c>: an enum's <c>default</c> is not one of its symbols.</summary>
    public const string InvalidEnumDefault = "AVRO022";

    /// <summary><c>AVRO023</c>: a fixed type's <c>size</c> is not a non-negative 32-bit integer.</summary>
    public const string InvalidFixedSize = "AVRO023";

    /// <summary><c>AVRO024</c>: a union directly contains another union.</summary>
    public const string NestedUnion = "AVRO024";

    /// <summary><c>AVRO025</c>: a union has two branches of the same unnamed type, or two named branches with one full name.</summary>
    public const string DuplicateUnionBranch = "AVRO025";

    /// <summary><c>AVRO030</c>: a schema file or folder cannot be read ("Cannot read '{path}': {reason}"). Reported by hosts such as the CLI.</summary>
    public const string UnreadableFile = "AVRO030";

    /// <summary><c>AVRO060</c>: Avro IDL syntax error ("Syntax error: expected {what}, but found {token}").</summary>
    public const string IdlSyntax = "AVRO060";

    /// <summary><c>AVRO061</c>: Avro IDL text that is no token: a bad character, an unclosed string or comment, a bad escape or number.</summary>
    public const string IdlInvalidToken = "AVRO061";

    /// <summary><c>AVRO062</c>: an IDL import names a file that cannot be found or read.</summary>
    public const string IdlImport = "AVRO062";

    /// <summary><c>AVRO063</c>: an IDL declaration in the wrong place (e.g. <c>namespace</c> after a type, <c>schema</c> inside a protocol).</summary>
    public const string IdlMisplaced = "AVRO063";

    /// <summary><c>AVRO064</c>: an IDL annotation that is not allowed where it is written, given twice, or has the wrong value.</summary>
    public const string IdlAnnotation = "AVRO064";

    /// <summary><c>AVRO065</c>: an IDL type that cannot be built, e.g. <c>decimal(2,5)</c>.</summary>
    public const string IdlInvalidType = "AVRO065";

    /// <summary><c>AVRO066</c>: an invalid protocol message (a duplicate name, a one-way message that returns a value, a thrown type that is not an error).</summary>
    public const string IdlMessage = "AVRO066";

    /// <summary><c>AVRO067</c>: IDL types or annotation values nested too deeply.</summary>
    public const string IdlTooDeep = "AVRO067";

    /// <summary><c>AVRO068</c>: a host needs one schema (e.g. to take a fingerprint), but the <c>.avdl</c> file declares no main schema.</summary>
    public const string IdlNoMainSchema = "AVRO068";

    /// <summary>Every code in the catalog with a one-line meaning, in code order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } = new[]
    {
        Entry(MalformedJson, "The text is not well-formed JSON."),
        Entry(DuplicateMemberName, "A JSON object has two members with the same name."),
        Entry(JsonTooDeep, "Arrays and objects are nested too deeply."),
        Entry(InvalidSchema, "A schema is not a type name, an object or a union array."),
        Entry(MissingAttribute, "A required attribute is missing."),
        Entry(WrongAttributeType, "An attribute has the wrong JSON type."),
        Entry(InvalidName, "A name, namespace, field name or enum symbol is not a valid Avro name."),
        Entry(ReservedTypeName, "A named type uses a primitive type name."),
        Entry(UnknownType, "A type name refers to no primitive and no defined named type."),
        Entry(TypeUsedBeforeDefinition, "A named type is used before its definition in the same file."),
        Entry(DuplicateType, "A full name is defined twice."),
        Entry(DuplicateFieldName, "Two fields of a record have the same name."),
        Entry(InvalidFieldOrder, "A field's order is not ascending, descending or ignore."),
        Entry(InvalidDefault, "A field's default value does not match the field's type."),
        Entry(DuplicateEnumSymbol, "An enum lists the same symbol twice."),
        Entry(InvalidEnumDefault, "An enum's default is not one of its symbols."),
        Entry(InvalidFixedSize, "A fixed type's size is not a non-negative 32-bit integer."),
        Entry(NestedUnion, "A union directly contains another union."),
        Entry(DuplicateUnionBranch, "A union has two branches of the same type."),
        Entry(UnreadableFile, "A schema file or folder cannot be read."),
        Entry(IdlSyntax, "Avro IDL syntax error."),
        Entry(IdlInvalidToken, "Avro IDL text that is not a valid token."),
        Entry(IdlImport, "An IDL import cannot be found or read."),
        Entry(IdlMisplaced, "An IDL declaration in the wrong place."),
        Entry(IdlAnnotation, "An IDL annotation that is not allowed here."),
        Entry(IdlInvalidType, "An IDL type that cannot be built."),
        Entry(IdlMessage, "An invalid protocol message."),
        Entry(IdlTooDeep, "IDL types or annotation values nested too deeply."),
        Entry(IdlNoMainSchema, "The IDL file declares no main schema."),
    };

    /// <summary>
    /// The <see cref="UnreadableFile"/> error for a file or folder a host could not read; it is placed at line 1, column 1
    /// so that every error line has the same <c>file(line,col)</c> shape.
    /// </summary>
    public static SchemaError CannotRead(string path, string reason) =>
        SchemaErrors.UnreadableFile(new SourceSpan(path, 1, 1, 1, 1, 0, 0), path, reason);

    /// <summary>
    /// The <see cref="IdlNoMainSchema"/> error for an <c>.avdl</c> file that declares no main schema where a host needs one,
    /// placed at line 1, column 1.
    /// </summary>
    public static SchemaError NoMainSchema(string path) =>
        SchemaErrors.IdlNoMainSchema(new SourceSpan(path, 1, 1, 1, 1, 0, 0));

    private static KeyValuePair<string, string> Entry(string code, string meaning) => new(code, meaning);
}

/// <summary>Builds every <see cref="SchemaError"/>: the one place where codes meet their message formats.</summary>
internal static class SchemaErrors
{
    public static SchemaError MalformedJson(SourceSpan at, string detail) =>
        new(SchemaErrorCodes.MalformedJson, "Malformed JSON: " + detail + ".", at);

    public static SchemaError DuplicateMemberName(SourceSpan at, string name) =>
        new(SchemaErrorCodes.DuplicateMemberName, $"Duplicate JSON member '{name}' (each member name may appear once per object).", at);

    public static SchemaError JsonTooDeep(SourceSpan at, int max) =>
        new(SchemaErrorCodes.JsonTooDeep, $"JSON nesting deeper than {max} levels.", at);

    public static SchemaError InvalidSchema(SourceSpan at, string found) =>
        new(SchemaErrorCodes.InvalidSchema, $"A schema must be a type name string, an object or a union array, but found {found}.", at);

    public static SchemaError MissingAttribute(SourceSpan at, string what, string attribute) =>
        new(SchemaErrorCodes.MissingAttribute, $"{what} is missing the required attribute '{attribute}'.", at);

    public static SchemaError WrongAttributeType(SourceSpan at, string attribute, string expected, string found) =>
        new(SchemaErrorCodes.WrongAttributeType, $"Attribute '{attribute}' must be {expected}, but found {found}.", at);

    public static SchemaError InvalidName(SourceSpan at, string what, string name) =>
        new(SchemaErrorCodes.InvalidName, $"Invalid {what} '{name}': names start with a letter or '_' followed by letters, digits or '_' ([A-Za-z_][A-Za-z0-9_]*).", at);

    public static SchemaError InvalidNamespace(SourceSpan at, string @namespace) =>
        new(SchemaErrorCodes.InvalidName, $"Invalid namespace '{@namespace}': a namespace is names separated by dots, each [A-Za-z_][A-Za-z0-9_]*.", at);

    public static SchemaError ReservedTypeName(SourceSpan at, string name) =>
        new(SchemaErrorCodes.ReservedTypeName, $"'{name}' is a primitive type name and cannot be used as the name of a record, enum or fixed type.", at);

    public static SchemaError UnknownType(SourceSpan at, string name, string? hint) =>
        new(SchemaErrorCodes.UnknownType, $"Unknown type '{name}'" + (hint is null ? "." : "; " + hint), at);

    public static SchemaError TypeUsedBeforeDefinition(SourceSpan at, string fullName, SourceSpan definition) =>
        new(SchemaErrorCodes.TypeUsedBeforeDefinition,
            $"Type '{fullName}' is used before its definition at ({definition.StartLine},{definition.StartColumn}); in one file a named type must be defined before it is referenced.", at);

    public static SchemaError DuplicateType(SourceSpan at, string fullName, SourceSpan? first) =>
        new(SchemaErrorCodes.DuplicateType,
            $"Type '{fullName}' is already defined" + (first is null ? "." : $" at {first}."), at);

    public static SchemaError DuplicateFieldName(SourceSpan at, string record, string field) =>
        new(SchemaErrorCodes.DuplicateFieldName, $"Record '{record}' already has a field named '{field}'.", at);

    public static SchemaError InvalidFieldOrder(SourceSpan at, string order) =>
        new(SchemaErrorCodes.InvalidFieldOrder, $"Invalid field order '{order}': expected 'ascending', 'descending' or 'ignore'.", at);

    public static SchemaError InvalidDefault(SourceSpan at, string field, string reason) =>
        new(SchemaErrorCodes.InvalidDefault, $"Invalid default for field '{field}': {reason}.", at);

    public static SchemaError DuplicateEnumSymbol(SourceSpan at, string @enum, string symbol) =>
        new(SchemaErrorCodes.DuplicateEnumSymbol, $"Enum '{@enum}' lists the symbol '{symbol}' more than once.", at);

    public static SchemaError InvalidEnumDefault(SourceSpan at, string @enum, string symbol) =>
        new(SchemaErrorCodes.InvalidEnumDefault, $"The default '{symbol}' of enum '{@enum}' is not one of its symbols.", at);

    public static SchemaError InvalidFixedSize(SourceSpan at, string text) =>
        new(SchemaErrorCodes.InvalidFixedSize, $"Invalid fixed size {text}: the size must be an integer from 0 to 2147483647.", at);

    public static SchemaError NestedUnion(SourceSpan at) =>
        new(SchemaErrorCodes.NestedUnion, "A union may not directly contain another union.", at);

    public static SchemaError DuplicateUnionBranch(SourceSpan at, string type) =>
        new(SchemaErrorCodes.DuplicateUnionBranch, $"The union already has a branch of type '{type}'.", at);

    public static SchemaError UnreadableFile(SourceSpan at, string path, string reason) =>
        new(SchemaErrorCodes.UnreadableFile, $"Cannot read '{path}': {reason}", at);

    public static SchemaError IdlSyntax(SourceSpan at, string expected, string found) =>
        new(SchemaErrorCodes.IdlSyntax, $"Syntax error: expected {expected}, but found {found}.", at);

    public static SchemaError IdlInvalidToken(SourceSpan at, string detail) =>
        new(SchemaErrorCodes.IdlInvalidToken, $"Invalid IDL text: {detail}.", at);

    public static SchemaError IdlImport(SourceSpan at, string location, string reason) =>
        new(SchemaErrorCodes.IdlImport, $"Cannot import '{location}': {reason}.", at);

    public static SchemaError IdlMisplaced(SourceSpan at, string detail) =>
        new(SchemaErrorCodes.IdlMisplaced, $"Misplaced declaration: {detail}.", at);

    public static SchemaError IdlAnnotation(SourceSpan at, string detail) =>
        new(SchemaErrorCodes.IdlAnnotation, $"Invalid annotation: {detail}.", at);

    public static SchemaError IdlInvalidType(SourceSpan at, string detail) =>
        new(SchemaErrorCodes.IdlInvalidType, $"Invalid type: {detail}.", at);

    public static SchemaError IdlMessage(SourceSpan at, string detail) =>
        new(SchemaErrorCodes.IdlMessage, $"Invalid message: {detail}.", at);

    public static SchemaError IdlTooDeep(SourceSpan at, int max) =>
        new(SchemaErrorCodes.IdlTooDeep, $"Types or annotation values nested deeper than {max} levels.", at);

    public static SchemaError IdlNoMainSchema(SourceSpan at) =>
        new(SchemaErrorCodes.IdlNoMainSchema, "The IDL file declares no main schema: add 'schema <type>;' after the namespace declaration.", at);
}

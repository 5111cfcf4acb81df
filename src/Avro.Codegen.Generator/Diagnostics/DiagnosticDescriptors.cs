using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Avro.Codegen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Schema errors keep the schema core's own codes (<c>AVRO0nn</c>, one source
/// of truth: the catalog in <c>SchemaErrorCodes</c>, explained in <c>docs/diagnostics.md</c>); <c>AVRO1xx</c> are C# mapping
/// problems and <c>AVRO2xx</c> options, explained in <c>docs/generator-diagnostics.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string SchemaCategory = "Avro.Schema";
    private const string CodegenCategory = "Avro.Codegen";
    private const string SchemaHelpLink = "https://github.com/avro-codegen/avro-codegen/blob/main/docs/diagnostics.md";
    private const string HelpLink = "https://github.com/avro-codegen/avro-codegen/blob/main/docs/generator-diagnostics.md";
    private const string HistoryHelpLink = "https://github.com/avro-codegen/avro-codegen/blob/main/docs/evolution.md";

    private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> SchemaDescriptors = new();

    /// <summary>AVRO100: a bug; the message says which stage failed and how.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        "AVRO100", "Avro generator internal error", "The Avro generator failed unexpectedly while {0}: {1}", CodegenCategory, DiagnosticSeverity.Error, true,
        helpLinkUri: HelpLink);

    /// <summary>AVRO101: a named type may be defined once per project.</summary>
    public static readonly DiagnosticDescriptor DuplicateFullName = new(
        "AVRO101", "Avro named type defined twice", "'{0}' is defined in '{1}' and again in '{2}'; the first definition is used", CodegenCategory,
        DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO102: two Avro names map to one C# name.</summary>
    public static readonly DiagnosticDescriptor CSharpNameCollision = new(
        "AVRO102", "Avro names collide in C#", "The C# name of '{0}' collides with another generated type; it is generated as '{1}'", CodegenCategory,
        DiagnosticSeverity.Warning, true, helpLinkUri: HelpLink);

    /// <summary>AVRO103: a default C# cannot hold (e.g. a timestamp out of range); the property is required instead.</summary>
    public static readonly DiagnosticDescriptor UnrepresentableDefault = new(
        "AVRO103", "Avro default not representable", "The default of field '{0}' in '{1}' cannot be represented in C#; the property is required instead",
        CodegenCategory, DiagnosticSeverity.Warning, true, helpLinkUri: HelpLink);

    /// <summary>AVRO104: a full name, field name or symbol too long for C#: {0} what, {1} the name, {2} its length, {3} the limit.</summary>
    public static readonly DiagnosticDescriptor NameTooLong = new(
        "AVRO104", "Avro name too long for generated code",
        "The {0} '{1}' has {2} characters; the generator accepts at most {3} (it names generated files, types and members)", CodegenCategory,
        DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO105: a doc, default or type text too large: {0} what, {1} its length, {2} the limit and why.</summary>
    public static readonly DiagnosticDescriptor TextTooLarge = new(
        "AVRO105", "Avro schema text too large for generated code", "{0} has {1} characters; the generator accepts at most {2}", CodegenCategory,
        DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO120: the current type cannot read a version of its history.</summary>
    public static readonly DiagnosticDescriptor IncompatibleHistory = new(
        "AVRO120", "Current schema cannot read an earlier version",
        "The current schema of '{0}' cannot read data written with its earlier version '{1}': {2}", CodegenCategory, DiagnosticSeverity.Error, true,
        helpLinkUri: HistoryHelpLink);

    /// <summary>AVRO121: a history file names no current type.</summary>
    public static readonly DiagnosticDescriptor OrphanHistory = new(
        "AVRO121", "Earlier schema version without current type",
        "The earlier schema version '{0}' of '{1}' has no current record of that name (or with that alias) in this project; it is ignored", CodegenCategory,
        DiagnosticSeverity.Warning, true, helpLinkUri: HistoryHelpLink);

    /// <summary>AVRO122: a history file is not a valid schema of a named record.</summary>
    public static readonly DiagnosticDescriptor InvalidHistory = new(
        "AVRO122", "Invalid earlier schema version", "The earlier schema version '{0}' cannot be used: {1}", CodegenCategory, DiagnosticSeverity.Error, true,
        helpLinkUri: HistoryHelpLink);

    /// <summary>AVRO200: a malformed option value, ignored: {0} the option and value, {1} what was expected.</summary>
    public static readonly DiagnosticDescriptor InvalidOption = new(
        "AVRO200", "Invalid Avro.Codegen option", "Ignoring {0}: {1}", CodegenCategory, DiagnosticSeverity.Warning, true, helpLinkUri: HelpLink);

    /// <summary>
    /// The descriptor of a schema-core error code. Its message is the schema core's, already worded (the same text the
    /// build gate and the CLI print), so the format is the message itself.
    /// </summary>
    public static DiagnosticDescriptor Schema(string code) => SchemaDescriptors.GetOrAdd(code, CreateSchemaDescriptor);

#pragma warning disable RS1017 // The ids come from the schema core's catalog (SchemaErrorCodes), the single source of truth.
    private static DiagnosticDescriptor CreateSchemaDescriptor(string id) => new(
        id, "Invalid Avro schema", "{0}", SchemaCategory, DiagnosticSeverity.Error, true, helpLinkUri: SchemaHelpLink);
#pragma warning restore RS1017
}

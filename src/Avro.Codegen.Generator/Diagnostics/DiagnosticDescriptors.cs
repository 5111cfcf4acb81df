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

    private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> SchemaDescriptors = new();

    /// <summary>AVRO100: "The Avro generator failed unexpectedly: {0}". A bug; the message says where.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        "AVRO100", "Avro generator internal error", "{0}", CodegenCategory, DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO101: "'{0}' is defined in more than one file ...": a named type may be defined once per project.</summary>
    public static readonly DiagnosticDescriptor DuplicateFullName = new(
        "AVRO101", "Avro named type defined twice", "{0}", CodegenCategory, DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO102: "The C# name of '{0}' collides with ...; generated as '{1}'": two Avro names map to one C# name.</summary>
    public static readonly DiagnosticDescriptor CSharpNameCollision = new(
        "AVRO102", "Avro names collide in C#", "{0}", CodegenCategory, DiagnosticSeverity.Warning, true, helpLinkUri: HelpLink);

    /// <summary>AVRO103: "The default of field ... cannot be represented in C#; the field is required": e.g. a timestamp out of range.</summary>
    public static readonly DiagnosticDescriptor UnrepresentableDefault = new(
        "AVRO103", "Avro default not representable", "{0}", CodegenCategory, DiagnosticSeverity.Warning, true, helpLinkUri: HelpLink);

    /// <summary>AVRO104: "The name '...' has N characters; the generator accepts at most 240": a full name, field name or symbol too long for C#.</summary>
    public static readonly DiagnosticDescriptor NameTooLong = new(
        "AVRO104", "Avro name too long for generated code", "{0}", CodegenCategory, DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO105: "The doc of ... has N characters; the generator accepts at most 65536": a doc, default or type text too large.</summary>
    public static readonly DiagnosticDescriptor TextTooLarge = new(
        "AVRO105", "Avro schema text too large for generated code", "{0}", CodegenCategory, DiagnosticSeverity.Error, true, helpLinkUri: HelpLink);

    /// <summary>AVRO200: "Ignoring ... in AvroCodegen_NamespaceMap": a malformed option value.</summary>
    public static readonly DiagnosticDescriptor InvalidOption = new(
        "AVRO200", "Invalid Avro.Codegen option", "{0}", CodegenCategory, DiagnosticSeverity.Warning, true, helpLinkUri: HelpLink);

    /// <summary>The descriptor for <paramref name="id"/>: one of the fixed ones, or a schema-core error code.</summary>
    public static DiagnosticDescriptor Get(string id) => id switch
    {
        "AVRO100" => InternalError,
        "AVRO101" => DuplicateFullName,
        "AVRO102" => CSharpNameCollision,
        "AVRO103" => UnrepresentableDefault,
        "AVRO104" => NameTooLong,
        "AVRO105" => TextTooLarge,
        "AVRO200" => InvalidOption,
        _ => SchemaDescriptors.GetOrAdd(id, CreateSchemaDescriptor),
    };

#pragma warning disable RS1017 // The ids come from the schema core's catalog (SchemaErrorCodes), the single source of truth.
    private static DiagnosticDescriptor CreateSchemaDescriptor(string id) => new(
        id, "Invalid Avro schema", "{0}", SchemaCategory, DiagnosticSeverity.Error, true, helpLinkUri: SchemaHelpLink);
#pragma warning restore RS1017
}

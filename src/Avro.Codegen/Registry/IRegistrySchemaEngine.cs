namespace Avro.Codegen.Registry;

/// <summary>
/// What the registry needs to know about a schema language: how to parse and canonicalize text, and how to decide
/// whether one schema can read data written with another. The registry's own rules (ids, versions, levels, deletes)
/// never look inside a schema; they go through this seam, so the in-memory registry and its tests do not depend on
/// the details of the Avro checker.
/// </summary>
internal interface IRegistrySchemaEngine
{
    /// <summary>
    /// Parses <paramref name="text"/> of type <paramref name="schemaType"/>. <paramref name="references"/> are the
    /// already parsed schemas the text refers to (with their own references resolved), keyed by reference name.
    /// Returns <see langword="null"/> with an error message when the text is not a valid schema.
    /// </summary>
    ParsedRegistrySchema? Parse(string schemaType, string text, IReadOnlyList<KeyValuePair<string, ParsedRegistrySchema>> references,
        bool normalize, out string? error);

    /// <summary>Every reason <paramref name="reader"/> cannot read what <paramref name="writer"/> wrote; empty when it can.</summary>
    IReadOnlyList<RegistryIncompatibility> CheckReaderWriter(ParsedRegistrySchema reader, ParsedRegistrySchema writer);
}

/// <summary>A parsed schema: its canonical text (the registry's identity of a schema) and the engine's model of it.</summary>
internal sealed class ParsedRegistrySchema(string schemaType, string canonicalText, object model)
{
    /// <summary>AVRO, JSON or PROTOBUF.</summary>
    public string SchemaType { get; } = schemaType;

    /// <summary>The text the registry stores and compares: equal schemas have equal canonical text.</summary>
    public string CanonicalText { get; } = canonicalText;

    /// <summary>The engine's parsed form.</summary>
    public object Model { get; } = model;
}

/// <summary>One reader/writer incompatibility, in the terms of Avro's <c>SchemaCompatibility</c>.</summary>
/// <param name="ErrorType">Upper snake case: <c>READER_FIELD_MISSING_DEFAULT_VALUE</c>, <c>TYPE_MISMATCH</c>, ...</param>
/// <param name="Location">JSON-pointer-like path in the reader schema (<c>/fields/1</c>).</param>
/// <param name="Message">The checker's detail (a field name, a missing symbol set, a type pair).</param>
internal readonly record struct RegistryIncompatibility(string ErrorType, string Location, string Message);

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Avro.Codegen.Generator.Diagnostics;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// What generated code can hold. Valid Avro may exceed it; such a file gets a diagnostic at the schema instead of
/// compiler errors inside generated files (or a compiler that fails without saying why).
/// </summary>
internal static class GeneratorLimits
{
    /// <summary>
    /// The longest full name, field name or enum symbol. A full name names the generated file (<c>{name}.g.cs</c>, within
    /// the 255-byte file names of common file systems) and appears in member names the compiler stores in metadata,
    /// which allows 1,024 bytes; field names and symbols become C# identifiers (at most 512 characters) with affixes.
    /// </summary>
    public const int MaxNameLength = 240;

    /// <summary>
    /// The longest <c>doc</c>, and the longest default as JSON text. Both are stored as string literals, and all string
    /// literals of an assembly share a 16 MB heap (the compiler fails with CS8103 beyond it).
    /// </summary>
    public const int MaxTextLength = 65_536;

    /// <summary>The longest JSON of one named type's own definition (its part of the schema table).</summary>
    public const int MaxTypeTextLength = 1_000_000;

    public static List<DiagnosticInfo> Check(IReadOnlyList<NamedSchema> types)
    {
        var problems = new List<DiagnosticInfo>();
        foreach (var type in types)
        {
            Name(problems, "full name", type.FullName, type.Span);
            Text(problems, $"The doc of '{Short(type.FullName)}'", type.Doc?.Length, type.Span);
            switch (type)
            {
                case RecordSchema record:
                    foreach (var field in record.Fields)
                    {
                        Name(problems, $"field name in '{Short(type.FullName)}'", field.Name, field.Span);
                        Text(problems, $"The doc of field '{Short(field.Name)}'", field.Doc?.Length, field.Span);
                        if (field.Default is { } value && TextMayExceed(value.Span))
                        {
                            Text(problems, $"The default of field '{Short(field.Name)}'", value.ToJson().Length, value.Span ?? field.Span);
                        }
                    }

                    break;
                case EnumSchema @enum:
                    foreach (var symbol in @enum.Symbols)
                    {
                        Name(problems, $"symbol of '{Short(type.FullName)}'", symbol, type.Span);
                    }

                    break;
            }

            if (problems.Count == 0 && TemplateMayExceed(type))
            {
                var template = SchemaTemplate.Create(type);
                var length = template.JsonParts.Sum(p => p.Length) + template.CanonicalParts.Sum(p => p.Length);
                if (length > MaxTypeTextLength)
                {
                    problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TextTooLarge, LocationInfo.From(type.Span),
                        $"The schema text of '{Short(type.FullName)}' (docs, defaults, aliases and custom properties included)", N(length), N(MaxTypeTextLength) + " per named type"));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// False when the type's own text is certainly within <see cref="MaxTypeTextLength"/>, so the template (a JSON
    /// writer run per type, and the binding step runs on every edit) is only made for types that might exceed it. The
    /// bound holds for JSON sources: the written text takes each character of the definition at most as a 6-character
    /// escape, and adds at most the namespace to the type's name and to each alias; JSON and canonical text both count.
    /// IDL is terser than the JSON it stands for, so IDL types are always measured.
    /// </summary>
    private static bool TemplateMayExceed(NamedSchema type)
    {
        if (type.Span is not { } span || !IsJson(span.File))
        {
            return true;
        }

        var added = (1L + type.Aliases.Count) * (type.FullName.Length + 32);
        return 2 * ((6L * span.Length) + added) > MaxTypeTextLength;
    }

    /// <summary>
    /// False when a JSON value's text is certainly within <see cref="MaxTextLength"/> as written (each character at
    /// most a 6-character escape), so the binding step does not write every default to measure it.
    /// </summary>
    private static bool TextMayExceed(SourceSpan? span) => span is null || !IsJson(span.File) || 6L * span.Length > MaxTextLength;

    private static bool IsJson(string path) =>
        path.EndsWith(".avsc", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".avpr", System.StringComparison.OrdinalIgnoreCase);

    private static void Name(List<DiagnosticInfo> problems, string what, string name, SourceSpan? at)
    {
        if (name.Length > MaxNameLength)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameTooLong, LocationInfo.From(at),
                what, Short(name), N(name.Length), MaxNameLength.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void Text(List<DiagnosticInfo> problems, string what, int? length, SourceSpan? at)
    {
        if (length > MaxTextLength)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TextTooLarge, LocationInfo.From(at),
                what, N(length.Value), N(MaxTextLength) + " (generated code stores it as a string literal)"));
        }
    }

    private static string Short(string text) => text.Length <= 60 ? text : text.Substring(0, 40) + "...";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

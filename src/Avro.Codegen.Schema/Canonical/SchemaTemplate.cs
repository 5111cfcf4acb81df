using System.Collections.Generic;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// One named type's full JSON (<see cref="SchemaJson"/>) and Parsing Canonical Form with every named type it refers to
/// left as a hole. A <see cref="SchemaTemplateSet"/> fills the holes from the templates of those types and so gives the
/// same self-contained texts as <see cref="SchemaJson.ToJson(AvroSchema, bool)"/> and
/// <see cref="ParsingCanonicalForm.ToCanonicalJson"/>, while each type's own text is kept once. Generated code stores
/// templates, so its size grows with the number of types, not with the square of a cycle of references.
/// </summary>
public sealed class SchemaTemplate
{
    /// <summary>Creates a template from its parts (as <see cref="Create"/> made them).</summary>
    /// <param name="fullName">The type's full name.</param>
    /// <param name="jsonHead">The start of its JSON definition, up to and including its <c>name</c>.</param>
    /// <param name="jsonParts">The rest of the JSON definition, cut at each hole (one more part than holes).</param>
    /// <param name="canonicalParts">The canonical definition, cut at the same holes.</param>
    /// <param name="holes">The full names of the types referred to, in text order.</param>
    public SchemaTemplate(string fullName, string jsonHead, IReadOnlyList<string> jsonParts, IReadOnlyList<string> canonicalParts, IReadOnlyList<string> holes)
    {
        if (jsonParts.Count != holes.Count + 1 || canonicalParts.Count != holes.Count + 1)
        {
            throw new System.ArgumentException("A template has one more text part than holes.", nameof(holes));
        }

        FullName = fullName;
        AvroNames.Split(fullName, out var ns, out var name);
        Namespace = string.IsNullOrEmpty(ns) ? null : ns;
        Name = name;
        JsonHead = jsonHead;
        JsonParts = jsonParts;
        CanonicalParts = canonicalParts;
        Holes = holes;
    }

    /// <summary>The full name.</summary>
    public string FullName { get; }

    /// <summary>The namespace, or <see langword="null"/>.</summary>
    public string? Namespace { get; }

    /// <summary>The simple name.</summary>
    public string Name { get; }

    /// <summary>The start of the JSON definition: <c>{"type":"record","name":"User"</c>.</summary>
    public string JsonHead { get; }

    /// <summary>The rest of the JSON definition, cut at each hole.</summary>
    public IReadOnlyList<string> JsonParts { get; }

    /// <summary>The canonical definition, cut at each hole.</summary>
    public IReadOnlyList<string> CanonicalParts { get; }

    /// <summary>The full names of the named types the definition refers to, in text order (repeats kept).</summary>
    public IReadOnlyList<string> Holes { get; }

    /// <summary>Cuts the template of <paramref name="schema"/>.</summary>
    public static SchemaTemplate Create(NamedSchema schema)
    {
        // The JSON is written in the type's own namespace, so it carries no namespace attribute: whether it needs one
        // depends on where the definition lands, which only the assembly knows.
        var jsonHoles = new List<string>();
        var json = Split(SchemaJson.ToTemplateJson(schema), jsonHoles);
        var canonicalHoles = new List<string>();
        var canonical = Split(ParsingCanonicalForm.ToTemplateJson(schema), canonicalHoles);
        var head = new StringBuilder("{\"type\":");
        JsonValue.WriteString(head, schema is RecordSchema { IsError: true } ? "error" : schema.Kind.ToString().ToLowerInvariant());
        head.Append(",\"name\":");
        JsonValue.WriteString(head, schema.Name);
        var jsonHead = head.ToString();
        if (!json[0].StartsWith(jsonHead, System.StringComparison.Ordinal) || !Same(jsonHoles, canonicalHoles))
        {
            throw new System.InvalidOperationException("The JSON and canonical walks of '" + schema.FullName + "' disagree.");
        }

        json[0] = json[0].Substring(jsonHead.Length);
        return new SchemaTemplate(schema.FullName, jsonHead, json, canonical, jsonHoles);
    }

    /// <summary>The mark written in place of a named type in template text; JSON text never holds a raw U+0001.</summary>
    internal const char Mark = '\u0001';

    private static List<string> Split(string text, List<string> holes)
    {
        var pieces = text.Split(Mark);
        var parts = new List<string>(pieces.Length / 2 + 1);
        for (var i = 0; i < pieces.Length; i++)
        {
            (i % 2 == 0 ? parts : holes).Add(pieces[i]);
        }

        return parts;
    }

    private static bool Same(List<string> a, List<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Templates by full name; assembles the self-contained JSON and canonical texts of any of them, defining each named
/// type at its first occurrence as <see cref="SchemaJson"/> and <see cref="ParsingCanonicalForm"/> do. The assembly
/// keeps its own stack, so a chain of references of any length is safe.
/// </summary>
public sealed class SchemaTemplateSet
{
    private readonly Dictionary<string, SchemaTemplate> _templates = new(System.StringComparer.Ordinal);

    /// <summary>Creates a set; a later template with the full name of an earlier one replaces it.</summary>
    public SchemaTemplateSet(IEnumerable<SchemaTemplate> templates)
    {
        foreach (var template in templates)
        {
            _templates[template.FullName] = template;
        }
    }

    /// <summary>The self-contained full JSON of <paramref name="fullName"/> (what <see cref="SchemaJson.ToJson(AvroSchema, bool)"/> gives).</summary>
    public string ToJson(string fullName) => Assemble(fullName, canonical: false, null, null);

    /// <summary>The Parsing Canonical Form of <paramref name="fullName"/>.</summary>
    public string ToCanonicalJson(string fullName) => Assemble(fullName, canonical: true, null, null);

    /// <summary>
    /// The full JSON of <paramref name="fullName"/> with each named type for which <paramref name="isDefinedElsewhere"/>
    /// is true written by name only, not defined (as a schema registry stores a schema whose references define those
    /// types). The names so written are added to <paramref name="namedOnly"/>, each once, in text order.
    /// </summary>
    public string ToJson(string fullName, System.Func<string, bool> isDefinedElsewhere, List<string> namedOnly) =>
        Assemble(fullName, canonical: false, isDefinedElsewhere, namedOnly);

    /// <summary>True when the set has a template for <paramref name="fullName"/>.</summary>
    public bool Contains(string fullName) => _templates.ContainsKey(fullName);

    private SchemaTemplate Get(string fullName) =>
        _templates.TryGetValue(fullName, out var template)
            ? template
            : throw new KeyNotFoundException("No schema template for '" + fullName + "'.");

    private string Assemble(string fullName, bool canonical, System.Func<string, bool>? isDefinedElsewhere, List<string>? namedOnly)
    {
        var o = new StringBuilder();
        var defined = new HashSet<string>(System.StringComparer.Ordinal);

        // A frame (template, i) fills hole i of the template, then writes the part after it.
        var frames = new Stack<(SchemaTemplate Template, int Hole, bool PartDue)>();
        Define(Get(fullName), null);
        while (frames.Count > 0)
        {
            var (template, hole, partDue) = frames.Pop();
            var parts = canonical ? template.CanonicalParts : template.JsonParts;
            if (partDue)
            {
                o.Append(parts[hole + 1]);
                frames.Push((template, hole + 1, false));
                continue;
            }

            if (hole == template.Holes.Count)
            {
                continue;
            }

            frames.Push((template, hole, true));
            var target = Get(template.Holes[hole]);
            if (isDefinedElsewhere is not null && !defined.Contains(target.FullName) && isDefinedElsewhere(target.FullName))
            {
                // Written by name and counted as defined from here on, exactly as if an earlier definition existed.
                defined.Add(target.FullName);
                namedOnly!.Add(target.FullName);
            }

            if (defined.Contains(target.FullName))
            {
                o.Append('"').Append(canonical || target.Namespace != template.Namespace ? target.FullName : target.Name).Append('"');
            }
            else
            {
                Define(target, template.Namespace);
            }
        }

        return o.ToString();

        void Define(SchemaTemplate template, string? enclosing)
        {
            defined.Add(template.FullName);
            if (!canonical)
            {
                o.Append(template.JsonHead);
                if (template.Namespace != enclosing)
                {
                    o.Append(",\"namespace\":");
                    JsonValue.WriteString(o, template.Namespace ?? string.Empty);
                }
            }

            o.Append(canonical ? template.CanonicalParts[0] : template.JsonParts[0]);
            frames.Push((template, 0, false));
        }
    }
}

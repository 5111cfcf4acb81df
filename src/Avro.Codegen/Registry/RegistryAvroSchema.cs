using Avro.Codegen.Schema;

namespace Avro.Codegen.Registry;

/// <summary>
/// A schema as the in-memory registry holds it: the schema core's model, and the text the registry stores and compares
/// schemas by (equal schemas have equal text). Parsing resolves references as already-known named types.
/// </summary>
internal sealed class RegistryAvroSchema
{
    private RegistryAvroSchema(AvroSchema schema, string canonicalText)
    {
        Schema = schema;
        CanonicalText = canonicalText;
    }

    /// <summary>The parsed schema.</summary>
    public AvroSchema Schema { get; }

    /// <summary>
    /// The text the registry stores and returns: compact JSON in the shape of Java's <c>Schema.toString()</c> (what
    /// Confluent stores), keeping doc, defaults, aliases, logical types and custom properties, with types defined by
    /// references written by name only; normalized on request (<see cref="SchemaJsonOptions.Normalize"/>).
    /// </summary>
    public string CanonicalText { get; }

    /// <summary>
    /// Parses <paramref name="text"/>, whose references (already parsed, their own references resolved) define named
    /// types it may use by name. Returns <see langword="null"/> with the parser's errors when the text is not a schema.
    /// </summary>
    public static RegistryAvroSchema? Parse(string text, IEnumerable<RegistryAvroSchema> references, bool normalize, out string? error)
    {
        var known = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
        var seen = new HashSet<AvroSchema>();
        foreach (var reference in references)
        {
            foreach (var named in reference.Schema.Reachable(seen).OfType<NamedSchema>())
            {
                known.TryAdd(named.FullName, named);
            }
        }

        var result = SchemaParser.Parse(text, "schema.avsc", known.Values);
        if (!result.Success || result.Schema is null)
        {
            error = string.Join("; ", result.Errors.Select(e => $"{e.Message} (line {e.Line}, column {e.Column})"));
            return null;
        }

        error = null;
        // What Confluent stores: Java's Schema.toString() shape, referenced types by name only.
        var stored = SchemaJson.ToJson(result.Schema, new SchemaJsonOptions { Normalize = normalize, KnownNames = known.Keys });
        return new RegistryAvroSchema(result.Schema, stored);
    }
}

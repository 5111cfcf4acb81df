using System.Text;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

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

    /// <summary>The text the registry stores and returns (Java's <c>Schema.toString()</c> shape; see <see cref="RegistrySchemaText"/>).</summary>
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
        return new RegistryAvroSchema(result.Schema, RegistrySchemaText.Write(result.Schema, known.Keys, normalize));
    }
}

/// <summary>
/// The text the registry stores for an Avro schema and compares schemas by: compact JSON in the shape of Java's
/// <c>Schema.toString()</c> (what Confluent stores), keeping doc, defaults, aliases, logical types and custom
/// properties. Types defined by references are written by name only, as Confluent does. With <c>normalize</c> the
/// form is independent of how the author spelled names and ordered properties: every name is written in full
/// without <c>namespace</c>, aliases and custom properties are sorted.
/// </summary>
internal static class RegistrySchemaText
{
    public static string Write(AvroSchema schema, IEnumerable<string> knownNames, bool normalize)
    {
        var builder = new StringBuilder();
        var written = new HashSet<string>(knownNames, StringComparer.Ordinal);
        new Writer(builder, written, normalize).Write(schema, null);
        return builder.ToString();
    }

    private sealed class Writer(StringBuilder b, HashSet<string> written, bool normalize)
    {
        public void Write(AvroSchema schema, string? space)
        {
            switch (schema)
            {
                case PrimitiveSchema primitive:
                    if (primitive.LogicalType is null && primitive.Properties.Count == 0)
                    {
                        JsonValue.WriteString(b, primitive.TypeName);
                        return;
                    }

                    b.Append("{\"type\":");
                    JsonValue.WriteString(b, primitive.TypeName);
                    WriteLogicalAndProperties(primitive);
                    b.Append('}');
                    return;
                case NamedSchema named when !written.Add(named.FullName):
                    JsonValue.WriteString(b, Reference(named.Namespace, named.Name, space));
                    return;
                case RecordSchema record:
                    b.Append(record.IsError ? "{\"type\":\"error\"" : "{\"type\":\"record\"");
                    WriteName(record, space);
                    WriteDoc(record.Doc);
                    b.Append(",\"fields\":[");
                    for (var i = 0; i < record.Fields.Count; i++)
                    {
                        if (i > 0)
                        {
                            b.Append(',');
                        }

                        WriteField(record.Fields[i], record.Namespace);
                    }

                    b.Append(']');
                    WriteLogicalAndProperties(record);
                    WriteAliases(record);
                    b.Append('}');
                    return;
                case EnumSchema enumSchema:
                    b.Append("{\"type\":\"enum\"");
                    WriteName(enumSchema, space);
                    WriteDoc(enumSchema.Doc);
                    b.Append(",\"symbols\":[");
                    for (var i = 0; i < enumSchema.Symbols.Count; i++)
                    {
                        if (i > 0)
                        {
                            b.Append(',');
                        }

                        JsonValue.WriteString(b, enumSchema.Symbols[i]);
                    }

                    b.Append(']');
                    if (enumSchema.Default is { } defaultSymbol)
                    {
                        b.Append(",\"default\":");
                        JsonValue.WriteString(b, defaultSymbol);
                    }

                    WriteLogicalAndProperties(enumSchema);
                    WriteAliases(enumSchema);
                    b.Append('}');
                    return;
                case FixedSchema fixedSchema:
                    b.Append("{\"type\":\"fixed\"");
                    WriteName(fixedSchema, space);
                    WriteDoc(fixedSchema.Doc);
                    b.Append(",\"size\":").Append(fixedSchema.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    WriteLogicalAndProperties(fixedSchema);
                    WriteAliases(fixedSchema);
                    b.Append('}');
                    return;
                case ArraySchema array:
                    b.Append("{\"type\":\"array\",\"items\":");
                    Write(array.Items, space);
                    WriteLogicalAndProperties(array);
                    b.Append('}');
                    return;
                case MapSchema map:
                    b.Append("{\"type\":\"map\",\"values\":");
                    Write(map.Values, space);
                    WriteLogicalAndProperties(map);
                    b.Append('}');
                    return;
                case UnionSchema union:
                    b.Append('[');
                    for (var i = 0; i < union.Branches.Count; i++)
                    {
                        if (i > 0)
                        {
                            b.Append(',');
                        }

                        Write(union.Branches[i], space);
                    }

                    b.Append(']');
                    return;
                default:
                    throw new InvalidOperationException("Unknown schema kind " + schema.Kind);
            }
        }

        private string Reference(string? ns, string name, string? space) =>
            normalize || ns != space ? (ns is null ? name : ns + "." + name) : name;

        private void WriteName(NamedSchema named, string? space)
        {
            b.Append(",\"name\":");
            if (normalize)
            {
                JsonValue.WriteString(b, named.FullName);
                return;
            }

            JsonValue.WriteString(b, named.Name);
            if (named.Namespace != space)
            {
                // Java writes an empty namespace to leave an enclosing one.
                b.Append(",\"namespace\":");
                JsonValue.WriteString(b, named.Namespace ?? "");
            }
        }

        private void WriteDoc(string? doc)
        {
            if (doc is not null)
            {
                b.Append(",\"doc\":");
                JsonValue.WriteString(b, doc);
            }
        }

        private void WriteField(RecordField field, string? space)
        {
            b.Append("{\"name\":");
            JsonValue.WriteString(b, field.Name);
            b.Append(",\"type\":");
            Write(field.Type, space);
            WriteDoc(field.Doc);
            if (field.Default is { } value)
            {
                b.Append(",\"default\":");
                value.WriteTo(b);
            }

            if (field.Order != FieldOrder.Ascending)
            {
                b.Append(",\"order\":").Append(field.Order == FieldOrder.Descending ? "\"descending\"" : "\"ignore\"");
            }

            WriteProperties(field.Properties);
            if (field.Aliases.Count > 0)
            {
                b.Append(",\"aliases\":");
                WriteStrings(normalize ? field.Aliases.Order(StringComparer.Ordinal) : field.Aliases);
            }

            b.Append('}');
        }

        private void WriteAliases(NamedSchema named)
        {
            if (named.Aliases.Count == 0)
            {
                return;
            }

            b.Append(",\"aliases\":");
            IEnumerable<string> aliases = named.Aliases.Select(alias =>
            {
                var dot = alias.LastIndexOf('.');
                var ns = dot < 0 ? null : alias[..dot];
                return Reference(ns, dot < 0 ? alias : alias[(dot + 1)..], named.Namespace);
            });
            WriteStrings(normalize ? aliases.Order(StringComparer.Ordinal) : aliases);
        }

        private void WriteLogicalAndProperties(AvroSchema schema)
        {
            if (schema.LogicalType is { } logical)
            {
                b.Append(",\"logicalType\":");
                JsonValue.WriteString(b, logical.Name);
                if (logical.Kind == LogicalTypeKind.Decimal)
                {
                    b.Append(",\"precision\":").Append(logical.Precision.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    b.Append(",\"scale\":").Append(logical.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            WriteProperties(schema.Properties);
        }

        private void WriteProperties(IReadOnlyList<JsonProperty> properties)
        {
            IEnumerable<JsonProperty> ordered = normalize ? properties.OrderBy(p => p.Name, StringComparer.Ordinal) : properties;
            foreach (var property in ordered)
            {
                b.Append(',');
                JsonValue.WriteString(b, property.Name);
                b.Append(':');
                property.Value.WriteTo(b);
            }
        }

        private void WriteStrings(IEnumerable<string> values)
        {
            b.Append('[');
            var first = true;
            foreach (var value in values)
            {
                if (!first)
                {
                    b.Append(',');
                }

                first = false;
                JsonValue.WriteString(b, value);
            }

            b.Append(']');
        }
    }
}

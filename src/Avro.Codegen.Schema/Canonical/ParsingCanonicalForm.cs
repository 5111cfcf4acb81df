using System.Collections.Generic;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// The specification's Parsing Canonical Form: the schema reduced to what matters for reading data.
/// [PRIMITIVES] primitives as bare names; [FULLNAMES] named types by full name; [STRIP] only <c>type</c>, <c>name</c>,
/// <c>fields</c>, <c>symbols</c>, <c>items</c>, <c>values</c> and <c>size</c> are kept (so no logical types, doc,
/// aliases, defaults or custom properties); [ORDER] in that order; [STRINGS]/[INTEGERS]/[WHITESPACE] minimal JSON.
/// A named type is written in full at its first occurrence and by its full name afterwards.
/// </summary>
/// <remarks>
/// An <c>error</c> is written with <c>"type":"record"</c>, as Java Avro's <c>SchemaNormalization</c> does: both read the
/// same way, and fingerprints must agree with the Java implementation that registries and producers use.
/// </remarks>
public static class ParsingCanonicalForm
{
    /// <summary>Returns the Parsing Canonical Form of <paramref name="schema"/>.</summary>
    /// <remarks>
    /// The walk keeps its own stack of what is still to be written (text, or a schema), so a chain of named types of
    /// any length (e.g. thousands of records, one per file, each referring to the next) cannot exhaust the thread's stack.
    /// </remarks>
    public static string ToCanonicalJson(AvroSchema schema) => Write(schema, template: false);

    /// <summary>
    /// The canonical text of <paramref name="schema"/>'s own definition, with every named type it refers to (itself
    /// included) written as <see cref="SchemaTemplate.Mark"/> + full name + mark; see <see cref="SchemaTemplate"/>.
    /// </summary>
    internal static string ToTemplateJson(NamedSchema schema) => Write(schema, template: true);

    private static string Write(AvroSchema schema, bool template)
    {
        var o = new StringBuilder();
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<object>();
        pending.Push(schema);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case string text:
                    o.Append(text);
                    break;
                case AvroSchema next:
                    Write(next, o, written, pending, template);
                    break;
            }
        }

        return o.ToString();
    }

    /// <summary>Writes the start of <paramref name="schema"/> and pushes the rest, last part first.</summary>
    private static void Write(AvroSchema schema, StringBuilder o, HashSet<string> written, Stack<object> pending, bool template)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                o.Append('"').Append(primitive.TypeName).Append('"');
                return;
            case UnionSchema union:
                o.Append('[');
                pending.Push("]");
                for (var i = union.Branches.Count - 1; i >= 0; i--)
                {
                    pending.Push(union.Branches[i]);
                    if (i > 0)
                    {
                        pending.Push(",");
                    }
                }

                return;
            case ArraySchema array:
                o.Append("{\"type\":\"array\",\"items\":");
                pending.Push("}");
                pending.Push(array.Items);
                return;
            case MapSchema map:
                o.Append("{\"type\":\"map\",\"values\":");
                pending.Push("}");
                pending.Push(map.Values);
                return;
            case NamedSchema named:
                if (template && written.Count > 0)
                {
                    o.Append(SchemaTemplate.Mark).Append(named.FullName).Append(SchemaTemplate.Mark);
                    return;
                }

                if (!written.Add(named.FullName))
                {
                    JsonValue.WriteString(o, named.FullName);
                    return;
                }

                o.Append("{\"name\":");
                JsonValue.WriteString(o, named.FullName);
                switch (named)
                {
                    case RecordSchema record:
                        o.Append(",\"type\":\"record\",\"fields\":[");
                        pending.Push("]}");
                        for (var i = record.Fields.Count - 1; i >= 0; i--)
                        {
                            pending.Push("}");
                            pending.Push(record.Fields[i].Type);
                            var head = new StringBuilder(i > 0 ? "," : string.Empty).Append("{\"name\":");
                            JsonValue.WriteString(head, record.Fields[i].Name);
                            pending.Push(head.Append(",\"type\":").ToString());
                        }

                        return;
                    case EnumSchema @enum:
                        o.Append(",\"type\":\"enum\",\"symbols\":[");
                        for (var i = 0; i < @enum.Symbols.Count; i++)
                        {
                            if (i > 0)
                            {
                                o.Append(',');
                            }

                            JsonValue.WriteString(o, @enum.Symbols[i]);
                        }

                        o.Append(']');
                        break;
                    case FixedSchema @fixed:
                        o.Append(",\"type\":\"fixed\",\"size\":").Append(@fixed.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }

                o.Append('}');
                return;
        }
    }
}

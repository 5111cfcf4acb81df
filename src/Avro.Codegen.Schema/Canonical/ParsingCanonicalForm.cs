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
    public static string ToCanonicalJson(AvroSchema schema)
    {
        var builder = new StringBuilder();
        Write(schema, builder, new HashSet<string>(System.StringComparer.Ordinal));
        return builder.ToString();
    }

    private static void Write(AvroSchema schema, StringBuilder o, HashSet<string> written)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                o.Append('"').Append(primitive.TypeName).Append('"');
                return;
            case UnionSchema union:
                o.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        o.Append(',');
                    }

                    Write(union.Branches[i], o, written);
                }

                o.Append(']');
                return;
            case ArraySchema array:
                o.Append("{\"type\":\"array\",\"items\":");
                Write(array.Items, o, written);
                o.Append('}');
                return;
            case MapSchema map:
                o.Append("{\"type\":\"map\",\"values\":");
                Write(map.Values, o, written);
                o.Append('}');
                return;
            case NamedSchema named:
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
                        for (var i = 0; i < record.Fields.Count; i++)
                        {
                            if (i > 0)
                            {
                                o.Append(',');
                            }

                            o.Append("{\"name\":");
                            JsonValue.WriteString(o, record.Fields[i].Name);
                            o.Append(",\"type\":");
                            Write(record.Fields[i].Type, o, written);
                            o.Append('}');
                        }

                        o.Append(']');
                        break;
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

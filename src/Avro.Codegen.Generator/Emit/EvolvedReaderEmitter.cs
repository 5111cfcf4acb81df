using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Emit;

/// <summary>
/// A reader specialised at build time for one earlier version of a record's schema (a <c>history</c> file): it reads
/// the writer's fields in the writer's order straight into the current type, skipping writer-only fields with code made
/// for their schema (no generic walk), widening promoted numbers and converting between string and bytes inline, and
/// leaving reader-only fields to their default initializers. Data written with that version then reads at the speed of
/// data written with the current schema instead of going through the runtime's transcoding plan.
/// </summary>
/// <remarks>
/// Only pairs whose every matched field reads with the current codec are specialised: the same Parsing Canonical Form, a
/// primitive promotion, or a plain value into a nullable union of it. Anything else (an evolved nested record, an enum
/// with other symbols, changed union branches) keeps the runtime plan, which handles every compatible pair; the two
/// read the same values (tested over the evolution cases).
/// </remarks>
internal sealed class EvolvedReaderEmitter
{
    private readonly SourceWriter _w;
    private readonly CodecEmitter _codec;
    private int _temp;

    private EvolvedReaderEmitter(SourceWriter writer)
    {
        _w = writer;
        _codec = new CodecEmitter(writer);
    }

    /// <summary>
    /// The text of a <c>static</c> method <paramref name="methodName"/> that reads data written with
    /// <paramref name="writer"/> into the record <paramref name="spec"/> (of schema <paramref name="reader"/>), with its
    /// doc comment; <see langword="null"/> when the pair keeps the runtime plan.
    /// </summary>
    public static string? TryEmit(string methodName, RecordSpec spec, RecordSchema reader, RecordSchema writer, string summary)
    {
        var w = new SourceWriter();
        var emitter = new EvolvedReaderEmitter(w);
        w.Line("/// <summary>" + summary + "</summary>");
        w.Open($"internal static {spec.QualifiedName} {methodName}(ref global::Avro.Codegen.AvroReader reader)");
        if (!emitter.EmitBody(spec, reader, writer))
        {
            return null;
        }

        w.Close();
        return w.ToString();
    }

    private bool EmitBody(RecordSpec spec, RecordSchema reader, RecordSchema writer)
    {
        if (spec.Fields.Count != reader.Fields.Count)
        {
            return false;
        }

        if (spec.IsRecursive)
        {
            _w.Line("reader.EnterNested();");
        }

        var assigned = new List<FieldSpec>();
        foreach (var writerField in writer.Fields)
        {
            var index = ReaderFieldIndex(reader, writerField.Name);
            if (index < 0)
            {
                _w.Line($"// '{writerField.Name}' is not in the current schema: skipped.");
                if (!Skip(writerField.Type, new HashSet<string>(StringComparer.Ordinal)))
                {
                    return false;
                }

                continue;
            }

            var field = spec.Fields[index];
            if (!Read(field, reader.Fields[index].Type, writerField.Type))
            {
                return false;
            }

            assigned.Add(field);
        }

        if (spec.IsRecursive)
        {
            _w.Line("reader.ExitNested();");
        }

        // Reader-only fields keep their default initializers (the compatibility check guarantees they have defaults).
        _w.Line($"return new {spec.QualifiedName}");
        _w.Line("{");
        foreach (var field in spec.Fields.Where(assigned.Contains))
        {
            _w.Line($"    {field.PropertyName} = {field.LocalName},");
        }

        _w.Line("};");
        return true;
    }

    /// <summary>The reader field a writer field fills: by name, else by one of the reader field's aliases.</summary>
    private static int ReaderFieldIndex(RecordSchema reader, string writerName)
    {
        for (var i = 0; i < reader.Fields.Count; i++)
        {
            if (reader.Fields[i].Name == writerName)
            {
                return i;
            }
        }

        for (var i = 0; i < reader.Fields.Count; i++)
        {
            if (reader.Fields[i].Aliases.Contains(writerName))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Read(FieldSpec field, AvroSchema readerType, AvroSchema writerType)
    {
        if (Canonical(readerType) == Canonical(writerType))
        {
            _codec.ReadBinary(field.Type, field.LocalName, declare: true);
            return true;
        }

        if (field.Type.Kind == TypeRefKind.Nullable && writerType is not UnionSchema && readerType is UnionSchema union
            && union.Branches.FirstOrDefault(b => b.Kind != SchemaKind.Null) is { } branch && Canonical(branch) == Canonical(writerType))
        {
            _w.Line($"{field.Type.CSharpType} {field.LocalName};");
            _codec.ReadBinary(field.Type.Element!, field.LocalName, declare: false);
            return true;
        }

        if (Promotion(readerType, writerType) is { } expression)
        {
            _w.Line($"{field.Type.CSharpType} {field.LocalName} = {expression};");
            return true;
        }

        return false;
    }

    /// <summary>Avro's promotions of a plain writer primitive into a plain reader primitive, as C# expressions.</summary>
    private static string? Promotion(AvroSchema readerType, AvroSchema writerType)
    {
        if (readerType is not PrimitiveSchema { LogicalType: null } || writerType is not PrimitiveSchema { LogicalType: null })
        {
            return null;
        }

        return (writerType.Kind, readerType.Kind) switch
        {
            (SchemaKind.Int, SchemaKind.Long or SchemaKind.Float or SchemaKind.Double) => "reader.ReadInt()",
            (SchemaKind.Long, SchemaKind.Float or SchemaKind.Double) => "reader.ReadLong()",
            (SchemaKind.Float, SchemaKind.Double) => "reader.ReadFloat()",
            (SchemaKind.String, SchemaKind.Bytes) => "reader.ReadBytes()",
            (SchemaKind.Bytes, SchemaKind.String) => "reader.ReadString()",
            _ => null,
        };
    }

    /// <summary>Skips one value of <paramref name="schema"/>; false for a recursive type, which keeps the runtime plan.</summary>
    private bool Skip(AvroSchema schema, HashSet<string> enclosing)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                switch (primitive.Kind)
                {
                    case SchemaKind.Null:
                        return true;
                    case SchemaKind.Boolean:
                        _w.Line("reader.ReadBoolean();");
                        return true;
                    case SchemaKind.Int:
                    case SchemaKind.Long:
                        _w.Line("reader.ReadLong();");
                        return true;
                    case SchemaKind.Float:
                        _w.Line("reader.Advance(4);");
                        return true;
                    case SchemaKind.Double:
                        _w.Line("reader.Advance(8);");
                        return true;
                    default:
                        _w.Line("reader.ReadBytesSpan();");
                        return true;
                }

            case FixedSchema @fixed:
                _w.Line($"reader.Advance({I(@fixed.Size)});");
                return true;
            case EnumSchema @enum:
                _w.Line($"reader.ReadEnum({I(@enum.Symbols.Count)});");
                return true;
            case RecordSchema record:
                if (!enclosing.Add(record.FullName))
                {
                    return false;
                }

                foreach (var field in record.Fields)
                {
                    if (!Skip(field.Type, enclosing))
                    {
                        return false;
                    }
                }

                enclosing.Remove(record.FullName);
                return true;
            case ArraySchema array:
                return SkipBlocks(array.Items, key: false, enclosing);
            case MapSchema map:
                return SkipBlocks(map.Values, key: true, enclosing);
            case UnionSchema union:
            {
                var branch = Temp("branch");
                _w.Line($"int {branch} = reader.ReadUnionIndex({I(union.Branches.Count)});");
                var first = true;
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (union.Branches[i].Kind == SchemaKind.Null)
                    {
                        continue;
                    }

                    _w.Open($"{(first ? "if" : "else if")} ({branch} == {I(i)})");
                    first = false;
                    if (!Skip(union.Branches[i], enclosing))
                    {
                        return false;
                    }

                    _w.Close();
                }

                return true;
            }

            default:
                return false;
        }
    }

    private bool SkipBlocks(AvroSchema items, bool key, HashSet<string> enclosing)
    {
        var count = Temp("count");
        var index = Temp("i");
        _w.Open($"for (long {count} = reader.ReadBlockCount(); {count} != 0; {count} = reader.ReadBlockCount())");
        _w.Open($"for (long {index} = 0; {index} < {count}; {index}++)");
        if (key)
        {
            _w.Line("reader.ReadBytesSpan();");
        }

        if (!Skip(items, enclosing))
        {
            return false;
        }

        _w.Close();
        _w.Close();
        return true;
    }

    private string Temp(string stem) => "_skip" + char.ToUpperInvariant(stem[0]) + stem.Substring(1) + (++_temp).ToString(CultureInfo.InvariantCulture);

    private static string Canonical(AvroSchema schema) => ParsingCanonicalForm.ToCanonicalJson(schema);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

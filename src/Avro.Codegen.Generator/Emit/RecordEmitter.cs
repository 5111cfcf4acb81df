using Avro.Codegen.Generator.Model;
using static Avro.Codegen.Generator.Emit.TypeEmitter;

namespace Avro.Codegen.Generator.Emit;

/// <summary>A generated record: properties, construction, equality, the binary and JSON codecs (through <see cref="CodecEmitter"/>).</summary>
internal static class RecordEmitter
{
    public static void Emit(SourceWriter w, RecordSpec spec)
    {
        w.Doc(spec.Doc, $"The Avro record <c>{spec.FullName}</c>.");
        w.Line(GeneratedCode(spec));
        w.Open($"public sealed partial record {spec.Name} : global::Avro.Codegen.IAvroRecord<{spec.QualifiedName}>");
        EmitSchemaConstants(w, spec);
        foreach (var field in spec.Fields)
        {
            w.Line();
            w.Doc(field.Doc, $"The Avro field <c>{field.AvroName}</c>.");
            if (field.DefaultExpression is null)
            {
                w.Line($"public required {field.Type.CSharpType} {field.PropertyName} {{ get; init; }}");
            }
            else
            {
                w.Line($"public {field.Type.CSharpType} {field.PropertyName} {{ get; init; }} = {field.DefaultExpression};");
            }
        }

        EmitInterfaceStatics(w, spec);

        // Binary writer: the fields in schema order, nothing else (Avro spec: a record is its fields' encodings concatenated).
        w.Line();
        w.Line("/// <summary>Writes this record in the Avro binary encoding.</summary>");
        w.Open($"public void WriteAvro(ref {Writer} writer)");
        var codec = new CodecEmitter(w);
        codec.WriteBinaryFields(spec.Fields);
        w.Close();

        w.Line();
        w.Line("/// <summary>Reads a record written in the Avro binary encoding with this schema.</summary>");
        w.Open($"public static {spec.QualifiedName} ReadAvro(ref {Reader} reader)");
        codec = new CodecEmitter(w);
        if (spec.IsRecursive)
        {
            // A recursive schema lets forged input nest without end; the reader's depth limit turns that into an AvroDataException.
            w.Line("reader.EnterNested();");
        }

        foreach (var field in spec.Fields)
        {
            codec.ReadBinary(field.Type, field.LocalName, declare: true);
        }

        if (spec.IsRecursive)
        {
            w.Line("reader.ExitNested();");
        }

        EmitConstruction(w, spec);
        w.Close();

        w.Line();
        w.Line("/// <summary>Writes this record in the Avro JSON encoding.</summary>");
        w.Open($"public void WriteAvroJson({JsonWriter} writer)");
        codec = new CodecEmitter(w);
        w.Line("writer.WriteStartObject();");
        foreach (var field in spec.Fields)
        {
            w.Line($"writer.WritePropertyName({Naming.Literal(field.AvroName)}u8);");
            codec.WriteJson(field.Type, field.PropertyName);
        }

        w.Line("writer.WriteEndObject();");
        w.Close();

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads a record in the Avro JSON encoding. The reader is on the start of the object and ends on its end.");
        w.Line("/// Fields may come in any order; missing fields take their defaults; unknown fields are skipped.");
        w.Line("/// </summary>");
        w.Open($"public static {spec.QualifiedName} ReadAvroJson(ref {JsonReader} reader)");
        codec = new CodecEmitter(w);
        w.Line($"{Json}.Expect(ref reader, {CodecEmitter.JsonTokenType}.StartObject, {Naming.Literal(spec.FullName)});");
        foreach (var field in spec.Fields)
        {
            w.Line($"{field.Type.CSharpType} {field.LocalName} = default!;");
            w.Line($"bool {HasLocal(field)} = false;");
        }

        w.Open($"while ({Json}.ReadProperty(ref reader))");
        var first = true;
        foreach (var field in spec.Fields)
        {
            w.Open($"{(first ? "if" : "else if")} ({Json}.ValueIs(ref reader, {Naming.Literal(field.AvroName)}u8))");
            w.Line($"{Json}.ReadFieldValue(ref reader, ref {HasLocal(field)});");
            codec.ReadJson(field.Type, field.LocalName, declare: false);
            w.Close();
            first = false;
        }

        if (first)
        {
            w.Line($"{Json}.SkipProperty(ref reader);");
        }
        else
        {
            w.Open("else");
            w.Line($"{Json}.SkipProperty(ref reader);");
            w.Close();
        }

        w.Close();
        foreach (var field in spec.Fields)
        {
            w.Open($"if (!{HasLocal(field)})");
            w.Line(field.DefaultExpression is null
                ? $"throw {Json}.MissingField({Naming.Literal(spec.FullName)}, {Naming.Literal(field.AvroName)});"
                : $"{field.LocalName} = {field.DefaultExpression};");
            w.Close();
        }

        EmitConstruction(w, spec);
        w.Close();
        w.Close();
    }

    private static string HasLocal(FieldSpec field) => "_has" + Naming.Unescape(field.PropertyName);

    private static void EmitConstruction(SourceWriter w, RecordSpec spec)
    {
        if (spec.Fields.Count == 0)
        {
            w.Line($"return new {spec.QualifiedName}();");
            return;
        }

        w.Line($"return new {spec.QualifiedName}");
        w.Line("{");
        foreach (var field in spec.Fields)
        {
            w.Line($"    {field.PropertyName} = {field.LocalName},");
        }

        w.Line("};");
    }
}

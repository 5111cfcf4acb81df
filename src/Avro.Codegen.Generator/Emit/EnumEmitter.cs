using System.Globalization;
using Avro.Codegen.Generator.Model;
using static Avro.Codegen.Generator.Emit.TypeEmitter;

namespace Avro.Codegen.Generator.Emit;

/// <summary>A generated enum and its <c>{Name}Codec</c> class (symbols, binary and JSON reads and writes).</summary>
internal static class EnumEmitter
{
    public static void Emit(SourceWriter w, EnumSpec spec)
    {
        var count = spec.Symbols.Count.ToString(CultureInfo.InvariantCulture);
        w.Doc(spec.Doc, $"The Avro enum <c>{spec.FullName}</c>; the value of each member is its wire index.");
        w.Line(GeneratedCode(spec));
        w.Open($"public enum {spec.Name}");
        for (var i = 0; i < spec.Symbols.Count; i++)
        {
            w.Line($"/// <summary>The symbol <c>{spec.Symbols[i]}</c>.</summary>");
            w.Line($"{Naming.Escape(spec.Symbols[i])} = {i.ToString(CultureInfo.InvariantCulture)},");
        }

        w.Close();
        w.Line();
        var type = spec.QualifiedName;
        w.Line($"/// <summary>The Avro schema and codec of <see cref=\"{type}\"/>.</summary>");
        w.Line(GeneratedCode(spec));
        w.Open($"public static class {Naming.Unescape(spec.Name)}Codec");
        EmitSchemaConstants(w, spec);
        w.Line();
        w.Line("/// <summary>The number of symbols.</summary>");
        w.Line($"public const int SymbolCount = {count};");
        if (spec.DefaultSymbol is not null)
        {
            w.Line();
            w.Line("/// <summary>The schema's default symbol: what a reader with this schema uses for a writer's symbol it does not know (schema resolution).</summary>");
            w.Line($"public const {type} DefaultSymbol = {type}.{Naming.Escape(spec.DefaultSymbol)};");
        }

        w.Line();
        w.Line("/// <summary>The Avro symbol of <paramref name=\"value\"/>.</summary>");
        w.Open($"public static string GetSymbol({type} value) => value switch");
        foreach (var symbol in spec.Symbols)
        {
            w.Line($"{type}.{Naming.Escape(symbol)} => {Naming.Literal(symbol)},");
        }

        w.Line($"_ => throw {Json}.InvalidEnumValue({Naming.Literal(spec.FullName)}, (int)value),");
        w.Close(";");

        w.Line();
        w.Line("/// <summary>Writes <paramref name=\"value\"/> as its index (Avro binary encoding).</summary>");
        w.Open($"public static void Write(ref {Writer} writer, {type} value)");
        w.Open($"if ((uint)value >= {count}u)");
        w.Line($"throw {Json}.InvalidEnumValue({Naming.Literal(spec.FullName)}, (int)value);");
        w.Close();
        w.Line("writer.WriteEnum((int)value);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Writes <paramref name=\"value\"/> as its index at <paramref name=\"offset\"/> of a span with room for an int; returns the offset after it.</summary>");
        w.Open($"public static int Write(global::System.Span<byte> destination, int offset, {type} value)");
        w.Open($"if ((uint)value >= {count}u)");
        w.Line($"throw {Json}.InvalidEnumValue({Naming.Literal(spec.FullName)}, (int)value);");
        w.Close();
        w.Line("return global::Avro.Codegen.AvroBinary.WriteInt(destination, offset, (int)value);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads an index (Avro binary encoding); out of range is an <c>AvroDataException</c>.</summary>");
        w.Line($"public static {type} Read(ref {Reader} reader) => ({type})reader.ReadEnum({count});");
        w.Line();
        w.Line("/// <summary>Writes <paramref name=\"value\"/> as its symbol (Avro JSON encoding).</summary>");
        w.Open($"public static void WriteJson({JsonWriter} writer, {type} value)");
        w.Open("switch (value)");
        foreach (var symbol in spec.Symbols)
        {
            w.Line($"case {type}.{Naming.Escape(symbol)}:");
            w.Line($"    writer.WriteStringValue({Naming.Literal(symbol)}u8);");
            w.Line("    break;");
        }

        w.Line("default:");
        w.Line($"    throw {Json}.InvalidEnumValue({Naming.Literal(spec.FullName)}, (int)value);");
        w.Close();
        w.Close();
        w.Line();
        // Data written with this very schema holds only its symbols, so an unknown one is bad input (as in Java Avro);
        // the enum default applies when resolving data of another writer schema, which is schema resolution's job.
        w.Line("/// <summary>Reads a symbol (Avro JSON encoding); an unknown symbol is an <c>AvroDataException</c>.</summary>");
        w.Open($"public static {type} ReadJson(ref {JsonReader} reader)");
        w.Line($"{Json}.Expect(ref reader, {CodecEmitter.JsonTokenType}.String, {Naming.Literal(spec.FullName)});");
        foreach (var symbol in spec.Symbols)
        {
            w.Open($"if ({Json}.ValueIs(ref reader, {Naming.Literal(symbol)}u8))");
            w.Line($"return {type}.{Naming.Escape(symbol)};");
            w.Close();
        }

        w.Line($"throw {Json}.UnknownSymbol(ref reader, {Naming.Literal(spec.FullName)});");
        w.Close();
        w.Close();
    }
}

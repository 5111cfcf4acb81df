using System.Globalization;
using Avro.Codegen.Generator.Model;
using static Avro.Codegen.Generator.Emit.TypeEmitter;

namespace Avro.Codegen.Generator.Emit;

/// <summary>A generated fixed type: a sealed class over exactly <c>Size</c> bytes with value equality.</summary>
internal static class FixedEmitter
{
    public static void Emit(SourceWriter w, FixedSpec spec)
    {
        var type = spec.QualifiedName;
        var size = spec.Size.ToString(CultureInfo.InvariantCulture);
        w.Doc(spec.Doc, $"The Avro fixed <c>{spec.FullName}</c>: exactly {size} bytes.");
        w.Line(GeneratedCode(spec));
        w.Open($"public sealed partial record {spec.Name} : global::Avro.Codegen.IAvroRecord<{type}>");
        w.Line("/// <summary>The size in bytes.</summary>");
        w.Line($"public const int Size = {size};");
        w.Line();
        EmitSchemaConstants(w, spec);
        w.Line();
        w.Line("private readonly byte[] _value;");
        w.Line();
        w.Line($"/// <summary>Creates a value from a copy of <paramref name=\"value\"/>, which must be {size} bytes long.</summary>");
        w.Open($"public {spec.Name}(global::System.ReadOnlySpan<byte> value)");
        w.Open($"if (value.Length != Size)");
        w.Line($"throw new global::System.ArgumentException({Naming.Literal(spec.FullName + " is " + size + " bytes long; got ")} + value.Length.ToString(global::System.Globalization.CultureInfo.InvariantCulture), nameof(value));");
        w.Close();
        w.Line("_value = value.ToArray();");
        w.Close();
        w.Line();
        w.Line("// Takes ownership of an array the reader just allocated, so reading copies nothing.");
        w.Line($"private {spec.Name}(byte[] value, bool owned) => _value = value;");
        w.Line();
        w.Line("/// <summary>The bytes.</summary>");
        w.Line("public global::System.ReadOnlySpan<byte> AsSpan() => _value;");
        w.Line();
        w.Line("/// <summary>A copy of the bytes.</summary>");
        w.Line("public byte[] ToArray() => AsSpan().ToArray();");
        w.Line();
        w.Line("/// <summary>True when both hold the same bytes.</summary>");
        w.Line($"public bool Equals({type}? other) => other is not null && global::System.MemoryExtensions.SequenceEqual(AsSpan(), other.AsSpan());");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        w.Line("hash.AddBytes(_value);");
        w.Line("return hash.ToHashCode();");
        w.Close();
        w.Line();
        w.Line("/// <summary>The bytes in hexadecimal.</summary>");
        w.Line("public override string ToString() => global::System.Convert.ToHexString(_value);");
        EmitInterfaceStatics(w, spec);
        w.Line();
        w.Line("/// <summary>Writes the bytes (Avro binary encoding: no length prefix).</summary>");
        w.Line($"public void WriteAvro(ref {Writer} writer) => writer.WriteFixed(_value);");
        w.Line();
        w.Line("/// <summary>Reads the bytes (Avro binary encoding).</summary>");
        w.Line($"public static {type} ReadAvro(ref {Reader} reader) => new {type}(reader.ReadFixed(Size), owned: true);");
        w.Line();
        w.Line("/// <summary>Writes the bytes as a JSON string of code points 0-255 (Avro JSON encoding).</summary>");
        w.Line($"public void WriteAvroJson({JsonWriter} writer) => {Json}.WriteBytes(writer, _value);");
        w.Line();
        w.Line("/// <summary>Reads the bytes from a JSON string of code points 0-255 (Avro JSON encoding).</summary>");
        w.Line($"public static {type} ReadAvroJson(ref {JsonReader} reader) => new {type}({Json}.ReadFixed(ref reader, Size, {Naming.Literal(spec.FullName)}), owned: true);");
        w.Close();
    }
}

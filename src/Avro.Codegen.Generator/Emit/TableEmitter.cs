using Avro.Codegen.Generator.Model;
using Avro.Codegen.Schema;
using static Avro.Codegen.Generator.Emit.TypeEmitter;

namespace Avro.Codegen.Generator.Emit;

/// <summary>
/// The compilation-wide classes: the schema table (every named type's own schema text once, assembled at first use)
/// and the optional full-name registry.
/// </summary>
internal static class TableEmitter
{
    public static void EmitSchemaTable(SourceWriter w, SchemaTableSpec spec)
    {
        w.Line("/// <summary>");
        w.Line("/// The Avro schemas of the types generated in this compilation: each named type's own schema text once, with the");
        w.Line("/// types it refers to filled in when a type's schema is first asked for (<c>AvroSchemaJson</c>, <c>AvroCanonicalSchema</c>).");
        w.Line("/// </summary>");
        w.Line(GeneratedCode(spec));
        w.Open($"internal static class {spec.Name}");
        w.Line("/// <summary>The table, by Avro full name.</summary>");
        w.Line("public static readonly global::Avro.Codegen.AvroSchemaTable Table = new()");
        w.Line("{");
        foreach (var template in spec.Templates)
        {
            w.Line(template.TableEntry);
        }

        w.Line("};");
        w.Close();
    }

    /// <summary>One template's line in the schema table's collection initializer.</summary>
    public static string SchemaTableEntry(SchemaTemplate template, string? home)
    {
        var homeArgument = home is null ? "" : ", " + Naming.Literal(home);
        return $"    {{ {Naming.Literal(template.FullName)}, {Naming.Literal(template.JsonHead)}, {Strings(template.JsonParts)}, {Strings(template.CanonicalParts)}, {Strings(template.Holes)}{homeArgument} }},";

        static string Strings(IReadOnlyList<string> values) =>
            "new string[] { " + string.Join(", ", values.Select(Naming.Literal)) + (values.Count > 0 ? " }" : "}");
    }

    public static void EmitRegistry(SourceWriter w, RegistrySpec spec)
    {
        w.Line("/// <summary>");
        w.Line("/// Every generated named type by Avro full name, for tools that pick a type at run time without reflection");
        w.Line("/// (emitted because <c>AvroCodegen_EmitRegistry</c> is <c>true</c>).");
        w.Line("/// </summary>");
        w.Line(GeneratedCode(spec));
        w.Open($"internal static class {spec.Name}");
        w.Line("/// <summary>The Avro full names, sorted.</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> FullNames { get; } = new string[]");
        w.Line("{");
        foreach (var entry in spec.Entries)
        {
            w.Line("    " + Naming.Literal(entry.FullName) + ",");
        }

        w.Line("};");
        EmitTranscoder(w, spec, "JSON", "binary", $"TryJsonToBinary(string fullName, ref {JsonReader} reader, ref {Writer} writer)", static (codec, type) =>
        {
            codec.ReadJson(type, "datum", declare: true);
            codec.WriteBinary(type, "datum");
        });
        EmitTranscoder(w, spec, "binary", "JSON", $"TryBinaryToJson(string fullName, ref {Reader} reader, {JsonWriter} writer)", static (codec, type) =>
        {
            codec.ReadBinary(type, "datum", declare: true);
            codec.WriteJson(type, "datum");
        });
        w.Close();
    }

    /// <summary>A registry method that reads one datum of a named type in one encoding and writes it in the other, by full name.</summary>
    private static void EmitTranscoder(SourceWriter w, RegistrySpec spec, string from, string to, string signature, Action<CodecEmitter, TypeRef> transcode)
    {
        w.Line();
        w.Line($"/// <summary>Reads one datum of <paramref name=\"fullName\"/> in the Avro {from} encoding and writes it in the {to} encoding; false for an unknown name.</summary>");
        w.Open("public static bool " + signature);
        var codec = new CodecEmitter(w);
        w.Open("switch (fullName)");
        foreach (var entry in spec.Entries)
        {
            w.Open($"case {Naming.Literal(entry.FullName)}:");
            transcode(codec, entry.Type);
            w.Line("return true;");
            w.Close();
        }

        w.Line("default:");
        w.Line("    return false;");
        w.Close();
        w.Close();
    }
}

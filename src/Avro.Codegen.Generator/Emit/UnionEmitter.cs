using System.Globalization;
using Avro.Codegen.Generator.Model;
using static Avro.Codegen.Generator.Emit.TypeEmitter;

namespace Avro.Codegen.Generator.Emit;

/// <summary>A generated union struct: one case per branch, typed access, exhaustive <c>Match</c>/<c>Switch</c>, binary and JSON codecs.</summary>
internal static class UnionEmitter
{
    public static void Emit(SourceWriter w, UnionSpec spec)
    {
        var type = spec.QualifiedName;
        var cases = spec.Cases;
        var branchList = string.Join(", ", cases.Select(c => c.Type.BranchName));
        w.Line($"/// <summary>The Avro union <c>[{Naming.XmlEscape(branchList)}]</c>: exactly one branch at a time, each kept without boxing.</summary>");
        w.Line(GeneratedCode(spec));
        w.Open($"public readonly record struct {spec.Name}");
        w.Line("// 1 + the wire index of the branch held; 0 only in default(T), which holds no branch and cannot be written.");
        w.Line("private readonly int _tag;");
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i].Type.Kind != TypeRefKind.Null)
            {
                w.Line($"private readonly {Slot(cases[i])} _case{I(i)};");
            }
        }

        w.Line();
        var parameters = string.Join(", ", new[] { "int tag" }.Concat(cases.Select((c, i) => (c, i)).Where(x => x.c.Type.Kind != TypeRefKind.Null)
            .Select(x => $"{Slot(x.c)} case{I(x.i)} = default")));
        w.Open($"private {spec.Name}({parameters})");
        w.Line("_tag = tag;");
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i].Type.Kind != TypeRefKind.Null)
            {
                w.Line($"_case{I(i)} = case{I(i)};");
            }
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>The wire index of the branch held, or -1 for <c>default</c>.</summary>");
        w.Line("public int Index => _tag - 1;");

        var typeCounts = cases.GroupBy(c => c.Type.CSharpType).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var tag = I(i + 1);
            var branch = Naming.XmlEscape(c.Type.BranchName);
            w.Line();
            if (c.Type.Kind == TypeRefKind.Null)
            {
                w.Line($"/// <summary>The <c>null</c> branch.</summary>");
                w.Line($"public static {type} {c.CaseName} => new {type}({tag});");
                w.Line();
                w.Line($"/// <summary>True when this holds the <c>null</c> branch.</summary>");
                w.Line($"public bool Is{c.CaseName} => _tag == {tag};");
                continue;
            }

            var t = c.Type.CSharpType;
            w.Line($"/// <summary>A value of the <c>{branch}</c> branch.</summary>");
            w.Open($"public static {type} From{c.CaseName}({t} value)");
            if (!c.Type.IsValueType)
            {
                w.Line($"global::System.ArgumentNullException.ThrowIfNull(value);");
            }

            w.Line($"return new {type}({tag}, case{I(i)}: value);");
            w.Close();
            w.Line();
            w.Line($"/// <summary>True when this holds the <c>{branch}</c> branch.</summary>");
            w.Line($"public bool Is{c.CaseName} => _tag == {tag};");
            w.Line();
            w.Line($"/// <summary>The <c>{branch}</c> value, when this holds that branch.</summary>");
            var notNull = c.Type.IsValueType ? string.Empty : "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] ";
            w.Open($"public bool TryGet{c.CaseName}({notNull}out {Slot(c)} value)");
            w.Line($"value = _case{I(i)};");
            w.Line($"return _tag == {tag};");
            w.Close();
            w.Line();
            w.Line($"/// <summary>The <c>{branch}</c> value; <see cref=\"global::System.InvalidOperationException\"/> when another branch is held.</summary>");
            w.Line($"public {t} As{c.CaseName} => _tag == {tag} ? _case{I(i)}{(c.Type.IsValueType ? string.Empty : "!")} : throw WrongBranch({Naming.Literal(c.Type.BranchName)});");
            if (typeCounts[t] == 1)
            {
                w.Line();
                w.Line($"/// <summary>A value of the <c>{branch}</c> branch.</summary>");
                w.Line($"public static implicit operator {type}({t} value) => From{c.CaseName}(value);");
            }
        }

        // Exhaustive matching: one delegate per branch, so adding a branch to the schema breaks every call site.
        EmitBranchDispatch(w, cases, returns: true);
        EmitBranchDispatch(w, cases, returns: false);

        w.Line();
        w.Line("/// <summary>The branch and its value.</summary>");
        w.Open("public override string ToString()");
        w.Open("switch (_tag)");
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            w.Line($"case {I(i + 1)}:");
            // string.Create with the invariant culture: culture-independent text and no boxing of value branches.
            w.Line(c.Type.Kind == TypeRefKind.Null
                ? "    return \"null\";"
                : $"    return string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $\"{c.Type.BranchName}: {{_case{I(i)}}}\");");
        }

        w.Line("default:");
        w.Line("    return \"(no branch)\";");
        w.Close();
        w.Close();

        w.Line();
        w.Line("/// <summary>Writes the branch index, then the value (Avro binary encoding).</summary>");
        w.Open($"public void WriteAvro(ref {Writer} writer)");
        var codec = new CodecEmitter(w);
        w.Open("switch (_tag)");
        for (var i = 0; i < cases.Count; i++)
        {
            w.Open($"case {I(i + 1)}:");
            w.Line($"writer.WriteUnionIndex({I(i)});");
            codec.WriteBinary(cases[i].Type, Value(cases[i], i));
            w.Line("break;");
            w.Close();
        }

        w.Line("default:");
        w.Line("    throw Uninitialized();");
        w.Close();
        w.Close();

        w.Line();
        w.Line("/// <summary>Reads the branch index, then the value (Avro binary encoding).</summary>");
        w.Open($"public static {type} ReadAvro(ref {Reader} reader)");
        codec = new CodecEmitter(w);
        w.Open($"switch (reader.ReadUnionIndex({I(cases.Count)}))");
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            w.Open($"case {I(i)}:");
            if (c.Type.Kind == TypeRefKind.Null)
            {
                w.Line($"return {c.CaseName};");
            }
            else
            {
                codec.ReadBinary(c.Type, "_branch" + I(i), declare: true);
                w.Line($"return new {type}({I(i + 1)}, case{I(i)}: _branch{I(i)});");
            }

            w.Close();
        }

        w.Line("default:");
        w.Line($"    throw new global::Avro.Codegen.AvroDataException(\"Union branch index out of range.\", reader.Position);");
        w.Close();
        w.Close();

        w.Line();
        w.Line("/// <summary>Writes <c>null</c> or <c>{\"branch\": value}</c> (Avro JSON encoding).</summary>");
        w.Open($"public void WriteAvroJson({JsonWriter} writer)");
        codec = new CodecEmitter(w);
        w.Open("switch (_tag)");
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            w.Open($"case {I(i + 1)}:");
            if (c.Type.Kind == TypeRefKind.Null)
            {
                w.Line("writer.WriteNullValue();");
            }
            else
            {
                w.Line("writer.WriteStartObject();");
                w.Line($"writer.WritePropertyName({Naming.Literal(c.Type.BranchName)}u8);");
                codec.WriteJson(c.Type, Value(c, i));
                w.Line("writer.WriteEndObject();");
            }

            w.Line("break;");
            w.Close();
        }

        w.Line("default:");
        w.Line("    throw Uninitialized();");
        w.Close();
        w.Close();

        w.Line();
        w.Line("/// <summary>Reads <c>null</c> or <c>{\"branch\": value}</c> (Avro JSON encoding).</summary>");
        w.Open($"public static {type} ReadAvroJson(ref {JsonReader} reader)");
        codec = new CodecEmitter(w);
        var nullCase = cases.FirstOrDefault(c => c.Type.Kind == TypeRefKind.Null);
        if (nullCase is not null)
        {
            w.Open($"if (reader.TokenType == {CodecEmitter.JsonTokenType}.Null)");
            w.Line($"return {nullCase.CaseName};");
            w.Close();
        }

        w.Line($"{Json}.Expect(ref reader, {CodecEmitter.JsonTokenType}.StartObject, \"union\");");
        w.Line($"{Json}.ReadUnionBranchName(ref reader);");
        w.Line($"{type} result;");
        var first = true;
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            if (c.Type.Kind == TypeRefKind.Null)
            {
                continue;
            }

            w.Open($"{(first ? "if" : "else if")} ({Json}.ValueIs(ref reader, {Naming.Literal(c.Type.BranchName)}u8))");
            w.Line($"{Json}.Read(ref reader);");
            codec.ReadJson(c.Type, "_branch" + I(i), declare: true);
            w.Line($"result = new {type}({I(i + 1)}, case{I(i)}: _branch{I(i)});");
            w.Close();
            first = false;
        }

        if (first)
        {
            w.Line($"throw {Json}.UnknownBranch(ref reader);");
        }
        else
        {
            w.Open("else");
            w.Line($"throw {Json}.UnknownBranch(ref reader);");
            w.Close();
            w.Line($"{Json}.ReadEndObject(ref reader);");
            w.Line("return result;");
        }

        w.Close();

        w.Line();
        w.Line("private static global::System.InvalidOperationException WrongBranch(string branch) =>");
        w.Line("    new global::System.InvalidOperationException(\"The union does not hold the '\" + branch + \"' branch.\");");
        w.Line();
        w.Line("private static global::System.InvalidOperationException Uninitialized() =>");
        w.Line($"    new global::System.InvalidOperationException(\"default({spec.Name}) holds no branch; create values with the From methods.\");");
        w.Close();
    }

    /// <summary>The field type of a branch slot: reference types are nullable because only one slot is set at a time.</summary>
    private static string Slot(UnionCaseSpec c) => c.Type.IsValueType ? c.Type.CSharpType : c.Type.NonNullableType + "?";

    private static string Value(UnionCaseSpec c, int i) => c.Type.IsValueType ? "_case" + I(i) : "_case" + I(i) + "!";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>Match</c> (one function per branch, returning its result) or <c>Switch</c> (one action per branch): the
    /// delegate for the branch held is called with its value.
    /// </summary>
    private static void EmitBranchDispatch(SourceWriter w, IReadOnlyList<UnionCaseSpec> cases, bool returns)
    {
        var parameters = string.Join(", ", cases.Select(c => c.Type.Kind == TypeRefKind.Null
            ? (returns ? "global::System.Func<TResult>" : "global::System.Action") + $" on{c.CaseName}"
            : (returns ? $"global::System.Func<{c.Type.CSharpType}, TResult>" : $"global::System.Action<{c.Type.CSharpType}>") + $" on{c.CaseName}"));
        w.Line();
        w.Line(returns ? "/// <summary>Calls the function for the branch held and returns its result.</summary>" : "/// <summary>Calls the action for the branch held.</summary>");
        w.Open(returns ? $"public TResult Match<TResult>({parameters})" : $"public void Switch({parameters})");
        w.Open("switch (_tag)");
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var call = c.Type.Kind == TypeRefKind.Null ? $"on{c.CaseName}()" : $"on{c.CaseName}({Value(c, i)})";
            w.Line($"case {I(i + 1)}:");
            w.Line(returns ? $"    return {call};" : $"    {call};");
            if (!returns)
            {
                w.Line("    break;");
            }
        }

        w.Line("default:");
        w.Line("    throw Uninitialized();");
        w.Close();
        w.Close();
    }
}

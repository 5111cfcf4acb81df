// Over 400 lines on purpose: one Avro type to its C# read/write/skip statements: a switch over every schema kind that
// must stay exhaustive in one place, so a new kind cannot be emitted for one direction and forgotten for the other.
using System;
using System.Globalization;
using Avro.Codegen.Generator.Model;

namespace Avro.Codegen.Generator.Emit;

/// <summary>
/// Read and write code for one value of a <see cref="TypeRef"/>: binary through the runtime's <c>AvroWriter</c> and
/// <c>AvroReader</c>, JSON through <c>Utf8JsonWriter</c>/<c>Utf8JsonReader</c>. One direct call per value, loops for
/// arrays and maps; no reflection, no <c>object</c>, no closures. The parameter names are fixed: <c>writer</c>, <c>reader</c>.
/// </summary>
internal sealed class CodecEmitter
{
    public const string Json = "global::Avro.Codegen.AvroJsonCodec";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    private const string List = "global::System.Collections.Generic.List";
    private const string Dictionary = "global::System.Collections.Generic.Dictionary";
    private const string Binary = "global::Avro.Codegen.AvroBinary";
    private const string CollectionsMarshal = "global::System.Runtime.InteropServices.CollectionsMarshal";

    private readonly SourceWriter _w;
    private int _temp;

    public CodecEmitter(SourceWriter writer) => _w = writer;

    /// <summary>A fresh temporary name; temporaries start with an underscore, field locals never do.</summary>
    private string Temp(string stem) => "_" + stem + (++_temp).ToString(CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A null string or byte array would otherwise be written as empty (a span over null is empty) or as JSON null:
    /// silent corruption. Other reference types fail on their own when dereferenced.
    /// </summary>
    private static string NotNull(string value, string avroType) => $"{value} ?? throw {Json}.NullValue(\"{avroType}\")";

    // ----- binary -----

    /// <summary>
    /// Writes a record's fields in schema order. Two or more consecutive fields whose encodings have a known largest
    /// size (numbers, booleans, enums, fixed, timestamps, and nullable unions of these) form a run: the writer is asked
    /// once for the run's largest size, and each field is encoded into that span with no further room checks.
    /// </summary>
    public void WriteBinaryFields(EquatableArray<FieldSpec> fields)
    {
        var i = 0;
        while (i < fields.Count)
        {
            var end = i;
            var size = 0;
            while (end < fields.Count && MaxEncodedSize(fields[end].Type) is { } fieldSize)
            {
                size += fieldSize;
                end++;
            }

            if (end - i >= 2)
            {
                WriteRun(fields, i, end, size);
                i = end;
            }
            else
            {
                WriteBinary(fields[i].Type, fields[i].PropertyName);
                i++;
            }
        }
    }

    /// <summary>The largest binary encoding of a value of <paramref name="type"/>, or null when it depends on the value (strings, collections, records) or is not worth a run.</summary>
    private static int? MaxEncodedSize(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Null => 0,
        TypeRefKind.Boolean => 1,
        TypeRefKind.Int or TypeRefKind.Enum => 5,
        TypeRefKind.Long => 10,
        TypeRefKind.Float => 4,
        TypeRefKind.Double => 8,
        TypeRefKind.Fixed when type.FixedSize <= 64 => type.FixedSize,
        TypeRefKind.Nullable when MaxEncodedSize(type.Element!) is { } inner => 1 + inner,
        TypeRefKind.Logical => type.Logical switch
        {
            LogicalKind.Date or LogicalKind.TimeMillis => 5,
            LogicalKind.TimeMicros or LogicalKind.TimestampMillis or LogicalKind.TimestampMicros or LogicalKind.TimestampNanos
                or LogicalKind.LocalTimestampMillis or LogicalKind.LocalTimestampMicros or LogicalKind.LocalTimestampNanos => 10,
            LogicalKind.UuidFixed => 16,
            _ => null,
        },
        _ => null,
    };

    private void WriteRun(EquatableArray<FieldSpec> fields, int start, int end, int size)
    {
        var span = Temp("span");
        var offset = Temp("offset");
        var names = new System.Text.StringBuilder();
        for (var i = start; i < end; i++)
        {
            names.Append(i == start ? string.Empty : ", ").Append(fields[i].AvroName);
        }

        _w.Line($"// {names}: at most {I(size)} bytes, encoded into one span.");
        _w.Line($"var {span} = writer.GetSpan({I(size)});");
        _w.Line($"var {offset} = 0;");
        for (var i = start; i < end; i++)
        {
            WriteToSpan(fields[i].Type, fields[i].PropertyName, span, offset);
        }

        _w.Line($"writer.Advance({offset});");
    }

    /// <summary>Encodes one value of a type with a <see cref="MaxEncodedSize"/> into <paramref name="span"/> at <paramref name="offset"/>, advancing it.</summary>
    private void WriteToSpan(TypeRef type, string value, string span, string offset)
    {
        var at = $"{offset} = {Binary}";
        switch (type.Kind)
        {
            case TypeRefKind.Null:
                break;
            case TypeRefKind.Boolean:
            case TypeRefKind.Int:
            case TypeRefKind.Long:
            case TypeRefKind.Float:
            case TypeRefKind.Double:
                _w.Line($"{at}.Write{type.Kind}({span}, {offset}, {value});");
                break;
            case TypeRefKind.Enum:
                _w.Line($"{offset} = {type.CodecType}.Write({span}, {offset}, {value});");
                break;
            case TypeRefKind.Fixed:
                _w.Line($"{at}.WriteFixed({span}, {offset}, {value}.AsSpan());");
                break;
            case TypeRefKind.Nullable:
            {
                var inner = Temp("value");
                _w.Open($"if ({value} is {{ }} {inner})");
                _w.Line($"{at}.WriteInt({span}, {offset}, {I(1 - type.NullIndex)});");
                WriteToSpan(type.Element!, inner, span, offset);
                _w.Close();
                _w.Open("else");
                _w.Line($"{at}.WriteInt({span}, {offset}, {I(type.NullIndex)});");
                _w.Close();
                break;
            }

            case TypeRefKind.Logical:
                _w.Line($"{at}.Write{type.Logical}({span}, {offset}, {value});");
                break;
            default:
                throw new InvalidOperationException("no bounded encoding for " + type.Kind);
        }
    }

    public void WriteBinary(TypeRef type, string value)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Null:
                break;
            case TypeRefKind.Boolean:
                _w.Line($"writer.WriteBoolean({value});");
                break;
            case TypeRefKind.Int:
                _w.Line($"writer.WriteInt({value});");
                break;
            case TypeRefKind.Long:
                _w.Line($"writer.WriteLong({value});");
                break;
            case TypeRefKind.Float:
                _w.Line($"writer.WriteFloat({value});");
                break;
            case TypeRefKind.Double:
                _w.Line($"writer.WriteDouble({value});");
                break;
            case TypeRefKind.Bytes:
                _w.Line($"writer.WriteBytes({NotNull(value, "bytes")});");
                break;
            case TypeRefKind.String:
                _w.Line($"writer.WriteString({NotNull(value, "string")});");
                break;
            case TypeRefKind.Record:
            case TypeRefKind.Fixed:
            case TypeRefKind.Union:
                _w.Line($"{value}.WriteAvro(ref writer);");
                break;
            case TypeRefKind.Enum:
                _w.Line($"{type.CodecType}.Write(ref writer, {value});");
                break;
            case TypeRefKind.Array:
            {
                var list = Temp("list");
                var item = Temp("item");
                _w.Line($"var {list} = {value};");
                _w.Open($"if ({list}.Count > 0)");
                _w.Line($"writer.WriteBlockCount({list}.Count);");
                _w.Open($"foreach (var {item} in {CollectionsMarshal}.AsSpan({list}))");
                WriteBinary(type.Element!, item);
                _w.Close();
                _w.Close();
                _w.Line("writer.WriteBlockEnd();");
                break;
            }

            case TypeRefKind.Map:
            {
                var map = Temp("map");
                var entry = Temp("entry");
                _w.Line($"var {map} = {value};");
                _w.Open($"if ({map}.Count > 0)");
                _w.Line($"writer.WriteBlockCount({map}.Count);");
                _w.Open($"foreach (var {entry} in {map})");
                _w.Line($"writer.WriteString({entry}.Key);");
                WriteBinary(type.Element!, entry + ".Value");
                _w.Close();
                _w.Close();
                _w.Line("writer.WriteBlockEnd();");
                break;
            }

            case TypeRefKind.Nullable:
            {
                var inner = Temp("value");
                _w.Open($"if ({value} is {{ }} {inner})");
                _w.Line($"writer.WriteUnionIndex({I(1 - type.NullIndex)});");
                WriteBinary(type.Element!, inner);
                _w.Close();
                _w.Open("else");
                _w.Line($"writer.WriteUnionIndex({I(type.NullIndex)});");
                _w.Close();
                break;
            }

            case TypeRefKind.Logical:
                _w.Line(LogicalWrite(type, value));
                break;
        }
    }

    private static string LogicalWrite(TypeRef type, string value) => type.Logical switch
    {
        LogicalKind.Decimal or LogicalKind.LargeDecimal => $"writer.WriteDecimal({value}, {I(type.Scale)}, {I(type.Precision)});",
        LogicalKind.DecimalFixed or LogicalKind.LargeDecimalFixed => $"writer.WriteDecimalFixed({value}, {I(type.Scale)}, {I(type.FixedSize)}, {I(type.Precision)});",
        LogicalKind.BigDecimal => $"writer.WriteBigDecimal({value});",
        _ => $"writer.Write{type.Logical}({value});",
    };

    /// <summary>A single expression that reads the type, or null when it needs statements (arrays, maps, nullable of those).</summary>
    private static string? BinaryReadExpression(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Null => "default",
        TypeRefKind.Boolean => "reader.ReadBoolean()",
        TypeRefKind.Int => "reader.ReadInt()",
        TypeRefKind.Long => "reader.ReadLong()",
        TypeRefKind.Float => "reader.ReadFloat()",
        TypeRefKind.Double => "reader.ReadDouble()",
        TypeRefKind.Bytes => "reader.ReadBytes()",
        TypeRefKind.String => "reader.ReadString()",
        TypeRefKind.Record or TypeRefKind.Fixed or TypeRefKind.Union => $"{type.NonNullableType}.ReadAvro(ref reader)",
        TypeRefKind.Enum => $"{type.CodecType}.Read(ref reader)",
        TypeRefKind.Logical => type.Logical switch
        {
            LogicalKind.Decimal => $"reader.ReadDecimal({I(type.Scale)})",
            LogicalKind.DecimalFixed => $"reader.ReadDecimalFixed({I(type.Scale)}, {I(type.FixedSize)})",
            LogicalKind.LargeDecimal => $"reader.ReadLargeDecimal({I(type.Scale)})",
            LogicalKind.LargeDecimalFixed => $"reader.ReadLargeDecimalFixed({I(type.Scale)}, {I(type.FixedSize)})",
            _ => $"reader.Read{type.Logical}()",
        },
        TypeRefKind.Nullable when BinaryReadExpression(type.Element!) is { } inner =>
            $"reader.ReadUnionIndex(2) == {I(type.NullIndex)} ? null : {inner}",
        _ => null,
    };

    /// <summary>The initial capacity of a collection read from binary: its first block's count, at most 1024 items.</summary>
    private static string InitialCapacity(string count) => $"{count} < 1024 ? (int){count} : 1024";

    /// <summary>Reads one value into <paramref name="target"/>, declaring it with its C# type when <paramref name="declare"/> is set.</summary>
    public void ReadBinary(TypeRef type, string target, bool declare)
    {
        var assign = declare ? type.CSharpType + " " + target + " = " : target + " = ";
        if (BinaryReadExpression(type) is { } expression)
        {
            _w.Line(assign + expression + ";");
            return;
        }

        switch (type.Kind)
        {
            case TypeRefKind.Array:
            {
                var list = declare ? target : Temp("list");
                var count = Temp("count");
                var index = Temp("i");
                var item = Temp("item");
                // Sized from the first block's count, so reading allocates the list's array once (the count is
                // already checked against the bytes that remain; the cap bounds what a forged count can reserve).
                _w.Line($"long {count} = reader.ReadBlockCount();");
                _w.Line($"var {list} = new {type.CSharpType}({InitialCapacity(count)});");
                _w.Open($"for (; {count} != 0; {count} = reader.ReadBlockCount())");
                _w.Open($"for (long {index} = 0; {index} < {count}; {index}++)");
                ReadBinary(type.Element!, item, declare: true);
                _w.Line($"{list}.Add({item});");
                _w.Close();
                _w.Close();
                if (!declare)
                {
                    _w.Line(assign + list + ";");
                }

                break;
            }

            case TypeRefKind.Map:
            {
                var map = declare ? target : Temp("map");
                var count = Temp("count");
                var index = Temp("i");
                var key = Temp("key");
                var item = Temp("value");
                _w.Line($"long {count} = reader.ReadBlockCount();");
                _w.Line($"var {map} = new {type.CSharpType}({InitialCapacity(count)});");
                _w.Open($"for (; {count} != 0; {count} = reader.ReadBlockCount())");
                _w.Open($"for (long {index} = 0; {index} < {count}; {index}++)");
                _w.Line($"string {key} = reader.ReadString();");
                ReadBinary(type.Element!, item, declare: true);
                _w.Line($"{map}[{key}] = {item};");
                _w.Close();
                _w.Close();
                if (!declare)
                {
                    _w.Line(assign + map + ";");
                }

                break;
            }

            case TypeRefKind.Nullable:
            {
                var inner = Temp("value");
                _w.Line(assign + "null;");
                _w.Open($"if (reader.ReadUnionIndex(2) != {I(type.NullIndex)})");
                ReadBinary(type.Element!, inner, declare: true);
                _w.Line($"{target} = {inner};");
                _w.Close();
                break;
            }

            default:
                throw new InvalidOperationException("no binary reader for " + type.Kind);
        }
    }

    // ----- JSON (the Avro JSON encoding) -----

    public void WriteJson(TypeRef type, string value)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Null:
                _w.Line("writer.WriteNullValue();");
                break;
            case TypeRefKind.Boolean:
                _w.Line($"writer.WriteBooleanValue({value});");
                break;
            case TypeRefKind.Int:
            case TypeRefKind.Long:
                _w.Line($"writer.WriteNumberValue({value});");
                break;
            case TypeRefKind.Float:
                _w.Line($"{Json}.WriteFloat(writer, {value});");
                break;
            case TypeRefKind.Double:
                _w.Line($"{Json}.WriteDouble(writer, {value});");
                break;
            case TypeRefKind.Bytes:
                _w.Line($"{Json}.WriteBytes(writer, {NotNull(value, "bytes")});");
                break;
            case TypeRefKind.String:
                _w.Line($"writer.WriteStringValue({NotNull(value, "string")});");
                break;
            case TypeRefKind.Record:
            case TypeRefKind.Fixed:
            case TypeRefKind.Union:
                _w.Line($"{value}.WriteAvroJson(writer);");
                break;
            case TypeRefKind.Enum:
                _w.Line($"{type.CodecType}.WriteJson(writer, {value});");
                break;
            case TypeRefKind.Array:
            {
                var item = Temp("item");
                _w.Line("writer.WriteStartArray();");
                _w.Open($"foreach (var {item} in {value})");
                WriteJson(type.Element!, item);
                _w.Close();
                _w.Line("writer.WriteEndArray();");
                break;
            }

            case TypeRefKind.Map:
            {
                var entry = Temp("entry");
                _w.Line("writer.WriteStartObject();");
                _w.Open($"foreach (var {entry} in {value})");
                _w.Line($"writer.WritePropertyName({entry}.Key);");
                WriteJson(type.Element!, entry + ".Value");
                _w.Close();
                _w.Line("writer.WriteEndObject();");
                break;
            }

            case TypeRefKind.Nullable:
            {
                var inner = Temp("value");
                _w.Open($"if ({value} is {{ }} {inner})");
                _w.Line("writer.WriteStartObject();");
                _w.Line($"writer.WritePropertyName({Naming.Literal(type.Element!.BranchName)}u8);");
                WriteJson(type.Element!, inner);
                _w.Line("writer.WriteEndObject();");
                _w.Close();
                _w.Open("else");
                _w.Line("writer.WriteNullValue();");
                _w.Close();
                break;
            }

            case TypeRefKind.Logical:
                _w.Line($"{Json}.Write{type.Logical}(writer, {value}{LogicalArguments(type)});");
                break;
        }
    }

    private static string LogicalArguments(TypeRef type) => type.Logical switch
    {
        LogicalKind.Decimal or LogicalKind.LargeDecimal => $", {I(type.Scale)}, {I(type.Precision)}",
        LogicalKind.DecimalFixed or LogicalKind.LargeDecimalFixed => $", {I(type.Scale)}, {I(type.FixedSize)}, {I(type.Precision)}",
        _ => string.Empty,
    };

    private static string? JsonReadExpression(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Null => $"{Json}.ReadNull(ref reader)",
        TypeRefKind.Boolean => $"{Json}.ReadBoolean(ref reader)",
        TypeRefKind.Int => $"{Json}.ReadInt(ref reader)",
        TypeRefKind.Long => $"{Json}.ReadLong(ref reader)",
        TypeRefKind.Float => $"{Json}.ReadFloat(ref reader)",
        TypeRefKind.Double => $"{Json}.ReadDouble(ref reader)",
        TypeRefKind.Bytes => $"{Json}.ReadBytes(ref reader)",
        TypeRefKind.String => $"{Json}.ReadString(ref reader)",
        TypeRefKind.Record or TypeRefKind.Fixed or TypeRefKind.Union => $"{type.NonNullableType}.ReadAvroJson(ref reader)",
        TypeRefKind.Enum => $"{type.CodecType}.ReadJson(ref reader)",
        TypeRefKind.Logical => $"{Json}.Read{type.Logical}(ref reader{LogicalArguments(type)})",
        _ => null,
    };

    /// <summary>
    /// Reads one JSON value into <paramref name="target"/>. The reader is on the value's first token before, and on its
    /// last token after (the convention of <c>System.Text.Json</c> converters).
    /// </summary>
    public void ReadJson(TypeRef type, string target, bool declare)
    {
        var assign = declare ? type.CSharpType + " " + target + " = " : target + " = ";
        if (JsonReadExpression(type) is { } expression)
        {
            _w.Line(assign + expression + ";");
            return;
        }

        switch (type.Kind)
        {
            case TypeRefKind.Array:
            {
                var list = declare ? target : Temp("list");
                var item = Temp("item");
                _w.Line($"{Json}.Expect(ref reader, {JsonTokenType}.StartArray, \"array\");");
                _w.Line($"var {list} = new {type.CSharpType}();");
                _w.Open($"while ({Json}.ReadItem(ref reader))");
                ReadJson(type.Element!, item, declare: true);
                _w.Line($"{list}.Add({item});");
                _w.Close();
                if (!declare)
                {
                    _w.Line(assign + list + ";");
                }

                break;
            }

            case TypeRefKind.Map:
            {
                var map = declare ? target : Temp("map");
                var key = Temp("key");
                var item = Temp("value");
                _w.Line($"{Json}.Expect(ref reader, {JsonTokenType}.StartObject, \"map\");");
                _w.Line($"var {map} = new {type.CSharpType}();");
                _w.Open($"while ({Json}.ReadProperty(ref reader))");
                _w.Line($"string {key} = {Json}.ReadPropertyName(ref reader);");
                ReadJson(type.Element!, item, declare: true);
                _w.Line($"{map}[{key}] = {item};");
                _w.Close();
                if (!declare)
                {
                    _w.Line(assign + map + ";");
                }

                break;
            }

            case TypeRefKind.Nullable:
            {
                var inner = Temp("value");
                _w.Line(assign + "null;");
                _w.Open($"if (reader.TokenType != {JsonTokenType}.Null)");
                _w.Line($"{Json}.ReadBranch(ref reader, {Naming.Literal(type.Element!.BranchName)}u8, {Naming.Literal(type.Element!.BranchName)});");
                ReadJson(type.Element!, inner, declare: true);
                _w.Line($"{target} = {inner};");
                _w.Line($"{Json}.ReadEndObject(ref reader);");
                _w.Close();
                break;
            }

            default:
                throw new InvalidOperationException("no JSON reader for " + type.Kind);
        }
    }
}

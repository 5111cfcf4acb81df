using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// Checks JSON default values against schemas, following the specification's table of default values
/// (int/long: integer in range; float/double: number; bytes/fixed: string of code points U+0000..U+00FF; enum: symbol;
/// record: object giving every field that has no default; union: the first branch the value matches).
/// </summary>
public static class SchemaDefaults
{
    /// <summary>True when <paramref name="value"/> is a valid default for <paramref name="schema"/>.</summary>
    public static bool IsValid(AvroSchema schema, JsonValue value) => Check(schema, value, out _, out _);

    /// <summary>
    /// The index of the first union branch that <paramref name="value"/> is a valid default for, or -1 when none is.
    /// Avro 1.12: a union field's default may match any branch, and the first that matches is the one it denotes.
    /// </summary>
    public static int SelectUnionBranch(UnionSchema union, JsonValue value)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (IsValid(union.Branches[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Checks <paramref name="value"/> against <paramref name="schema"/>. On failure, <paramref name="at"/> is the most
    /// specific offending JSON value and <paramref name="reason"/> says what was expected.
    /// </summary>
    public static bool Check(AvroSchema schema, JsonValue value, out JsonValue at, out string reason)
    {
        at = value;
        reason = string.Empty;
        switch (schema.Kind)
        {
            case SchemaKind.Null:
                return value is JsonNull || Expected("null", value, out reason);
            case SchemaKind.Boolean:
                return value is JsonBoolean || Expected("true or false", value, out reason);
            case SchemaKind.Int:
                return (value is JsonNumber i && i.IsInteger && i.TryGetInt64(out var iv) && iv >= int.MinValue && iv <= int.MaxValue)
                    || Expected("an integer from -2147483648 to 2147483647 (int)", value, out reason);
            case SchemaKind.Long:
                return (value is JsonNumber l && l.IsInteger && l.TryGetInt64(out _))
                    || Expected("an integer from -9223372036854775808 to 9223372036854775807 (long)", value, out reason);
            case SchemaKind.Float:
            case SchemaKind.Double:
                return value is JsonNumber || Expected($"a JSON number ({PrimitiveSchema.NameOf(schema.Kind)})", value, out reason);
            case SchemaKind.String:
                return value is JsonString || Expected("a string", value, out reason);
            case SchemaKind.Bytes:
                return IsByteString(value, -1) || Expected("a string of code points U+0000 to U+00FF (bytes)", value, out reason);
            case SchemaKind.Fixed:
                {
                    var size = ((FixedSchema)schema).Size;
                    return IsByteString(value, size)
                        || Expected($"a string of exactly {size} code points U+0000 to U+00FF (fixed '{((FixedSchema)schema).FullName}')", value, out reason);
                }

            case SchemaKind.Enum:
                {
                    var e = (EnumSchema)schema;
                    return (value is JsonString s && e.IndexOf(s.Value) >= 0)
                        || Expected($"one of the symbols of enum '{e.FullName}' ({string.Join(", ", e.Symbols)})", value, out reason);
                }

            case SchemaKind.Array:
                {
                    if (value is not JsonArray array)
                    {
                        return Expected("an array", value, out reason);
                    }

                    var items = ((ArraySchema)schema).Items;
                    foreach (var item in array.Items)
                    {
                        if (!Check(items, item, out at, out reason))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case SchemaKind.Map:
                {
                    if (value is not JsonObject map)
                    {
                        return Expected("an object (map)", value, out reason);
                    }

                    var values = ((MapSchema)schema).Values;
                    foreach (var member in map.Properties)
                    {
                        if (!Check(values, member.Value, out at, out reason))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case SchemaKind.Record:
                {
                    var record = (RecordSchema)schema;
                    if (value is not JsonObject obj)
                    {
                        return Expected($"an object (record '{record.FullName}')", value, out reason);
                    }

                    foreach (var field in record.Fields)
                    {
                        var member = obj[field.Name];
                        if (member is null)
                        {
                            if (!field.HasDefault)
                            {
                                at = value;
                                reason = $"the value for record '{record.FullName}' has no member '{field.Name}', and that field has no default";
                                return false;
                            }

                            continue;
                        }

                        if (!Check(field.Type, member, out at, out reason))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case SchemaKind.Union:
                {
                    var union = (UnionSchema)schema;
                    if (SelectUnionBranch(union, value) >= 0)
                    {
                        return true;
                    }

                    var names = new string[union.Branches.Count];
                    for (var b = 0; b < names.Length; b++)
                    {
                        names[b] = union.Branches[b].TypeName;
                    }

                    reason = $"{AvroNames.Describe(value)} matches no branch of the union [{string.Join(", ", names)}]";
                    return false;
                }

            default:
                reason = "unsupported schema";
                return false;
        }
    }

    private static bool IsByteString(JsonValue value, int size)
    {
        if (value is not JsonString s || (size >= 0 && s.Value.Length != size))
        {
            return false;
        }

        foreach (var c in s.Value)
        {
            if (c > '\u00FF')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Expected(string expectation, JsonValue found, out string reason)
    {
        reason = $"expected {expectation}, but found {AvroNames.Describe(found)}";
        return false;
    }
}

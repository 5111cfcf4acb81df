using System;
using System.Collections.Generic;
using System.Linq;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>How generated code refers to a schema: the C# type and what the codec must do (<see cref="TypeRef"/>).</summary>
internal sealed class TypeRefs
{
    private readonly CSharpNames _names;
    private readonly UnionCatalog _unions;

    public TypeRefs(CSharpNames names, UnionCatalog unions)
    {
        _names = names;
        _unions = unions;
    }

    public TypeRef Ref(AvroSchema schema)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive when primitive.LogicalType is { } logical:
                return LogicalRef(logical, primitive.Kind, primitive.TypeName, 0) ?? PrimitiveRef(primitive.Kind);
            case PrimitiveSchema primitive:
                return PrimitiveRef(primitive.Kind);
            case FixedSchema { LogicalType: { } logical } fixedSchema:
                return LogicalRef(logical, SchemaKind.Fixed, fixedSchema.FullName, fixedSchema.Size)
                    ?? throw new InvalidOperationException($"fixed '{fixedSchema.FullName}' has an unsupported logical type");
            case NamedSchema named:
            {
                var info = _names[named.FullName];
                return named switch
                {
                    RecordSchema => new TypeRef(TypeRefKind.Record, info.Qualified, false, named.FullName),
                    EnumSchema => new TypeRef(TypeRefKind.Enum, info.Qualified, true, named.FullName, CodecType: info.Qualified + "Codec"),
                    _ => new TypeRef(TypeRefKind.Fixed, info.Qualified, false, named.FullName, FixedSize: ((FixedSchema)named).Size),
                };
            }

            case ArraySchema array:
            {
                var items = Ref(array.Items);
                return new TypeRef(TypeRefKind.Array, "global::System.Collections.Generic.List<" + items.CSharpType + ">", false, "array", items);
            }

            case MapSchema map:
            {
                var values = Ref(map.Values);
                return new TypeRef(TypeRefKind.Map, "global::System.Collections.Generic.Dictionary<string, " + values.CSharpType + ">", false, "map", values);
            }

            case UnionSchema union when union.TryGetNullable(out var valueBranch, out var nullIndex):
            {
                var inner = Ref(valueBranch);
                return new TypeRef(TypeRefKind.Nullable, inner.NonNullableType + "?", inner.IsValueType, "union", inner, nullIndex);
            }

            case UnionSchema union:
            {
                var info = _unions[union];
                var qualified = "global::" + _unions.Namespace + "." + info.Name;
                return new TypeRef(TypeRefKind.Union, qualified, true, "union", CodecType: qualified);
            }

            default:
                throw new InvalidOperationException("unexpected schema " + schema.TypeName);
        }
    }

    private static TypeRef PrimitiveRef(SchemaKind kind) => kind switch
    {
        // Outside a union, a null-typed value (a field, array items) has one value: the AvroNull struct.
        SchemaKind.Null => new TypeRef(TypeRefKind.Null, "global::Avro.Codegen.AvroNull", true, "null"),
        SchemaKind.Boolean => new TypeRef(TypeRefKind.Boolean, "bool", true, "boolean"),
        SchemaKind.Int => new TypeRef(TypeRefKind.Int, "int", true, "int"),
        SchemaKind.Long => new TypeRef(TypeRefKind.Long, "long", true, "long"),
        SchemaKind.Float => new TypeRef(TypeRefKind.Float, "float", true, "float"),
        SchemaKind.Double => new TypeRef(TypeRefKind.Double, "double", true, "double"),
        SchemaKind.Bytes => new TypeRef(TypeRefKind.Bytes, "byte[]", false, "bytes"),
        _ => new TypeRef(TypeRefKind.String, "string", false, "string"),
    };

    private static TypeRef? LogicalRef(LogicalType logical, SchemaKind underlying, string branchName, int fixedSize)
    {
        const string AvroBigDecimal = "global::Avro.Codegen.AvroBigDecimal";
        var onFixed = underlying == SchemaKind.Fixed;
        return logical.Kind switch
        {
            LogicalTypeKind.Decimal when logical.Precision <= 28 => Logical("decimal", true, onFixed ? LogicalKind.DecimalFixed : LogicalKind.Decimal),
            LogicalTypeKind.Decimal => Logical(AvroBigDecimal, true, onFixed ? LogicalKind.LargeDecimalFixed : LogicalKind.LargeDecimal),
            LogicalTypeKind.BigDecimal => Logical(AvroBigDecimal, true, LogicalKind.BigDecimal),
            LogicalTypeKind.Uuid => Logical("global::System.Guid", true, onFixed ? LogicalKind.UuidFixed : LogicalKind.Uuid),
            LogicalTypeKind.Date => Logical("global::System.DateOnly", true, LogicalKind.Date),
            LogicalTypeKind.TimeMillis => Logical("global::System.TimeOnly", true, LogicalKind.TimeMillis),
            LogicalTypeKind.TimeMicros => Logical("global::System.TimeOnly", true, LogicalKind.TimeMicros),
            LogicalTypeKind.TimestampMillis => Logical("global::System.DateTimeOffset", true, LogicalKind.TimestampMillis),
            LogicalTypeKind.TimestampMicros => Logical("global::System.DateTimeOffset", true, LogicalKind.TimestampMicros),
            LogicalTypeKind.TimestampNanos => Logical("global::System.DateTimeOffset", true, LogicalKind.TimestampNanos),
            LogicalTypeKind.LocalTimestampMillis => Logical("global::System.DateTime", true, LogicalKind.LocalTimestampMillis),
            LogicalTypeKind.LocalTimestampMicros => Logical("global::System.DateTime", true, LogicalKind.LocalTimestampMicros),
            LogicalTypeKind.LocalTimestampNanos => Logical("global::System.DateTime", true, LogicalKind.LocalTimestampNanos),
            LogicalTypeKind.Duration => Logical("global::Avro.Codegen.AvroDuration", true, LogicalKind.Duration),
            _ => null,
        };

        TypeRef Logical(string type, bool isValueType, LogicalKind kind) =>
            new(TypeRefKind.Logical, type, isValueType, branchName, Logical: kind, Scale: logical.Scale, Precision: logical.Precision, FixedSize: fixedSize);
    }
}

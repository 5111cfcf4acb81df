// Over 400 lines on purpose: the schema model: one small sealed type per Avro kind, declared together so the closed
// hierarchy reads at a glance.
using System.Collections.Generic;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// An Avro schema. Instances form a graph: a named type is one object wherever it is referenced, and recursive
/// records refer back to themselves. Parsing builds schemas from text; the constructors are for tests and tools.
/// </summary>
public abstract class AvroSchema
{
    private static readonly IReadOnlyList<JsonProperty> NoProperties = new JsonProperty[0];

    private protected AvroSchema(LogicalType? logicalType, IReadOnlyList<JsonProperty>? properties, SourceSpan? span)
    {
        LogicalType = logicalType;
        Properties = properties ?? NoProperties;
        Span = span;
    }

    /// <summary>Which Avro type this is.</summary>
    public abstract SchemaKind Kind { get; }

    /// <summary>The valid logical-type annotation, or <see langword="null"/>.</summary>
    public LogicalType? LogicalType { get; }

    /// <summary>
    /// Attributes the specification does not define for this type (custom properties), in source order, kept as written.
    /// An invalid <c>logicalType</c> (and its <c>precision</c>/<c>scale</c>) is kept here too.
    /// </summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Where the schema was written, when it was parsed from text.</summary>
    public SourceSpan? Span { get; }

    /// <summary>True for <see cref="RecordSchema"/>, <see cref="EnumSchema"/> and <see cref="FixedSchema"/>.</summary>
    public bool IsNamed => this is NamedSchema;

    /// <summary>The Avro type name: a primitive's name, or a named type's full name, or <c>array</c>/<c>map</c>/<c>union</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>
    /// Pushes the schemas this one contains directly (a record's field types, array items, map values, union branches)
    /// last first, so that popping them visits them in schema order: the step of every walk that keeps its own stack,
    /// as chains of named types across files may be longer than any thread's stack.
    /// </summary>
    public void PushChildren(Stack<AvroSchema> pending)
    {
        switch (this)
        {
            case RecordSchema record:
                for (var i = record.Fields.Count - 1; i >= 0; i--)
                {
                    pending.Push(record.Fields[i].Type);
                }

                break;
            case ArraySchema array:
                pending.Push(array.Items);
                break;
            case MapSchema map:
                pending.Push(map.Values);
                break;
            case UnionSchema union:
                for (var i = union.Branches.Count - 1; i >= 0; i--)
                {
                    pending.Push(union.Branches[i]);
                }

                break;
        }
    }

    /// <summary>
    /// This schema and every schema it reaches, each once, depth first in schema order, without recursion. A schema
    /// already in <paramref name="seen"/> is neither returned nor entered; every schema returned is added to it.
    /// </summary>
    public IEnumerable<AvroSchema> Reachable(HashSet<AvroSchema> seen)
    {
        var pending = new Stack<AvroSchema>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (seen.Add(schema))
            {
                yield return schema;
                schema.PushChildren(pending);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => TypeName;
}

/// <summary>One of the eight primitive types.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    /// <summary>Creates a primitive schema.</summary>
    public PrimitiveSchema(SchemaKind kind, LogicalType? logicalType = null, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
        : base(logicalType, properties, span)
    {
        if (kind > SchemaKind.String)
        {
            throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "not a primitive type");
        }

        Kind = kind;
    }

    /// <inheritdoc />
    public override SchemaKind Kind { get; }

    /// <inheritdoc />
    public override string TypeName => NameOf(Kind);

    /// <summary>The spec name of a primitive kind.</summary>
    public static string NameOf(SchemaKind kind) => kind switch
    {
        SchemaKind.Null => "null",
        SchemaKind.Boolean => "boolean",
        SchemaKind.Int => "int",
        SchemaKind.Long => "long",
        SchemaKind.Float => "float",
        SchemaKind.Double => "double",
        SchemaKind.Bytes => "bytes",
        SchemaKind.String => "string",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A named type: record, enum or fixed.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(string name, string? @namespace, IReadOnlyList<string>? aliases, string? doc,
        LogicalType? logicalType, IReadOnlyList<JsonProperty>? properties, SourceSpan? span)
        : base(logicalType, properties, span)
    {
        Name = name;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        FullName = Namespace is null ? name : Namespace + "." + name;
        Aliases = aliases ?? new string[0];
        Doc = doc;
    }

    /// <summary>The simple name (the part after the last dot).</summary>
    public string Name { get; }

    /// <summary>The namespace, or <see langword="null"/> for the null namespace.</summary>
    public string? Namespace { get; }

    /// <summary>The full name: <c>namespace.name</c>, or the name alone in the null namespace.</summary>
    public string FullName { get; }

    /// <summary>Aliases, resolved to full names.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The <c>doc</c> attribute.</summary>
    public string? Doc { get; }

    /// <inheritdoc />
    public override string TypeName => FullName;
}

/// <summary>The sort order of a record field.</summary>
public enum FieldOrder
{
    /// <summary><c>ascending</c> (the default).</summary>
    Ascending,
    /// <summary><c>descending</c>.</summary>
    Descending,
    /// <summary><c>ignore</c>.</summary>
    Ignore,
}

/// <summary>A field of a record.</summary>
public sealed class RecordField
{
    private static readonly IReadOnlyList<JsonProperty> NoProperties = new JsonProperty[0];

    /// <summary>Creates a field.</summary>
    public RecordField(string name, AvroSchema type, int position, string? doc = null, JsonValue? defaultValue = null,
        FieldOrder order = FieldOrder.Ascending, IReadOnlyList<string>? aliases = null,
        IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
    {
        Name = name;
        Type = type;
        Position = position;
        Doc = doc;
        Default = defaultValue;
        Order = order;
        Aliases = aliases ?? new string[0];
        Properties = properties ?? NoProperties;
        Span = span;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The field's schema.</summary>
    public AvroSchema Type { get; }

    /// <summary>The 0-based position in the record.</summary>
    public int Position { get; }

    /// <summary>The <c>doc</c> attribute.</summary>
    public string? Doc { get; }

    /// <summary>
    /// The default value as written (validated against <see cref="Type"/>), or <see langword="null"/> when the field has
    /// none. A default of JSON <c>null</c> is a <see cref="JsonNull"/>, not <see langword="null"/>.
    /// </summary>
    public JsonValue? Default { get; }

    /// <summary>True when the field has a default.</summary>
    public bool HasDefault => Default is not null;

    /// <summary>The sort order.</summary>
    public FieldOrder Order { get; }

    /// <summary>Field aliases (simple names).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Custom properties of the field, in source order.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Where the field was written.</summary>
    public SourceSpan? Span { get; }

    /// <inheritdoc />
    public override string ToString() => Name + ": " + Type.TypeName;
}

/// <summary>A record (or <c>error</c>) schema.</summary>
public sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<RecordField> _fields = new RecordField[0];
    private Dictionary<string, RecordField>? _byName;

    /// <summary>
    /// Creates a record. Its fields are set afterwards with <see cref="SetFields"/>, so that fields can refer to the
    /// record itself (recursion).
    /// </summary>
    public RecordSchema(string name, string? @namespace = null, IReadOnlyList<string>? aliases = null, string? doc = null,
        bool isError = false, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
        : base(name, @namespace, aliases, doc, null, properties, span)
    {
        IsError = isError;
    }

    /// <inheritdoc />
    public override SchemaKind Kind => SchemaKind.Record;

    /// <summary>True when declared with <c>"type": "error"</c>.</summary>
    public bool IsError { get; }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<RecordField> Fields => _fields;

    /// <summary>Sets the fields; allowed once.</summary>
    public void SetFields(IReadOnlyList<RecordField> fields)
    {
        if (_byName is not null)
        {
            throw new System.InvalidOperationException($"The fields of '{FullName}' are already set.");
        }

        _fields = fields;
        _byName = new Dictionary<string, RecordField>(System.StringComparer.Ordinal);
        foreach (var field in fields)
        {
            _byName[field.Name] = field;
        }
    }

    /// <summary>Finds a field by name.</summary>
    public RecordField? GetField(string name) =>
        _byName is not null && _byName.TryGetValue(name, out var field) ? field : null;
}

/// <summary>An enum schema.</summary>
public sealed class EnumSchema : NamedSchema
{
    /// <summary>Creates an enum.</summary>
    public EnumSchema(string name, string? @namespace, IReadOnlyList<string> symbols, string? defaultSymbol = null,
        IReadOnlyList<string>? aliases = null, string? doc = null, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
        : base(name, @namespace, aliases, doc, null, properties, span)
    {
        Symbols = symbols;
        Default = defaultSymbol;
    }

    /// <inheritdoc />
    public override SchemaKind Kind => SchemaKind.Enum;

    /// <summary>The symbols in declaration order; the wire value is the index.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The enum's <c>default</c> symbol, used by readers for symbols they do not know.</summary>
    public string? Default { get; }

    /// <summary>The index of <paramref name="symbol"/>, or -1.</summary>
    public int IndexOf(string symbol)
    {
        for (var i = 0; i < Symbols.Count; i++)
        {
            if (Symbols[i] == symbol)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A fixed schema.</summary>
public sealed class FixedSchema : NamedSchema
{
    /// <summary>Creates a fixed type of <paramref name="size"/> bytes.</summary>
    public FixedSchema(string name, string? @namespace, int size, LogicalType? logicalType = null,
        IReadOnlyList<string>? aliases = null, string? doc = null, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
        : base(name, @namespace, aliases, doc, logicalType, properties, span)
    {
        Size = size;
    }

    /// <inheritdoc />
    public override SchemaKind Kind => SchemaKind.Fixed;

    /// <summary>The size in bytes.</summary>
    public int Size { get; }
}

/// <summary>An array schema.</summary>
public sealed class ArraySchema : AvroSchema
{
    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    public ArraySchema(AvroSchema items, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
        : base(null, properties, span) => Items = items;

    /// <inheritdoc />
    public override SchemaKind Kind => SchemaKind.Array;

    /// <summary>The element schema.</summary>
    public AvroSchema Items { get; }

    /// <inheritdoc />
    public override string TypeName => "array";
}

/// <summary>A map schema (keys are strings).</summary>
public sealed class MapSchema : AvroSchema
{
    /// <summary>Creates a map of <paramref name="values"/>.</summary>
    public MapSchema(AvroSchema values, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
        : base(null, properties, span) => Values = values;

    /// <inheritdoc />
    public override SchemaKind Kind => SchemaKind.Map;

    /// <summary>The value schema.</summary>
    public AvroSchema Values { get; }

    /// <inheritdoc />
    public override string TypeName => "map";
}

/// <summary>A union schema.</summary>
public sealed class UnionSchema : AvroSchema
{
    /// <summary>Creates a union of <paramref name="branches"/>.</summary>
    public UnionSchema(IReadOnlyList<AvroSchema> branches, SourceSpan? span = null)
        : base(null, null, span) => Branches = branches;

    /// <inheritdoc />
    public override SchemaKind Kind => SchemaKind.Union;

    /// <summary>The branches; the wire value is the branch index.</summary>
    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <inheritdoc />
    public override string TypeName => "union";

    /// <summary>
    /// True for a two-branch union of <c>null</c> and one other type (<c>["null", T]</c> or <c>[T, "null"]</c>),
    /// the shape that maps to a nullable value.
    /// </summary>
    public bool TryGetNullable(out AvroSchema valueBranch, out int nullIndex)
    {
        if (Branches.Count == 2)
        {
            if (Branches[0].Kind == SchemaKind.Null && Branches[1].Kind != SchemaKind.Null)
            {
                valueBranch = Branches[1];
                nullIndex = 0;
                return true;
            }

            if (Branches[1].Kind == SchemaKind.Null && Branches[0].Kind != SchemaKind.Null)
            {
                valueBranch = Branches[0];
                nullIndex = 1;
                return true;
            }
        }

        valueBranch = null!;
        nullIndex = -1;
        return false;
    }
}

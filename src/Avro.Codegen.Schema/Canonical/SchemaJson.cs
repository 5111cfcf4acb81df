// Over 400 lines on purpose: the one schema-to-JSON writer (full, normalized, Parsing Canonical Form member order,
// known names); its options interact member by member, so splitting it would spread one ordering rule over files.
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// Writes a schema back as full Avro JSON: docs, defaults, aliases, field order, logical types with their attributes and
/// custom properties are all kept. Each named type is defined at its first occurrence and referred to by name afterwards,
/// so the text parses back into the same schema.
/// </summary>
/// <remarks>
/// Names are written relative to the enclosing namespace: a definition carries <c>namespace</c> only when it differs from
/// the enclosing one (<c>""</c> for the null namespace), and a reference is the simple name when the type lives in the
/// enclosing namespace, otherwise the full name.
/// </remarks>
public static class SchemaJson
{
    /// <summary>Returns the schema as JSON, compact or indented with two spaces.</summary>
    public static string ToJson(AvroSchema schema, bool indented = false) =>
        ToJson(schema, indented ? SchemaJsonOptions.Indented : SchemaJsonOptions.Default);

    /// <summary>
    /// Returns the schema as JSON written as <paramref name="options"/> say: indented or compact, normalized (every name in
    /// full, aliases and custom properties sorted), with named types defined elsewhere written by name only.
    /// </summary>
    public static string ToJson(AvroSchema schema, SchemaJsonOptions options)
    {
        var builder = new StringBuilder();
        JsonTextWriter.Write(ToJsonValue(schema, options), builder, options.WriteIndented);
        return builder.ToString();
    }

    /// <summary>
    /// Returns a protocol as <c>.avpr</c> JSON, compact or indented: <c>protocol</c>, <c>namespace</c>, <c>doc</c>, custom
    /// properties, <c>types</c> (each defined once, names relative to the protocol namespace) and <c>messages</c>.
    /// </summary>
    public static string ToJson(AvroProtocol protocol, bool indented = false)
    {
        var builder = new StringBuilder();
        JsonTextWriter.Write(ToJsonValue(protocol), builder, indented);
        return builder.ToString();
    }

    /// <summary>Returns a protocol as a JSON DOM.</summary>
    public static JsonValue ToJsonValue(AvroProtocol protocol)
    {
        var ns = protocol.Namespace;
        var walk = new Walk(SchemaJsonOptions.Default, template: false);
        var members = new List<JsonProperty> { Member("protocol", new JsonString(protocol.Name)) };
        if (ns is not null)
        {
            members.Add(Member("namespace", new JsonString(ns)));
        }

        if (protocol.Doc is not null)
        {
            members.Add(Member("doc", new JsonString(protocol.Doc)));
        }

        members.AddRange(protocol.Properties);
        var types = new List<JsonValue>(protocol.Types.Count);
        foreach (var type in protocol.Types)
        {
            // A type already written inside an earlier one is not repeated.
            if (!walk.Defined.Contains(type.FullName))
            {
                types.Add(Convert(type, ns, walk));
            }
        }

        members.Add(Member("types", new JsonArray(types)));
        var messages = new List<JsonProperty>(protocol.Messages.Count);
        foreach (var message in protocol.Messages)
        {
            var body = new List<JsonProperty>();
            if (message.Doc is not null)
            {
                body.Add(Member("doc", new JsonString(message.Doc)));
            }

            body.AddRange(message.Properties);
            var request = new List<JsonValue>(message.Request.Count);
            foreach (var parameter in message.Request)
            {
                request.Add(ConvertField(parameter, ns, walk));
            }

            body.Add(Member("request", new JsonArray(request)));
            body.Add(Member("response", Convert(message.Response, ns, walk)));
            if (message.Errors.Count > 0)
            {
                var errors = new List<JsonValue>(message.Errors.Count);
                foreach (var error in message.Errors)
                {
                    errors.Add(Convert(error, ns, walk));
                }

                body.Add(Member("errors", new JsonArray(errors)));
            }

            if (message.OneWay)
            {
                body.Add(Member("one-way", new JsonBoolean(true)));
            }

            messages.Add(Member(message.Name, new JsonObject(body)));
        }

        members.Add(Member("messages", new JsonObject(messages)));
        return new JsonObject(members);
    }

    /// <summary>Returns the schema as a JSON DOM (values built in code carry no source spans).</summary>
    /// <remarks>
    /// The walk keeps its own stack: named types defined in separate files may refer to each other in a chain of any
    /// length, so the depth of a schema is not bounded by the parser's nesting limit. Each container is created empty,
    /// placed at once, and filled when its turn comes, in document order (a named type is defined at its first
    /// occurrence in that order).
    /// </remarks>
    public static JsonValue ToJsonValue(AvroSchema schema) => ToJsonValue(schema, SchemaJsonOptions.Default);

    /// <summary>Returns the schema as a JSON DOM, written as <paramref name="options"/> say.</summary>
    public static JsonValue ToJsonValue(AvroSchema schema, SchemaJsonOptions options)
    {
        if (options is null)
        {
            throw new System.ArgumentNullException(nameof(options));
        }

        return Convert(schema, null, new Walk(options, template: false));
    }

    /// <summary>
    /// The JSON of <paramref name="schema"/>'s own definition, written in its own namespace, with every named type it refers
    /// to (itself included) written as <see cref="SchemaTemplate.Mark"/> + full name + mark; see <see cref="SchemaTemplate"/>.
    /// </summary>
    internal static string ToTemplateJson(NamedSchema schema)
    {
        var root = new List<JsonValue>(1);
        Run(Work.Convert(schema, schema.Namespace, root), new Walk(SchemaJsonOptions.Default, template: true));
        var builder = new StringBuilder();
        JsonTextWriter.Write(root[0], builder, indented: false);
        return builder.ToString();
    }

    /// <summary>Converts one schema, defining the named types that <paramref name="walk"/> has not defined yet.</summary>
    private static JsonValue Convert(AvroSchema schema, string? ns, Walk walk)
    {
        var root = new List<JsonValue>(1);
        Run(Work.Convert(schema, ns, root), walk);
        return root[0];
    }

    /// <summary>Converts a record field (or a protocol message parameter).</summary>
    private static JsonValue ConvertField(RecordField field, string? ns, Walk walk)
    {
        var members = new List<JsonProperty> { Member("name", new JsonString(field.Name)) };
        Run(Work.Convert(field.Type, ns, members, "type"), walk);
        members.AddRange(FieldTrailer(field, walk.Normalize));
        return new JsonObject(members);
    }

    private static void Run(Work first, Walk walk)
    {
        var work = new Stack<Work>();
        work.Push(first);
        while (work.Count > 0)
        {
            var item = work.Pop();
            if (item.Value is not null)
            {
                item.Items!.Add(item.Value);
                continue;
            }

            if (item.Trailing is not null)
            {
                item.Members!.AddRange(item.Trailing);
                continue;
            }

            var value = Start(item.Schema!, item.Namespace, walk, work);
            if (item.MemberName is null)
            {
                item.Items!.Add(value);
            }
            else
            {
                item.Members!.Add(Member(item.MemberName, value));
            }
        }
    }

    /// <summary>Creates the value of one schema; what it contains is pushed as work so that it is filled in later.</summary>
    private static JsonValue Start(AvroSchema schema, string? ns, Walk walk, Stack<Work> work)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                {
                    if (primitive.LogicalType is null && primitive.Properties.Count == 0)
                    {
                        return new JsonString(primitive.TypeName);
                    }

                    var members = new List<JsonProperty> { Member("type", new JsonString(primitive.TypeName)) };
                    AddLogicalType(members, primitive.LogicalType);
                    members.AddRange(Properties(primitive.Properties, walk.Normalize));
                    return new JsonObject(members);
                }

            case UnionSchema union:
                {
                    var branches = new List<JsonValue>(union.Branches.Count);
                    for (var i = union.Branches.Count - 1; i >= 0; i--)
                    {
                        work.Push(Work.Convert(union.Branches[i], ns, branches));
                    }

                    return new JsonArray(branches);
                }

            case ArraySchema array:
                {
                    var members = new List<JsonProperty> { Member("type", new JsonString("array")) };
                    work.Push(Work.Append(members, Properties(array.Properties, walk.Normalize)));
                    work.Push(Work.Convert(array.Items, ns, members, "items"));
                    return new JsonObject(members);
                }

            case MapSchema map:
                {
                    var members = new List<JsonProperty> { Member("type", new JsonString("map")) };
                    work.Push(Work.Append(members, Properties(map.Properties, walk.Normalize)));
                    work.Push(Work.Convert(map.Values, ns, members, "values"));
                    return new JsonObject(members);
                }

            case NamedSchema named:
                return walk.Template && walk.Defined.Count > 0
                    ? new JsonRawText(SchemaTemplate.Mark + named.FullName + SchemaTemplate.Mark)
                    : StartNamed(named, ns, walk, work);
            default:
                return new JsonNull();
        }
    }

    private static JsonValue StartNamed(NamedSchema named, string? ns, Walk walk, Stack<Work> work)
    {
        if (!walk.Defined.Add(named.FullName))
        {
            return new JsonString(named.Namespace == ns && !walk.Normalize ? named.Name : named.FullName);
        }

        var type = named switch
        {
            RecordSchema { IsError: true } => "error",
            RecordSchema => "record",
            EnumSchema => "enum",
            _ => "fixed",
        };
        var members = new List<JsonProperty> { Member("type", new JsonString(type)) };
        if (walk.Normalize)
        {
            members.Add(Member("name", new JsonString(named.FullName)));
        }
        else
        {
            members.Add(Member("name", new JsonString(named.Name)));
            if (named.Namespace != ns)
            {
                // An empty namespace leaves an enclosing one, as Java writes it.
                members.Add(Member("namespace", new JsonString(named.Namespace ?? string.Empty)));
            }
        }

        if (named.Doc is not null)
        {
            members.Add(Member("doc", new JsonString(named.Doc)));
        }

        // As Java's Schema.toString() orders them: the kind's own members, then custom properties, then aliases.
        var trailing = new List<JsonProperty>(Properties(named.Properties, walk.Normalize));
        if (named.Aliases.Count > 0)
        {
            var aliases = new List<string>(named.Aliases.Count);
            foreach (var alias in named.Aliases)
            {
                AvroNames.Split(alias, out var aliasNs, out var aliasName);
                aliases.Add(aliasNs == named.Namespace && !walk.Normalize ? aliasName : alias);
            }

            trailing.Add(Member("aliases", Strings(aliases, walk.Normalize)));
        }

        switch (named)
        {
            case RecordSchema record:
                {
                    var fields = new List<JsonValue>(record.Fields.Count);
                    members.Add(Member("fields", new JsonArray(fields)));
                    members.AddRange(trailing);

                    // Fields are pushed last to first, so they are filled first to last.
                    for (var i = record.Fields.Count - 1; i >= 0; i--)
                    {
                        var field = record.Fields[i];
                        var fieldMembers = new List<JsonProperty> { Member("name", new JsonString(field.Name)) };
                        work.Push(Work.Append(fieldMembers, FieldTrailer(field, walk.Normalize)));
                        work.Push(Work.Convert(field.Type, named.Namespace, fieldMembers, "type"));
                        work.Push(Work.Place(fields, new JsonObject(fieldMembers)));
                    }

                    return new JsonObject(members);
                }

            case EnumSchema @enum:
                {
                    var symbols = new List<JsonValue>(@enum.Symbols.Count);
                    foreach (var symbol in @enum.Symbols)
                    {
                        symbols.Add(new JsonString(symbol));
                    }

                    members.Add(Member("symbols", new JsonArray(symbols)));
                    if (@enum.Default is not null)
                    {
                        members.Add(Member("default", new JsonString(@enum.Default)));
                    }

                    break;
                }

            case FixedSchema @fixed:
                members.Add(Member("size", Number(@fixed.Size)));
                AddLogicalType(members, @fixed.LogicalType);
                break;
        }

        members.AddRange(trailing);
        return new JsonObject(members);
    }

    /// <summary>The members of a field after its <c>name</c> and <c>type</c>, in Java's order.</summary>
    private static List<JsonProperty> FieldTrailer(RecordField field, bool normalize)
    {
        var members = new List<JsonProperty>();
        if (field.Doc is not null)
        {
            members.Add(Member("doc", new JsonString(field.Doc)));
        }

        if (field.Default is not null)
        {
            members.Add(Member("default", field.Default));
        }

        if (field.Order != FieldOrder.Ascending)
        {
            members.Add(Member("order", new JsonString(field.Order == FieldOrder.Descending ? "descending" : "ignore")));
        }

        members.AddRange(Properties(field.Properties, normalize));
        if (field.Aliases.Count > 0)
        {
            members.Add(Member("aliases", Strings(field.Aliases, normalize)));
        }

        return members;
    }

    /// <summary>Custom properties as written; sorted by name when normalizing.</summary>
    private static IReadOnlyList<JsonProperty> Properties(IReadOnlyList<JsonProperty> properties, bool normalize)
    {
        if (!normalize || properties.Count < 2)
        {
            return properties;
        }

        var sorted = new List<JsonProperty>(properties);
        sorted.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        return sorted;
    }

    private static JsonArray Strings(IReadOnlyList<string> values, bool normalize)
    {
        var ordered = new List<string>(values);
        if (normalize)
        {
            ordered.Sort(string.CompareOrdinal);
        }

        var items = new List<JsonValue>(ordered.Count);
        foreach (var value in ordered)
        {
            items.Add(new JsonString(value));
        }

        return new JsonArray(items);
    }

    private static void AddLogicalType(List<JsonProperty> members, LogicalType? logical)
    {
        if (logical is null)
        {
            return;
        }

        members.Add(Member("logicalType", new JsonString(logical.Name)));
        if (logical.Kind == LogicalTypeKind.Decimal)
        {
            members.Add(Member("precision", Number(logical.Precision)));
            members.Add(Member("scale", Number(logical.Scale)));
        }
    }

    private static JsonProperty Member(string name, JsonValue value) => new(name, value);

    private static JsonNumber Number(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// One step of <see cref="ToJsonValue(AvroSchema)"/>: convert a schema and add it to a list (as an item, or as the member
    /// <c>MemberName</c>), or append members that follow an earlier one, or place a value built already.
    /// </summary>
    private sealed class Work
    {
        public AvroSchema? Schema { get; private set; }

        public string? Namespace { get; private set; }

        public List<JsonValue>? Items { get; private set; }

        public List<JsonProperty>? Members { get; private set; }

        public string? MemberName { get; private set; }

        public IReadOnlyList<JsonProperty>? Trailing { get; private set; }

        public JsonValue? Value { get; private set; }

        public static Work Convert(AvroSchema schema, string? ns, List<JsonValue> items) =>
            new() { Schema = schema, Namespace = ns, Items = items };

        public static Work Convert(AvroSchema schema, string? ns, List<JsonProperty> members, string memberName) =>
            new() { Schema = schema, Namespace = ns, Members = members, MemberName = memberName };

        public static Work Append(List<JsonProperty> members, IReadOnlyList<JsonProperty> trailing) =>
            new() { Members = members, Trailing = trailing };

        public static Work Place(List<JsonValue> items, JsonValue value) => new() { Items = items, Value = value };
    }

    /// <summary>What one conversion keeps: the names defined so far, and how to write.</summary>
    private sealed class Walk
    {
        public Walk(SchemaJsonOptions options, bool template)
        {
            Defined = new HashSet<string>(options.KnownNames, System.StringComparer.Ordinal);
            Normalize = options.Normalize;
            Template = template;
        }

        /// <summary>Full names of the named types written so far (or defined elsewhere): later uses are by name.</summary>
        public HashSet<string> Defined { get; }

        public bool Normalize { get; }

        public bool Template { get; }
    }
}

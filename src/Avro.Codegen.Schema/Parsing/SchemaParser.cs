// Over 400 lines on purpose: the .avsc parser and validator, one method per schema kind with its error texts and
// positions; the kinds share name, namespace and default rules, kept together.
using System.Collections.Generic;
using System.Linq;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// Parses <c>.avsc</c> text into <see cref="AvroSchema"/> graphs, validating it against the Avro 1.12 specification.
/// Problems are returned as <see cref="SchemaError"/>s; bad input never makes these methods throw.
/// </summary>
public static class SchemaParser
{
    /// <summary>Parses one self-contained file.</summary>
    public static SchemaFileResult Parse(string text, string path = "schema.avsc") => Parse(text, path, null);

    /// <summary>
    /// Parses one file whose schema may also refer to <paramref name="knownTypes"/> (and the named types nested in them),
    /// e.g. the schemas a registry schema references.
    /// </summary>
    public static SchemaFileResult Parse(string text, string path, IEnumerable<NamedSchema>? knownTypes) =>
        ParseSet(new[] { new SchemaSource(path, text) }, knownTypes).Files[0];

    /// <summary>
    /// Parses a set of files as one unit: a file may refer to named types defined in any other file of the set, whatever
    /// the order of the files. Within one file a named type must be defined before it is referenced.
    /// </summary>
    public static SchemaSetResult ParseSet(IEnumerable<SchemaSource> files) => ParseSet(files, null);

    /// <summary>
    /// Parses a set of files that may also refer to <paramref name="knownTypes"/> (and the named types nested in them).
    /// </summary>
    public static SchemaSetResult ParseSet(IEnumerable<SchemaSource> files, IEnumerable<NamedSchema>? knownTypes) =>
        ParseSet(files, knownTypes, null);

    /// <summary>
    /// Parses a set of files (<c>.avsc</c>, Avro IDL <c>.avdl</c> and <c>.avpr</c>, told apart by extension) whose imports not
    /// found among the files are read through <paramref name="importResolver"/>; imported files join the set after the given ones.
    /// </summary>
    public static SchemaSetResult ParseSet(IEnumerable<SchemaSource> files, IEnumerable<NamedSchema>? knownTypes, SchemaImportResolver? importResolver)
    {
        var builder = new SchemaSetBuilder();
        builder.SetImportResolver(importResolver);
        if (knownTypes is not null)
        {
            builder.AddKnownTypes(knownTypes);
        }

        return builder.Build(files ?? Enumerable.Empty<SchemaSource>());
    }

    /// <summary>
    /// The first half of <see cref="ParseSet(IEnumerable{SchemaSource}, IEnumerable{NamedSchema}?, SchemaImportResolver?)"/>
    /// for one file: reads its text (JSON for <c>.avsc</c>/<c>.avpr</c>, Avro IDL for <c>.avdl</c>) into a syntax tree,
    /// without looking at any other file. The result is immutable and may be linked any number of times, in any set, so a
    /// caller that re-links after an edit (the source generator) parses only the edited file again.
    /// </summary>
    public static UnlinkedSchemaFile ParseUnlinked(SchemaSource file) => SchemaSetBuilder.ParseUnlinked(file ?? new SchemaSource(string.Empty, string.Empty));

    /// <summary>
    /// The second half: declares the named types of the files, resolves every name against the whole set (in any file
    /// order), reads imports and checks defaults. <c>Link(files.Select(ParseUnlinked))</c> gives the same result, errors
    /// and positions included, as <see cref="ParseSet(IEnumerable{SchemaSource}, IEnumerable{NamedSchema}?, SchemaImportResolver?)"/>;
    /// every call builds a new schema graph.
    /// </summary>
    public static SchemaSetResult Link(IEnumerable<UnlinkedSchemaFile> files, IEnumerable<NamedSchema>? knownTypes = null, SchemaImportResolver? importResolver = null)
    {
        var builder = new SchemaSetBuilder();
        builder.SetImportResolver(importResolver);
        if (knownTypes is not null)
        {
            builder.AddKnownTypes(knownTypes);
        }

        return builder.Build(files ?? Enumerable.Empty<UnlinkedSchemaFile>());
    }
}

/// <summary>
/// Parses a schema set in three passes, so that references across files do not depend on file order:
/// (1) declare: create every named type (records without fields yet) and register its full name;
/// (2) build: create the rest of each file's schema, resolving names against the registry, and give records their fields;
/// (3) check field defaults, which needs the finished graph (a default may be a record defined in another file).
/// </summary>
internal sealed partial class SchemaSetBuilder
{
    private static readonly HashSet<string> RecordAttributes = new(System.StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "fields" };
    private static readonly HashSet<string> EnumAttributes = new(System.StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "symbols", "default" };
    private static readonly HashSet<string> FixedAttributes = new(System.StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "size" };
    private static readonly HashSet<string> FieldAttributes = new(System.StringComparer.Ordinal) { "name", "type", "doc", "default", "order", "aliases" };
    private static readonly HashSet<string> ComplexTypeNames = new(System.StringComparer.Ordinal) { "record", "error", "enum", "fixed", "array", "map" };

    private readonly Dictionary<string, Definition> _definitions = new(System.StringComparer.Ordinal);
    private readonly Dictionary<JsonObject, NamedSchema> _declared = new(ReferenceComparer.Instance);
    private readonly List<PendingDefault> _defaults = new();
    private readonly List<FileState> _files = new();

    private FileState _file = null!;

    public void AddKnownTypes(IEnumerable<NamedSchema> knownTypes)
    {
        var seen = new HashSet<AvroSchema>(ReferenceComparer.Instance);
        foreach (var type in knownTypes)
        {
            if (type is not null)
            {
                CollectKnown(type, seen);
            }
        }
    }

    public SchemaSetResult Build(IEnumerable<SchemaSource> sources)
    {
        foreach (var source in sources)
        {
            var state = new FileState(_files.Count, source?.Path ?? string.Empty);
            state.Text = source?.Text ?? string.Empty;
            state.Format = FormatOf(state.Path);
            _files.Add(state);
        }

        return Link();
    }

    public SchemaSetResult Build(IEnumerable<UnlinkedSchemaFile> files)
    {
        foreach (var file in files)
        {
            var state = new FileState(_files.Count, file.Path) { Text = file.Text, Format = file.Format, Parsed = file };
            state.Errors.AddRange(file.Errors);
            _files.Add(state);
        }

        return Link();
    }

    private SchemaSetResult Link()
    {
        LoadFiles();
        foreach (var file in _files)
        {
            _file = file;
            DeclareFile(file);
        }

        foreach (var file in _files)
        {
            _file = file;
            BuildFile(file);
        }

        foreach (var pending in _defaults)
        {
            if (!SchemaDefaults.Check(pending.Field.Type, pending.Value, out var at, out var reason))
            {
                pending.File.Errors.Add(SchemaErrors.InvalidDefault(at.Span ?? pending.Value.Span!, pending.Field.Name, reason));
            }
        }

        var results = new List<SchemaFileResult>(_files.Count);
        foreach (var file in _files)
        {
            // Errors are found pass by pass; readers expect them in source order.
            var errors = file.Errors.OrderBy(e => e.Span.Offset).ToList();
            AddFileResults(file, out var protocol, out var allTypes);
            results.Add(new SchemaFileResult(file.Path, errors.Count == 0 ? file.Root : null, file.Defined, errors, protocol, allTypes));
        }

        var named = new Dictionary<string, NamedSchema>(System.StringComparer.Ordinal);
        foreach (var pair in _definitions)
        {
            named[pair.Key] = pair.Value.Schema;
        }

        return new SchemaSetResult(results, named);
    }

    // ---------------------------------------------------------------- pass 1: declare named types

    private void Declare(JsonValue value, string? enclosingNamespace)
    {
        switch (value)
        {
            case JsonArray union:
                foreach (var branch in union.Items)
                {
                    Declare(branch, enclosingNamespace);
                }

                break;
            case JsonObject obj when obj["type"] is JsonString type:
                switch (type.Value)
                {
                    case "record":
                    case "error":
                        {
                            var record = DeclareNamed(obj, type.Value, enclosingNamespace);
                            if (obj["fields"] is JsonArray fields)
                            {
                                foreach (var field in fields.Items)
                                {
                                    if (field is JsonObject f && f["type"] is { } fieldType)
                                    {
                                        Declare(fieldType, record.Namespace);
                                    }
                                }
                            }

                            break;
                        }

                    case "enum":
                    case "fixed":
                        DeclareNamed(obj, type.Value, enclosingNamespace);
                        break;
                    case "array":
                        if (obj["items"] is { } items)
                        {
                            Declare(items, enclosingNamespace);
                        }

                        break;
                    case "map":
                        if (obj["values"] is { } values)
                        {
                            Declare(values, enclosingNamespace);
                        }

                        break;
                }

                break;
        }
    }

    private NamedSchema DeclareNamed(JsonObject obj, string type, string? enclosingNamespace)
    {
        var article = type is "error" or "enum" ? "An" : "A";
        var valid = true;
        string simpleName = string.Empty;
        string? ns = enclosingNamespace;
        SourceSpan nameSpan = obj.Span!;

        // The namespace attribute applies unless the name itself is dotted; "" selects the null namespace.
        var nsValue = obj.Find("namespace");
        if (nsValue is not null)
        {
            if (nsValue.Value is JsonString nsString)
            {
                if (AvroNames.IsValidNamespace(nsString.Value))
                {
                    ns = nsString.Value.Length == 0 ? null : nsString.Value;
                }
                else
                {
                    Error(SchemaErrors.InvalidNamespace(nsString.Span!, nsString.Value));
                }
            }
            else if (nsValue.Value is not JsonNull)
            {
                Error(SchemaErrors.WrongAttributeType(nsValue.Value.Span!, "namespace", "a string", AvroNames.Describe(nsValue.Value)));
            }
        }

        var nameProp = obj.Find("name");
        if (nameProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, $"{article} {type} schema", "name"));
            valid = false;
        }
        else if (nameProp.Value is not JsonString nameString)
        {
            Error(SchemaErrors.WrongAttributeType(nameProp.Value.Span!, "name", "a string", AvroNames.Describe(nameProp.Value)));
            valid = false;
        }
        else
        {
            nameSpan = nameString.Span!;
            var name = nameString.Value;
            if (name.IndexOf('.') >= 0)
            {
                AvroNames.Split(name, out var dottedNs, out simpleName);
                if (!AvroNames.IsValidNamespace(dottedNs) || dottedNs!.Length == 0 || !AvroNames.IsValidName(simpleName))
                {
                    Error(SchemaErrors.InvalidName(nameSpan, "type name", name));
                    valid = false;
                }

                ns = dottedNs;
            }
            else
            {
                simpleName = name;
                if (!AvroNames.IsValidName(name))
                {
                    Error(SchemaErrors.InvalidName(nameSpan, "type name", name));
                    valid = false;
                }
            }

            if (valid && AvroNames.IsPrimitive(simpleName))
            {
                Error(SchemaErrors.ReservedTypeName(nameSpan, simpleName));
                valid = false;
            }
        }

        var doc = ReadDoc(obj);
        var aliases = ReadTypeAliases(obj, ns);

        NamedSchema schema;
        switch (type)
        {
            case "enum":
                schema = DeclareEnum(obj, simpleName, ns, aliases, doc);
                break;
            case "fixed":
                schema = DeclareFixed(obj, simpleName, ns, aliases, doc);
                break;
            default:
                schema = new RecordSchema(simpleName, ns, aliases, doc, type == "error", CustomProperties(obj, RecordAttributes, null), obj.Span);
                break;
        }

        _declared[obj] = schema;
        if (valid)
        {
            if (_definitions.TryGetValue(schema.FullName, out var existing))
            {
                Error(SchemaErrors.DuplicateType(nameSpan, schema.FullName, existing.NameSpan));
            }
            else
            {
                _definitions.Add(schema.FullName, new Definition(schema, _file.Index, obj.Span!.Offset, nameSpan));
                _file.Defined.Add(schema);
            }
        }

        return schema;
    }

    private EnumSchema DeclareEnum(JsonObject obj, string name, string? ns, IReadOnlyList<string> aliases, string? doc)
    {
        var displayName = AvroNames.Qualify(name, ns);
        var symbols = new List<string>();
        var symbolsProp = obj.Find("symbols");
        if (symbolsProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, $"Enum '{displayName}'", "symbols"));
        }
        else if (symbolsProp.Value is not JsonArray array)
        {
            Error(SchemaErrors.WrongAttributeType(symbolsProp.Value.Span!, "symbols", "an array of strings", AvroNames.Describe(symbolsProp.Value)));
        }
        else
        {
            foreach (var item in array.Items)
            {
                if (item is not JsonString symbol)
                {
                    Error(SchemaErrors.WrongAttributeType(item.Span!, "symbols", "an array of strings", "an element that is " + AvroNames.Describe(item)));
                }
                else if (!AvroNames.IsValidName(symbol.Value))
                {
                    Error(SchemaErrors.InvalidName(symbol.Span!, "enum symbol", symbol.Value));
                }
                else if (symbols.Contains(symbol.Value))
                {
                    Error(SchemaErrors.DuplicateEnumSymbol(symbol.Span!, displayName, symbol.Value));
                }
                else
                {
                    symbols.Add(symbol.Value);
                }
            }
        }

        string? defaultSymbol = null;
        var defaultProp = obj.Find("default");
        if (defaultProp is not null)
        {
            if (defaultProp.Value is not JsonString d)
            {
                Error(SchemaErrors.WrongAttributeType(defaultProp.Value.Span!, "default", "a string naming one of the symbols", AvroNames.Describe(defaultProp.Value)));
            }
            else if (!symbols.Contains(d.Value))
            {
                Error(SchemaErrors.InvalidEnumDefault(d.Span!, displayName, d.Value));
            }
            else
            {
                defaultSymbol = d.Value;
            }
        }

        return new EnumSchema(name, ns, symbols, defaultSymbol, aliases, doc, CustomProperties(obj, EnumAttributes, null), obj.Span);
    }

    private FixedSchema DeclareFixed(JsonObject obj, string name, string? ns, IReadOnlyList<string> aliases, string? doc)
    {
        var size = 0;
        var sizeProp = obj.Find("size");
        var sizeValid = false;
        if (sizeProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, $"Fixed '{AvroNames.Qualify(name, ns)}'", "size"));
        }
        else if (sizeProp.Value is not JsonNumber number)
        {
            Error(SchemaErrors.WrongAttributeType(sizeProp.Value.Span!, "size", "an integer", AvroNames.Describe(sizeProp.Value)));
        }
        else if (!number.IsInteger || !number.TryGetInt64(out var n) || n < 0 || n > int.MaxValue)
        {
            Error(SchemaErrors.InvalidFixedSize(number.Span!, number.Text));
        }
        else
        {
            size = (int)n;
            sizeValid = true;
        }

        var logical = sizeValid ? LogicalTypes.ForFixed(obj, size) : null;
        var consumed = logical is null ? null : LogicalTypes.AttributesOf(logical);
        return new FixedSchema(name, ns, size, logical, aliases, doc, CustomProperties(obj, FixedAttributes, consumed), obj.Span);
    }

    private string? ReadDoc(JsonObject obj)
    {
        // "doc": null is read as no doc, as Java Avro reads it; tools that export schemas sometimes write it.
        var docProp = obj.Find("doc");
        if (docProp is null || docProp.Value is JsonNull)
        {
            return null;
        }

        if (docProp.Value is JsonString doc)
        {
            return doc.Value;
        }

        Error(SchemaErrors.WrongAttributeType(docProp.Value.Span!, "doc", "a string", AvroNames.Describe(docProp.Value)));
        return null;
    }

    /// <summary>
    /// Reads a named type's aliases, each resolved to a full name against the type's own namespace. Avro 1.12 accepts any
    /// string as an alias (so that an alias can carry an old, invalid name), so aliases are not validated as names.
    /// </summary>
    private IReadOnlyList<string> ReadTypeAliases(JsonObject obj, string? ns)
    {
        var result = new List<string>();
        foreach (var alias in ReadStringArray(obj, "aliases"))
        {
            var full = AvroNames.Qualify(alias.Value, ns);
            if (!result.Contains(full))
            {
                result.Add(full);
            }
        }

        return result;
    }

    private List<JsonString> ReadStringArray(JsonObject obj, string attribute)
    {
        var result = new List<JsonString>();
        var prop = obj.Find(attribute);
        if (prop is null)
        {
            return result;
        }

        if (prop.Value is not JsonArray array)
        {
            Error(SchemaErrors.WrongAttributeType(prop.Value.Span!, attribute, "an array of strings", AvroNames.Describe(prop.Value)));
            return result;
        }

        foreach (var item in array.Items)
        {
            if (item is JsonString s)
            {
                result.Add(s);
            }
            else
            {
                Error(SchemaErrors.WrongAttributeType(item.Span!, attribute, "an array of strings", "an element that is " + AvroNames.Describe(item)));
            }
        }

        return result;
    }

    // ---------------------------------------------------------------- pass 2: build

    private AvroSchema? Build(JsonValue value, string? enclosingNamespace)
    {
        switch (value)
        {
            case JsonString name:
                return Resolve(name, enclosingNamespace);
            case JsonArray union:
                return BuildUnion(union, enclosingNamespace);
            case JsonObject obj:
                return BuildObject(obj, enclosingNamespace);
            default:
                Error(SchemaErrors.InvalidSchema(value.Span!, AvroNames.Describe(value)));
                return null;
        }
    }

    private AvroSchema? Resolve(JsonString reference, string? enclosingNamespace)
    {
        var name = reference.Value;
        if (AvroNames.TryGetPrimitive(name, out var kind))
        {
            return new PrimitiveSchema(kind, span: reference.Span);
        }

        var full = AvroNames.Qualify(name, enclosingNamespace);
        if (!_definitions.TryGetValue(full, out var definition) && full != name)
        {
            // A short name that is not in the enclosing namespace may still name a type of the null namespace
            // (Java Avro resolves it so; the strict reading would make such types unreachable from any namespace).
            _definitions.TryGetValue(name, out definition);
        }

        if (definition is null)
        {
            string? hint = null;
            if (ComplexTypeNames.Contains(name))
            {
                hint = $"'{name}' is a complex type and is written as an object, e.g. {{\"type\": \"{name}\", ...}}.";
            }
            else if (full != name)
            {
                hint = $"looked for '{full}' and '{name}'.";
            }

            Error(SchemaErrors.UnknownType(reference.Span!, name, hint));
            return null;
        }

        if (definition.FileIndex == _file.Index && definition.Offset > reference.Span!.Offset && !_file.AllowsForwardReferences)
        {
            Error(SchemaErrors.TypeUsedBeforeDefinition(reference.Span, definition.Schema.FullName, definition.NameSpan!));
        }

        return definition.Schema;
    }

    private UnionSchema BuildUnion(JsonArray array, string? enclosingNamespace)
    {
        var branches = new List<AvroSchema>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var item in array.Items)
        {
            if (item is JsonArray)
            {
                Error(SchemaErrors.NestedUnion(item.Span!));
                continue;
            }

            var branch = Build(item, enclosingNamespace);
            if (branch is null)
            {
                continue;
            }

            // Unnamed types are told apart by kind (a logical type does not make "int" a different branch);
            // named types by full name.
            var key = branch is NamedSchema named ? "named:" + named.FullName : branch.TypeName;
            if (!seen.Add(key))
            {
                Error(SchemaErrors.DuplicateUnionBranch(item.Span!, branch.TypeName));
                continue;
            }

            branches.Add(branch);
        }

        return new UnionSchema(branches, array.Span);
    }

    private AvroSchema? BuildObject(JsonObject obj, string? enclosingNamespace)
    {
        var typeProp = obj.Find("type");
        if (typeProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, "A schema object", "type"));
            return null;
        }

        if (typeProp.Value is not JsonString type)
        {
            Error(SchemaErrors.WrongAttributeType(typeProp.Value.Span!, "type", "a type name string", AvroNames.Describe(typeProp.Value)));
            return null;
        }

        if (AvroNames.TryGetPrimitive(type.Value, out var kind))
        {
            var logical = LogicalTypes.ForPrimitive(obj, kind);
            var consumed = logical is null ? null : LogicalTypes.AttributesOf(logical);
            return new PrimitiveSchema(kind, logical, CustomProperties(obj, TypeOnly, consumed), obj.Span);
        }

        switch (type.Value)
        {
            case "record":
            case "error":
                {
                    var record = (RecordSchema)GetDeclared(obj, type.Value, enclosingNamespace);
                    BuildFields(record, obj);
                    return record;
                }

            case "enum":
            case "fixed":
                return GetDeclared(obj, type.Value, enclosingNamespace);
            case "array":
                {
                    var items = BuildChild(obj, "items", "An array schema", enclosingNamespace);
                    return items is null ? null : new ArraySchema(items, CustomProperties(obj, ArrayAttributes, null), obj.Span);
                }

            case "map":
                {
                    var values = BuildChild(obj, "values", "A map schema", enclosingNamespace);
                    return values is null ? null : new MapSchema(values, CustomProperties(obj, MapAttributes, null), obj.Span);
                }

            default:
                // {"type": "com.example.Named"} is a reference written as an object, as Java Avro accepts.
                return Resolve(type, enclosingNamespace);
        }
    }

    private static readonly HashSet<string> TypeOnly = new(System.StringComparer.Ordinal) { "type" };
    private static readonly HashSet<string> ArrayAttributes = new(System.StringComparer.Ordinal) { "type", "items" };
    private static readonly HashSet<string> MapAttributes = new(System.StringComparer.Ordinal) { "type", "values" };

    private AvroSchema? BuildChild(JsonObject obj, string attribute, string what, string? enclosingNamespace)
    {
        var prop = obj.Find(attribute);
        if (prop is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, what, attribute));
            return null;
        }

        return Build(prop.Value, enclosingNamespace);
    }

    private NamedSchema GetDeclared(JsonObject obj, string type, string? enclosingNamespace) =>
        _declared.TryGetValue(obj, out var schema) ? schema : DeclareNamed(obj, type, enclosingNamespace);

    private void BuildFields(RecordSchema record, JsonObject obj)
    {
        var fields = new List<RecordField>();
        var fieldsProp = obj.Find("fields");
        if (fieldsProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, $"Record '{record.FullName}'", "fields"));
        }
        else if (fieldsProp.Value is not JsonArray array)
        {
            Error(SchemaErrors.WrongAttributeType(fieldsProp.Value.Span!, "fields", "an array of field objects", AvroNames.Describe(fieldsProp.Value)));
        }
        else
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var item in array.Items)
            {
                if (item is not JsonObject fieldObj)
                {
                    Error(SchemaErrors.WrongAttributeType(item.Span!, "fields", "an array of field objects", "an element that is " + AvroNames.Describe(item)));
                    continue;
                }

                var field = BuildField(record, fieldObj, fields.Count, names);
                if (field is not null)
                {
                    fields.Add(field);
                }
            }
        }

        record.SetFields(fields);
    }

    private RecordField? BuildField(RecordSchema record, JsonObject obj, int position, HashSet<string> names)
    {
        var ok = true;
        string name = string.Empty;
        var nameProp = obj.Find("name");
        if (nameProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, $"A field of record '{record.FullName}'", "name"));
            ok = false;
        }
        else if (nameProp.Value is not JsonString nameString)
        {
            Error(SchemaErrors.WrongAttributeType(nameProp.Value.Span!, "name", "a string", AvroNames.Describe(nameProp.Value)));
            ok = false;
        }
        else
        {
            name = nameString.Value;
            if (!AvroNames.IsValidName(name))
            {
                Error(SchemaErrors.InvalidName(nameString.Span!, "field name", name));
                ok = false;
            }
            else if (!names.Add(name))
            {
                Error(SchemaErrors.DuplicateFieldName(nameString.Span!, record.FullName, name));
                ok = false;
            }
        }

        AvroSchema? type = null;
        var typeProp = obj.Find("type");
        if (typeProp is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, ok ? $"Field '{name}'" : "A field", "type"));
        }
        else
        {
            type = Build(typeProp.Value, record.Namespace);
        }

        var doc = ReadDoc(obj);
        var order = FieldOrder.Ascending;
        var orderProp = obj.Find("order");
        if (orderProp is not null)
        {
            if (orderProp.Value is not JsonString orderString)
            {
                Error(SchemaErrors.WrongAttributeType(orderProp.Value.Span!, "order", "a string", AvroNames.Describe(orderProp.Value)));
            }
            else
            {
                switch (orderString.Value)
                {
                    case "ascending": order = FieldOrder.Ascending; break;
                    case "descending": order = FieldOrder.Descending; break;
                    case "ignore": order = FieldOrder.Ignore; break;
                    default: Error(SchemaErrors.InvalidFieldOrder(orderString.Span!, orderString.Value)); break;
                }
            }
        }

        // Any string is a valid field alias (Avro 1.12), so a field can keep an old, invalid name as an alias.
        var aliases = new List<string>();
        foreach (var alias in ReadStringArray(obj, "aliases"))
        {
            if (!aliases.Contains(alias.Value))
            {
                aliases.Add(alias.Value);
            }
        }

        var defaultValue = obj["default"];
        if (!ok || type is null)
        {
            return null;
        }

        var field = new RecordField(name, type, position, doc, defaultValue, order, aliases, CustomProperties(obj, FieldAttributes, null), obj.Span);
        if (defaultValue is not null)
        {
            _defaults.Add(new PendingDefault(_file, field, defaultValue));
        }

        return field;
    }

    // ---------------------------------------------------------------- helpers

    private static IReadOnlyList<JsonProperty>? CustomProperties(JsonObject obj, HashSet<string> reserved, IReadOnlyCollection<string>? consumed)
    {
        List<JsonProperty>? result = null;
        foreach (var property in obj.Properties)
        {
            if (reserved.Contains(property.Name) || (consumed is not null && consumed.Contains(property.Name)))
            {
                continue;
            }

            (result ??= new List<JsonProperty>()).Add(property);
        }

        return result;
    }

    /// <summary>Registers every named type reachable from <paramref name="root"/>; iterative, as chains may be long.</summary>
    private void CollectKnown(AvroSchema root, HashSet<AvroSchema> seen)
    {
        foreach (var schema in root.Reachable(seen))
        {
            if (schema is NamedSchema named && !_definitions.ContainsKey(named.FullName))
            {
                _definitions.Add(named.FullName, new Definition(named, -1, -1, named.Span));
            }
        }
    }

    private void Error(SchemaError error) => _file.Errors.Add(error);

    private sealed partial class FileState
    {
        public FileState(int index, string path)
        {
            Index = index;
            Path = path;
        }

        public int Index { get; }

        public string Path { get; }

        public JsonValue? Json { get; set; }

        public AvroSchema? Root { get; set; }

        public List<SchemaError> Errors { get; } = new();

        public List<NamedSchema> Defined { get; } = new();
    }

    /// <summary>A registered named type: where it was defined (file -1 for types given by the caller).</summary>
    private sealed record Definition(NamedSchema Schema, int FileIndex, int Offset, SourceSpan? NameSpan);

    private sealed record PendingDefault(FileState File, RecordField Field, JsonValue Value);

    private sealed class ReferenceComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

// Over 400 lines on purpose: a recursive-descent parser for the Avro IDL grammar; one method per production, and the
// productions call each other, so the grammar stays in one file.
using System.Collections.Generic;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema.Idl;

/// <summary>An <c>import idl|protocol|schema "file";</c> statement.</summary>
internal sealed record IdlImport(string Kind, string Location, SourceSpan Span);

/// <summary>
/// A parsed <c>.avdl</c> file, in the shape of a JSON protocol (<c>.avpr</c>): named types as the JSON objects an
/// <c>.avsc</c> would hold, messages as the JSON of <c>.avpr</c> messages, every value carrying its <c>.avdl</c> location.
/// The schema set builder turns it into the schema model, so IDL and JSON share every rule and error.
/// </summary>
internal sealed class IdlDocument
{
    /// <summary>The protocol's name, or <see langword="null"/> for a file in the schema syntax.</summary>
    public JsonString? ProtocolName { get; set; }

    /// <summary>The default namespace of the file's named types (<c>@namespace</c> of the protocol, or <c>namespace x;</c>).</summary>
    public JsonValue? Namespace { get; set; }

    public string? Doc { get; set; }

    /// <summary>The protocol's other properties.</summary>
    public List<JsonProperty> Properties { get; } = new();

    /// <summary>Imports (<see cref="IdlImport"/>) and named type definitions (<see cref="JsonObject"/>) in source order.</summary>
    public List<object> Items { get; } = new();

    /// <summary>The messages of a protocol: name (with its span) and the message object.</summary>
    public List<JsonProperty> Messages { get; } = new();

    /// <summary>The schema declared with <c>schema T;</c>, or <see langword="null"/>.</summary>
    public JsonValue? MainSchema { get; set; }
}

/// <summary>
/// A recursive-descent parser for Avro IDL as of Avro 1.12: the protocol form and the schema syntax (<c>namespace</c>,
/// <c>schema</c>), imports, records, errors, enums with defaults, fixed, arrays, maps, unions, <c>T?</c>, the logical type
/// keywords, annotations and messages. Syntax errors are reported with their line and column; after one, the parser skips
/// to the end of the declaration and goes on, so one run finds the errors of every declaration.
/// </summary>
internal sealed class IdlParser
{
    /// <summary>The deepest nesting of types and annotation values accepted, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 256;

    private static readonly HashSet<string> NamedKeywords = new(System.StringComparer.Ordinal) { "record", "error", "enum", "fixed" };

    private readonly List<IdlToken> _tokens;
    private readonly List<SchemaError> _errors;
    private readonly IdlDocument _document = new();
    private int _index;
    private int _depth;
    private bool _recovering;

    private IdlParser(List<IdlToken> tokens, List<SchemaError> errors)
    {
        _tokens = tokens;
        _errors = errors;
    }

    public static IdlDocument Parse(string text, string path, List<SchemaError> errors)
    {
        var tokens = IdlLexer.Tokenize(text ?? string.Empty, path ?? string.Empty, errors);
        var parser = new IdlParser(tokens, errors);
        parser.ParseFile();
        return parser._document;
    }

    private IdlToken Current => _tokens[_index];

    private IdlToken Peek(int ahead) => _tokens[System.Math.Min(_index + ahead, _tokens.Count - 1)];

    // ---------------------------------------------------------------- file structure

    private void ParseFile()
    {
        // Annotations may precede 'protocol'; look past them to tell the two forms apart.
        var look = 0;
        while (Peek(look).Kind == IdlTokenKind.At)
        {
            look = SkipAnnotationAhead(look);
        }

        if (Peek(look).IsKeyword("protocol"))
        {
            ParseProtocol();
        }
        else
        {
            ParseSchemaSyntax();
        }
    }

    private int SkipAnnotationAhead(int look)
    {
        // '@' name '(' ... ')' with balanced brackets; stops at the end of the input.
        look += 2;
        if (Peek(look).Kind != IdlTokenKind.LParen)
        {
            return look;
        }

        var depth = 0;
        while (Peek(look).Kind != IdlTokenKind.End)
        {
            var kind = Peek(look).Kind;
            look++;
            if (kind is IdlTokenKind.LParen or IdlTokenKind.LBracket or IdlTokenKind.LBrace)
            {
                depth++;
            }
            else if (kind is IdlTokenKind.RParen or IdlTokenKind.RBracket or IdlTokenKind.RBrace && --depth == 0)
            {
                break;
            }
        }

        return look;
    }

    private void ParseProtocol()
    {
        var doc = Current.Doc;
        var properties = ParseAnnotations();
        Expect("protocol");
        var name = ParseIdentifier("the protocol name");
        _document.ProtocolName = name ?? new JsonString(string.Empty, Current.Span);
        _document.Doc = doc;
        foreach (var property in properties)
        {
            if (property.Name == "namespace")
            {
                _document.Namespace = property.Value;
            }
            else if (IsReserved(property, "protocol", "types", "messages", "doc"))
            {
                continue;
            }
            else
            {
                _document.Properties.Add(property);
            }
        }

        if (!Expect(IdlTokenKind.LBrace, "'{' to open the protocol body"))
        {
            SkipTo(IdlTokenKind.LBrace);
            if (Current.Kind == IdlTokenKind.LBrace)
            {
                Advance();
            }
        }

        while (Current.Kind != IdlTokenKind.RBrace && Current.Kind != IdlTokenKind.End)
        {
            var before = _index;
            ParseProtocolItem();
            if (_index == before)
            {
                // No progress: report once and move on, so the loop always ends.
                Unexpected("a declaration");
                Advance();
            }
        }

        Expect(IdlTokenKind.RBrace, "'}' to close the protocol");
        if (Current.Kind != IdlTokenKind.End)
        {
            Unexpected("the end of the file after the protocol");
        }
    }

    private void ParseProtocolItem()
    {
        var doc = Current.Doc;
        var start = Current;
        var properties = ParseAnnotations();
        if (Current.IsKeyword("import"))
        {
            NoAnnotations(properties, "an import");
            ParseImport();
        }
        else if (IsNamedKeyword(Current))
        {
            ParseNamed(doc, start, properties);
        }
        else if (Current.IsKeyword("namespace") || Current.IsKeyword("schema"))
        {
            Error(SchemaErrors.IdlMisplaced(Current.Span, $"'{Current.Text}' declarations belong to the schema syntax and are not allowed inside a protocol"));
            SkipPast(IdlTokenKind.Semicolon);
        }
        else if (Current.Kind is IdlTokenKind.Identifier or IdlTokenKind.At)
        {
            ParseMessage(doc, start, properties);
        }
    }

    private void ParseSchemaSyntax()
    {
        var seenMain = false;
        var seenOther = false;
        var seenNamespace = false;
        while (Current.Kind != IdlTokenKind.End)
        {
            var before = _index;
            var doc = Current.Doc;
            var start = Current;
            var properties = ParseAnnotations();
            if (Current.IsKeyword("namespace"))
            {
                NoAnnotations(properties, "a namespace declaration");
                if (seenNamespace || seenMain || seenOther)
                {
                    Error(SchemaErrors.IdlMisplaced(Current.Span, "the namespace declaration must come first, once, before the schema declaration, imports and types"));
                }

                seenNamespace = true;
                Advance();
                var name = ParseIdentifier("a namespace");
                if (name is not null && Expect(IdlTokenKind.Semicolon, "';' after the namespace"))
                {
                    _document.Namespace ??= name;
                }
                else
                {
                    SkipPast(IdlTokenKind.Semicolon);
                }
            }
            else if (Current.IsKeyword("schema"))
            {
                NoAnnotations(properties, "the schema declaration");
                if (seenMain || seenOther)
                {
                    Error(SchemaErrors.IdlMisplaced(Current.Span, "the schema declaration must come once, before imports and types"));
                }

                seenMain = true;
                Advance();
                var type = ParseFullType();
                if (type is not null && Expect(IdlTokenKind.Semicolon, "';' after the main schema"))
                {
                    _document.MainSchema ??= ToJson(type, false);
                }
                else
                {
                    SkipPast(IdlTokenKind.Semicolon);
                }
            }
            else if (Current.IsKeyword("import"))
            {
                NoAnnotations(properties, "an import");
                seenOther = true;
                ParseImport();
            }
            else if (IsNamedKeyword(Current))
            {
                seenOther = true;
                ParseNamed(doc, start, properties);
            }
            else if (Current.IsKeyword("protocol"))
            {
                Error(SchemaErrors.IdlMisplaced(Current.Span, "a protocol must be the only declaration of its file"));
                SkipTo(IdlTokenKind.End);
            }
            else if (Current.Kind != IdlTokenKind.End)
            {
                Unexpected("'namespace', 'schema', 'import', 'record', 'error', 'enum' or 'fixed'");
                SkipDeclaration();
            }

            if (_index == before)
            {
                Advance();
            }
        }
    }

    private void ParseImport()
    {
        var at = Current.Span;
        Advance();
        string? kind = null;
        if (Current.IsKeyword("idl") || Current.IsKeyword("protocol") || Current.IsKeyword("schema"))
        {
            kind = Current.Text;
            Advance();
        }
        else
        {
            Unexpected("'idl', 'protocol' or 'schema' after 'import'");
        }

        if (Current.Kind != IdlTokenKind.String)
        {
            if (kind is not null)
            {
                Unexpected("the imported file name as a string, e.g. \"common.avdl\"");
            }

            SkipPast(IdlTokenKind.Semicolon);
            return;
        }

        var location = Current;
        Advance();
        if (kind is not null && Expect(IdlTokenKind.Semicolon, "';' after the import"))
        {
            _document.Items.Add(new IdlImport(kind, location.Text, Join(at, location.Span)));
        }
        else
        {
            SkipPast(IdlTokenKind.Semicolon);
        }
    }

    // ---------------------------------------------------------------- named types

    private void ParseNamed(string? doc, IdlToken start, List<JsonProperty> properties)
    {
        var keyword = Current;
        Advance();
        var name = ParseIdentifier($"the {keyword.Text} name");
        if (name is null)
        {
            SkipDeclaration();
            return;
        }

        var members = new List<JsonProperty> { new("type", new JsonString(keyword.Text, keyword.Span)), new("name", name, name.Span) };
        if (doc is not null)
        {
            members.Add(new JsonProperty("doc", new JsonString(doc, start.Span), start.Span));
        }

        var reserved = keyword.Text switch
        {
            "enum" => new[] { "type", "name", "doc", "symbols", "default" },
            "fixed" => new[] { "type", "name", "doc", "size" },
            _ => new[] { "type", "name", "doc", "fields" },
        };
        foreach (var property in properties)
        {
            if (!IsReserved(property, reserved))
            {
                members.Add(property);
            }
        }

        var ok = keyword.Text switch
        {
            "enum" => ParseEnumBody(members),
            "fixed" => ParseFixedBody(members),
            _ => ParseRecordBody(members),
        };
        var span = Join(keyword.Span, _tokens[System.Math.Max(0, _index - 1)].Span);
        if (ok)
        {
            _document.Items.Add(new JsonObject(members, span));
        }
    }

    private bool ParseFixedBody(List<JsonProperty> members)
    {
        if (!Expect(IdlTokenKind.LParen, "'(' and the size, e.g. fixed MD5(16);"))
        {
            SkipDeclaration();
            return false;
        }

        if (Current.Kind != IdlTokenKind.Integer)
        {
            Unexpected("the size in bytes, an integer");
            SkipDeclaration();
            return false;
        }

        members.Add(new JsonProperty("size", new JsonNumber(Current.Text, Current.Span), Current.Span));
        Advance();
        if (!Expect(IdlTokenKind.RParen, "')' after the size") || !Expect(IdlTokenKind.Semicolon, "';' after the fixed declaration"))
        {
            SkipDeclaration();
            return false;
        }

        return true;
    }

    private bool ParseEnumBody(List<JsonProperty> members)
    {
        var open = Current.Span;
        if (!Expect(IdlTokenKind.LBrace, "'{' and the enum's symbols"))
        {
            SkipDeclaration();
            return false;
        }

        var symbols = new List<JsonValue>();
        while (Current.Kind != IdlTokenKind.RBrace)
        {
            // Symbols may carry doc comments and annotations (the grammar allows them); JSON enums have no place for either.
            ParseAnnotations();
            var symbol = ParseIdentifier("an enum symbol");
            if (symbol is null)
            {
                SkipTo(IdlTokenKind.RBrace);
                break;
            }

            symbols.Add(symbol);
            if (Current.Kind == IdlTokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind != IdlTokenKind.RBrace)
            {
                Unexpected("',' or '}' after an enum symbol");
                SkipTo(IdlTokenKind.RBrace);
            }

            break;
        }

        members.Add(new JsonProperty("symbols", new JsonArray(symbols, Join(open, Current.Span)), open));
        if (!Expect(IdlTokenKind.RBrace, "'}' to close the enum"))
        {
            SkipDeclaration();
            return false;
        }

        if (Current.Kind == IdlTokenKind.Equals)
        {
            Advance();
            var symbol = ParseIdentifier("the default symbol");
            if (symbol is null || !Expect(IdlTokenKind.Semicolon, "';' after the enum default"))
            {
                SkipPast(IdlTokenKind.Semicolon);
                return false;
            }

            members.Add(new JsonProperty("default", symbol, symbol.Span));
        }

        return true;
    }

    private bool ParseRecordBody(List<JsonProperty> members)
    {
        var open = Current.Span;
        if (!Expect(IdlTokenKind.LBrace, "'{' and the record's fields"))
        {
            SkipDeclaration();
            return false;
        }

        var fields = new List<JsonValue>();
        while (Current.Kind != IdlTokenKind.RBrace && Current.Kind != IdlTokenKind.End)
        {
            var before = _index;
            if (!ParseFieldDeclaration(fields))
            {
                // Skip the rest of this field, stopping at the record's closing brace.
                SkipFieldRest();
            }

            if (_index == before)
            {
                Advance();
            }
        }

        members.Add(new JsonProperty("fields", new JsonArray(fields, Join(open, Current.Span)), open));
        return Expect(IdlTokenKind.RBrace, "'}' to close the record");
    }

    private bool ParseFieldDeclaration(List<JsonValue> fields)
    {
        var doc = Current.Doc;
        var type = ParseFullType();
        if (type is null)
        {
            return false;
        }

        if (type.Kind == IdlTypeKind.Void)
        {
            Error(SchemaErrors.IdlMisplaced(type.Span, "'void' is only allowed as the result type of a message"));
        }

        while (true)
        {
            var field = ParseVariable(type, doc);
            if (field is null)
            {
                return false;
            }

            fields.Add(field);
            if (Current.Kind == IdlTokenKind.Comma)
            {
                Advance();
                continue;
            }

            return Expect(IdlTokenKind.Semicolon, "';' after the field");
        }
    }

    /// <summary><c>[doc] @annotations name [= default]</c>: one field (or message parameter) of the given type.</summary>
    private JsonObject? ParseVariable(IdlType type, string? declarationDoc)
    {
        var doc = Current.Doc ?? declarationDoc;
        var properties = ParseAnnotations();
        var name = ParseIdentifier("a field name");
        if (name is null)
        {
            return null;
        }

        JsonValue? defaultValue = null;
        if (Current.Kind == IdlTokenKind.Equals)
        {
            Advance();
            defaultValue = ParseJsonValue();
            if (defaultValue is null)
            {
                return null;
            }
        }

        var members = new List<JsonProperty>
        {
            new("name", name, name.Span),
            new("type", ToJson(type, defaultValue is not null and not JsonNull), type.Span),
        };
        if (doc is not null)
        {
            members.Add(new JsonProperty("doc", new JsonString(doc, name.Span), name.Span));
        }

        if (defaultValue is not null)
        {
            members.Add(new JsonProperty("default", defaultValue, defaultValue.Span));
        }

        foreach (var property in properties)
        {
            if (!IsReserved(property, "name", "type", "doc", "default"))
            {
                members.Add(property);
            }
        }

        return new JsonObject(members, name.Span);
    }

    // ---------------------------------------------------------------- messages

    private void ParseMessage(string? doc, IdlToken start, List<JsonProperty> properties)
    {
        IdlType? response;
        if (Current.IsKeyword("void"))
        {
            response = new IdlType(IdlTypeKind.Void, Current.Span) { Name = "null" };
            Advance();
        }
        else
        {
            response = ParsePlainType();
        }

        if (response is null)
        {
            SkipDeclaration();
            return;
        }

        var name = ParseIdentifier("the message name");
        if (name is null || !Expect(IdlTokenKind.LParen, "'(' and the message's parameters"))
        {
            SkipDeclaration();
            return;
        }

        var request = new List<JsonValue>();
        while (Current.Kind != IdlTokenKind.RParen)
        {
            var paramDoc = Current.Doc;
            var type = ParseFullType();
            var parameter = type is null ? null : ParseVariable(type, paramDoc);
            if (parameter is null)
            {
                SkipDeclaration();
                return;
            }

            request.Add(parameter);
            if (Current.Kind == IdlTokenKind.Comma)
            {
                Advance();
            }
            else if (Current.Kind != IdlTokenKind.RParen)
            {
                Unexpected("',' or ')' after a parameter");
                SkipDeclaration();
                return;
            }
        }

        Advance();
        var members = new List<JsonProperty>();
        if (doc is not null)
        {
            members.Add(new JsonProperty("doc", new JsonString(doc, start.Span), start.Span));
        }

        foreach (var property in properties)
        {
            if (!IsReserved(property, "doc", "request", "response", "errors", "one-way"))
            {
                members.Add(property);
            }
        }

        members.Add(new JsonProperty("request", new JsonArray(request, name.Span), name.Span));
        members.Add(new JsonProperty("response", ToJson(response, false), response.Span));
        if (Current.IsKeyword("oneway"))
        {
            if (response.Kind != IdlTypeKind.Void)
            {
                Error(SchemaErrors.IdlMessage(Current.Span, $"the one-way message '{name.Value}' must return void"));
            }

            members.Add(new JsonProperty("one-way", new JsonBoolean(true, Current.Span), Current.Span));
            Advance();
        }
        else if (Current.IsKeyword("throws"))
        {
            var throwsSpan = Current.Span;
            Advance();
            var errors = new List<JsonValue>();
            do
            {
                if (errors.Count > 0)
                {
                    Advance();
                }

                var error = ParseIdentifier("an error type name");
                if (error is null)
                {
                    SkipDeclaration();
                    return;
                }

                errors.Add(error);
            }
            while (Current.Kind == IdlTokenKind.Comma);
            members.Add(new JsonProperty("errors", new JsonArray(errors, throwsSpan), throwsSpan));
        }

        if (!Expect(IdlTokenKind.Semicolon, "';' after the message"))
        {
            SkipDeclaration();
            return;
        }

        foreach (var existing in _document.Messages)
        {
            if (existing.Name == name.Value)
            {
                Error(SchemaErrors.IdlMessage(name.Span!, $"the protocol already has a message named '{name.Value}' (at {existing.NameSpan})"));
                return;
            }
        }

        _document.Messages.Add(new JsonProperty(name.Value, new JsonObject(members, Join(start.Span, name.Span!)), name.Span));
    }

    // ---------------------------------------------------------------- types

    private IdlType? ParseFullType()
    {
        var start = Current.Span;
        var properties = ParseAnnotations();
        var type = ParsePlainType();
        if (type is null || properties.Count == 0)
        {
            return type;
        }

        // Annotations on a type become attributes of its JSON object (e.g. @logicalType, @java-class).
        var target = type.Kind == IdlTypeKind.Nullable ? type.Element! : type;
        switch (target.Kind)
        {
            case IdlTypeKind.Reference:
                Error(SchemaErrors.IdlAnnotation(start, $"a reference to the named type '{target.Name}' cannot be annotated; annotate its declaration"));
                return type;
            case IdlTypeKind.Union:
                Error(SchemaErrors.IdlAnnotation(start, "a union cannot be annotated (unions have no properties)"));
                return type;
        }

        var reserved = target.Kind switch
        {
            IdlTypeKind.Array => new[] { "type", "items" },
            IdlTypeKind.Map => new[] { "type", "values" },
            _ => new[] { "type" },
        };
        foreach (var property in properties)
        {
            if (IsReserved(property, reserved))
            {
                continue;
            }

            // A keyword's own logical type attributes win over annotations of the same name.
            if (!target.Properties.Exists(p => p.Name == property.Name))
            {
                target.Properties.Add(property);
            }
        }

        return type;
    }

    private IdlType? ParsePlainType()
    {
        if (++_depth > MaxDepth)
        {
            Error(SchemaErrors.IdlTooDeep(Current.Span, MaxDepth));
            _depth--;
            return null;
        }

        try
        {
            var token = Current;
            if (token.Kind != IdlTokenKind.Identifier)
            {
                Unexpected("a type");
                return null;
            }

            if (token.IsKeyword("array") || token.IsKeyword("map"))
            {
                Advance();
                if (!Expect(IdlTokenKind.Less, $"'<' after '{token.Text}'"))
                {
                    return null;
                }

                var element = ParseFullType();
                if (element is null || !Expect(IdlTokenKind.Greater, $"'>' to close the {token.Text} type"))
                {
                    return null;
                }

                return new IdlType(token.Text == "array" ? IdlTypeKind.Array : IdlTypeKind.Map, token.Span) { Element = element };
            }

            if (token.IsKeyword("union"))
            {
                Advance();
                if (!Expect(IdlTokenKind.LBrace, "'{' after 'union'"))
                {
                    return null;
                }

                var union = new IdlType(IdlTypeKind.Union, token.Span);
                while (true)
                {
                    var branch = ParseFullType();
                    if (branch is null)
                    {
                        return null;
                    }

                    union.Branches.Add(branch);
                    if (Current.Kind == IdlTokenKind.Comma)
                    {
                        Advance();
                        continue;
                    }

                    return Expect(IdlTokenKind.RBrace, "',' or '}' in the union") ? union : null;
                }
            }

            if (token.IsKeyword("void"))
            {
                Advance();
                return new IdlType(IdlTypeKind.Void, token.Span) { Name = "null" };
            }

            var type = ParsePrimitiveOrReference();
            if (type is null)
            {
                return null;
            }

            if (Current.Kind == IdlTokenKind.Question)
            {
                Advance();
                return new IdlType(IdlTypeKind.Nullable, type.Span) { Element = type };
            }

            return type;
        }
        finally
        {
            _depth--;
        }
    }

    private IdlType? ParsePrimitiveOrReference()
    {
        var token = Current;
        Advance();
        if (token.Quoted)
        {
            return new IdlType(IdlTypeKind.Reference, token.Span) { Name = token.Text };
        }

        switch (token.Text)
        {
            case "null":
            case "boolean":
            case "int":
            case "long":
            case "float":
            case "double":
            case "bytes":
            case "string":
                return new IdlType(IdlTypeKind.Primitive, token.Span) { Name = token.Text };
            case "date":
                return Logical(token, "int", "date");
            case "time_ms":
                return Logical(token, "int", "time-millis");
            case "timestamp_ms":
                return Logical(token, "long", "timestamp-millis");
            case "local_timestamp_ms":
                return Logical(token, "long", "local-timestamp-millis");
            case "uuid":
                return Logical(token, "string", "uuid");
            case "decimal":
                return Decimal(token);
            default:
                return new IdlType(IdlTypeKind.Reference, token.Span) { Name = token.Text };
        }
    }

    private static IdlType Logical(IdlToken token, string primitive, string logicalType)
    {
        var type = new IdlType(IdlTypeKind.Primitive, token.Span) { Name = primitive };
        type.Properties.Add(new JsonProperty("logicalType", new JsonString(logicalType, token.Span), token.Span));
        return type;
    }

    private IdlType? Decimal(IdlToken token)
    {
        if (!Expect(IdlTokenKind.LParen, "'(' and the precision, e.g. decimal(9,2)"))
        {
            return null;
        }

        if (Current.Kind != IdlTokenKind.Integer)
        {
            Unexpected("the decimal's precision, an integer");
            return null;
        }

        var precision = Current;
        Advance();
        IdlToken? scale = null;
        if (Current.Kind == IdlTokenKind.Comma)
        {
            Advance();
            if (Current.Kind != IdlTokenKind.Integer)
            {
                Unexpected("the decimal's scale, an integer");
                return null;
            }

            scale = Current;
            Advance();
        }

        var end = Current.Span;
        if (!Expect(IdlTokenKind.RParen, "')' after the decimal's precision and scale"))
        {
            return null;
        }

        var span = Join(token.Span, end);
        var p = long.TryParse(precision.Text, out var pv) ? pv : long.MaxValue;
        var s = scale is null ? 0 : long.TryParse(scale.Text, out var sv) ? sv : long.MaxValue;
        if (p < 1 || p > int.MaxValue || s < 0 || s > p)
        {
            Error(SchemaErrors.IdlInvalidType(span, $"decimal({precision.Text}{(scale is null ? string.Empty : "," + scale.Text)}) needs a precision of at least 1 and a scale from 0 to the precision"));
        }

        var type = new IdlType(IdlTypeKind.Primitive, span) { Name = "bytes" };
        type.Properties.Add(new JsonProperty("logicalType", new JsonString("decimal", token.Span), token.Span));
        type.Properties.Add(new JsonProperty("precision", new JsonNumber(precision.Text, precision.Span), precision.Span));
        type.Properties.Add(new JsonProperty("scale", new JsonNumber(scale?.Text ?? "0", scale?.Span ?? span), scale?.Span ?? span));
        return type;
    }

    /// <summary>
    /// The JSON schema of a type. <paramref name="nullLast"/> puts <c>null</c> second in <c>T?</c>: the Avro 1.12 IDL places
    /// it after the type when the field's default is not null, so that the default matches the union's first branch.
    /// </summary>
    private static JsonValue ToJson(IdlType type, bool nullLast)
    {
        switch (type.Kind)
        {
            case IdlTypeKind.Primitive:
            case IdlTypeKind.Void:
            case IdlTypeKind.Reference:
                return type.Properties.Count == 0
                    ? new JsonString(type.Name!, type.Span)
                    : new JsonObject(Prepend(new JsonProperty("type", new JsonString(type.Name!, type.Span), type.Span), type.Properties), type.Span);
            case IdlTypeKind.Array:
            case IdlTypeKind.Map:
                {
                    var isArray = type.Kind == IdlTypeKind.Array;
                    var members = new List<JsonProperty>
                    {
                        new("type", new JsonString(isArray ? "array" : "map", type.Span), type.Span),
                        new(isArray ? "items" : "values", ToJson(type.Element!, false), type.Element!.Span),
                    };
                    members.AddRange(type.Properties);
                    return new JsonObject(members, type.Span);
                }

            case IdlTypeKind.Union:
                {
                    var branches = new List<JsonValue>(type.Branches.Count);
                    foreach (var branch in type.Branches)
                    {
                        branches.Add(ToJson(branch, false));
                    }

                    return new JsonArray(branches, type.Span);
                }

            default:
                {
                    var inner = ToJson(type.Element!, false);
                    var nullBranch = new JsonString("null", type.Span);
                    return new JsonArray(nullLast ? new[] { inner, nullBranch } : new[] { nullBranch, inner }, type.Span);
                }
        }
    }

    private static List<JsonProperty> Prepend(JsonProperty first, List<JsonProperty> rest)
    {
        var list = new List<JsonProperty>(rest.Count + 1) { first };
        list.AddRange(rest);
        return list;
    }

    // ---------------------------------------------------------------- annotations and JSON values

    private List<JsonProperty> ParseAnnotations()
    {
        var result = new List<JsonProperty>();
        while (Current.Kind == IdlTokenKind.At)
        {
            var at = Current.Span;
            Advance();
            if (Current.Kind != IdlTokenKind.Identifier)
            {
                Unexpected("a property name after '@'");
                return result;
            }

            var name = Current;
            Advance();
            if (!Expect(IdlTokenKind.LParen, $"'(' and a JSON value after '@{name.Text}'"))
            {
                return result;
            }

            var value = ParseJsonValue();
            if (value is null || !Expect(IdlTokenKind.RParen, $"')' to close '@{name.Text}('"))
            {
                return result;
            }

            if (result.Exists(p => p.Name == name.Text))
            {
                Error(SchemaErrors.IdlAnnotation(Join(at, name.Span), $"'@{name.Text}' is given twice"));
                continue;
            }

            result.Add(new JsonProperty(name.Text, value, Join(at, name.Span)));
        }

        return result;
    }

    private JsonValue? ParseJsonValue()
    {
        if (++_depth > MaxDepth)
        {
            Error(SchemaErrors.IdlTooDeep(Current.Span, MaxDepth));
            _depth--;
            return null;
        }

        try
        {
            var token = Current;
            switch (token.Kind)
            {
                case IdlTokenKind.String:
                    Advance();
                    return new JsonString(token.Text, token.Span);
                case IdlTokenKind.Integer:
                case IdlTokenKind.Float:
                    Advance();
                    return new JsonNumber(token.Text, token.Span);
                case IdlTokenKind.Identifier when !token.Quoted && token.Text is "true" or "false":
                    Advance();
                    return new JsonBoolean(token.Text == "true", token.Span);
                case IdlTokenKind.Identifier when !token.Quoted && token.Text == "null":
                    Advance();
                    return new JsonNull(token.Span);
                case IdlTokenKind.LBracket:
                    {
                        Advance();
                        var items = new List<JsonValue>();
                        while (Current.Kind != IdlTokenKind.RBracket)
                        {
                            var item = ParseJsonValue();
                            if (item is null)
                            {
                                return null;
                            }

                            items.Add(item);
                            if (Current.Kind == IdlTokenKind.Comma)
                            {
                                Advance();
                            }
                            else if (Current.Kind != IdlTokenKind.RBracket)
                            {
                                Unexpected("',' or ']' in the JSON array");
                                return null;
                            }
                        }

                        var end = Current.Span;
                        Advance();
                        return new JsonArray(items, Join(token.Span, end));
                    }

                case IdlTokenKind.LBrace:
                    {
                        Advance();
                        var members = new List<JsonProperty>();
                        while (Current.Kind != IdlTokenKind.RBrace)
                        {
                            if (Current.Kind != IdlTokenKind.String)
                            {
                                Unexpected("a member name string in the JSON object");
                                return null;
                            }

                            var name = Current;
                            Advance();
                            if (!Expect(IdlTokenKind.Colon, "':' after the member name"))
                            {
                                return null;
                            }

                            var value = ParseJsonValue();
                            if (value is null)
                            {
                                return null;
                            }

                            if (members.Exists(m => m.Name == name.Text))
                            {
                                Error(SchemaErrors.DuplicateMemberName(name.Span, name.Text));
                            }
                            else
                            {
                                members.Add(new JsonProperty(name.Text, value, name.Span));
                            }

                            if (Current.Kind == IdlTokenKind.Comma)
                            {
                                Advance();
                            }
                            else if (Current.Kind != IdlTokenKind.RBrace)
                            {
                                Unexpected("',' or '}' in the JSON object");
                                return null;
                            }
                        }

                        var end = Current.Span;
                        Advance();
                        return new JsonObject(members, Join(token.Span, end));
                    }

                default:
                    Unexpected("a JSON value");
                    return null;
            }
        }
        finally
        {
            _depth--;
        }
    }

    // ---------------------------------------------------------------- helpers

    private JsonString? ParseIdentifier(string what)
    {
        var token = Current;
        if (token.Kind != IdlTokenKind.Identifier)
        {
            Unexpected(what);
            return null;
        }

        Advance();
        return new JsonString(token.Text, token.Span);
    }

    private static bool IsNamedKeyword(IdlToken token) => token.Kind == IdlTokenKind.Identifier && !token.Quoted && NamedKeywords.Contains(token.Text);

    private bool IsReserved(JsonProperty property, params string[] reserved)
    {
        if (System.Array.IndexOf(reserved, property.Name) < 0)
        {
            return false;
        }

        Error(SchemaErrors.IdlAnnotation(property.NameSpan!, $"'@{property.Name}' is not allowed here: '{property.Name}' is set by the IDL syntax itself"));
        return true;
    }

    private void NoAnnotations(List<JsonProperty> properties, string what)
    {
        if (properties.Count > 0)
        {
            Error(SchemaErrors.IdlAnnotation(properties[0].NameSpan!, $"{what} cannot be annotated"));
        }
    }

    private void Advance()
    {
        if (Current.Kind != IdlTokenKind.End)
        {
            _index++;
            _recovering = false;
        }
    }

    private bool Expect(string keyword)
    {
        if (Current.IsKeyword(keyword))
        {
            Advance();
            return true;
        }

        Unexpected($"'{keyword}'");
        return false;
    }

    private bool Expect(IdlTokenKind kind, string what)
    {
        if (Current.Kind == kind)
        {
            Advance();
            return true;
        }

        Unexpected(what);
        return false;
    }

    /// <summary>Reports a syntax error at the current token, unless one was just reported and nothing has been read since.</summary>
    private void Unexpected(string expected)
    {
        if (_recovering)
        {
            return;
        }

        _recovering = true;
        _errors.Add(SchemaErrors.IdlSyntax(Current.Span, expected, Current.Describe()));
    }

    private void Error(SchemaError error) => _errors.Add(error);

    /// <summary>Skips to the end of the current declaration: past the next ';' or the '}' that closes it, at this nesting level.</summary>
    private void SkipDeclaration()
    {
        var depth = 0;
        while (Current.Kind != IdlTokenKind.End)
        {
            var kind = Current.Kind;
            if (kind == IdlTokenKind.RBrace && depth == 0)
            {
                return;
            }

            SkipOne();
            if (kind is IdlTokenKind.LBrace)
            {
                depth++;
            }
            else if (kind is IdlTokenKind.RBrace && --depth == 0)
            {
                // An enum may end with '= DEFAULT;' after its braces.
                if (Current.Kind == IdlTokenKind.Semicolon)
                {
                    SkipOne();
                }

                return;
            }
            else if (kind == IdlTokenKind.Semicolon && depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Skips the rest of a bad field: past the next ';' at this level, or up to the '}' that closes the record.</summary>
    private void SkipFieldRest()
    {
        var depth = 0;
        while (Current.Kind != IdlTokenKind.End)
        {
            var kind = Current.Kind;
            if (kind == IdlTokenKind.RBrace && depth == 0)
            {
                return;
            }

            SkipOne();
            if (kind is IdlTokenKind.LBrace or IdlTokenKind.LBracket or IdlTokenKind.LParen)
            {
                depth++;
            }
            else if (kind is IdlTokenKind.RBrace or IdlTokenKind.RBracket or IdlTokenKind.RParen)
            {
                depth = System.Math.Max(0, depth - 1);
            }
            else if (kind == IdlTokenKind.Semicolon && depth == 0)
            {
                return;
            }
        }
    }

    private void SkipTo(IdlTokenKind kind)
    {
        while (Current.Kind != kind && Current.Kind != IdlTokenKind.End)
        {
            SkipOne();
        }
    }

    private void SkipPast(IdlTokenKind kind)
    {
        SkipTo(kind);
        if (Current.Kind == kind)
        {
            SkipOne();
        }
    }

    /// <summary>Moves on without ending error recovery, so the tokens skipped after an error report nothing more.</summary>
    private void SkipOne()
    {
        if (Current.Kind != IdlTokenKind.End)
        {
            _index++;
        }
    }

    private static SourceSpan Join(SourceSpan start, SourceSpan end) =>
        end.Offset + end.Length <= start.Offset
            ? start
            : new SourceSpan(start.File, start.StartLine, start.StartColumn, end.EndLine, end.EndColumn, start.Offset, end.Offset + end.Length - start.Offset);
}

internal enum IdlTypeKind
{
    Primitive,
    Reference,
    Array,
    Map,
    Union,
    Nullable,
    Void,
}

/// <summary>A type as written in IDL, before it becomes JSON (a <c>T?</c> becomes a union only once the default is known).</summary>
internal sealed class IdlType
{
    public IdlType(IdlTypeKind kind, SourceSpan span)
    {
        Kind = kind;
        Span = span;
    }

    public IdlTypeKind Kind { get; }

    public SourceSpan Span { get; }

    /// <summary>The primitive or referenced name.</summary>
    public string? Name { get; set; }

    /// <summary>The items of an array, the values of a map, the type of <c>T?</c>.</summary>
    public IdlType? Element { get; set; }

    public List<IdlType> Branches { get; } = new();

    /// <summary>Attributes of the type's JSON object (logical type attributes, annotations).</summary>
    public List<JsonProperty> Properties { get; } = new();
}

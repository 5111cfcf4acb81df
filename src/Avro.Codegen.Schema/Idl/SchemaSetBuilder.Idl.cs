// Over 400 lines on purpose: turns an IDL syntax tree into schemas (imports, named types, messages, defaults) with
// positions for every error; one walk over the tree.
using System.Collections.Generic;
using Avro.Codegen.Schema.Idl;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// Finds the text of a file named by an IDL import (<c>import idl|protocol|schema "location";</c>), given the path of the
/// importing file. Returns <see langword="null"/> when there is no such file; the parser then reports
/// <see cref="SchemaErrorCodes.IdlImport"/> at the import. Files of the parsed set are found without asking.
/// </summary>
public delegate SchemaSource? SchemaImportResolver(string importingFile, string location);

/// <summary>
/// The IDL and protocol side of the schema set builder. An <c>.avdl</c> file is read into the JSON an <c>.avsc</c>/<c>.avpr</c>
/// would hold (with <c>.avdl</c> locations), so named types, defaults and logical types go through the same rules as
/// JSON schemas. Imports become files of the set (each file once, however often imported).
/// </summary>
internal sealed partial class SchemaSetBuilder
{
    private readonly Dictionary<string, FileState> _byPath = new(System.StringComparer.Ordinal);
    private SchemaImportResolver? _importResolver;

    private bool _allIdl;

    public void SetImportResolver(SchemaImportResolver? resolver) => _importResolver = resolver;

    /// <summary>Reads the given files as Avro IDL whatever their extension (e.g. text from standard input).</summary>
    public void ReadAllAsIdl() => _allIdl = true;

    internal enum FileFormat
    {
        Schema,
        Protocol,
        Idl,
    }

    private sealed partial class FileState
    {
        public FileFormat Format { get; set; }

        public string Text { get; set; } = string.Empty;

        /// <summary>The named type definitions of a protocol or IDL file, each with the namespace it inherits.</summary>
        public List<(JsonValue Json, string? Namespace)> TypeRoots { get; } = new();

        /// <summary>In source order: imported files (<see cref="FileState"/>) and named type definitions (<see cref="JsonValue"/>).</summary>
        public List<object> Items { get; } = new();

        public string? DefaultNamespace { get; set; }

        public JsonString? ProtocolName { get; set; }

        public string? ProtocolDoc { get; set; }

        public List<JsonProperty> ProtocolProperties { get; } = new();

        public List<JsonProperty> MessageJson { get; } = new();

        public JsonValue? MainJson { get; set; }

        public List<AvroMessage> Messages { get; } = new();

        /// <summary>The file's syntax tree when it was parsed on its own beforehand (<see cref="SchemaParser.ParseUnlinked"/>).</summary>
        public UnlinkedSchemaFile? Parsed { get; set; }

        /// <summary>Within one IDL file, as in Avro 1.12, a named type may be used before its definition.</summary>
        public bool AllowsForwardReferences => Format != FileFormat.Schema;
    }

    private FileFormat FormatOf(string path) => _allIdl ? FileFormat.Idl : FormatByExtension(path);

    private static FileFormat FormatByExtension(string path) =>
        path.EndsWith(".avdl", System.StringComparison.OrdinalIgnoreCase) ? FileFormat.Idl
        : path.EndsWith(".avpr", System.StringComparison.OrdinalIgnoreCase) ? FileFormat.Protocol
        : FileFormat.Schema;

    /// <summary>Reads every file of the set, and the files they import (appended to the set as they are found).</summary>
    private void LoadFiles()
    {
        foreach (var file in _files)
        {
            _byPath[FullPath(file.Path) ?? file.Path] = file;
        }

        for (var i = 0; i < _files.Count; i++)
        {
            var file = _files[i];
            _file = file;
            // A file parsed beforehand brings its tree and its syntax errors (already in file.Errors).
            var parsed = file.Parsed;
            switch (file.Format)
            {
                case FileFormat.Schema:
                    file.Json = parsed is not null ? parsed.Json : JsonParser.Parse(file.Text, file.Path, file.Errors);
                    break;
                case FileFormat.Protocol:
                    {
                        var json = parsed is not null ? parsed.Json : JsonParser.Parse(file.Text, file.Path, file.Errors);
                        if (json is not null)
                        {
                            LoadProtocolJson(file, json);
                        }

                        break;
                    }

                default:
                    LoadIdl(file, parsed?.Idl ?? IdlParser.Parse(file.Text, file.Path, file.Errors));
                    break;
            }
        }
    }

    /// <summary>The syntax pass of one file, as <see cref="LoadFiles"/> would run it, kept for a later link.</summary>
    public static UnlinkedSchemaFile ParseUnlinked(SchemaSource source)
    {
        var path = source.Path ?? string.Empty;
        var text = source.Text ?? string.Empty;
        var errors = new List<SchemaError>();
        var format = FormatByExtension(path);
        return format == FileFormat.Idl
            ? new UnlinkedSchemaFile(path, text, format, null, IdlParser.Parse(text, path, errors), errors)
            : new UnlinkedSchemaFile(path, text, format, JsonParser.Parse(text, path, errors), null, errors);
    }

    private void LoadIdl(FileState file, IdlDocument document)
    {
        file.DefaultNamespace = ReadNamespace(document.Namespace);
        file.ProtocolName = document.ProtocolName;
        file.ProtocolDoc = document.Doc;
        file.ProtocolProperties.AddRange(document.Properties);
        foreach (var item in document.Items)
        {
            if (item is IdlImport import)
            {
                var imported = Import(file, import);
                if (imported is not null)
                {
                    file.Items.Add(imported);
                }
            }
            else if (item is JsonValue type)
            {
                file.TypeRoots.Add((type, file.DefaultNamespace));
                file.Items.Add(type);
            }
        }

        file.MainJson = document.MainSchema;
        file.MessageJson.AddRange(document.Messages);
    }

    /// <summary>Reads an <c>.avpr</c> document: <c>protocol</c>, <c>namespace</c>, <c>doc</c>, <c>types</c>, <c>messages</c>.</summary>
    private void LoadProtocolJson(FileState file, JsonValue json)
    {
        if (json is not JsonObject obj)
        {
            Error(SchemaErrors.WrongAttributeType(json.Span!, "protocol", "a JSON object", AvroNames.Describe(json)));
            return;
        }

        var name = obj.Find("protocol");
        if (name is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span!, "A protocol", "protocol"));
        }
        else if (name.Value is not JsonString nameString)
        {
            Error(SchemaErrors.WrongAttributeType(name.Value.Span!, "protocol", "a string", AvroNames.Describe(name.Value)));
        }
        else
        {
            file.ProtocolName = nameString;
        }

        file.DefaultNamespace = ReadNamespace(obj["namespace"]);
        file.ProtocolDoc = ReadDoc(obj);
        foreach (var property in obj.Properties)
        {
            if (property.Name is not ("protocol" or "namespace" or "doc" or "types" or "messages"))
            {
                file.ProtocolProperties.Add(property);
            }
        }

        var types = obj.Find("types");
        if (types is not null)
        {
            if (types.Value is JsonArray array)
            {
                foreach (var type in array.Items)
                {
                    file.TypeRoots.Add((type, file.DefaultNamespace));
                    file.Items.Add(type);
                }
            }
            else
            {
                Error(SchemaErrors.WrongAttributeType(types.Value.Span!, "types", "an array of schemas", AvroNames.Describe(types.Value)));
            }
        }

        var messages = obj.Find("messages");
        if (messages is not null)
        {
            if (messages.Value is JsonObject messageObject)
            {
                file.MessageJson.AddRange(messageObject.Properties);
            }
            else if (messages.Value is not JsonNull)
            {
                Error(SchemaErrors.WrongAttributeType(messages.Value.Span!, "messages", "an object", AvroNames.Describe(messages.Value)));
            }
        }
    }

    private string? ReadNamespace(JsonValue? value)
    {
        switch (value)
        {
            case null:
            case JsonNull:
                return null;
            case JsonString s when AvroNames.IsValidNamespace(s.Value):
                return s.Value.Length == 0 ? null : s.Value;
            case JsonString s:
                Error(SchemaErrors.InvalidNamespace(s.Span!, s.Value));
                return null;
            default:
                Error(SchemaErrors.WrongAttributeType(value.Span!, "namespace", "a string", AvroNames.Describe(value)));
                return null;
        }
    }

    private FileState? Import(FileState from, IdlImport import)
    {
        var format = import.Kind switch
        {
            "idl" => FileFormat.Idl,
            "protocol" => FileFormat.Protocol,
            _ => FileFormat.Schema,
        };
        var candidate = CombinePath(from.Path, import.Location);
        if (candidate is not null && _byPath.TryGetValue(candidate, out var known))
        {
            return known;
        }

        SchemaSource? source = null;
        if (_importResolver is not null)
        {
            try
            {
                source = _importResolver(from.Path, import.Location);
            }
            catch (System.Exception e)
            {
                Error(SchemaErrors.IdlImport(import.Span, import.Location, e.Message.TrimEnd('.')));
                return null;
            }
        }

        if (source is null)
        {
            Error(SchemaErrors.IdlImport(import.Span, import.Location, candidate is null
                ? "the name is not a valid path"
                : _importResolver is null
                    ? $"it is not one of the schema files being compiled (looked for '{candidate}')"
                    : $"no such file (looked for '{candidate}')"));
            return null;
        }

        var key = FullPath(source.Path) ?? source.Path;
        if (_byPath.TryGetValue(key, out known))
        {
            return known;
        }

        var state = new FileState(_files.Count, source.Path) { Text = source.Text ?? string.Empty, Format = format };
        _files.Add(state);
        _byPath[key] = state;
        return state;
    }

    private static string? CombinePath(string importingFile, string location)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(importingFile) ?? string.Empty;
            return FullPath(System.IO.Path.Combine(directory, location));
        }
        catch (System.Exception e) when (e is System.ArgumentException or System.NotSupportedException or System.IO.PathTooLongException)
        {
            return null;
        }
    }

    private static string? FullPath(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (System.Exception e) when (e is System.ArgumentException or System.NotSupportedException or System.IO.PathTooLongException
            or System.Security.SecurityException)
        {
            return null;
        }
    }

    // ---------------------------------------------------------------- declare and build

    private void DeclareFile(FileState file)
    {
        if (file.Json is not null)
        {
            Declare(file.Json, null);
        }

        foreach (var (json, ns) in file.TypeRoots)
        {
            Declare(json, ns);
        }
    }

    private void BuildFile(FileState file)
    {
        if (file.Format == FileFormat.Schema)
        {
            if (file.Json is not null)
            {
                file.Root = Build(file.Json, null);
            }

            return;
        }

        foreach (var (json, ns) in file.TypeRoots)
        {
            if (json is JsonObject obj && obj["type"] is JsonString { Value: "record" or "error" or "enum" or "fixed" })
            {
                Build(json, ns);
            }
            else
            {
                // A protocol's types must be named type definitions; anything else has no name to be found by.
                Error(SchemaErrors.WrongAttributeType(json.Span!, "types", "an array of named type definitions (record, error, enum, fixed)", AvroNames.Describe(json)));
            }
        }

        if (file.MainJson is not null)
        {
            file.Root = Build(file.MainJson, file.DefaultNamespace);
        }

        foreach (var message in file.MessageJson)
        {
            var built = BuildMessage(message, file.DefaultNamespace);
            if (built is not null)
            {
                file.Messages.Add(built);
            }
        }
    }

    private AvroMessage? BuildMessage(JsonProperty message, string? ns)
    {
        var at = message.NameSpan ?? message.Value.Span!;
        if (message.Value is not JsonObject obj)
        {
            Error(SchemaErrors.WrongAttributeType(message.Value.Span!, message.Name, "a message object", AvroNames.Describe(message.Value)));
            return null;
        }

        if (!AvroNames.IsValidName(message.Name))
        {
            Error(SchemaErrors.InvalidName(at, "message name", message.Name));
        }

        // The parameters are the fields of an anonymous record named after the message (as Java Avro models them).
        var request = new RecordSchema(AvroNames.IsValidName(message.Name) ? message.Name : "message", ns);
        var requestJson = obj.Find("request");
        if (requestJson is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span ?? at, $"Message '{message.Name}'", "request"));
        }
        else
        {
            BuildFields(request, new JsonObject(new[] { new JsonProperty("fields", requestJson.Value, requestJson.NameSpan) }, obj.Span));
        }

        AvroSchema? response = null;
        var responseJson = obj.Find("response");
        if (responseJson is null)
        {
            Error(SchemaErrors.MissingAttribute(obj.Span ?? at, $"Message '{message.Name}'", "response"));
        }
        else
        {
            response = Build(responseJson.Value, ns);
        }

        var errors = new List<AvroSchema>();
        var errorsJson = obj.Find("errors");
        if (errorsJson is not null && errorsJson.Value is not JsonNull)
        {
            if (errorsJson.Value is JsonArray array)
            {
                foreach (var item in array.Items)
                {
                    var error = item is JsonString name ? Resolve(name, ns) : null;
                    if (item is not JsonString)
                    {
                        Error(SchemaErrors.WrongAttributeType(item.Span!, "errors", "an array of error type names", "an element that is " + AvroNames.Describe(item)));
                    }
                    else if (error is RecordSchema { IsError: true })
                    {
                        errors.Add(error);
                    }
                    else if (error is not null)
                    {
                        Error(SchemaErrors.IdlMessage(item.Span!, $"'{error.TypeName}' is not an error type, so message '{message.Name}' cannot throw it (declare it with 'error' instead of 'record')"));
                    }
                }
            }
            else
            {
                Error(SchemaErrors.WrongAttributeType(errorsJson.Value.Span!, "errors", "an array of error type names", AvroNames.Describe(errorsJson.Value)));
            }
        }

        var oneWay = false;
        var oneWayJson = obj.Find("one-way");
        if (oneWayJson is not null)
        {
            if (oneWayJson.Value is JsonBoolean b)
            {
                oneWay = b.Value;
            }
            else
            {
                Error(SchemaErrors.WrongAttributeType(oneWayJson.Value.Span!, "one-way", "true or false", AvroNames.Describe(oneWayJson.Value)));
            }
        }

        if (oneWay && response is not null && response.Kind != SchemaKind.Null)
        {
            Error(SchemaErrors.IdlMessage(oneWayJson!.Value.Span!, $"the one-way message '{message.Name}' must have the response type null (void)"));
        }

        List<JsonProperty>? properties = null;
        foreach (var property in obj.Properties)
        {
            if (property.Name is not ("doc" or "request" or "response" or "errors" or "one-way"))
            {
                (properties ??= new List<JsonProperty>()).Add(property);
            }
        }

        return response is null ? null : new AvroMessage(message.Name, ReadDoc(obj), request.Fields, response, errors, oneWay, properties, at);
    }

    // ---------------------------------------------------------------- results

    private void AddFileResults(FileState file, out AvroProtocol? protocol, out IReadOnlyList<NamedSchema> allTypes)
    {
        if (file.Format == FileFormat.Schema)
        {
            protocol = null;
            allTypes = file.Defined;
            return;
        }

        var types = new List<NamedSchema>();
        var messages = new List<AvroMessage>();
        var seenTypes = new HashSet<string>(System.StringComparer.Ordinal);
        var seenMessages = new HashSet<string>(System.StringComparer.Ordinal);
        var visited = new HashSet<FileState>();
        Collect(file, types, messages, seenTypes, seenMessages, visited);
        allTypes = types;
        protocol = file.ProtocolName is null ? null : new AvroProtocol(file.ProtocolName.Value, file.DefaultNamespace, file.ProtocolDoc, types, messages,
            file.ProtocolProperties, file.ProtocolName.Span);
    }

    /// <summary>
    /// The named types visible in a file, in order: for each import, the imported file's types (its own imports first),
    /// and the file's own definitions; each type once. Messages of imported protocols join the importing protocol's.
    /// </summary>
    private void Collect(FileState file, List<NamedSchema> types, List<AvroMessage> messages, HashSet<string> seenTypes,
        HashSet<string> seenMessages, HashSet<FileState> visited)
    {
        if (!visited.Add(file))
        {
            return;
        }

        if (file.Format == FileFormat.Schema)
        {
            foreach (var type in file.Defined)
            {
                if (seenTypes.Add(type.FullName))
                {
                    types.Add(type);
                }
            }

            return;
        }

        foreach (var item in file.Items)
        {
            if (item is FileState imported)
            {
                Collect(imported, types, messages, seenTypes, seenMessages, visited);
            }
            else if (item is JsonObject obj && _declared.TryGetValue(obj, out var type) && _definitions.TryGetValue(type.FullName, out var definition)
                && ReferenceEquals(definition.Schema, type) && seenTypes.Add(type.FullName))
            {
                types.Add(type);
            }
        }

        foreach (var message in file.Messages)
        {
            if (seenMessages.Add(message.Name))
            {
                messages.Add(message);
            }
        }
    }
}

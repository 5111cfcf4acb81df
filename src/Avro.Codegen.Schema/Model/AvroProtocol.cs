using System.Collections.Generic;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Schema;

/// <summary>
/// An Avro protocol, as declared by an <c>.avdl</c> file (<c>protocol P { ... }</c>) or an <c>.avpr</c> file: its named types
/// (the file's own and those it imports, in declaration order) and its messages. Messages are kept as declared; no code
/// is generated for them.
/// </summary>
public sealed class AvroProtocol
{
    /// <summary>Creates a protocol.</summary>
    public AvroProtocol(string name, string? @namespace, string? doc, IReadOnlyList<NamedSchema> types, IReadOnlyList<AvroMessage> messages,
        IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
    {
        Name = name;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Doc = doc;
        Types = types;
        Messages = messages;
        Properties = properties ?? new JsonProperty[0];
        Span = span;
    }

    /// <summary>The protocol name.</summary>
    public string Name { get; }

    /// <summary>The protocol namespace (the default namespace of its types), or <see langword="null"/>.</summary>
    public string? Namespace { get; }

    /// <summary>The protocol's documentation.</summary>
    public string? Doc { get; }

    /// <summary>The named types, each once, in the order they are declared or imported.</summary>
    public IReadOnlyList<NamedSchema> Types { get; }

    /// <summary>The messages, in declaration order (imported protocols' messages at their import).</summary>
    public IReadOnlyList<AvroMessage> Messages { get; }

    /// <summary>Custom properties of the protocol.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Where the protocol's name was written.</summary>
    public SourceSpan? Span { get; }
}

/// <summary>One message of a protocol: its parameters (a record's fields), response and errors.</summary>
public sealed class AvroMessage
{
    /// <summary>Creates a message.</summary>
    public AvroMessage(string name, string? doc, IReadOnlyList<RecordField> request, AvroSchema response, IReadOnlyList<AvroSchema> errors,
        bool oneWay, IReadOnlyList<JsonProperty>? properties = null, SourceSpan? span = null)
    {
        Name = name;
        Doc = doc;
        Request = request;
        Response = response;
        Errors = errors;
        OneWay = oneWay;
        Properties = properties ?? new JsonProperty[0];
        Span = span;
    }

    /// <summary>The message name.</summary>
    public string Name { get; }

    /// <summary>The message's documentation.</summary>
    public string? Doc { get; }

    /// <summary>The parameters, as record fields (name, type, default).</summary>
    public IReadOnlyList<RecordField> Request { get; }

    /// <summary>The response schema (<c>null</c> for <c>void</c>).</summary>
    public AvroSchema Response { get; }

    /// <summary>The error types the message declares it throws.</summary>
    public IReadOnlyList<AvroSchema> Errors { get; }

    /// <summary>True for a one-way message (no response is sent).</summary>
    public bool OneWay { get; }

    /// <summary>Custom properties of the message.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Where the message's name was written.</summary>
    public SourceSpan? Span { get; }
}

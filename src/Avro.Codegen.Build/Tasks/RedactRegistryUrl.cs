using Avro.Codegen.Registry;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Avro.Codegen.Build.Tasks;

/// <summary>
/// The registry URL as it may be written to disk (the gate's settings file, which makes a changed URL re-run the
/// check): user-info replaced by <c>***</c> with the registry protocol layer's one redaction of URLs.
/// </summary>
public sealed class RedactRegistryUrl : Task
{
    /// <summary>The URL as configured (<c>AvroSchemaRegistryUrl</c>); may carry <c>user:password@</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The URL without credentials.</summary>
    [Output]
    public string Redacted { get; private set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        Redacted = SecretRedaction.RedactUrl(Url ?? "");
        return true;
    }
}

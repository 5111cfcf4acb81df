namespace Avro.Codegen.Registry;

/// <summary>
/// A schema registry answered with an error, or could not be reached. Carries the HTTP status and the registry's
/// <c>error_code</c> (for example 40401 "subject not found", 40901 "incompatible schema", 42201 "invalid schema").
/// The message never contains credentials: URLs in it are stripped of user-info, and the client's credentials are
/// removed from any server text it quotes (in every form a server can echo them: plain, base64, percent-encoded).
/// </summary>
public class RegistryException : Exception
{
    /// <summary>Creates an exception for a registry error answer.</summary>
    public RegistryException(int status, int errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>
    /// The HTTP status (404, 409, 422, 500, ...), or 0 when no answer was received (connection refused, timeout).
    /// </summary>
    public int Status { get; }

    /// <summary>
    /// The registry's <c>error_code</c> (e.g. 40401). When the server sent no parsable error body it is 50005, as in
    /// Confluent's Java client; when no answer was received it is 0.
    /// </summary>
    public int ErrorCode { get; }

    /// <summary>True for codes 40401 (subject not found), 40402 (version not found) and 40403 (schema not found).</summary>
    public bool IsNotFound => ErrorCode is RegistryErrorCodes.SubjectNotFound or RegistryErrorCodes.VersionNotFound
        or RegistryErrorCodes.SchemaNotFound;
}

/// <summary>The Confluent Schema Registry's error codes, as its REST API returns them in <c>error_code</c>.</summary>
public static class RegistryErrorCodes
{
    /// <summary>404: <c>Subject '%s' not found.</c></summary>
    public const int SubjectNotFound = 40401;
    /// <summary>404: <c>Version %s not found.</c></summary>
    public const int VersionNotFound = 40402;
    /// <summary>404: <c>Schema not found</c> / <c>Schema %s not found</c>.</summary>
    public const int SchemaNotFound = 40403;
    /// <summary>404: a soft delete of a subject that is already soft-deleted.</summary>
    public const int SubjectSoftDeleted = 40404;
    /// <summary>404: a permanent delete of a subject that was not soft-deleted first.</summary>
    public const int SubjectNotSoftDeleted = 40405;
    /// <summary>404: a soft delete of a version that is already soft-deleted.</summary>
    public const int VersionSoftDeleted = 40406;
    /// <summary>404: a permanent delete of a version that was not soft-deleted first.</summary>
    public const int VersionNotSoftDeleted = 40407;
    /// <summary>404: the subject has no subject-level compatibility configured.</summary>
    public const int SubjectLevelCompatibilityNotConfigured = 40408;
    /// <summary>404: the subject has no subject-level mode configured.</summary>
    public const int SubjectLevelModeNotConfigured = 40409;
    /// <summary>409: the schema is incompatible with an earlier schema of the subject.</summary>
    public const int IncompatibleSchema = 40901;
    /// <summary>422: invalid schema or schema type.</summary>
    public const int InvalidSchema = 42201;
    /// <summary>422: the version is neither an integer in [1, 2^31-1] nor <c>latest</c>.</summary>
    public const int InvalidVersion = 42202;
    /// <summary>422: unknown compatibility level.</summary>
    public const int InvalidCompatibilityLevel = 42203;
    /// <summary>422: unknown mode.</summary>
    public const int InvalidMode = 42204;
    /// <summary>422: the operation is not permitted in the current mode.</summary>
    public const int OperationNotPermitted = 42205;
    /// <summary>422: other schemas reference the schema being deleted.</summary>
    public const int ReferenceExists = 42206;
    /// <summary>422: in IMPORT mode, the id is already used by another schema.</summary>
    public const int IdDoesNotMatch = 42207;
    /// <summary>422: the subject name is not valid.</summary>
    public const int InvalidSubject = 42208;
    /// <summary>500: an unexpected server error.</summary>
    public const int ServerError = 500;
    /// <summary>Client-side: the error answer had no parsable <c>{"error_code","message"}</c> body.</summary>
    public const int UnparsableErrorBody = 50005;
}

using System;

namespace Avro.Codegen.Gate.Registry;

/// <summary>Why a registry request failed.</summary>
public enum RegistryFailure
{
    /// <summary>No usable answer: refused connection, DNS failure, timeout, or a retriable status after every retry.</summary>
    Unreachable,
    /// <summary>The registry answered with a status the caller cannot act on (401, 403, 4xx, an unreadable body).</summary>
    RequestFailed,
    /// <summary>The registry rejected the schema as invalid (error code 42201).</summary>
    InvalidSchema,
}

/// <summary>
/// A failed registry request. The message names the registry by its display URL and never contains credentials.
/// </summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryException(RegistryFailure failure, string message, int httpStatus = 0, int errorCode = 0)
        : base(message)
    {
        Failure = failure;
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
    }

    /// <summary>The kind of failure.</summary>
    public RegistryFailure Failure { get; }

    /// <summary>The HTTP status of the last answer, 0 when there was none.</summary>
    public int HttpStatus { get; }

    /// <summary>The registry's <c>error_code</c>, 0 when the body had none.</summary>
    public int ErrorCode { get; }
}

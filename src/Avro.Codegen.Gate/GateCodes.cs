namespace Avro.Codegen.Gate;

/// <summary>
/// The catalog of <c>AVROB</c> diagnostic codes raised by the build gate, the register/download targets and the
/// <c>avro-codegen registry</c> verbs. Codes are stable: a retired code is never reused. <c>docs/build-gate.md</c>
/// lists them with examples; keep the two in step.
/// </summary>
public static class GateCodes
{
    /// <summary>A schema is incompatible with what the registry (or the baseline) holds for its subject.</summary>
    public const string Incompatible = "AVROB001";

    /// <summary>The registry could not be reached: refused connection, DNS failure, timeout, 5xx after retries.
    /// Its severity follows <c>AvroCodegen_RegistryFailureSeverity</c>.</summary>
    public const string RegistryUnreachable = "AVROB002";

    /// <summary>The registry answered with an error the gate cannot act on (401/403, unexpected status or body).
    /// Its severity follows <c>AvroCodegen_RegistryFailureSeverity</c>.</summary>
    public const string RegistryRequestFailed = "AVROB003";

    /// <summary>The registry rejected the schema itself (error 42201, invalid schema).</summary>
    public const string RegistryRejectedSchema = "AVROB004";

    /// <summary>The subject of a schema cannot be derived (e.g. RecordName strategy on a schema that is not a named type).</summary>
    public const string NoSubject = "AVROB005";

    /// <summary>A gate option has an invalid value (URL, strategy, level, severity, timeout, parallelism).</summary>
    public const string InvalidOption = "AVROB006";

    /// <summary>The offline baseline folder does not exist.</summary>
    public const string BaselineMissing = "AVROB007";

    /// <summary>A baseline schema file is not a valid schema.</summary>
    public const string BaselineInvalid = "AVROB008";

    /// <summary>The registry holds the schema under a different id or version than the lock file records.</summary>
    public const string LockMismatch = "AVROB009";

    /// <summary>The schema lock file cannot be read or written.</summary>
    public const string LockFileInvalid = "AVROB010";

    /// <summary>The compatibility check is on but no schema has a subject (warning).</summary>
    public const string NothingToCheck = "AVROB011";

    /// <summary>Two schema files map to the same subject.</summary>
    public const string DuplicateSubject = "AVROB012";

    /// <summary>A subject asked for by the download target does not exist in the registry.</summary>
    public const string SubjectNotFound = "AVROB013";

    /// <summary>A schema file could not be read from disk.</summary>
    public const string FileUnreadable = "AVROB014";

    /// <summary>With schema references, a schema cannot be registered by reference: its files' types refer to each
    /// other in a cycle, or a schema it references was not registered, or a downloaded schema's references nest too deep.</summary>
    public const string ReferenceFailed = "AVROB015";
}

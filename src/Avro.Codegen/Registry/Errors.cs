using System.Globalization;

namespace Avro.Codegen.Registry;

/// <summary>
/// The registry's error answers, with the status codes, error codes and message texts of Confluent's
/// <c>Errors.java</c> and <c>Rest*Exception</c> classes (the texts' oddities, like a missing space, are the server's).
/// </summary>
internal static class Errors
{
    private const string Context = ".";

    public static RegistryException SubjectNotFound(string subject) =>
        new(404, RegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");

    public static RegistryException VersionNotFound(int version) =>
        new(404, RegistryErrorCodes.VersionNotFound, $"Version {version.ToString(CultureInfo.InvariantCulture)} not found.");

    public static RegistryException SchemaNotFound() =>
        new(404, RegistryErrorCodes.SchemaNotFound, "Schema not found");

    public static RegistryException SchemaIdNotFound(string id) =>
        new(404, RegistryErrorCodes.SchemaNotFound, $"Schema {id} not found");

    public static RegistryException SubjectSoftDeleted(string subject) =>
        new(404, RegistryErrorCodes.SubjectSoftDeleted, $"Subject '{subject}' was soft deleted.Set permanent=true to delete permanently");

    public static RegistryException SubjectNotSoftDeleted(string subject) =>
        new(404, RegistryErrorCodes.SubjectNotSoftDeleted, $"Subject '{subject}' was not deleted first before being permanently deleted");

    public static RegistryException VersionSoftDeleted(string subject, int version) =>
        new(404, RegistryErrorCodes.VersionSoftDeleted,
            $"Subject '{subject}' Version {version.ToString(CultureInfo.InvariantCulture)} was soft deleted.Set permanent=true to delete permanently");

    public static RegistryException VersionNotSoftDeleted(string subject, int version) =>
        new(404, RegistryErrorCodes.VersionNotSoftDeleted,
            $"Subject '{subject}' Version {version.ToString(CultureInfo.InvariantCulture)} was not deleted first before being permanently deleted");

    public static RegistryException SubjectConfigNotFound(string subject) =>
        new(404, RegistryErrorCodes.SubjectLevelCompatibilityNotConfigured, $"Subject '{subject}' does not have subject-level compatibility configured");

    public static RegistryException SubjectModeNotFound(string subject) =>
        new(404, RegistryErrorCodes.SubjectLevelModeNotConfigured, $"Subject '{subject}' does not have subject-level mode configured");

    public static RegistryException Incompatible(string subject, IReadOnlyList<string> details) =>
        new(409, RegistryErrorCodes.IncompatibleSchema,
            $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join(", ", details)}]");

    public static RegistryException InvalidSchema(string message) =>
        new(422, RegistryErrorCodes.InvalidSchema, message);

    public static RegistryException InvalidVersion(string version) =>
        new(422, RegistryErrorCodes.InvalidVersion,
            $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");

    public static RegistryException InvalidCompatibilityLevel() =>
        new(422, RegistryErrorCodes.InvalidCompatibilityLevel,
            "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");

    public static RegistryException InvalidMode() =>
        new(422, RegistryErrorCodes.InvalidMode, "Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.");

    public static RegistryException ReadOnlyMode(string subject) =>
        new(422, RegistryErrorCodes.OperationNotPermitted, $"Subject {subject} in context {Context} is in read-only mode");

    public static RegistryException NotImportMode(string subject) =>
        new(422, RegistryErrorCodes.OperationNotPermitted, $"Subject {subject} in context {Context} is not in import mode");

    public static RegistryException NotReadWriteMode(string subject) =>
        new(422, RegistryErrorCodes.OperationNotPermitted, $"Subject {subject} in context {Context} is not in read-write mode");

    public static RegistryException ImportNeedsEmptyRegistry() =>
        new(422, RegistryErrorCodes.OperationNotPermitted, "Cannot import since found existing subjects");

    public static RegistryException ImportVersionExists(string subject, int version) =>
        new(422, RegistryErrorCodes.OperationNotPermitted,
            $"Subject {subject} in context {Context} already has version {version.ToString(CultureInfo.InvariantCulture)}");

    public static RegistryException ReferenceExists(string subject, int version) =>
        new(422, RegistryErrorCodes.ReferenceExists,
            $"One or more references exist to the schema {{subject={subject},version={version.ToString(CultureInfo.InvariantCulture)}}}.");

    public static RegistryException IdMismatch(int id) =>
        new(422, RegistryErrorCodes.IdDoesNotMatch, $"Overwrite new schema with id {id.ToString(CultureInfo.InvariantCulture)} is not permitted.");

    public static RegistryException InvalidSubject(string subject) =>
        new(422, RegistryErrorCodes.InvalidSubject, $"The specified subject '{subject}' is not a valid.");
}

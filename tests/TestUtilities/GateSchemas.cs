namespace Avro.Codegen.TestUtilities;

/// <summary>
/// Schema texts with known line and column positions (LF line ends, two-space indent) that the compatibility gate's
/// tests and the package tests check against a registry. Linked into those test projects.
/// </summary>
internal static class GateSchemas
{
    /// <summary>User v2: field 'id' on line 6, 'email' on line 7 (both at column 5).</summary>
    public const string UserV2 = """
        {
          "type": "record",
          "name": "User",
          "namespace": "com.acme",
          "fields": [
            { "name": "id", "type": "long" },
            { "name": "email", "type": "string" }
          ]
        }
        """;

    /// <summary>User v1: only 'id'.</summary>
    public const string UserV1 = """
        {"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"}]}
        """;

    /// <summary>
    /// A three-version history of subject <c>users-value</c> ending in <see cref="UserV1"/> (version 3), so answers name
    /// a version other than the first.
    /// </summary>
    public static readonly string[] UserHistory =
    {
        """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"nick","type":"string","default":""}]}""",
        """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"age","type":"int","default":0}]}""",
        UserV1,
    };

    /// <summary>User with 'email' and a 'nick': registered, <see cref="UserV2"/> is a BACKWARD-compatible next version that the registry does not hold.</summary>
    public const string UserWithNick = """
        {"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"email","type":"string"},{"name":"nick","type":"string","default":""}]}
        """;

    /// <summary>User with the order reversed and 'email' an int: a FORWARD reader (v1-like) finds 'email' at another index.</summary>
    public const string UserReordered = """
        {
          "type": "record",
          "name": "User",
          "namespace": "com.acme",
          "fields": [
            { "name": "email", "type": "int" },
            { "name": "id", "type": "long" }
          ]
        }
        """;

    /// <summary>Order with a nested record field 'lines' (array of Line) on line 6; Line.qty on line 12.</summary>
    public const string Order = """
        {
          "type": "record",
          "name": "Order",
          "namespace": "com.acme",
          "fields": [
            { "name": "id", "type": "string" },
            { "name": "lines", "type": { "type": "array", "items": {
                "type": "record",
                "name": "Line",
                "fields": [
                  { "name": "sku", "type": "string" },
                  { "name": "qty", "type": "long" }
                ]
              } } }
          ]
        }
        """;

    /// <summary>The registry's verbose answer for UserV2 read against UserV1 under BACKWARD (shared/registry/contract.md §4).</summary>
    public static readonly string[] MissingDefaultMessages =
    {
        "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'email'}",
        "{oldSchemaVersion: 3}",
        "{oldSchema: '{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}'}",
        "{validateFields: 'false', compatibility: 'BACKWARD'}",
    };
}

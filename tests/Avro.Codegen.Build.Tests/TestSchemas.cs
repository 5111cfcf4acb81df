namespace Avro.Codegen.Build.Tests;

/// <summary>Schema texts with known line and column positions (LF line ends, two-space indent).</summary>
internal static class TestSchemas
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

namespace Avro.Codegen.TestUtilities;

/// <summary>
/// Three schema files that share types (Money with its nested Currency enum, Line using Money, Order using both), the
/// project the gate's schema-reference tests and the package's schema-reference test register with
/// <c>AvroCodegen_SchemaReferences</c>. Linked into those test projects.
/// </summary>
internal static class ShopSchemas
{
    /// <summary><c>shop.common.Money</c>, defining the enum <c>shop.common.Currency</c>.</summary>
    public const string Money = """
        {"type": "record", "name": "Money", "namespace": "shop.common", "fields": [
          {"name": "units", "type": "long"},
          {"name": "currency", "type": {"type": "enum", "name": "Currency", "symbols": ["EUR", "USD"]}}]}
        """;

    /// <summary><c>shop.orders.Line</c>, naming Money.</summary>
    public const string Line = """
        {"type": "record", "name": "Line", "namespace": "shop.orders", "fields": [
          {"name": "sku", "type": "string"},
          {"name": "price", "type": "shop.common.Money"}]}
        """;

    /// <summary><c>shop.orders.Order</c>, naming Line, Money and Currency.</summary>
    public const string Order = """
        {"type": "record", "name": "Order", "namespace": "shop.orders", "fields": [
          {"name": "id", "type": "long"},
          {"name": "lines", "type": {"type": "array", "items": "Line"}},
          {"name": "total", "type": "shop.common.Money"},
          {"name": "paidIn", "type": ["null", "shop.common.Currency"], "default": null}]}
        """;
}

namespace GateSample;

/// <summary>Uses the generated record, so a schema change that breaks the code also shows up as a compile error.</summary>
public static class Orders
{
    public static com.acme.orders.OrderPlaced Create(string id, string customer) => new() { OrderId = id, Customer = customer };
}

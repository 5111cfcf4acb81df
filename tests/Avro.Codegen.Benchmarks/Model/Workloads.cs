using System.Text.Json;

namespace Avro.Codegen.Benchmarks.Model;

/// <summary>
/// Loads the two workload datums from the Avro JSON encoding files of shared/bench (copied into Workloads/), so every
/// implementation is fed exactly the values PERFORMANCE.md measured, not a hand-typed copy of them.
/// </summary>
public static class Workloads
{
    /// <summary>Avro binary sizes checked against Java Avro and avsc (PERFORMANCE.md).</summary>
    public const int UserAvroSize = 112;
    public const int OrderAvroSize = 1407;

    /// <summary>The datum encoded by an independent implementation (python3-avro; Workloads/make-reference-bin.py).</summary>
    public static byte[] ReferenceBinary(string workload) => System.IO.File.ReadAllBytes(PathOf(workload + ".bin"));

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Workloads", fileName);

    public static User LoadUser()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(PathOf("User.json")));
        var u = doc.RootElement;
        return new User
        {
            Id = u.GetProperty("id").GetInt64(),
            Name = u.GetProperty("name").GetString()!,
            Email = NullableString(u.GetProperty("email")),
            Age = u.GetProperty("age").GetInt32(),
            Score = u.GetProperty("score").GetDouble(),
            Active = u.GetProperty("active").GetBoolean(),
            Status = Enum.Parse<UserStatus>(u.GetProperty("status").GetString()!, ignoreCase: true),
            Tags = u.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList(),
            CreatedAt = DateTime.UnixEpoch.AddMilliseconds(u.GetProperty("createdAt").GetInt64()),
        };
    }

    public static Order LoadOrder()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(PathOf("Order.json")));
        var o = doc.RootElement;
        var c = o.GetProperty("customer");
        var a = c.GetProperty("address");
        return new Order
        {
            OrderId = o.GetProperty("orderId").GetInt64(),
            // Avro JSON encodes bytes/fixed as a string of code points U+0000..U+00FF, one per byte.
            OrderUuid = o.GetProperty("orderUuid").GetString()!.Select(ch => checked((byte)ch)).ToArray(),
            Customer = new Customer
            {
                CustomerId = c.GetProperty("customerId").GetInt64(),
                Name = c.GetProperty("name").GetString()!,
                Email = NullableString(c.GetProperty("email")),
                Address = new Address
                {
                    Street = a.GetProperty("street").GetString()!,
                    City = a.GetProperty("city").GetString()!,
                    Zip = a.GetProperty("zip").GetString()!,
                    Country = a.GetProperty("country").GetString()!,
                },
            },
            Status = Enum.Parse<OrderStatus>(o.GetProperty("status").GetString()!, ignoreCase: true),
            CreatedAt = DateTime.UnixEpoch.AddMilliseconds(o.GetProperty("createdAt").GetInt64()),
            Items = o.GetProperty("items").EnumerateArray().Select(i => new LineItem
            {
                Sku = i.GetProperty("sku").GetString()!,
                ProductName = i.GetProperty("productName").GetString()!,
                Quantity = i.GetProperty("quantity").GetInt32(),
                UnitPrice = i.GetProperty("unitPrice").GetDouble(),
                Discount = i.GetProperty("discount") is { ValueKind: JsonValueKind.Object } d ? d.GetProperty("double").GetDouble() : null,
                GiftWrap = i.GetProperty("giftWrap").GetBoolean(),
            }).ToList(),
            Attributes = o.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            TotalAmount = o.GetProperty("totalAmount").GetDouble(),
            Notes = NullableString(o.GetProperty("notes")),
        };
    }

    /// <summary>A ["null","string"] union in Avro JSON: null, or {"string": value}.</summary>
    private static string? NullableString(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null : e.GetProperty("string").GetString();
}

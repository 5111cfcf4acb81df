namespace Avro.Codegen.Benchmarks.Model;

// Plain objects for the two workloads, shared by the hand-written Avro codec (the baseline) and by
// System.Text.Json source generation. Timestamps are UTC DateTime values so that System.Text.Json writes the
// same ISO-8601 "Z" form PERFORMANCE.md measured (231 / 3,289 bytes); enums stay numbers in JSON for the same reason.

public enum UserStatus { Pending, Active, Suspended, Deleted }

public sealed class User
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public int Age { get; set; }
    public double Score { get; set; }
    public bool Active { get; set; }
    public UserStatus Status { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

public enum OrderStatus { Pending, Paid, Shipped, Delivered, Cancelled }

public sealed class Address
{
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string Zip { get; set; } = "";
    public string Country { get; set; } = "";
}

public sealed class Customer
{
    public long CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public Address Address { get; set; } = new();
}

public sealed class LineItem
{
    public string Sku { get; set; } = "";
    public string ProductName { get; set; } = "";
    public int Quantity { get; set; }
    public double UnitPrice { get; set; }
    public double? Discount { get; set; }
    public bool GiftWrap { get; set; }
}

public sealed class Order
{
    public long OrderId { get; set; }
    /// <summary>Avro fixed(16).</summary>
    public byte[] OrderUuid { get; set; } = new byte[16];
    public Customer Customer { get; set; } = new();
    public OrderStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<LineItem> Items { get; set; } = [];
    public Dictionary<string, string> Attributes { get; set; } = [];
    public double TotalAmount { get; set; }
    public string? Notes { get; set; }
}

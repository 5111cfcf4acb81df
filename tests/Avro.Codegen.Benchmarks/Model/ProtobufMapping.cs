using Google.Protobuf;
using Proto = Avro.Codegen.Benchmarks.Protobuf;

namespace Avro.Codegen.Benchmarks.Model;

/// <summary>Builds the Protobuf messages holding the same values as the workload objects.</summary>
public static class ProtobufMapping
{
    public static Proto.User ToProtobuf(User u)
    {
        var message = new Proto.User
        {
            Id = u.Id,
            Name = u.Name,
            Age = u.Age,
            Score = u.Score,
            Active = u.Active,
            Status = (Proto.UserStatus)(int)u.Status,
            CreatedAt = ToMillis(u.CreatedAt),
        };
        if (u.Email is not null)
        {
            message.Email = u.Email;
        }
        message.Tags.AddRange(u.Tags);
        return message;
    }

    public static Proto.Order ToProtobuf(Order o)
    {
        var customer = new Proto.Customer
        {
            CustomerId = o.Customer.CustomerId,
            Name = o.Customer.Name,
            Address = new Proto.Address
            {
                Street = o.Customer.Address.Street,
                City = o.Customer.Address.City,
                Zip = o.Customer.Address.Zip,
                Country = o.Customer.Address.Country,
            },
        };
        if (o.Customer.Email is not null)
        {
            customer.Email = o.Customer.Email;
        }
        var message = new Proto.Order
        {
            OrderId = o.OrderId,
            OrderUuid = ByteString.CopyFrom(o.OrderUuid),
            Customer = customer,
            Status = (Proto.OrderStatus)(int)o.Status,
            CreatedAt = ToMillis(o.CreatedAt),
            TotalAmount = o.TotalAmount,
        };
        foreach (var item in o.Items)
        {
            var line = new Proto.LineItem
            {
                Sku = item.Sku,
                ProductName = item.ProductName,
                Quantity = item.Quantity,
                UnitPrice = item.UnitPrice,
                GiftWrap = item.GiftWrap,
            };
            if (item.Discount is double discount)
            {
                line.Discount = discount;
            }
            message.Items.Add(line);
        }
        message.Attributes.Add(o.Attributes);
        if (o.Notes is not null)
        {
            message.Notes = o.Notes;
        }
        return message;
    }

    private static long ToMillis(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}

using System.Buffers.Binary;
using System.Text;

namespace Avro.Codegen.Benchmarks.Model;

/// <summary>
/// The baseline: a straightforward hand-written Avro binary codec for exactly the two workload schemas, as
/// PERFORMANCE.md describes it (zig-zag varints straight into a <see cref="Span{T}"/>, strings through
/// <see cref="Encoding.UTF8"/>, reading from a <see cref="ReadOnlySpan{T}"/>). It knows the schemas statically, so
/// it is the practical limit that generated code is measured against. It trusts its input and its buffer size:
/// malformed bytes surface as BCL exceptions, which is fine for a benchmark baseline and exactly what the product
/// must not do.
/// </summary>
public static class HandWrittenAvro
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public static int Write(User value, Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.Long(value.Id);
        w.String(value.Name);
        w.NullableString(value.Email);
        w.Long(value.Age);
        w.Double(value.Score);
        w.Boolean(value.Active);
        w.Long((int)value.Status);
        if (value.Tags.Count > 0)
        {
            w.Long(value.Tags.Count);
            foreach (var tag in value.Tags)
            {
                w.String(tag);
            }
        }
        w.Long(0);
        w.Long(ToUnixMillis(value.CreatedAt));
        return w.Position;
    }

    public static User ReadUser(ReadOnlySpan<byte> source)
    {
        var r = new SpanReader(source);
        var user = new User
        {
            Id = r.Long(),
            Name = r.String(),
            Email = r.NullableString(),
            Age = (int)r.Long(),
            Score = r.Double(),
            Active = r.Boolean(),
            Status = (UserStatus)r.Long(),
        };
        long count = r.BlockCount();
        var tags = new List<string>((int)count);
        while (count != 0)
        {
            for (long i = 0; i < count; i++)
            {
                tags.Add(r.String());
            }
            count = r.BlockCount();
        }
        user.Tags = tags;
        user.CreatedAt = FromUnixMillis(r.Long());
        return user;
    }

    public static int Write(Order value, Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.Long(value.OrderId);
        w.Fixed(value.OrderUuid);
        var customer = value.Customer;
        w.Long(customer.CustomerId);
        w.String(customer.Name);
        w.NullableString(customer.Email);
        w.String(customer.Address.Street);
        w.String(customer.Address.City);
        w.String(customer.Address.Zip);
        w.String(customer.Address.Country);
        w.Long((int)value.Status);
        w.Long(ToUnixMillis(value.CreatedAt));
        if (value.Items.Count > 0)
        {
            w.Long(value.Items.Count);
            foreach (var item in value.Items)
            {
                w.String(item.Sku);
                w.String(item.ProductName);
                w.Long(item.Quantity);
                w.Double(item.UnitPrice);
                if (item.Discount is double discount)
                {
                    w.Long(1);
                    w.Double(discount);
                }
                else
                {
                    w.Long(0);
                }
                w.Boolean(item.GiftWrap);
            }
        }
        w.Long(0);
        if (value.Attributes.Count > 0)
        {
            w.Long(value.Attributes.Count);
            foreach (var (key, text) in value.Attributes)
            {
                w.String(key);
                w.String(text);
            }
        }
        w.Long(0);
        w.Double(value.TotalAmount);
        w.NullableString(value.Notes);
        return w.Position;
    }

    public static Order ReadOrder(ReadOnlySpan<byte> source)
    {
        var r = new SpanReader(source);
        var order = new Order { OrderId = r.Long(), OrderUuid = r.Fixed(16) };
        order.Customer = new Customer
        {
            CustomerId = r.Long(),
            Name = r.String(),
            Email = r.NullableString(),
            Address = new Address { Street = r.String(), City = r.String(), Zip = r.String(), Country = r.String() },
        };
        order.Status = (OrderStatus)r.Long();
        order.CreatedAt = FromUnixMillis(r.Long());

        long count = r.BlockCount();
        var items = new List<LineItem>((int)count);
        while (count != 0)
        {
            for (long i = 0; i < count; i++)
            {
                items.Add(new LineItem
                {
                    Sku = r.String(),
                    ProductName = r.String(),
                    Quantity = (int)r.Long(),
                    UnitPrice = r.Double(),
                    Discount = r.Long() == 0 ? null : r.Double(),
                    GiftWrap = r.Boolean(),
                });
            }
            count = r.BlockCount();
        }
        order.Items = items;

        count = r.BlockCount();
        var attributes = new Dictionary<string, string>((int)count);
        while (count != 0)
        {
            for (long i = 0; i < count; i++)
            {
                string key = r.String();
                attributes[key] = r.String();
            }
            count = r.BlockCount();
        }
        order.Attributes = attributes;
        order.TotalAmount = r.Double();
        order.Notes = r.NullableString();
        return order;
    }

    private static long ToUnixMillis(DateTime utc) => (utc.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;

    private static DateTime FromUnixMillis(long millis) =>
        new(UnixEpochTicks + millis * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private ref struct SpanWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        public int Position;

        public void Long(long value)
        {
            ulong n = (ulong)((value << 1) ^ (value >> 63));
            while (n >= 0x80)
            {
                _destination[Position++] = (byte)(n | 0x80);
                n >>= 7;
            }
            _destination[Position++] = (byte)n;
        }

        public void Boolean(bool value) => _destination[Position++] = value ? (byte)1 : (byte)0;

        public void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_destination[Position..], value);
            Position += 8;
        }

        public void String(string value)
        {
            Long(Encoding.UTF8.GetByteCount(value));
            Position += Encoding.UTF8.GetBytes(value, _destination[Position..]);
        }

        /// <summary>The union ["null","string"]: branch 0 is null.</summary>
        public void NullableString(string? value)
        {
            if (value is null)
            {
                Long(0);
            }
            else
            {
                Long(1);
                String(value);
            }
        }

        public void Fixed(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_destination[Position..]);
            Position += value.Length;
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> source)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private int _position;

        public long Long()
        {
            ulong result = 0;
            int shift = 0;
            byte b;
            do
            {
                b = _source[_position++];
                result |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            return (long)(result >> 1) ^ -(long)(result & 1);
        }

        public bool Boolean() => _source[_position++] != 0;

        public double Double()
        {
            double value = BinaryPrimitives.ReadDoubleLittleEndian(_source[_position..]);
            _position += 8;
            return value;
        }

        public string String()
        {
            int length = (int)Long();
            string value = Encoding.UTF8.GetString(_source.Slice(_position, length));
            _position += length;
            return value;
        }

        public string? NullableString() => Long() == 0 ? null : String();

        public byte[] Fixed(int size)
        {
            byte[] value = _source.Slice(_position, size).ToArray();
            _position += size;
            return value;
        }

        /// <summary>Items in the next array/map block; a negative count is followed by the block's byte size.</summary>
        public long BlockCount()
        {
            long count = Long();
            if (count < 0)
            {
                Long();
                count = -count;
            }
            return count;
        }
    }
}

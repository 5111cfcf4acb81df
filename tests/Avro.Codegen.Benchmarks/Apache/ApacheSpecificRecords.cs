// The workloads as Apache.Avro specific records, written the way avrogen 1.12 emits them: a static _SCHEMA parsed
// from the schema text, public properties named like the fields, and boxed Get/Put by field position (what
// SpecificDatumReader/Writer and Confluent's serdes call). Logical types follow Apache.Avro 1.12.2:
// timestamp-millis is a UTC System.DateTime, fixed a SpecificFixed subclass, arrays IList<T>, maps IDictionary.
//
// The schemas are the workloads' with the namespace Bench.Apache instead of Bench.Avro: Apache's readers find the class
// to instantiate by the schema's full name among the loaded assemblies, and Bench.Avro.User is the generated record in
// this assembly. A namespace does not change a single byte of the binary encoding.
#nullable disable // avrogen's code is nullable-oblivious: no constructors, reference-typed fields that may hold null
using System.Collections.Generic;
using global::Avro;
using global::Avro.Specific;

namespace Bench.Apache;

public enum UserStatus { PENDING, ACTIVE, SUSPENDED, DELETED }

public partial class User : ISpecificRecord
{
    public static global::Avro.Schema _SCHEMA = global::Avro.Schema.Parse(
        """
        {"type":"record","name":"User","namespace":"Bench.Apache","fields":[
         {"name":"id","type":"long"},
         {"name":"name","type":"string"},
         {"name":"email","type":["null","string"],"default":null},
         {"name":"age","type":"int"},
         {"name":"score","type":"double"},
         {"name":"active","type":"boolean"},
         {"name":"status","type":{"type":"enum","name":"UserStatus","symbols":["PENDING","ACTIVE","SUSPENDED","DELETED"]}},
         {"name":"tags","type":{"type":"array","items":"string"}},
         {"name":"createdAt","type":{"type":"long","logicalType":"timestamp-millis"}}
        ]}
        """);

    public virtual global::Avro.Schema Schema => _SCHEMA;

    public long id { get; set; }
    public string name { get; set; }
    public string email { get; set; }
    public int age { get; set; }
    public double score { get; set; }
    public bool active { get; set; }
    public UserStatus status { get; set; }
    public IList<string> tags { get; set; }
    public System.DateTime createdAt { get; set; }

    public virtual object Get(int fieldPos) => fieldPos switch
    {
        0 => id,
        1 => name,
        2 => email,
        3 => age,
        4 => score,
        5 => active,
        6 => status,
        7 => tags,
        8 => createdAt,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos + " in Get()"),
    };

    public virtual void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: id = (long)fieldValue; break;
            case 1: name = (string)fieldValue; break;
            case 2: email = (string)fieldValue; break;
            case 3: age = (int)fieldValue; break;
            case 4: score = (double)fieldValue; break;
            case 5: active = (bool)fieldValue; break;
            case 6: status = (UserStatus)fieldValue; break;
            case 7: tags = (IList<string>)fieldValue; break;
            case 8: createdAt = (System.DateTime)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos + " in Put()");
        }
    }
}

public enum OrderStatus { PENDING, PAID, SHIPPED, DELIVERED, CANCELLED }

public partial class Uuid16 : SpecificFixed
{
    public static global::Avro.Schema _SCHEMA = global::Avro.Schema.Parse(
        """{"type":"fixed","name":"Uuid16","namespace":"Bench.Apache","size":16}""");

    private const uint FixedSize = 16;

    public Uuid16() : base(FixedSize)
    {
    }

    public override global::Avro.Schema Schema => _SCHEMA;
}

public partial class Address : ISpecificRecord
{
    public static global::Avro.Schema _SCHEMA = global::Avro.Schema.Parse(
        """
        {"type":"record","name":"Address","namespace":"Bench.Apache","fields":[
         {"name":"street","type":"string"},{"name":"city","type":"string"},
         {"name":"zip","type":"string"},{"name":"country","type":"string"}]}
        """);

    public virtual global::Avro.Schema Schema => _SCHEMA;

    public string street { get; set; }
    public string city { get; set; }
    public string zip { get; set; }
    public string country { get; set; }

    public virtual object Get(int fieldPos) => fieldPos switch
    {
        0 => street,
        1 => city,
        2 => zip,
        3 => country,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos + " in Get()"),
    };

    public virtual void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: street = (string)fieldValue; break;
            case 1: city = (string)fieldValue; break;
            case 2: zip = (string)fieldValue; break;
            case 3: country = (string)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos + " in Put()");
        }
    }
}

public partial class Customer : ISpecificRecord
{
    public static global::Avro.Schema _SCHEMA = global::Avro.Schema.Parse(
        """
        {"type":"record","name":"Customer","namespace":"Bench.Apache","fields":[
         {"name":"customerId","type":"long"},
         {"name":"name","type":"string"},
         {"name":"email","type":["null","string"],"default":null},
         {"name":"address","type":{"type":"record","name":"Address","fields":[
           {"name":"street","type":"string"},{"name":"city","type":"string"},
           {"name":"zip","type":"string"},{"name":"country","type":"string"}]}}]}
        """);

    public virtual global::Avro.Schema Schema => _SCHEMA;

    public long customerId { get; set; }
    public string name { get; set; }
    public string email { get; set; }
    public Address address { get; set; }

    public virtual object Get(int fieldPos) => fieldPos switch
    {
        0 => customerId,
        1 => name,
        2 => email,
        3 => address,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos + " in Get()"),
    };

    public virtual void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: customerId = (long)fieldValue; break;
            case 1: name = (string)fieldValue; break;
            case 2: email = (string)fieldValue; break;
            case 3: address = (Address)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos + " in Put()");
        }
    }
}

public partial class LineItem : ISpecificRecord
{
    public static global::Avro.Schema _SCHEMA = global::Avro.Schema.Parse(
        """
        {"type":"record","name":"LineItem","namespace":"Bench.Apache","fields":[
         {"name":"sku","type":"string"},
         {"name":"productName","type":"string"},
         {"name":"quantity","type":"int"},
         {"name":"unitPrice","type":"double"},
         {"name":"discount","type":["null","double"],"default":null},
         {"name":"giftWrap","type":"boolean"}]}
        """);

    public virtual global::Avro.Schema Schema => _SCHEMA;

    public string sku { get; set; }
    public string productName { get; set; }
    public int quantity { get; set; }
    public double unitPrice { get; set; }
    public double? discount { get; set; }
    public bool giftWrap { get; set; }

    public virtual object Get(int fieldPos) => fieldPos switch
    {
        0 => sku,
        1 => productName,
        2 => quantity,
        3 => unitPrice,
        4 => discount,
        5 => giftWrap,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos + " in Get()"),
    };

    public virtual void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: sku = (string)fieldValue; break;
            case 1: productName = (string)fieldValue; break;
            case 2: quantity = (int)fieldValue; break;
            case 3: unitPrice = (double)fieldValue; break;
            case 4: discount = (double?)fieldValue; break;
            case 5: giftWrap = (bool)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos + " in Put()");
        }
    }
}

public partial class Order : ISpecificRecord
{
    public static global::Avro.Schema _SCHEMA = global::Avro.Schema.Parse(
        """
        {"type":"record","name":"Order","namespace":"Bench.Apache","fields":[
         {"name":"orderId","type":"long"},
         {"name":"orderUuid","type":{"type":"fixed","name":"Uuid16","size":16}},
         {"name":"customer","type":{"type":"record","name":"Customer","fields":[
           {"name":"customerId","type":"long"},
           {"name":"name","type":"string"},
           {"name":"email","type":["null","string"],"default":null},
           {"name":"address","type":{"type":"record","name":"Address","fields":[
             {"name":"street","type":"string"},
             {"name":"city","type":"string"},
             {"name":"zip","type":"string"},
             {"name":"country","type":"string"}]}}]}},
         {"name":"status","type":{"type":"enum","name":"OrderStatus","symbols":["PENDING","PAID","SHIPPED","DELIVERED","CANCELLED"]}},
         {"name":"createdAt","type":{"type":"long","logicalType":"timestamp-millis"}},
         {"name":"items","type":{"type":"array","items":{"type":"record","name":"LineItem","fields":[
           {"name":"sku","type":"string"},
           {"name":"productName","type":"string"},
           {"name":"quantity","type":"int"},
           {"name":"unitPrice","type":"double"},
           {"name":"discount","type":["null","double"],"default":null},
           {"name":"giftWrap","type":"boolean"}]}}},
         {"name":"attributes","type":{"type":"map","values":"string"}},
         {"name":"totalAmount","type":"double"},
         {"name":"notes","type":["null","string"],"default":null}
        ]}
        """);

    public virtual global::Avro.Schema Schema => _SCHEMA;

    public long orderId { get; set; }
    public Uuid16 orderUuid { get; set; }
    public Customer customer { get; set; }
    public OrderStatus status { get; set; }
    public System.DateTime createdAt { get; set; }
    public IList<LineItem> items { get; set; }
    public IDictionary<string, string> attributes { get; set; }
    public double totalAmount { get; set; }
    public string notes { get; set; }

    public virtual object Get(int fieldPos) => fieldPos switch
    {
        0 => orderId,
        1 => orderUuid,
        2 => customer,
        3 => status,
        4 => createdAt,
        5 => items,
        6 => attributes,
        7 => totalAmount,
        8 => notes,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos + " in Get()"),
    };

    public virtual void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: orderId = (long)fieldValue; break;
            case 1: orderUuid = (Uuid16)fieldValue; break;
            case 2: customer = (Customer)fieldValue; break;
            case 3: status = (OrderStatus)fieldValue; break;
            case 4: createdAt = (System.DateTime)fieldValue; break;
            case 5: items = (IList<LineItem>)fieldValue; break;
            case 6: attributes = (IDictionary<string, string>)fieldValue; break;
            case 7: totalAmount = (double)fieldValue; break;
            case 8: notes = (string)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos + " in Put()");
        }
    }
}

using Avro.Codegen.Container;
using Avro.Codegen.Resolution;

namespace Avro.Codegen.Fuzz;

/// <summary>What a target does with one generated record type, without reflection.</summary>
internal interface IGeneratedType
{
    string FullName { get; }

    /// <summary>The schema the type was generated from (its reader schema).</summary>
    Schema.AvroSchema Schema { get; }

    /// <summary>Decodes the binary encoding, then checks that the value survives binary and JSON round trips.</summary>
    void ReadBinary(ReadOnlySpan<byte> data);

    /// <summary>Decodes the JSON encoding, then checks that the value survives binary and JSON round trips.</summary>
    void ReadJson(ReadOnlySpan<byte> utf8Json);

    /// <summary>Reads the binary encoding written with <paramref name="plan"/>'s writer schema as this type.</summary>
    void ReadResolved(ResolutionPlan plan, ReadOnlySpan<byte> data);

    /// <summary>Reads every datum of a container file whose schema is this type's.</summary>
    int ReadContainer(AvroContainerReader reader);

    /// <summary>Encodes the datum of the JSON encoding in the binary encoding (for seeds).</summary>
    byte[] JsonToBinary(string json);
}

/// <summary>The generated record types of the fuzz project (every named type of the wire corpus).</summary>
internal static class GeneratedTypes
{
    public static IReadOnlyList<IGeneratedType> All { get; } =
    [
        new GeneratedType<global::Global>(),
        new GeneratedType<global::a.b.Inner>(),
        new GeneratedType<global::a.b.Outer>(),
        new GeneratedType<global::c.d.Dotted>(),
        new GeneratedType<global::c.d.Local>(),
        new GeneratedType<global::org.example.other.Leaf>(),
        new GeneratedType<global::org.example.wire.Cell>(),
        new GeneratedType<global::org.example.wire.Collections>(),
        new GeneratedType<global::org.example.wire.Empty>(),
        new GeneratedType<global::org.example.wire.Id4>(),
        new GeneratedType<global::org.example.wire.Logical>(),
        new GeneratedType<global::org.example.wire.Point>(),
        new GeneratedType<global::org.example.wire.Primitives>(),
        new GeneratedType<global::org.example.wire.Tree>(),
        new GeneratedType<global::org.example.wire.Two>(),
        new GeneratedType<global::org.example.wire.Unions>(),
        new GeneratedType<global::p.q.Dotted>(),
        new GeneratedType<global::shop.common.Money>(),
        new GeneratedType<global::shop.orders.Line>(),
        new GeneratedType<global::shop.orders.Order>(),
        new GeneratedType<global::shop.people.Customer>(),
        new GeneratedType<global::top.Hash>(),
        new GeneratedType<global::x.y.Deep>(),
    ];

    public static IGeneratedType Find(string fullName) =>
        All.FirstOrDefault(t => t.FullName == fullName) ?? throw new InvalidOperationException($"no generated type {fullName}");
}

internal sealed class GeneratedType<T> : IGeneratedType where T : IAvroRecord<T>
{
    public Schema.AvroSchema Schema => ResolvingReader.ReaderSchema<T>();

    public string FullName => ((Schema.NamedSchema)Schema).FullName;

    public void ReadBinary(ReadOnlySpan<byte> data) => RoundTrip(AvroSerializer.Deserialize<T>(data, FuzzLimits.Reader));

    public void ReadJson(ReadOnlySpan<byte> utf8Json) => RoundTrip(AvroSerializer.FromJson<T>(utf8Json));

    public void ReadResolved(ResolutionPlan plan, ReadOnlySpan<byte> data) => RoundTrip(plan.Read<T>(data, FuzzLimits.Reader));

    public int ReadContainer(AvroContainerReader reader)
    {
        var count = 0;
        foreach (var value in reader.ReadAll<T>())
        {
            RoundTrip(value);
            count++;
        }

        return count;
    }

    public byte[] JsonToBinary(string json) => AvroSerializer.Serialize(AvroSerializer.FromJson<T>(json));

    // A decoded value must encode to bytes that decode to the same value, and read back from its JSON encoding to the
    // same JSON (compared as JSON: the JSON encoding has one NaN, so a NaN's payload bits need not survive it). A
    // difference is a bug even when no exception escaped.
    private static void RoundTrip(T value)
    {
        var binary = AvroSerializer.Serialize(value);
        var again = AvroSerializer.Serialize(AvroSerializer.Deserialize<T>(binary));
        FuzzCheck.SameBytes(binary, again, "binary round trip of " + typeof(T).Name);
        var json = AvroSerializer.ToJson(value);
        FuzzCheck.SameText(json, AvroSerializer.ToJson(AvroSerializer.FromJson<T>(json)), "JSON round trip of " + typeof(T).Name);
    }
}

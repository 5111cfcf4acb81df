using Avro.Codegen.Resolution;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Fuzz;

/// <summary>Writer schemas (older versions in Writers/) paired with the generated type that reads their data.</summary>
internal static class ResolutionPairs
{
    public static IReadOnlyList<(Lazy<AvroSchema> Writer, IGeneratedType Reader)> All { get; } =
    [
        Pair("primitives-v0.avsc", "org.example.wire.Primitives"),
        Pair("unions-v0.avsc", "org.example.wire.Unions"),
        Pair("collections-v0.avsc", "org.example.wire.Collections"),
        Pair("tree-v0.avsc", "org.example.wire.Tree"),
        Pair("logical-v0.avsc", "org.example.wire.Logical"),
        Pair("order-v0.avsc", "shop.orders.Order"),
        // The identity plan: the writer is the reader's own schema.
        (new Lazy<AvroSchema>(ResolvingReader.ReaderSchema<global::org.example.wire.Unions>), GeneratedTypes.Find("org.example.wire.Unions")),
    ];

    private static (Lazy<AvroSchema>, IGeneratedType) Pair(string writerFile, string readerType) =>
        (new Lazy<AvroSchema>(() => FuzzSchemas.Writer(writerFile)), GeneratedTypes.Find(readerType));
}

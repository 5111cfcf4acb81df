using System.Text.Json.Serialization.Metadata;
using Avro.Codegen.Benchmarks.Model;
using Google.Protobuf;
using Proto = Avro.Codegen.Benchmarks.Protobuf;

namespace Avro.Codegen.Benchmarks;

/// <summary>The Order workload (1,407 bytes of Avro; the previous schema version lacks <c>notes</c>).</summary>
public class OrderBenchmarks : WorkloadBenchmarks<Order, Bench.Avro.Order, Proto.Order, Bench.Apache.Order>
{
    protected override string Name => "Order";

    protected override string Topic => "orders";

    protected override int AvroSize => Workloads.OrderAvroSize;

    protected override int ProtobufSize => 1563;

    protected override int JsonSize => 3289;

    protected override JsonTypeInfo<Order> JsonType => BenchJsonContext.Default.Order;

    protected override MessageParser<Proto.Order> ProtobufParser => Proto.Order.Parser;

    protected override Order Load() => Workloads.LoadOrder();

    protected override Proto.Order ToProtobuf(Order value) => ProtobufMapping.ToProtobuf(value);

    protected override int WriteHandWritten(Order value, Span<byte> destination) => HandWrittenAvro.Write(value, destination);

    protected override Order ReadHandWritten(ReadOnlySpan<byte> source) => HandWrittenAvro.ReadOrder(source);

    protected override void ClearFieldAddedLater(Order value) => value.Notes = null;
}

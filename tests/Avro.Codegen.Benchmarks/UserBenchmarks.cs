using System.Text.Json.Serialization.Metadata;
using Avro.Codegen.Benchmarks.Model;
using Google.Protobuf;
using Proto = Avro.Codegen.Benchmarks.Protobuf;

namespace Avro.Codegen.Benchmarks;

/// <summary>The User workload (112 bytes of Avro; the previous schema version lacks <c>email</c>).</summary>
public class UserBenchmarks : WorkloadBenchmarks<User, Bench.Avro.User, Proto.User, Bench.Apache.User>
{
    protected override string Name => "User";

    protected override string Topic => "users";

    protected override int AvroSize => Workloads.UserAvroSize;

    protected override int ProtobufSize => 122;

    protected override int JsonSize => 231;

    protected override JsonTypeInfo<User> JsonType => BenchJsonContext.Default.User;

    protected override MessageParser<Proto.User> ProtobufParser => Proto.User.Parser;

    protected override User Load() => Workloads.LoadUser();

    protected override Proto.User ToProtobuf(User value) => ProtobufMapping.ToProtobuf(value);

    protected override int WriteHandWritten(User value, Span<byte> destination) => HandWrittenAvro.Write(value, destination);

    protected override User ReadHandWritten(ReadOnlySpan<byte> source) => HandWrittenAvro.ReadUser(source);

    protected override void ClearFieldAddedLater(User value) => value.Email = null;
}

using System.Reflection;
using Avro.Codegen.Benchmarks;
using Avro.Codegen.Benchmarks.Model;
using BenchmarkDotNet.Attributes;

namespace Avro.Codegen.Benchmarks.Tests;

public sealed class BenchmarkOperationTests
{
    public static TheoryData<string> Workloads => new() { nameof(UserBenchmarks), nameof(OrderBenchmarks) };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void EveryBenchmarkRunsOneOperationWithTheWorkloadsBytes(string workload)
    {
        using var benchmarks = Create(workload, out int avroSize);
        var type = benchmarks.GetType();
        // Setup throws unless every Avro path (generated, registry-framed, Apache specific and generic, Confluent's
        // serdes) writes the reference bytes and reads them back.
        type.GetMethod("Setup")!.Invoke(benchmarks, null);

        var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToList();
        Assert.Equal(18, methods.Count);
        foreach (var method in methods)
        {
            object? result = method.Invoke(benchmarks, null);
            Assert.True(result is not null, $"{method.Name} returned null");
            switch (method.Name)
            {
                case "HandWritten_Serialize" or "Generated_Serialize" or "ApacheSpecific_Serialize" or "ApacheGeneric_Serialize":
                    Assert.Equal(avroSize, (int)result);
                    break;
                case "Confluent_Serialize":
                    Assert.Equal(avroSize + 5, (int)result);
                    break;
                case "ConfluentSerdes_Serialize":
                    Assert.Equal(avroSize + 5, ((byte[])result).Length);
                    Assert.Equal(0, ((byte[])result)[0]);
                    break;
            }
        }
    }

    [Fact]
    public void TheDeserializersReturnTheWorkloadsValues()
    {
        using var benchmarks = new UserBenchmarks();
        benchmarks.Setup();
        var expected = Model.Workloads.LoadUser();

        Assert.Equal(expected.Name, benchmarks.Generated_Deserialize().Name);
        Assert.Equal(expected.Name, benchmarks.ApacheSpecific_Deserialize().name);
        Assert.Equal(expected.Name, benchmarks.ApacheGeneric_Deserialize()["name"]);
        Assert.Equal(expected.Name, benchmarks.ConfluentSerdes_Deserialize().name);
        Assert.Equal(expected.CreatedAt, benchmarks.ConfluentSerdes_Deserialize().createdAt);
        Assert.Equal(expected.Tags, benchmarks.ApacheSpecific_Deserialize().tags);
        // The previous schema version lacks email: resolution fills in the default.
        Assert.NotNull(benchmarks.Generated_Deserialize().Email);
        Assert.Null(benchmarks.Resolution_Deserialize().Email);
    }

    [Fact]
    public void ACheckFailsOnDifferentBytesAndNamesTheOffset()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WorkloadCheck.SameBytes("User", "path", [1, 2, 3], [1, 2, 4]));
        Assert.Contains("at byte 2", error.Message);
        error = Assert.Throws<InvalidOperationException>(() => WorkloadCheck.Framed("User", "framed", [1, 0, 0, 0, 1, 9], [9]));
        Assert.Contains("not the magic byte 00", error.Message);
        error = Assert.Throws<InvalidOperationException>(() => WorkloadCheck.Size("User", "path", new byte[3], 4));
        Assert.Contains("produced 3 bytes, expected 4", error.Message);
    }

    private static IDisposable Create(string workload, out int avroSize)
    {
        switch (workload)
        {
            case nameof(UserBenchmarks):
                avroSize = Model.Workloads.UserAvroSize;
                return new UserBenchmarks();
            default:
                avroSize = Model.Workloads.OrderAvroSize;
                return new OrderBenchmarks();
        }
    }
}

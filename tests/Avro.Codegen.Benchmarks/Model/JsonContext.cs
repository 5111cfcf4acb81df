using System.Text.Json.Serialization;

namespace Avro.Codegen.Benchmarks.Model;

/// <summary>System.Text.Json source generation for the workload objects (camelCase, as the Avro field names).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Order))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

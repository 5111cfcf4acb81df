using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Avro.Codegen.TestRegistry;
using static Avro.Codegen.TestUtilities.GateSchemas;

namespace Avro.Codegen.PackageTests;

/// <summary>The package as a user gets it: layout, generated code, schema errors, and the compatibility gate.</summary>
[Collection("package")]
[Trait("Category", "Package")]
public sealed class PackageTests
{
    // GateSchemas.UserV2's 'email' (line 7, column 5) has no default: incompatible with UserV1 under BACKWARD.
    private static readonly string UserV2WithDefault = UserV2.Replace("\"type\": \"string\" }", "\"type\": \"string\", \"default\": \"\" }");

    private const string UsersTopic = """
          <ItemGroup>
            <AvroSchema Update="schemas/user.avsc" Topic="users" />
          </ItemGroup>
        """;

    private readonly PackageFixture _fixture;

    public PackageTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Package_holds_runtime_generator_task_and_build_files_and_nothing_else()
    {
        using var zip = ZipFile.OpenRead(_fixture.Nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        foreach (var expected in new[]
                 {
                     "lib/net8.0/Avro.Codegen.dll", "lib/net8.0/Avro.Codegen.Schema.dll", "lib/net8.0/Avro.Codegen.Registry.dll",
                     "lib/net10.0/Avro.Codegen.dll", "lib/net10.0/Avro.Codegen.Schema.dll", "lib/net10.0/Avro.Codegen.Registry.dll",
                     "analyzers/dotnet/cs/Avro.Codegen.Generator.dll", "analyzers/dotnet/cs/Avro.Codegen.Schema.dll",
                     "tasks/netstandard2.0/Avro.Codegen.Build.dll", "tasks/netstandard2.0/Avro.Codegen.Gate.dll", "tasks/netstandard2.0/Avro.Codegen.Schema.dll",
                     "tasks/netstandard2.0/Avro.Codegen.Registry.dll",
                     "build/Avro.Codegen.props", "build/Avro.Codegen.targets", "build/Avro.Codegen.Gate.props", "build/Avro.Codegen.Gate.targets",
                 })
        {
            Assert.Contains(expected, entries);
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && (e.Contains("Generator") || e.Contains("Avro.Codegen.Build") || e.Contains("Avro.Codegen.Gate")));
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.Ordinal)
                                            || Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.GetEntry("Avro.Codegen.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        // The runtime's only dependencies: the managed snappy and zstandard codecs of container files and snappy's CRC-32.
        var dependencies = Regex.Matches(text, "<dependency id=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(new HashSet<string> { "Snappier", "System.IO.Hashing", "ZstdSharp.Port" }, dependencies);
        Assert.Contains($"<version>{_fixture.Version}</version>", text);
    }

    [Fact]
    public void Kafka_package_holds_the_serdes_and_depends_on_the_same_Avro_Codegen_and_Confluent_Kafka()
    {
        using var zip = ZipFile.OpenRead(_fixture.KafkaNupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net8.0/Avro.Codegen.Kafka.dll", entries);
        Assert.Contains("lib/net10.0/Avro.Codegen.Kafka.dll", entries);
        Assert.Contains("README.md", entries);
        // The runtime and Confluent.Kafka come as package dependencies, never copied in.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal)
                                            && Path.GetFileName(e) is not ("Avro.Codegen.Kafka.dll" or "Avro.Codegen.Kafka.xml"));
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.StartsWith("build/", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.GetEntry("Avro.Codegen.Kafka.nuspec")!.Open());
        var dependencies = Regex.Matches(nuspec.ReadToEnd(), "<dependency id=\"([^\"]+)\" version=\"([^\"]+)\"")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)> { ("Avro.Codegen", _fixture.Version), ("Confluent.Kafka", "2.16.0") }, dependencies);
    }

    [Fact]
    public void Readme_quickstart_code_compiles_against_the_packages_and_runs_through_the_mock_cluster()
    {
        var consumer = _fixture.CreateConsumer("readme-kafka");
        consumer.Project(kafka: true);
        consumer.Write("schemas/order.avsc", File.ReadAllText(Path.Combine(_fixture.RepoRoot, "samples", "Avro.Codegen.Sample", "schemas", "order.avsc")));
        var readme = File.ReadAllText(Path.Combine(_fixture.RepoRoot, "README.md")).Replace("\r\n", "\n");
        var block = Regex.Match(readme, @"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("SetAvroValueSerializer(registry)", block);
        // The README's block as the whole program, and a last line that shows what it read.
        consumer.Write("Program.cs", block + """
            Console.WriteLine($"back: {back?.Customer} {back?.Amount}, same order: {back == order}, plain Avro equal: {same == order}, json: {json}");
            """);

        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(@"warning (CS|IL|NU)\d+", build.Output);
        var run = consumer.RunProgram();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("back: ada 12.50, same order: True, plain Avro equal: True, json: {\"orderId\":", run.Output);
    }

    [Fact]
    public void Every_csharp_block_of_the_README_and_the_Kafka_docs_compiles_against_the_packed_packages_beside_Confluents_and_Apaches()
    {
        // A project with both packages, Confluent's Avro serdes and Apache.Avro, every block a method of one file that
        // also imports Confluent's and Apache's namespaces: the documented names must not clash with theirs.
        var consumer = _fixture.CreateConsumer("doc-snippets");
        consumer.Project("""
              <ItemGroup>
                <PackageReference Include="Confluent.SchemaRegistry.Serdes.Avro" Version="2.16.0" />
                <PackageReference Include="Apache.Avro" Version="1.12.2" />
              </ItemGroup>
            """, kafka: true);
        consumer.Write("schemas/order.avsc", File.ReadAllText(Path.Combine(_fixture.RepoRoot, "samples", "Avro.Codegen.Sample", "schemas", "order.avsc")));
        consumer.Write("schemas/customer-key.avsc", File.ReadAllText(Path.Combine(_fixture.RepoRoot, "tests", "Avro.Codegen.Kafka.Tests", "Schemas", "Docs", "CustomerKey.avsc")));
        var usings = new SortedSet<string>(StringComparer.Ordinal)
        {
            "using System;", "using System.Linq;", "using System.Threading.Tasks;", "using Avro.Codegen;", "using Avro.Codegen.Registry;",
            "using Avro.Codegen.Serialization;", "using Avro.Codegen.Kafka;", "using Confluent.Kafka;", "using com.acme.orders;",
            "using Avro;", "using Avro.Generic;", "using Confluent.SchemaRegistry;", "using Confluent.SchemaRegistry.Serdes;",
        };
        var methods = new StringBuilder();
        var count = 0;
        foreach (var file in new[] { "README.md", "docs/registry.md", "src/Avro.Codegen.Kafka/PACKAGE.md" })
        {
            var markdown = File.ReadAllText(Path.Combine(_fixture.RepoRoot, file)).Replace("\r\n", "\n");
            foreach (Match block in Regex.Matches(markdown, @"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline))
            {
                var lines = block.Groups[1].Value.Split('\n');
                usings.UnionWith(lines.Where(l => Regex.IsMatch(l, @"^\s*using\s+[\w.]+\s*;\s*$")).Select(l => l.Trim()));
                var code = string.Join("\n", lines.Where(l => !Regex.IsMatch(l, @"^\s*using\s+[\w.]+\s*;\s*$")));
                // What the prose says you already have, unless the block declares it itself.
                var declared = Regex.Matches(code, @"\b[A-Za-z_][\w<>\[\]?,.]*\s+(\w+)\s*=[^=>]").Select(m => m.Groups[1].Value).ToHashSet();
                var parameters = string.Join(", ", new[]
                    {
                        "Avro.Codegen.Registry.IRegistryClient registry", "string schemaJson", "string candidate", "com.acme.orders.OrderPlaced order",
                        "System.Buffers.IBufferWriter<byte> bufferWriter", "Confluent.Kafka.ProducerConfig producerConfig", "Confluent.Kafka.ConsumerConfig consumerConfig",
                    }.Where(p => !declared.Contains(p[(p.LastIndexOf(' ') + 1)..])));
                methods.Append($"    // {file}, block {count + 1}\n    public static async Task Block{count++}({parameters})\n    {{\n        await Task.CompletedTask;\n{code}\n    }}\n\n");
            }
        }

        Assert.True(count >= 6, $"only {count} csharp blocks found");
        consumer.Write("Snippets.cs", string.Join("\n", usings) + "\n\n#nullable enable\npublic static class Snippets\n{\n" + methods + "}\n");
        consumer.Write("Program.cs", "System.Console.WriteLine(\"compiled\");");

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(@"warning CS0(104|436)", build.Output);
    }

    [Fact]
    public void Generated_code_compiles_and_round_trips()
    {
        var consumer = _fixture.CreateConsumer("roundtrip");
        consumer.Write("schemas/user.avsc", UserV2);

        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());

        var run = consumer.RunProgram();
        Assert.True(run.ExitCode == 0, run.ToString());
        // id 42 -> zig-zag 84 = 0x54; "a@b.c" -> length 5 zig-zag 10 = 0x0A, then the UTF-8 bytes.
        Assert.Contains("hex=540A6140622E63 equal=True", run.Output);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(consumer.Directory, "obj"), "*User*.g.cs", SearchOption.AllDirectories));
    }

    [Fact]
    public void Broken_schema_fails_the_build_with_a_located_AVRO_error()
    {
        var consumer = _fixture.CreateConsumer("broken");
        consumer.Write("schemas/user.avsc", UserV2.Replace("\"long\"", "\"lnog\""));
        consumer.Write("Program.cs", "System.Console.WriteLine();");

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(new Regex(@"user\.avsc\(6,\d+(,\d+,\d+)?\): error AVRO0\d\d:"), build.Output);
    }

    [Fact]
    public async Task Gate_against_the_emulator_fails_incompatible_passes_compatible_and_skips_no_op_rebuilds()
    {
        await using var registry = await TestRegistryServer.StartAsync();
        var url = registry.BaseAddress.ToString().TrimEnd('/');
        await RegisterAsync(registry.BaseAddress, "users-value", UserV1);
        var consumer = _fixture.CreateConsumer("gate");
        consumer.Project(UsersTopic);
        consumer.Write("schemas/user.avsc", UserV2);

        var incompatible = consumer.Build("-p:AvroSchemaRegistryUrl=" + url);
        Assert.NotEqual(0, incompatible.ExitCode);
        Assert.Matches(new Regex(@"schemas/user\.avsc\(7,5(,\d+,\d+)?\): error AVROB001: subject 'users-value': The field 'email' at path '/fields/1' in the new schema has no default value"),
            incompatible.Output);

        consumer.Write("schemas/user.avsc", UserV2WithDefault);
        var before = registry.Stats.RequestCount;
        var compatible = consumer.Build("-p:AvroSchemaRegistryUrl=" + url);
        Assert.True(compatible.ExitCode == 0, compatible.ToString());
        Assert.DoesNotContain("AVROB", compatible.Output);
        Assert.True(registry.Stats.RequestCount > before, "the compatible build asked the registry");

        var afterCheck = registry.Stats.RequestCount;
        var noOp = consumer.Build("-p:AvroSchemaRegistryUrl=" + url);
        Assert.True(noOp.ExitCode == 0, noOp.ToString());
        Assert.Equal(afterCheck, registry.Stats.RequestCount);

        // Forcing re-checks an unchanged project; credentials in the URL reach neither the output nor obj/.
        var withCredentials = url.Replace("http://", "http://alice:s3cr3t-pw@", StringComparison.Ordinal);
        var forced = consumer.Build("-p:AvroSchemaRegistryUrl=" + withCredentials, "-p:AvroCodegen_ForceCompatibilityCheck=true");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.True(registry.Stats.RequestCount > afterCheck, "the forced build asked the registry");
        Assert.DoesNotContain("s3cr3t", forced.Output);
        Assert.All(Directory.GetFiles(Path.Combine(consumer.Directory, "obj"), "*", SearchOption.AllDirectories),
            file => Assert.DoesNotContain("s3cr3t", File.ReadAllText(file)));

        var register = consumer.Build("-t:AvroRegisterSchemas", "-p:AvroSchemaRegistryUrl=" + url);
        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Contains("users-value -> 2", register.Output);

        var download = consumer.Build("-t:AvroDownloadSchemas", "-p:AvroSchemaRegistryUrl=" + url, "-p:AvroCodegen_DownloadDirectory=registry-copy");
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Contains("email", File.ReadAllText(Path.Combine(consumer.Directory, "registry-copy", "users-value.avsc")));
    }

    [Fact]
    public void Unreachable_registry_fails_closed_or_warns_when_configured()
    {
        var consumer = _fixture.CreateConsumer("unreachable");
        consumer.Project(UsersTopic);
        consumer.Write("schemas/user.avsc", UserV2);
        var url = "-p:AvroSchemaRegistryUrl=" + LoopbackPort.ClosedUrl();

        var closed = consumer.Build(url, "-p:AvroCodegen_RegistryRetries=0");
        Assert.NotEqual(0, closed.ExitCode);
        Assert.Matches(new Regex(@"user\.avsc ?: error AVROB002: registry http://127\.0\.0\.1:\d+ could not be reached"), closed.Output);

        var warned = consumer.Build(url, "-p:AvroCodegen_RegistryRetries=0", "-p:AvroCodegen_RegistryFailureSeverity=warning");
        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.Contains("warning AVROB002", warned.Output);

        // The IDE's design-time builds never run the gate.
        var designTime = consumer.Build(url, "-p:DesignTimeBuild=true");
        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.DoesNotContain("AVROB", designTime.Output);
    }

    [Fact]
    public void Offline_baseline_fails_an_incompatible_change_and_is_not_compiled_itself()
    {
        var consumer = _fixture.CreateConsumer("baseline");
        consumer.Project(UsersTopic + """
              <PropertyGroup>
                <AvroCodegen_CompatibilityBaseline>avro-baseline</AvroCodegen_CompatibilityBaseline>
              </PropertyGroup>
            """);
        consumer.Write("avro-baseline/users-value.avsc", UserV1);
        consumer.Write("schemas/user.avsc", UserV2);

        var incompatible = consumer.Build();
        Assert.NotEqual(0, incompatible.ExitCode);
        Assert.Matches(new Regex(@"user\.avsc\(7,5(,\d+,\d+)?\): error AVROB001: subject 'users-value': .*against baseline users-value\.avsc, level BACKWARD"), incompatible.Output);

        consumer.Write("schemas/user.avsc", UserV2WithDefault);
        var compatible = consumer.Build();
        Assert.True(compatible.ExitCode == 0, compatible.ToString());
    }

    [Fact]
    public async Task Quickstart_sample_goes_through_the_mock_cluster_by_default_and_a_given_cluster_and_registry_with_options()
    {
        var sample = _fixture.CopySample("Avro.Codegen.Sample");
        var build = _fixture.Run(sample, "build", "-nologo", "-tl:off", "-v:m", "-p:AvroCodegenVersion=" + _fixture.Version);
        Assert.True(build.ExitCode == 0, build.ToString());
        var program = Path.Combine(sample, "bin", "Debug", "net10.0", "Avro.Codegen.Sample.dll");

        // Default: librdkafka's mock cluster inside the sample, the in-memory registry.
        var run = _fixture.Run(sample, program);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("kafka: mock cluster at 127.0.0.1:", run.Output);
        Assert.Contains("registry: mock://quickstart, orders-key schema id 1, orders-value schema id 2", run.Output);
        AssertProducedAndConsumed(run.Output);
        Assert.Contains("read back equal: True", run.Output);
        Assert.Contains("\"customer\":\"ada\"", run.Output);

        // Options: a cluster and an HTTP registry outside the sample, which then hold its messages and subjects.
        using var cluster = new Avro.Codegen.Kafka.Tests.MockCluster(brokers: 1);
        await using var registry = await TestRegistryServer.StartAsync();
        var url = registry.BaseAddress.ToString().TrimEnd('/');
        var external = _fixture.Run(sample, program, "--bootstrap-servers", cluster.BootstrapServers, "--registry", url);
        Assert.True(external.ExitCode == 0, external.ToString());
        Assert.Contains($"kafka: cluster at {cluster.BootstrapServers}", external.Output);
        Assert.Contains($"registry: {url}, orders-key schema id ", external.Output);
        AssertProducedAndConsumed(external.Output);
        using var http = new HttpClient { BaseAddress = registry.BaseAddress };
        Assert.Equal("[\"orders-key\",\"orders-value\"]", (await http.GetStringAsync("subjects")).Replace(" ", ""));
        using var reader = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(cluster.ConsumerConfig("package-test")).Build();
        reader.Subscribe("orders");
        var messages = Avro.Codegen.Kafka.Tests.MockCluster.ConsumeAll(reader, 2);
        // Confluent framing: 0x00, the key schema's id, then the Avro string (zig-zag length, UTF-8).
        var keyId = int.Parse(Regex.Match(external.Output, @"orders-key schema id (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new[] { $"00{keyId:X8}06616461", $"00{keyId:X8}0A6772616365" },
            messages.Select(m => Convert.ToHexString(m.Message.Key)).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal(0, m.Message.Value[0]));

        // A missing option value is refused with the usage, before any connection.
        var refused = _fixture.Run(sample, program, "--bootstrap-servers");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("unknown option or missing value: '--bootstrap-servers'", refused.Output);
        Assert.Contains("usage: Avro.Codegen.Sample [--bootstrap-servers HOST:PORT[,...]] [--registry URL]", refused.Output);
    }

    [Fact]
    public void Registry_quickstart_publishes_with_NativeAOT_without_trim_or_AOT_warnings_and_the_native_binary_runs()
    {
        // The one NativeAOT publish of the test run (about a minute): ILCompiler and clang, from build/install-interop.sh.
        var sample = _fixture.CopySample("Avro.Codegen.AotSample");
        var output = Path.Combine(_fixture.WorkRoot, "aot-publish");
        var publish = _fixture.Run(sample, "publish", "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
            "-o", output, "-nologo", "-tl:off", "-v:m", "-p:AvroCodegenVersion=" + _fixture.Version,
            // One warning per problem instead of one IL2104 per assembly, so a failure names the member.
            "-p:TrimmerSingleWarn=false");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.DoesNotMatch(@"warning IL[23]\d{3}", publish.Output);

        // A native executable, not a managed app with a host.
        var binary = Path.Combine(output, "Avro.Codegen.AotSample");
        Assert.False(File.Exists(Path.Combine(output, "Avro.Codegen.AotSample.dll")), "the AOT publish left a managed assembly");
        Assert.Equal("7F454C46", Convert.ToHexString(File.ReadAllBytes(binary).AsSpan(0, 4)));
        var run = _fixture.RunProcess(binary, output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("registry: mock://quickstart, orders-key schema id 1, orders-value schema id 2", run.Output);
        Assert.Contains("consumed key ada: ada 12.50 (schema id 2, ", run.Output);
        Assert.Contains("consumed key grace: grace 99.99 (schema id 2, ", run.Output);
        Assert.Contains("plain Avro: 51 bytes, read back equal: True", run.Output);
        Assert.Matches(@"Avro JSON: \{""orderId"":""[0-9a-f-]{36}"",""customer"":""ada"",.*\}, read back equal: True", run.Output);

        var refused = _fixture.RunProcess(binary, output, "mock://a", "mock://b");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("usage: Avro.Codegen.AotSample [REGISTRY-URL]", refused.Output);
    }

    private static void AssertProducedAndConsumed(string output)
    {
        Assert.Matches(@"produced ada 12\.50 to orders \[\[\d+\]\] @\d+", output);
        Assert.Matches(@"produced grace 99\.99 to orders \[\[\d+\]\] @\d+", output);
        Assert.Matches(@"consumed key ada: ada 12\.50 from orders \[\[\d+\]\] @\d+", output);
        Assert.Matches(@"consumed key grace: grace 99\.99 from orders \[\[\d+\]\] @\d+", output);
    }

    [Fact]
    public void Gate_sample_fails_the_incompatible_change_and_passes_the_compatible_one()
    {
        var sample = _fixture.CopySample("Avro.Codegen.GateSample");
        DotnetResult Build() => _fixture.Run(sample, "build", "-nologo", "-tl:off", "-v:m", "-p:AvroCodegenVersion=" + _fixture.Version);
        var schema = Path.Combine(sample, "schemas", "order.avsc");

        var unchanged = Build();
        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());

        File.Copy(Path.Combine(sample, "changes", "incompatible.avsc"), schema, overwrite: true);
        var incompatible = Build();
        Assert.NotEqual(0, incompatible.ExitCode);
        Assert.Matches(new Regex(@"schemas/order\.avsc\(8,5(,\d+,\d+)?\): error AVROB001: subject 'orders-value': The field 'channel'"), incompatible.Output);

        File.Copy(Path.Combine(sample, "changes", "compatible.avsc"), schema, overwrite: true);
        var compatible = Build();
        Assert.True(compatible.ExitCode == 0, compatible.ToString());
    }

    [Fact]
    public void Idl_sample_mixes_avdl_and_avsc_round_trips_and_is_gated_at_the_avdl_line()
    {
        var sample = _fixture.CopySample("Avro.Codegen.IdlSample");
        DotnetResult Build() => _fixture.Run(sample, "build", "-nologo", "-tl:off", "-v:m", "-p:AvroCodegenVersion=" + _fixture.Version);
        var contract = Path.Combine(sample, "contracts", "shipments.avdl");

        var unchanged = Build();
        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        var run = _fixture.Run(sample, Path.Combine(sample, "bin", "Debug", "net10.0", "Avro.Codegen.IdlSample.dll"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("status CREATED, country DE, tracking none", run.Output);
        Assert.Contains("read back equal: True", run.Output);

        File.Copy(Path.Combine(sample, "changes", "incompatible.avdl"), contract, overwrite: true);
        var incompatible = Build();
        Assert.NotEqual(0, incompatible.ExitCode);
        Assert.Matches(new Regex(@"contracts/shipments\.avdl\(24,7(,\d+,\d+)?\): error AVROB001: subject 'shipments-value': The field 'parcels'"), incompatible.Output);

        File.Copy(Path.Combine(sample, "changes", "compatible.avdl"), contract, overwrite: true);
        var compatible = Build();
        Assert.True(compatible.ExitCode == 0, compatible.ToString());
    }

    private static async Task RegisterAsync(Uri registry, string subject, string schema)
    {
        using var http = new HttpClient { BaseAddress = registry };
        var body = new StringBuilder("{\"schema\":");
        Avro.Codegen.Schema.Json.JsonValue.WriteString(body, schema);
        body.Append('}');
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.schemaregistry.v1+json");
        var response = await http.PostAsync($"subjects/{subject}/versions", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

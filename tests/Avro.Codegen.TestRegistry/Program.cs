using System.Globalization;
using Avro.Codegen.TestRegistry;

// dotnet run --project tests/Avro.Codegen.TestRegistry -- --urls http://127.0.0.1:8081
//   [--basic-auth user:password]... [--bearer-token token]... [--latency-ms N] [--fail-next N [--fail-status S]] [--drop-next N]
var options = new TestRegistryOptions();
var urls = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int Number() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
    try
    {
        switch (args[i])
        {
            case "--urls":
                urls.AddRange(Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            case "--basic-auth":
                var pair = Value();
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new ArgumentException("--basic-auth needs user:password");
                }

                options.BasicAuthUsers[pair[..colon]] = pair[(colon + 1)..];
                break;
            case "--bearer-token":
                options.BearerTokens.Add(Value());
                break;
            case "--latency-ms":
                options.Faults.LatencyMs = Number();
                break;
            case "--fail-next":
                options.Faults.FailNext(Number());
                break;
            case "--fail-status":
                options.Faults.FailStatus = Number();
                break;
            case "--drop-next":
                options.Faults.DropNext(Number());
                break;
            case "-h" or "--help":
                Console.WriteLine("usage: Avro.Codegen.TestRegistry --urls http://127.0.0.1:PORT [--basic-auth user:password] [--bearer-token token]");
                Console.WriteLine("       [--latency-ms N] [--fail-next N] [--fail-status S] [--drop-next N]");
                return 0;
            default:
                throw new ArgumentException($"unknown option {args[i]}");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine("error: " + e.Message);
        return 2;
    }
}

if (urls.Count == 0)
{
    urls.Add("http://127.0.0.1:8081");
}

await using var server = await TestRegistryServer.StartAsync(urls, options, quiet: false, CancellationToken.None);
Console.WriteLine("Schema registry emulator listening on " + server.BaseAddress.ToString().TrimEnd('/'));
await server.WaitForShutdownAsync();
return 0;

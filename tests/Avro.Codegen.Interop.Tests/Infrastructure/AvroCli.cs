using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>Our <c>avro-codegen</c> tool, run from the copy that the project reference puts beside the tests.</summary>
internal static class AvroCli
{
    private static readonly Lazy<string> LazyDll = new(() =>
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "avro-codegen.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("avro-codegen.dll is not beside the tests", dll);
    });

    /// <summary>The dotnet host running these tests, so the tool runs on the same runtime.</summary>
    private static readonly Lazy<string> LazyHost = new(() =>
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    });

    /// <summary>
    /// Several tests ask the same question (our canonical form, our bytes for a data file); the tool is
    /// deterministic, so each distinct call runs once per test run.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<ProcessResult>> Memo = new();

    public static ProcessResult Run(byte[]? stdin, params string[] arguments)
    {
        var key = string.Join('\0', arguments) + "\0" + (stdin is null ? "-" : Convert.ToHexString(SHA256.HashData(stdin)));
        return Memo.GetOrAdd(key, _ => new Lazy<ProcessResult>(
            () => ProcessRunner.Run(LazyHost.Value, [LazyDll.Value, .. arguments], stdin))).Value;
    }
}

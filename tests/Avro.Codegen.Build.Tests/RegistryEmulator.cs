using Avro.Codegen.Registry;
using Avro.Codegen.TestRegistry;

namespace Avro.Codegen.Build.Tests;

/// <summary>
/// What the gate tests ask of the registry emulator (<c>tests/Avro.Codegen.TestRegistry</c>): its URL as a user writes
/// it, subjects seeded with a history, and the requests the gate sent. Faults (errors, latency, canned answers) come
/// from the emulator's <see cref="FaultInjector"/>.
/// </summary>
internal static class RegistryEmulator
{
    /// <summary>The registry URL as a user writes it, without the trailing slash (so diagnostics print it the same).</summary>
    public static string Url(this TestRegistryServer server) => server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>
    /// Registers <paramref name="versions"/> under <paramref name="subject"/> in order, without compatibility checks
    /// (a history is what it is), and returns the last version registered.
    /// </summary>
    public static RegisteredVersion Seed(this TestRegistryServer server, string subject, params string[] versions)
    {
        RegisteredVersion? last = null;
        foreach (var text in versions)
        {
            last = server.Registry.Register(subject, new RegistrySchema(text), force: true);
        }

        return last ?? throw new ArgumentException("seed at least one version", nameof(versions));
    }

    /// <summary>Sets a subject's compatibility level (the registry default is BACKWARD).</summary>
    public static void SetLevel(this TestRegistryServer server, string subject, string level) =>
        server.Registry.SetSubjectConfig(subject, new RegistryConfig(level));

    /// <summary>The registry requests served so far, oldest first.</summary>
    public static IReadOnlyList<RecordedRequest> Requests(this TestRegistryServer server) => server.Stats.Recent;

    /// <summary>How many <paramref name="method"/> requests had a path containing <paramref name="pathContains"/>.</summary>
    public static int Count(this TestRegistryServer server, string method, string pathContains) =>
        server.Stats.Recent.Count(r => r.Method == method && r.Path().Contains(pathContains, StringComparison.Ordinal));

    /// <summary>The request's path without its query.</summary>
    public static string Path(this RecordedRequest request) => request.Target.Split('?', 2)[0];
}

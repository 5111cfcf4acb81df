namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>The independent Avro implementations the interop tests compare against.</summary>
public enum Oracle
{
    /// <summary>Java Apache Avro from Debian's libavro-java, driven by build/oracles/java/AvroOracle.java.</summary>
    Java,

    /// <summary>Debian's python3-avro under /usr/bin/python3, driven by build/oracles/python/avro_oracle.py.</summary>
    Python,

    /// <summary>avsc from npm (build/oracles/node), driven by build/oracles/node/avro-oracle.js.</summary>
    Node,
}

/// <summary>
/// Whether each oracle is installed. A missing one skips its tests on a developer machine; under <c>CI=true</c> the
/// tests run anyway and fail with the reason, so that CI can never pass by skipping the comparisons.
/// </summary>
internal static class OracleAvailability
{
    public const string InstallHint = "run `bash build/install-interop.sh`";

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("CI") == "1";

    private static readonly Lazy<string?> JavaMissing = new(() =>
        FindOnPath("java") is null || FindOnPath("javac") is null ? "java/javac not on PATH"
        : JavaOracle.ClassPath.Split(':').FirstOrDefault(jar => !File.Exists(jar)) is { } jar ? $"{jar} is missing"
        : null);

    private static readonly Lazy<string?> PythonMissing = new(() =>
    {
        if (!File.Exists(PythonOracle.Interpreter))
        {
            return $"{PythonOracle.Interpreter} is missing";
        }

        var probe = ProcessRunner.Run(PythonOracle.Interpreter, ["-c", "import avro.schema, avro.compatibility"]);
        return probe.ExitCode == 0 ? null : $"{PythonOracle.Interpreter} cannot import avro (python3-avro)";
    });

    private static readonly Lazy<string?> NodeMissing = new(() =>
        FindOnPath("node") is null ? "node not on PATH"
        : !Directory.Exists(Path.Combine(NodeOracle.Folder, "node_modules", "avsc")) ? "avsc is not installed in build/oracles/node"
        : null);

    /// <summary>Why <paramref name="oracle"/> cannot run here, or null when it can.</summary>
    public static string? Missing(Oracle oracle) => oracle switch
    {
        Oracle.Java => JavaMissing.Value,
        Oracle.Python => PythonMissing.Value,
        Oracle.Node => NodeMissing.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(oracle)),
    };

    /// <summary>The skip reason for a test that needs <paramref name="oracles"/>: null when all are present or in CI.</summary>
    public static string? SkipReason(IEnumerable<Oracle> oracles)
    {
        if (IsCi)
        {
            return null;
        }

        var missing = oracles.Select(o => Missing(o) is { } why ? $"{o} oracle: {why}" : null).OfType<string>().ToList();
        return missing.Count == 0 ? null : string.Join("; ", missing) + $" ({InstallHint})";
    }

    /// <summary>Fails the running test when an oracle is missing (reached only in CI, where tests are not skipped).</summary>
    public static void Require(Oracle oracle)
    {
        if (Missing(oracle) is { } why)
        {
            Assert.Fail($"{oracle} oracle missing: {why}; CI=true turns a missing oracle into a failure ({InstallHint})");
        }
    }

    public static string? FindOnPath(string command)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, command)))
            {
                return Path.Combine(dir, command);
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the given oracles: skipped when one is missing, except in CI (see <see cref="OracleAvailability"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute(params Oracle[] oracles)
    {
        Skip = OracleAvailability.SkipReason(oracles);
    }
}

/// <summary>A theory that needs the given oracles: skipped when one is missing, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OracleTheoryAttribute : TheoryAttribute
{
    public OracleTheoryAttribute(params Oracle[] oracles)
    {
        Skip = OracleAvailability.SkipReason(oracles);
    }
}

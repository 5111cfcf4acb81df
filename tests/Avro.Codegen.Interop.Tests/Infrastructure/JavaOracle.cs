using System.Security.Cryptography;
using System.Text;

namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>
/// build/oracles/java/*.java (AvroOracle, ContainerOracle), compiled once per test run with javac against Debian's Avro
/// jars into artifacts/oracles/java/&lt;hash&gt;/ (the hash covers the sources and the class path, so an edit recompiles
/// and a rerun reuses the classes).
/// </summary>
internal static class JavaOracle
{
    private const string JarDir = "/usr/share/java";

    /// <summary>
    /// Avro 1.8 and what it loads at run time: libavro-java's dependencies, plus snappy-java and xz-java (Debian
    /// libsnappy-java, libxz-java) for the container codecs Avro loads only when a file uses them, and the IDL compiler
    /// (libavro-compiler-java, with commons-lang) for IdlOracle.
    /// </summary>
    public static readonly string ClassPath = string.Join(":",
        new[]
        {
            "avro.jar", "avro-guava-dependencies.jar", "jackson-core-asl.jar", "jackson-mapper-asl.jar",
            "slf4j-api.jar", "slf4j-nop.jar", "paranamer.jar", "commons-compress.jar", "snappy-java.jar", "xz.jar",
            "avro-compiler.jar", "commons-lang.jar",
        }.Select(jar => Path.Combine(JarDir, jar)));

    private static readonly Lazy<string> LazyClassDir = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string[] Sources => Directory.GetFiles(Path.Combine(RepoPaths.Oracles, "java"), "*.java").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Runs one oracle call in its own JVM.</summary>
    public static ProcessResult Run(byte[]? stdin, params string[] arguments) => RunClass("AvroOracle", stdin, arguments);

    /// <summary>Runs the oracle program <paramref name="mainClass"/> (one of build/oracles/java) in its own JVM.</summary>
    public static ProcessResult RunClass(string mainClass, byte[]? stdin, params string[] arguments)
    {
        OracleAvailability.Require(Oracle.Java);
        return ProcessRunner.Run("java", ["-cp", LazyClassDir.Value + ":" + ClassPath, mainClass, .. arguments], stdin);
    }

    /// <summary>
    /// Runs many calls in one JVM (the oracle's <c>batch</c> verb); a call's stdin is given as a file. Results come
    /// back in call order.
    /// </summary>
    public static IReadOnlyList<ProcessResult> RunBatch(IReadOnlyList<(string[] Arguments, string? StdinFile)> calls)
    {
        var script = new StringBuilder();
        foreach (var (arguments, stdinFile) in calls)
        {
            if (arguments.Any(a => a.Contains('\t') || a.Contains('\n') || a.StartsWith('<')))
            {
                throw new ArgumentException($"argument not expressible in a batch line: {string.Join(" ", arguments)}");
            }

            script.Append(string.Join('\t', stdinFile is null ? arguments : [.. arguments, "<" + stdinFile])).Append('\n');
        }

        var batch = Run(Encoding.UTF8.GetBytes(script.ToString()), "batch").EnsureSuccess();
        var lines = batch.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(calls.Count, lines.Length);
        return lines.Select((line, i) =>
        {
            var parts = line.Split(' ');
            return new ProcessResult("AvroOracle " + string.Join(" ", calls[i].Arguments), int.Parse(parts[0]),
                Decode(parts[1]), Encoding.UTF8.GetString(Decode(parts[2])));
        }).ToList();

        static byte[] Decode(string part) => part == "-" ? [] : Convert.FromBase64String(part);
    }

    private static string Compile()
    {
        OracleAvailability.Require(Oracle.Java);
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            [.. Sources.SelectMany(File.ReadAllBytes), .. Encoding.UTF8.GetBytes(ClassPath)]))[..16];
        var classDir = Path.Combine(RepoPaths.Artifacts, "oracles", "java", hash);
        if (File.Exists(Path.Combine(classDir, "AvroOracle.class")))
        {
            return classDir;
        }

        // Compile beside the final folder and rename, so that a concurrent run never sees half-written classes.
        var staging = classDir + ".tmp-" + Environment.ProcessId;
        Directory.CreateDirectory(staging);
        ProcessRunner.Run("javac", ["-nowarn", "-encoding", "UTF-8", "-cp", ClassPath, "-d", staging, .. Sources])
            .EnsureSuccess();
        try
        {
            Directory.Move(staging, classDir);
        }
        catch (IOException) when (File.Exists(Path.Combine(classDir, "AvroOracle.class")))
        {
            Directory.Delete(staging, recursive: true);
        }

        return classDir;
    }
}

/// <summary>build/oracles/python/avro_oracle.py under the system interpreter (a pyenv python3 lacks avro).</summary>
internal static class PythonOracle
{
    public const string Interpreter = "/usr/bin/python3";

    public static ProcessResult Run(byte[]? stdin, params string[] arguments) => RunScript("avro_oracle.py", stdin, arguments);

    /// <summary>Runs the oracle script <paramref name="script"/> of build/oracles/python.</summary>
    public static ProcessResult RunScript(string script, byte[]? stdin, params string[] arguments)
    {
        OracleAvailability.Require(Oracle.Python);
        return ProcessRunner.Run(Interpreter,
            ["-W", "ignore", Path.Combine(RepoPaths.Oracles, "python", script), .. arguments], stdin);
    }
}

/// <summary>build/oracles/node/avro-oracle.js over avsc.</summary>
internal static class NodeOracle
{
    public static string Folder => Path.Combine(RepoPaths.Oracles, "node");

    public static ProcessResult Run(byte[]? stdin, params string[] arguments)
    {
        OracleAvailability.Require(Oracle.Node);
        return ProcessRunner.RunOnce("node", [Path.Combine(Folder, "avro-oracle.js"), .. arguments], stdin);
    }
}

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

    public static ProcessResult Run(byte[]? stdin, params string[] arguments) =>
        ProcessRunner.RunOnce(LazyHost.Value, [LazyDll.Value, .. arguments], stdin);

    /// <summary>The option that makes fromjson/tojson keep map entries in input order (the default, said explicitly).</summary>
    public static readonly string[] InputOrder = ["--map-order", "input"];

    /// <summary>The option that makes fromjson/tojson write map entries in stock Java Avro's HashMap order.</summary>
    public static readonly string[] JavaOrder = ["--map-order", "java"];

    /// <summary><c>fromjson</c> of a corpus data file.</summary>
    public static ProcessResult FromJson(string relativeData, params string[] options) =>
        Run(File.ReadAllBytes(Corpus.DataPath(relativeData)), ["fromjson", .. SchemaArgs(relativeData), .. options]);

    /// <summary><c>tojson</c> of <paramref name="bytes"/>, datums of a corpus data file's schema.</summary>
    public static ProcessResult ToJson(byte[] bytes, string relativeData, params string[] options) =>
        Run(bytes, ["tojson", .. SchemaArgs(relativeData), .. options]);

    /// <summary>Our fromjson/tojson take the schema as <c>--schema</c> (the oracles take it first).</summary>
    private static string[] SchemaArgs(string relativeData) =>
        ["--schema", Corpus.SchemaPathOfData(relativeData), .. Corpus.SchemaDirArgs(relativeData)];
}

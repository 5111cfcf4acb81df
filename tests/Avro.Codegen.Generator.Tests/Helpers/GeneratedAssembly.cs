using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.CSharp;

namespace Avro.Codegen.Generator.Tests.Helpers;

/// <summary>
/// The generated code for every test schema, compiled and loaded into a collectible context, driven through the
/// generic <see cref="AvroSerializer"/> API. Reflection appears only here, in the test, to pick the generated type.
/// </summary>
public sealed class GeneratedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    public GeneratedAssembly()
        : this(TestSchemas.Files("everything.avsc", "recursive.avsc", "names.avsc", "order.avsc", "shared.avsc"))
    {
    }

    public static GeneratedAssembly For(IEnumerable<(string Path, string Text)> files) => new(files);

    // Not public: an xunit class fixture must have exactly one public constructor.
    private GeneratedAssembly(IEnumerable<(string Path, string Text)> files)
    {
        var run = GeneratorHarness.RunGenerator(
            files,
            GeneratorHarness.DefaultOptions(new Dictionary<string, string> { ["build_property.AvroCodegen_EmitRegistry"] = "true" }),
            LanguageVersion.Latest);
        (Assembly, _context) = GeneratorHarness.Load(run.Output);
    }

    /// <summary>The generated C# type of an Avro full name (namespaces and names may be escaped or renamed).</summary>
    public string TypeNameOf(string avroFullName) =>
        Assembly.GetTypes().Single(t => t.GetProperty("AvroCanonicalSchema")?.GetValue(null) is string canonical
            && canonical.StartsWith("{\"name\":\"" + avroFullName + "\"", StringComparison.Ordinal)).FullName!;

    public Assembly Assembly { get; }

    public Type Type(string name) => Assembly.GetType(name, throwOnError: true)!;

    public object FromJson(string typeName, string json) => Invoke(nameof(AvroSerializer.FromJson), typeName, [typeof(string)], json);

    public string ToJson(string typeName, object value) => (string)Invoke(nameof(AvroSerializer.ToJson), typeName, null, value);

    public byte[] Serialize(string typeName, object value) => (byte[])Invoke(nameof(AvroSerializer.Serialize), typeName, [null!], value);

    public object Deserialize(string typeName, byte[] data) =>
        Invoke(nameof(AvroSerializer.Deserialize), typeName, [typeof(ReadOnlyMemory<byte>), typeof(AvroReaderOptions)], new ReadOnlyMemory<byte>(data), null);

    public byte[] SerializeConfluent(string typeName, object value, int id) =>
        (byte[])Invoke(nameof(AvroSerializer.SerializeConfluent), typeName, [null!, typeof(int)], value, id);

    public byte[] SerializeSingleObject(string typeName, object value) =>
        (byte[])Invoke(nameof(AvroSerializer.SerializeSingleObject), typeName, [null!], value);

    private object Invoke(string method, string typeName, Type?[]? parameters, params object?[] args)
    {
        var type = Type(typeName);
        var candidates = typeof(AvroSerializer).GetMethods().Where(m => m.Name == method && m.GetParameters().Length == args.Length);
        if (parameters is not null)
        {
            candidates = candidates.Where(m => m.GetParameters().Select(p => p.ParameterType).Zip(parameters)
                .All(pair => pair.Second is null ? pair.First.IsGenericParameter : pair.First == pair.Second));
        }

        var generic = candidates.Single().MakeGenericMethod(type);
        try
        {
            return generic.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public void Dispose() => _context.Unload();
}

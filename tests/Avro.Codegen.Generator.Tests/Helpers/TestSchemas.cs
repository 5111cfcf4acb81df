namespace Avro.Codegen.Generator.Tests.Helpers;

/// <summary>The .avsc files under Schemas/, copied to the output folder.</summary>
public static class TestSchemas
{
    public static string Text(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", name));

    /// <summary>The file as the generator sees it: a rooted path (only the file name appears in baselines).</summary>
    public static (string Path, string Text) File(string name) => ("/project/schemas/" + name, Text(name));

    public static (string Path, string Text)[] Files(params string[] names) => names.Select(File).ToArray();
}

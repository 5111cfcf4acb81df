namespace Avro.Codegen.PackageTests;

/// <summary>
/// A project a user would write: a nuget.config with the local feed first, a PackageReference to the packed version,
/// schemas and a program. Directory.Build.props/targets stop any outer folder's settings from leaking in.
/// </summary>
public sealed class Consumer
{
    private readonly PackageFixture _fixture;

    public Consumer(PackageFixture fixture, string directory)
    {
        _fixture = fixture;
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        Write("nuget.config", NuGetConfig(fixture.Feed));
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Build.targets", "<Project />");
        Write("Program.cs", DefaultProgram);
        Project();
    }

    public string Directory { get; }

    /// <summary>
    /// The local feed, added to the machine's own package sources (not cleared), which serve everything else. The
    /// package version is unique per run, so only the local feed can satisfy it.
    /// </summary>
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="local" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    /// <summary>The program: round-trips a User through the generated codec and prints the bytes in hex.</summary>
    public const string DefaultProgram = """
        var user = new com.acme.User { Id = 42, Email = "a@b.c" };
        var bytes = Avro.Codegen.AvroSerializer.Serialize(user);
        var back = Avro.Codegen.AvroSerializer.Deserialize<com.acme.User>(bytes);
        System.Console.WriteLine("hex=" + System.Convert.ToHexString(bytes) + " equal=" + (back == user));
        """;

    /// <summary>
    /// Writes the project file, with extra MSBuild content (properties, item metadata), and with the Kafka package (which
    /// brings the real Confluent.Kafka) when asked.
    /// </summary>
    public void Project(string extra = "", bool kafka = false)
    {
        var kafkaReference = kafka ? $"""<PackageReference Include="Avro.Codegen.Kafka" Version="{_fixture.Version}" />""" : "";
        Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Avro.Codegen" Version="{_fixture.Version}" />
                {kafkaReference}
              </ItemGroup>
            {extra}
            </Project>
            """);
    }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    public DotnetResult Build(params string[] arguments) =>
        _fixture.Run(Directory, new[] { "build", "-nologo", "-tl:off", "-v:m" }.Concat(arguments).ToArray());

    public DotnetResult RunProgram() =>
        _fixture.Run(Directory, Path.Combine(Directory, "bin", "Debug", "net10.0", "Consumer.dll"));
}

using Avro.Codegen.Schema;

namespace Avro.Codegen.Schema.Tests;

internal static class TestHelpers
{
    /// <summary>The repository root (the folder holding Avro.Codegen.sln).</summary>
    public static string RepoRoot => RepositoryRoot.Path;

    /// <summary>Parses a schema that must be valid.</summary>
    public static AvroSchema Valid(string text)
    {
        var result = SchemaParser.Parse(text, "test.avsc");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Schema!;
    }

    /// <summary>Single-quoted JSON for readable test literals: every ' becomes ".</summary>
    public static string Q(string text) => text.Replace('\'', '"');

    /// <summary>
    /// Asserts that <paramref name="text"/> has exactly one error, with <paramref name="code"/>, located at the
    /// <paramref name="occurrence"/>-th occurrence of <paramref name="marker"/> (line and column computed from the text).
    /// </summary>
    public static SchemaError SingleErrorAt(string text, string code, string marker, int occurrence = 1)
    {
        var result = SchemaParser.Parse(text, "test.avsc");
        Assert.Null(result.Schema);
        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        var (line, column) = Locate(text, marker, occurrence);
        Assert.True((line, column) == (error.Line, error.Column),
            $"expected {code} at ({line},{column}) but got {error}");
        Assert.Equal("test.avsc", error.File);
        return error;
    }

    public static (int Line, int Column) Locate(string text, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"marker {marker} #{occurrence} not in test text");
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}

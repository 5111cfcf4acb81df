using Avro.Codegen.Interop.Tests.Infrastructure;

namespace Avro.Codegen.Interop.Tests;

/// <summary>The JSON comparison must accept only spelling differences, or the tojson tests would prove nothing.</summary>
public sealed class JsonEquivalenceTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,null]}""", """{ "b": [true, null], "a": 1 }""")]
    [InlineData("1.0E10", "1e10")]
    [InlineData("0.1", "0.10000000149011612")] // the same float, printed as a float and as a double
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("\"\\u00ff\"", "\"ÿ\"")]
    public void AcceptsTheSameValueSpelledDifferently(string expected, string actual) =>
        Assert.Null(JsonEquivalence.Difference(expected, actual));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""", "$.a")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", "\"b\"")]
    [InlineData("[1,2]", "[1]", "2 items vs 1")]
    [InlineData("9223372036854775807", "9223372036854775806", "$")] // equal as doubles, different as longs
    [InlineData("0.1", "0.1000001", "$")]
    [InlineData("\"a\"", "\"A\"", "$")]
    [InlineData("null", "{}", "Null vs Object")]
    public void ReportsWhereValuesDiffer(string expected, string actual, string expectedFragment)
    {
        var difference = JsonEquivalence.Difference(expected, actual);
        Assert.NotNull(difference);
        Assert.Contains(expectedFragment, difference);
    }
}

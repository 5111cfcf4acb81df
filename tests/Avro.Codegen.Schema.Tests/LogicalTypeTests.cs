using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

public class LogicalTypeTests
{
    [Theory]
    [InlineData("{'type': 'bytes', 'logicalType': 'big-decimal'}", LogicalTypeKind.BigDecimal)]
    [InlineData("{'type': 'string', 'logicalType': 'uuid'}", LogicalTypeKind.Uuid)]
    [InlineData("{'type': 'fixed', 'name': 'U', 'size': 16, 'logicalType': 'uuid'}", LogicalTypeKind.Uuid)]
    [InlineData("{'type': 'int', 'logicalType': 'date'}", LogicalTypeKind.Date)]
    [InlineData("{'type': 'int', 'logicalType': 'time-millis'}", LogicalTypeKind.TimeMillis)]
    [InlineData("{'type': 'long', 'logicalType': 'time-micros'}", LogicalTypeKind.TimeMicros)]
    [InlineData("{'type': 'long', 'logicalType': 'timestamp-millis'}", LogicalTypeKind.TimestampMillis)]
    [InlineData("{'type': 'long', 'logicalType': 'timestamp-micros'}", LogicalTypeKind.TimestampMicros)]
    [InlineData("{'type': 'long', 'logicalType': 'timestamp-nanos'}", LogicalTypeKind.TimestampNanos)]
    [InlineData("{'type': 'long', 'logicalType': 'local-timestamp-millis'}", LogicalTypeKind.LocalTimestampMillis)]
    [InlineData("{'type': 'long', 'logicalType': 'local-timestamp-micros'}", LogicalTypeKind.LocalTimestampMicros)]
    [InlineData("{'type': 'long', 'logicalType': 'local-timestamp-nanos'}", LogicalTypeKind.LocalTimestampNanos)]
    [InlineData("{'type': 'fixed', 'name': 'D', 'size': 12, 'logicalType': 'duration'}", LogicalTypeKind.Duration)]
    public void ValidLogicalTypes(string text, LogicalTypeKind kind)
    {
        var schema = Valid(Q(text));
        Assert.Equal(kind, schema.LogicalType!.Kind);
        Assert.Equal(LogicalType.NameOf(kind), schema.LogicalType.Name);
        Assert.DoesNotContain(schema.Properties, p => p.Name == "logicalType");
    }

    [Theory]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 9, 'scale': 2}", 9, 2)]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 1}", 1, 0)]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 200, 'scale': 200}", 200, 200)]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 4, 'logicalType': 'decimal', 'precision': 9, 'scale': 0}", 9, 0)]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 1, 'logicalType': 'decimal', 'precision': 2}", 2, 0)]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 16, 'logicalType': 'decimal', 'precision': 38, 'scale': 10}", 38, 10)]
    public void ValidDecimals(string text, int precision, int scale)
    {
        var schema = Valid(Q(text));
        Assert.Equal(LogicalType.DecimalOf(precision, scale), schema.LogicalType);
        Assert.DoesNotContain(schema.Properties, p => p.Name is "logicalType" or "precision" or "scale");
    }

    [Theory]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal'}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 0}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': -1}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 4.5}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': '4'}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 4, 'scale': 5}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 4, 'scale': -1}")]
    [InlineData("{'type': 'string', 'logicalType': 'decimal', 'precision': 4}")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 1, 'logicalType': 'decimal', 'precision': 3}")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 16, 'logicalType': 'decimal', 'precision': 39}")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 8, 'logicalType': 'big-decimal'}")]
    [InlineData("{'type': 'string', 'logicalType': 'big-decimal'}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'uuid'}")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 15, 'logicalType': 'uuid'}")]
    [InlineData("{'type': 'long', 'logicalType': 'date'}")]
    [InlineData("{'type': 'long', 'logicalType': 'time-millis'}")]
    [InlineData("{'type': 'int', 'logicalType': 'time-micros'}")]
    [InlineData("{'type': 'int', 'logicalType': 'timestamp-millis'}")]
    [InlineData("{'type': 'double', 'logicalType': 'timestamp-nanos'}")]
    [InlineData("{'type': 'int', 'logicalType': 'local-timestamp-micros'}")]
    [InlineData("{'type': 'fixed', 'name': 'F', 'size': 16, 'logicalType': 'duration'}")]
    [InlineData("{'type': 'bytes', 'logicalType': 'duration'}")]
    [InlineData("{'type': 'int', 'logicalType': 'Date'}")]
    [InlineData("{'type': 'string', 'logicalType': 'email'}")]
    [InlineData("{'type': 'int', 'logicalType': 7}")]
    public void InvalidOrUnknownLogicalTypesFallBackToTheBaseTypeAndKeepTheAttributes(string text)
    {
        var json = Q(text);
        var result = SchemaParser.Parse(json);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Null(result.Schema!.LogicalType);
        Assert.Contains(result.Schema.Properties, p => p.Name == "logicalType");
        if (json.Contains("precision"))
        {
            Assert.Contains(result.Schema.Properties, p => p.Name == "precision");
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 9)]
    [InlineData(8, 18)]
    [InlineData(16, 38)]
    [InlineData(32, 76)]
    public void MaxDecimalPrecisionOfFixed(int size, long expected) =>
        // floor(log10(2^(8*size - 1) - 1)), e.g. size 4: 2^31 - 1 = 2147483647 has 10 digits, so 9 always fit.
        Assert.Equal(expected, LogicalTypes.MaxDecimalPrecision(size));

    [Fact]
    public void LogicalTypeOnARecordIsJustACustomProperty()
    {
        var record = Valid(Q("{'type': 'record', 'name': 'R', 'logicalType': 'date', 'fields': []}"));
        Assert.Null(record.LogicalType);
        Assert.Equal("logicalType", Assert.Single(record.Properties).Name);
    }
}

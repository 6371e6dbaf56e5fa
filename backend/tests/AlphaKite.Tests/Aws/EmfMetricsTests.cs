using System.Text.Json;
using AlphaKite.Aws.Metrics;

namespace AlphaKite.Tests.Aws;

public class EmfMetricsTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 6, 15, 0, 30, TimeSpan.Zero);

    [Test]
    public void Format_FullMetrics_IsEmfWithNoDimensionsAndEveryMetricAtRoot()
    {
        // Arrange
        var metrics = new TickMetrics(781, 4, true, TimeSpan.FromMilliseconds(412.34), 1, TimeSpan.FromSeconds(30.5), TimeSpan.FromHours(101.256));

        // Act
        using var json = JsonDocument.Parse(EmfMetrics.Format(metrics, Now, [new("function", "alpha-kite-real-time-streamer"), new("requestId", "r-1")]));

        // Assert
        var root = json.RootElement;
        var aws = root.GetProperty("_aws");
        aws.GetProperty("Timestamp").GetInt64().Should().Be(1736175630000);
        var directive = aws.GetProperty("CloudWatchMetrics")[0];
        directive.GetProperty("Namespace").GetString().Should().Be("AlphaKiteMax/RealTimeStreaming");
        directive.GetProperty("Dimensions").GetRawText().Should().Be("[[]]");
        var declared = directive.GetProperty("Metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("Name").GetString()!, m => m.GetProperty("Unit").GetString()!);
        declared.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["DataPointsFetched"] = "Count", ["SupabaseUploadSuccess"] = "Count", ["LatencyMilliseconds"] = "Milliseconds",
            ["TokenRefreshEvents"] = "Count", ["RowsWritten"] = "Count", ["DataLagSeconds"] = "Seconds", ["RefreshTokenHoursLeft"] = "None",
        });
        root.GetProperty("DataPointsFetched").GetDouble().Should().Be(781);
        root.GetProperty("SupabaseUploadSuccess").GetDouble().Should().Be(1);
        root.GetProperty("LatencyMilliseconds").GetDouble().Should().Be(412.3);
        root.GetProperty("TokenRefreshEvents").GetDouble().Should().Be(1);
        root.GetProperty("RowsWritten").GetDouble().Should().Be(4);
        root.GetProperty("DataLagSeconds").GetDouble().Should().Be(30.5);
        root.GetProperty("RefreshTokenHoursLeft").GetDouble().Should().Be(101.26);
        root.GetProperty("function").GetString().Should().Be("alpha-kite-real-time-streamer");
        root.GetProperty("requestId").GetString().Should().Be("r-1");
    }

    [Test]
    public void Format_FailedWithoutLagOrTokenAge_DeclaresOnlyMetricsPresentAtRoot()
    {
        // Arrange: a declared metric without a root value would be rejected by CloudWatch.
        var metrics = TickMetrics.Failed(TimeSpan.FromSeconds(2), 0, null);

        // Act
        using var json = JsonDocument.Parse(EmfMetrics.Format(metrics, Now, []));

        // Assert
        var names = json.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")
            .EnumerateArray().Select(m => m.GetProperty("Name").GetString()).ToList();
        names.Should().BeEquivalentTo(["DataPointsFetched", "SupabaseUploadSuccess", "LatencyMilliseconds", "TokenRefreshEvents", "RowsWritten"]);
        json.RootElement.GetProperty("SupabaseUploadSuccess").GetDouble().Should().Be(0);
        json.RootElement.GetProperty("DataPointsFetched").GetDouble().Should().Be(0);
    }

    [Test]
    public void Write_OneMetrics_WritesExactlyOneLine()
    {
        // Arrange
        using var output = new StringWriter();

        // Act
        new EmfMetrics(output).Write(TickMetrics.Failed(TimeSpan.Zero, 0, TimeSpan.FromHours(-3)), Now, []);

        // Assert
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle();
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("RefreshTokenHoursLeft").GetDouble().Should().Be(0, "a dead token reads 0 hours, not negative");
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public void WriteCalendarDisagreements_OneLineWithOnlyThatMetric(bool disagree, double expected)
    {
        // Arrange
        using var output = new StringWriter();

        // Act
        new EmfMetrics(output).WriteCalendarDisagreements(disagree, Now, [new("date", "2026-11-20")]);

        // Assert: alone, so a skipped tick does not publish DataPointsFetched (the no-data alarm).
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle();
        using var json = JsonDocument.Parse(lines[0]);
        var directive = json.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        directive.GetProperty("Namespace").GetString().Should().Be("AlphaKiteMax/RealTimeStreaming");
        directive.GetProperty("Dimensions")[0].GetArrayLength().Should().Be(0);
        directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()).Should().Equal("CalendarDisagreements");
        json.RootElement.GetProperty("CalendarDisagreements").GetDouble().Should().Be(expected);
        json.RootElement.GetProperty("date").GetString().Should().Be("2026-11-20");
        json.RootElement.TryGetProperty("DataPointsFetched", out _).Should().BeFalse();
    }
}

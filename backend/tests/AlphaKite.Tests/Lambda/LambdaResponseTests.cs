using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.Lambda;

namespace AlphaKite.Tests.Lambda;

/// <summary>The response contract, byte for byte (the original Python function's json.dumps output).</summary>
public class LambdaResponseTests
{
    [Test]
    public void Success_OneTicker_MatchesContractBytes()
    {
        // Arrange
        var report = Report(new TickerResult("QQQ", 400, 31, new WriteResult(1, 1), null, null, new Dictionary<DropReason, int>()));

        // Act
        var response = LambdaResponse.Success(report);

        // Assert
        response.Should().Be(
            "{\"statusCode\": 200, \"body\": \"{\\\"message\\\": \\\"Data fetched and uploaded successfully\\\", \\\"ticker\\\": \\\"QQQ\\\", "
            + "\\\"equity_rows\\\": 1, \\\"indicator_rows\\\": 1, \\\"tickers\\\": [\\\"QQQ\\\"], \\\"date\\\": \\\"2025-01-06\\\", \\\"bars\\\": 31}\"}");
        response.Should().StartWith(
            """{"statusCode": 200, "body": "{\"message\": \"Data fetched and uploaded successfully\", \"ticker\": \"QQQ\", \"equity_rows\": 1, \"indicator_rows\": 1""");
    }

    [Test]
    public void Success_TwoTickers_JoinsTickerAndSumsRows()
    {
        // Arrange
        var report = Report(
            new TickerResult("QQQ", 400, 31, new WriteResult(1, 1), null, null, new Dictionary<DropReason, int>()),
            new TickerResult("SPY", 400, 31, new WriteResult(2, 3), null, null, new Dictionary<DropReason, int>()));

        // Act
        var response = LambdaResponse.Success(report);

        // Assert
        response.Should().StartWith(
            """{"statusCode": 200, "body": "{\"message\": \"Data fetched and uploaded successfully\", \"ticker\": \"QQQ,SPY\", \"equity_rows\": 3, \"indicator_rows\": 4, \"tickers\": [\"QQQ\", \"SPY\"]""");
    }

    [Test]
    public void Closed_MatchesContractBytes() =>
        LambdaResponse.Closed().Should().Be("""{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""");

    [Test]
    public void PythonJson_NonAsciiAndControlCharacters_EscapedLikeJsonDumps() =>
        // json.dumps({"m": "caf\u00e9\t\"x\"\\"}) in Python 3 prints this.
        PythonJson.Object(new KeyValuePair<string, object>("m", "caf\u00e9\t\"x\"\\")).Should().Be("{\"m\": \"caf\\u00e9\\t\\\"x\\\"\\\\\"}");

    private static TickReport Report(params TickerResult[] tickers) =>
        new(new DateOnly(2025, 1, 6), null, false, tickers, TimeSpan.FromMilliseconds(300), 0, null);
}

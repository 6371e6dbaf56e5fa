using System.Text;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Schwab.MarketData;

namespace AlphaKite.Tests.Schwab;

public class PriceHistoryParserTests
{
    private static IReadOnlyList<Candle> Parse(string json) => PriceHistoryParser.Parse(Encoding.UTF8.GetBytes(json), "AAPL");

    [Test]
    public void Parse_RealShape_ExactDecimalsAndBarStartInUtc()
    {
        // First bar of the captured AAPL session of 2024-05-03 (07:00 New York, pre-market).
        var candles = Parse("""
            {"candles":[{"open":183.71,"high":183.79,"low":183.55,"close":183.6,"volume":25283,"datetime":1714734000000}],
             "symbol":"AAPL","empty":false}
            """);

        candles.Should().Equal(new Candle(new DateTimeOffset(2024, 5, 3, 11, 0, 0, TimeSpan.Zero), 183.71m, 183.79m, 183.55m, 183.6m, 25283));
        candles[0].Open.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("183.71");
    }

    [Test]
    public void Parse_PricesWrittenAsIntegers_ReadsThem()
    {
        var candles = Parse("""{"candles":[{"open":189.9994,"high":190,"low":189.9994,"close":190,"volume":2397,"datetime":1715903940000}],"symbol":"AAPL","empty":false}""");

        candles[0].High.Should().Be(190m);
        candles[0].Open.Should().Be(189.9994m);
    }

    [Test]
    public void Parse_PricesThatDoublesCannotHold_StayExact()
    {
        // 0.1 + 0.2 style values: a trip through double would change the last digits.
        var candles = Parse("""{"candles":[{"open":100.10000000000001,"high":0.3,"low":0.1,"close":4503599627370497.5,"volume":1,"datetime":0}]}""");

        candles[0].Open.Should().Be(100.10000000000001m);
        candles[0].Close.Should().Be(4503599627370497.5m);
    }

    [Test]
    public void Parse_UnknownMembersAndPreviousClose_IgnoresThem()
    {
        var candles = Parse("""
            {"candles":[{"open":1,"high":2,"low":0.5,"close":1.5,"volume":10,"datetime":60000,"vwap":1.2,"extra":{"a":[1]}}],
             "symbol":"AAPL","empty":false,"previousClose":1.1,"previousCloseDate":1714622400000,"newField":"x"}
            """);

        candles.Should().ContainSingle().Which.Start.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(60000));
    }

    [Test]
    public void Parse_UnknownSymbolEmpty_ReturnsNoCandles()
    {
        Parse("""{"candles":[],"symbol":"ZZZZ","empty":true}""").Should().BeEmpty();
        Parse("""{"symbol":"ZZZZ","empty":true}""").Should().BeEmpty();
    }

    [Test]
    public void Parse_CandleMissingMembers_PassesImpossibleValuesForTheCleanerToDrop()
    {
        var candles = Parse("""{"candles":[{"open":1,"high":2,"low":0.5,"datetime":60000}]}""");

        candles[0].Close.Should().Be(0m);
        candles[0].Volume.Should().Be(-1);
        var cleaned = CandleCleaner.Clean(candles, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch.AddDays(1), TimeSpan.Zero);
        cleaned.Candles.Should().BeEmpty();
        cleaned.DroppedCount.Should().Be(1);
    }

    [Test]
    public void Parse_VolumeAsFloatAndNumbersAsStrings_Tolerated()
    {
        var candles = Parse("""{"candles":[{"open":"1.25","high":2,"low":1,"close":1.5,"volume":2524.0,"datetime":"60000"}]}""");

        candles[0].Open.Should().Be(1.25m);
        candles[0].Volume.Should().Be(2524);
        candles[0].Start.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(60000));
    }

    [TestCase("<html><head><title>Access Denied</title></head></html>")]
    [TestCase("""{"errors":[{"status":"404","title":"Not Found"}]}""")]
    [TestCase("""{"candles":{"open":1}}""")]
    [TestCase("")]
    public void Parse_NotAPriceHistory_MarketDataExceptionNamingTheSymbol(string body)
    {
        FluentActions.Invoking(() => Parse(body)).Should().Throw<MarketDataException>().WithMessage("AAPL*");
    }
}

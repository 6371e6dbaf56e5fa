using System.Text;
using AlphaKite.Core.Ports;
using AlphaKite.Schwab.MarketData;

namespace AlphaKite.Tests.Schwab;

public class MarketHoursParserTests
{
    private static readonly DateOnly Day = new(2022, 4, 14);

    [Test]
    public void Parse_ClosedDay_Null()
    {
        const string json = """{"equity":{"equity":{"date":"2024-05-18","marketType":"EQUITY","product":"equity","isOpen":false}}}""";

        MarketHoursParser.Parse(Encoding.UTF8.GetBytes(json), new DateOnly(2024, 5, 18)).Should().BeNull();
    }

    [Test]
    public void Parse_OpenDay_RegularSessionInstants()
    {
        const string json = """
            {"equity":{"EQ":{"date":"2022-04-14","marketType":"EQUITY","product":"EQ","productName":"equity","isOpen":true,
             "sessionHours":{"preMarket":[{"start":"2022-04-14T07:00:00-04:00","end":"2022-04-14T09:30:00-04:00"}],
             "regularMarket":[{"start":"2022-04-14T09:30:00-04:00","end":"2022-04-14T16:00:00-04:00"}]}}}}
            """;

        var session = MarketHoursParser.Parse(Encoding.UTF8.GetBytes(json), Day)!;

        session.Open.UtcDateTime.Should().Be(new DateTime(2022, 4, 14, 13, 30, 0, DateTimeKind.Utc));
        session.Close.UtcDateTime.Should().Be(new DateTime(2022, 4, 14, 20, 0, 0, DateTimeKind.Utc));
        session.IsEarlyClose.Should().BeFalse();
        session.ExpectedBars.Should().Be(390);
    }

    [Test]
    public void Parse_EarlyClose_FlagsIt()
    {
        const string json = """{"equity":{"EQ":{"isOpen":true,"sessionHours":{"regularMarket":[{"start":"2022-11-25T09:30:00-05:00","end":"2022-11-25T13:00:00-05:00"}]}}}}""";

        var session = MarketHoursParser.Parse(Encoding.UTF8.GetBytes(json), new DateOnly(2022, 11, 25))!;

        session.IsEarlyClose.Should().BeTrue();
        session.ExpectedBars.Should().Be(210);
    }

    [TestCase("""{"option":{}}""")]
    [TestCase("""{"equity":{"EQ":{"isOpen":true}}}""")]
    [TestCase("""{"equity":{"EQ":{"isOpen":true,"sessionHours":{"regularMarket":[{"start":"soon"}]}}}}""")]
    [TestCase("Access Denied")]
    public void Parse_Malformed_MarketDataException(string json)
    {
        FluentActions.Invoking(() => MarketHoursParser.Parse(Encoding.UTF8.GetBytes(json), Day))
            .Should().Throw<MarketDataException>().WithMessage("market hours 2022-04-14*");
    }
}

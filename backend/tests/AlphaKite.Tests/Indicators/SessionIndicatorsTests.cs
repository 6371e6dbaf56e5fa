using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;

namespace AlphaKite.Tests.Indicators;

public class SessionIndicatorsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 9, 13, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 14, 30, 0, TimeSpan.Zero);

    [Test]
    public void Compute_NoHistory_FirstEightSmaAreNullThenMeanOfNine()
    {
        var session = Bars(Monday, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        var result = SessionIndicators.Compute([], session);

        result.Take(8).Should().OnlyContain(b => b.Sma9 == null);
        result[8].Sma9.Should().Be(5m); // (1+..+9)/9
        result[9].Sma9.Should().Be(6m); // (2+..+10)/9
    }

    [Test]
    public void Compute_PreviousSessionHistory_SmaIsContinuousAtTheOpen()
    {
        var history = Bars(Friday.AddMinutes(382), 1, 2, 3, 4, 5, 6, 7, 8);
        var session = Bars(Monday, 9, 10);

        var result = SessionIndicators.Compute(history, session);

        result.Select(b => b.Sma9).Should().Equal(5m, 6m);
    }

    [Test]
    public void Compute_LongHistory_UsesOnlyTheLastEightBars()
    {
        var history = Bars(Friday, 1000, 1000, 1000, 1, 2, 3, 4, 5, 6, 7, 8);
        var session = Bars(Monday, 9);

        SessionIndicators.Compute(history, session)[0].Sma9.Should().Be(5m);
    }

    [Test]
    public void Compute_ShortHistory_StaysNullUntilNineBarsExist()
    {
        var history = Bars(Friday, 1, 2, 3, 4, 5);
        var session = Bars(Monday, 6, 7, 8, 9);

        var result = SessionIndicators.Compute(history, session);

        result.Select(b => b.Sma9).Should().Equal(null, null, null, 5m);
    }

    [Test]
    public void Compute_WithHistory_VwapStartsAfreshAtTheOpen()
    {
        var history = Bars(Friday, 500, 500, 500);
        var session = Bars(Monday, 10, 20);

        var result = SessionIndicators.Compute(history, session);

        // Flat bars (H=L=C), equal volumes: VWAP = 10, then (10+20)/2 = 15; Friday's 500s do not count.
        result.Select(b => b.Vwap).Should().Equal(10m, 15m);
    }

    [Test]
    public void Compute_MissingMinutes_SmaCountsBarsNotMinutes()
    {
        // Nine bars with a 30-minute hole: still nine bars, so an SMA exists; no bar is invented.
        Candle[] session =
        [
            .. Bars(Monday, 1, 2, 3, 4),
            .. Bars(Monday.AddMinutes(34), 5, 6, 7, 8, 9),
        ];

        var result = SessionIndicators.Compute([], session);

        result.Should().HaveCount(9);
        result[8].Sma9.Should().Be(5m);
    }

    [Test]
    public void Compute_HistoryOverlapsSession_ThrowsNamingHistory()
    {
        var act = () => SessionIndicators.Compute(Bars(Monday, 1), Bars(Monday, 2));

        act.Should().Throw<ArgumentException>().WithParameterName("history");
    }

    [Test]
    public void Compute_UnorderedSession_ThrowsNamingSession()
    {
        Candle[] session = [.. Bars(Monday.AddMinutes(1), 1), .. Bars(Monday, 2)];

        var act = () => SessionIndicators.Compute([], session);

        act.Should().Throw<ArgumentException>().WithParameterName("session");
    }

    private static Candle[] Bars(DateTimeOffset start, params decimal[] closes) =>
        [.. closes.Select((c, i) => new Candle(start.AddMinutes(i), c, c, c, c, 100))];
}

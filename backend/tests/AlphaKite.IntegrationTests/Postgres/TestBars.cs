using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>Hand-made bars: minute i of a session has open 100 + i/100, high +0.5, low -0.5, close +0.25, volume 1000 + i.</summary>
internal static class TestBars
{
    public static readonly NyseCalendar Calendar = new();

    public static TradingSession Session(int year, int month, int day) =>
        Calendar.SessionOn(new DateOnly(year, month, day)) ?? throw new ArgumentException("not a session day");

    public static IndicatedBar Bar(DateTimeOffset start, int i, decimal? sma9 = null, decimal? vwap = null)
    {
        var open = 100m + (i / 100m);
        return new IndicatedBar(new Candle(start, open, open + 0.5m, open - 0.5m, open + 0.25m, 1000 + i), sma9, vwap);
    }

    /// <summary>Bars for the given minute offsets from the session open.</summary>
    public static List<IndicatedBar> Minutes(TradingSession session, IEnumerable<int> minutes) =>
        minutes.Select(m => Bar(session.Open.AddMinutes(m), m, sma9: m >= 8 ? 100m + m : null, vwap: 100m)).ToList();

    public static List<IndicatedBar> FullSession(TradingSession session) => Minutes(session, Enumerable.Range(0, session.ExpectedBars));
}

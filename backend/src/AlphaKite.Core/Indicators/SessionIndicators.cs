using AlphaKite.Core.Market;

namespace AlphaKite.Core.Indicators;

/// <summary>Puts SMA9 and session VWAP beside each bar of a session.</summary>
public static class SessionIndicators
{
    /// <param name="history">Earlier regular-session bars (oldest first) that precede the session;
    /// SMA9 is continuous across sessions, so the previous session's last 8 bars count at the open.</param>
    /// <param name="session">The session's bars, oldest first.</param>
    public static IReadOnlyList<IndicatedBar> Compute(IReadOnlyList<Candle> history, IReadOnlyList<Candle> session)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(session);

        var carried = Math.Min(history.Count, Sma.DefaultPeriod - 1);
        var closes = new decimal[carried + session.Count];
        for (var i = 0; i < carried; i++)
        {
            closes[i] = history[history.Count - carried + i].Close;
        }

        for (var i = 0; i < session.Count; i++)
        {
            closes[carried + i] = session[i].Close;
        }

        var sma = Sma.Compute(closes);
        var vwap = SessionVwap.Compute(session);
        var bars = new IndicatedBar[session.Count];
        for (var i = 0; i < session.Count; i++)
        {
            bars[i] = new IndicatedBar(session[i], sma[carried + i], vwap[i]);
        }

        return bars;
    }
}

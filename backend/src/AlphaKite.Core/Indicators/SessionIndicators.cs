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
        RequireAscending(session, nameof(session));
        if (history.Count > 0 && session.Count > 0 && history[^1].Start >= session[0].Start)
        {
            // Overlap would count bars twice in SMA9: the caller mixed up history and session.
            throw new ArgumentException(
                $"history must end before the session starts; its last bar starts {history[^1].Start:O}, the session's first {session[0].Start:O}.",
                nameof(history));
        }

        // SMA9 runs over the continuous series: the previous session's last 8 closes, then this session's.
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

    private static void RequireAscending(IReadOnlyList<Candle> bars, string name)
    {
        for (var i = 1; i < bars.Count; i++)
        {
            if (bars[i].Start <= bars[i - 1].Start)
            {
                // VWAP is cumulative, so order matters; CandleCleaner returns bars sorted and unique.
                throw new ArgumentException(
                    $"bars must be in strictly ascending time order; bar {i} starts {bars[i].Start:O}, not after {bars[i - 1].Start:O}.", name);
            }
        }
    }
}

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

        // One fused pass (same arithmetic, same order as Sma.Compute and SessionVwap.Compute, so the
        // results are identical): no intermediate arrays, which matters for year-long backfills.
        const int period = Sma.DefaultPeriod;
        Span<decimal> window = stackalloc decimal[period];
        var count = 0;
        decimal sum = 0;
        for (var i = Math.Max(0, history.Count - (period - 1)); i < history.Count; i++)
        {
            window[count++] = history[i].Close;
            sum += history[i].Close;
        }

        var bars = new IndicatedBar[session.Count];
        decimal priceVolume = 0;
        long volume = 0;
        for (var i = 0; i < session.Count; i++)
        {
            var bar = session[i];
            sum += bar.Close;
            if (count >= period)
            {
                sum -= window[count % period];
            }

            window[count % period] = bar.Close;
            count++;
            priceVolume += (bar.High + bar.Low + bar.Close) * bar.Volume;
            volume += bar.Volume;
            bars[i] = new IndicatedBar(
                bar,
                count >= period ? sum / period : null,
                volume == 0 ? null : priceVolume / (3m * volume));
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

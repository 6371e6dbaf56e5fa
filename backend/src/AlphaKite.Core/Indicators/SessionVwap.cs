using AlphaKite.Core.Market;

namespace AlphaKite.Core.Indicators;

/// <summary>Volume-weighted average price over one regular session.</summary>
public static class SessionVwap
{
    /// <summary>
    /// For each bar of one session (in time order, from the session's first bar): cumulative
    /// typical price (H+L+C)/3 x volume over cumulative volume; null while cumulative volume is 0.
    /// Missing minutes are simply absent. Callers pass one session at a time, so it resets at the open.
    /// </summary>
    public static decimal?[] Compute(IReadOnlyList<Candle> session)
    {
        ArgumentNullException.ThrowIfNull(session);

        var result = new decimal?[session.Count];
        decimal priceVolume = 0;
        long volume = 0;
        for (var i = 0; i < session.Count; i++)
        {
            var bar = session[i];
            priceVolume += (bar.High + bar.Low + bar.Close) * bar.Volume;
            volume += bar.Volume;
            // Divide by 3 once at the end: exact sums, one rounding step inside decimal.
            result[i] = volume == 0 ? null : priceVolume / (3m * volume);
        }

        return result;
    }
}

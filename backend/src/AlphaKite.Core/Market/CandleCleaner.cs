namespace AlphaKite.Core.Market;

/// <summary>The result of cleaning: the kept candles in time order and the drops by reason.</summary>
public sealed record CleanedCandles(IReadOnlyList<Candle> Candles, IReadOnlyDictionary<DropReason, int> Drops)
{
    public int DroppedCount => Drops.Values.Sum();
}

/// <summary>
/// Turns what the API returned into bars we are willing to store. Schwab sometimes ignores
/// start/end, repeats candles, appends an all-zero candle and includes the still-forming minute
/// (see docs/architecture.md), so none of that is trusted.
/// </summary>
public static class CandleCleaner
{
    /// <param name="candles">Candles as parsed, in any order.</param>
    /// <param name="windowStart">First bar start accepted (inclusive).</param>
    /// <param name="windowEnd">Bars must start before this instant (exclusive), e.g. the session close.</param>
    /// <param name="now">The clock's now.</param>
    /// <param name="lag">A bar is final only when <c>start + 60 s &lt;= now - lag</c>.</param>
    public static CleanedCandles Clean(
        IEnumerable<Candle> candles, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset now, TimeSpan lag)
    {
        ArgumentNullException.ThrowIfNull(candles);
        if (windowEnd < windowStart)
        {
            throw new ArgumentOutOfRangeException(nameof(windowEnd), windowEnd, "windowEnd must not be before windowStart.");
        }

        // A negative lag would accept the still-forming minute as final.
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, TimeSpan.Zero);

        var drops = new Dictionary<DropReason, int>();
        var kept = new SortedDictionary<DateTimeOffset, Candle>();
        foreach (var candle in candles)
        {
            var reason = Judge(candle, windowStart, windowEnd, now, lag);
            if (reason is null && !kept.TryAdd(candle.Start, candle))
            {
                // Same minute twice: keep the first; Schwab's repeats have been identical.
                reason = DropReason.Duplicate;
            }

            if (reason is { } r)
            {
                drops[r] = drops.GetValueOrDefault(r) + 1;
            }
        }

        return new CleanedCandles([.. kept.Values], drops);
    }

    private static DropReason? Judge(Candle c, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset now, TimeSpan lag)
    {
        if (c.Start < windowStart || c.Start >= windowEnd)
        {
            return DropReason.OutsideWindow;
        }

        if (c is { Open: 0, High: 0, Low: 0, Close: 0 })
        {
            return DropReason.AllZero;
        }

        if (c.Open <= 0 || c.High <= 0 || c.Low <= 0 || c.Close <= 0 || c.High < c.Low || c.Volume < 0
            || c.Open > c.High || c.Open < c.Low || c.Close > c.High || c.Close < c.Low)
        {
            return DropReason.Impossible;
        }

        return c.End <= now - lag ? null : DropReason.NotFinal;
    }
}

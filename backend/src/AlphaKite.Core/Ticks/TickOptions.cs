namespace AlphaKite.Core.Ticks;

/// <summary>Tuning of the tick.</summary>
/// <param name="FinalityLag">A bar is final when start + 60 s &lt;= now - lag. Zero by default: the
/// scheduler fires just after each minute, and every tick re-writes the session's bars, so a late
/// print in the newest bar is corrected by the next tick.</param>
/// <param name="MaxConcurrentTickers">Tickers fetched at once (the request budget still caps the rate).</param>
public sealed record TickOptions(TimeSpan FinalityLag, int MaxConcurrentTickers)
{
    /// <summary>Tickers at once by default; the Postgres pool is sized from it (one connection per ticker writing).</summary>
    public const int DefaultMaxConcurrentTickers = 4;

    public static readonly TickOptions Default = new(TimeSpan.Zero, DefaultMaxConcurrentTickers);
}

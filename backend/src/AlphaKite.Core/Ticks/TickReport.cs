using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;

namespace AlphaKite.Core.Ticks;

/// <summary>What one tick did for one ticker.</summary>
/// <param name="CandlesFetched">Candles the API returned (before cleaning).</param>
/// <param name="SessionBars">Final, clean bars of the session now known.</param>
/// <param name="LatestBar">Start of the newest stored bar of the session.</param>
/// <param name="Lag">now minus the end of the newest bar: how stale the table is; null outside the session window.</param>
/// <param name="Error">Why this ticker failed, or null.</param>
/// <param name="Cause">The exception behind <paramref name="Error"/> (type, stack, inner exceptions), when there was one.</param>
public sealed record TickerResult(
    string Ticker,
    int CandlesFetched,
    int SessionBars,
    WriteResult Written,
    DateTimeOffset? LatestBar,
    TimeSpan? Lag,
    IReadOnlyDictionary<DropReason, int> Drops,
    string? Error = null,
    Exception? Cause = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>The outcome of one tick.</summary>
/// <param name="Session">The session worked on; null when the exchange is closed that day.</param>
/// <param name="Skipped">True when the market was closed and nothing was fetched.</param>
/// <param name="SessionCheck">How the session was decided (calendar and Schwab's market hours); null when not recorded.</param>
public sealed record TickReport(
    DateOnly Date,
    TradingSession? Session,
    bool Skipped,
    IReadOnlyList<TickerResult> Tickers,
    TimeSpan Elapsed,
    int TokenRefreshes,
    TimeSpan? RefreshTokenLifeLeft,
    SessionVerdict? SessionCheck = null)
{
    public bool Succeeded => Tickers.All(t => t.Succeeded);

    public int CandlesFetched => Tickers.Sum(t => t.CandlesFetched);

    public int SessionBars => Tickers.Sum(t => t.SessionBars);

    public int EquityRowsWritten => Tickers.Sum(t => t.Written.EquityRows);

    public int IndicatorRowsWritten => Tickers.Sum(t => t.Written.IndicatorRows);

    /// <summary>The stalest ticker's lag (what an alarm should watch).</summary>
    public TimeSpan? MaxLag => Tickers.Select(t => t.Lag).Where(l => l.HasValue).Max();
}

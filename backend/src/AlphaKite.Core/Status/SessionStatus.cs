using AlphaKite.Core.Calendar;

namespace AlphaKite.Core.Status;

/// <summary>What the database holds for one ticker and session, measured at <paramref name="AsOf"/>.</summary>
/// <param name="ExpectedBars">Bars that should exist by <paramref name="AsOf"/> (all of the session once it is over).</param>
/// <param name="Missing">Expected minutes with no bar, as ranges.</param>
/// <param name="LatestBar">Start of the newest bar stored inside the session, if any.</param>
/// <param name="IndicatorRows">Indicator rows stored for the session's minutes.</param>
/// <param name="Sma9Rows">Of those, rows with a non-null SMA9 (null during the 8-bar warm-up of a fresh history).</param>
/// <param name="VwapRows">Of those, rows with a non-null VWAP.</param>
public sealed record SessionStatus(
    string Ticker,
    TradingSession Session,
    DateTimeOffset AsOf,
    int BarsStored,
    int ExpectedBars,
    IReadOnlyList<MinuteRange> Missing,
    DateTimeOffset? LatestBar,
    int IndicatorRows,
    int Sma9Rows,
    int VwapRows)
{
    public bool IsComplete => Missing.Count == 0;

    /// <summary>True while the session runs (<see cref="TradingSession.IsLiveAt"/>).</summary>
    public bool IsLive => Session.IsLiveAt(AsOf);

    /// <summary>True once the session and its last tick are over (<see cref="TradingSession.IsOverAt"/>).</summary>
    public bool IsFinished => Session.IsOverAt(AsOf);

    /// <summary>Time since the newest bar's start (what the guide's MAX(timestamp) check measures), or since the open when none.</summary>
    public TimeSpan Age => AsOf - (LatestBar ?? Session.Open);
}

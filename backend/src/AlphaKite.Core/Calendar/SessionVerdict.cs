namespace AlphaKite.Core.Calendar;

/// <summary>Which session a tick works on for a date, and how the calendar and the exchange saw it.</summary>
/// <param name="Session">The session the tick uses; null when the market is closed.</param>
/// <param name="Calendar">The NYSE calendar's view (rules, built-in data, overrides).</param>
/// <param name="Exchange">Schwab's answer; null when it was not asked (a past date, or no market-hours source).</param>
/// <param name="Disagrees">True when both views exist and differ, false when they agree, null when
/// there was nothing to compare (not asked, no answer, or an answer that was not usable).</param>
/// <param name="Unusable">Why Schwab's answer was not used (unreachable, garbage, hours for another day); null otherwise.</param>
/// <param name="AskedNow">Schwab was asked during this tick (not a cached answer): the once-a-day
/// moment a disagreement or a failure is logged and the CalendarDisagreements metric is published.</param>
public sealed record SessionVerdict(
    DateOnly Date,
    TradingSession? Session,
    TradingSession? Calendar,
    ExchangeAnswer? Exchange,
    bool? Disagrees,
    string? Unusable,
    bool AskedNow = false)
{
    /// <summary>Whose word the session is: "schwab" when its answer was usable, else "calendar".</summary>
    public string Source => Exchange is { Answered: true } && Unusable is null ? "schwab" : "calendar";
}

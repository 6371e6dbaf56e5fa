namespace AlphaKite.Core.Calendar;

/// <summary>
/// Who decides a day's session: the computed NYSE calendar, or the exchange's own word (Schwab's
/// market hours). Rules (docs/calendar.md#who-decides):
/// - Schwab answered with a usable view: Schwab wins, in both directions. It says closed (an
///   unannounced closure) or gives other hours (an early close): its view is used. It says open
///   with explicit regular hours for that very day where the calendar says closed: those hours are
///   used too; a closure the calendar has stands unless Schwab gives explicit hours for the day.
/// - Schwab could not be asked, could not be reached, or answered something unusable (garbage,
///   hours of another day, open without hours): the calendar decides.
/// </summary>
public static class SessionAuthority
{
    /// <param name="date">The New York date of the session.</param>
    /// <param name="calendar">The calendar's session that day (null = closed).</param>
    /// <param name="exchange">Schwab's answer; null when it was not asked.</param>
    public static SessionVerdict Decide(DateOnly date, TradingSession? calendar, ExchangeAnswer? exchange)
    {
        if (exchange is null)
        {
            return new SessionVerdict(date, calendar, calendar, null, null, null);
        }

        if (!exchange.Answered)
        {
            return new SessionVerdict(date, calendar, calendar, exchange, null, exchange.Failure);
        }

        if (exchange.Session is { } hours && Problem(date, hours) is { } problem)
        {
            return new SessionVerdict(date, calendar, calendar, exchange, null, $"Schwab's regular hours {hours.Open:O}..{hours.Close:O} are unusable: {problem}");
        }

        var same = (calendar, exchange.Session) switch
        {
            (null, null) => true,
            ({ } c, { } s) => c.Open == s.Open && c.Close == s.Close,
            _ => false,
        };
        return new SessionVerdict(date, same ? calendar : exchange.Session, calendar, exchange, !same, null);
    }

    /// <summary>"closed", or "open 09:30-13:00" in New York time, for log lines and messages.</summary>
    public static string Describe(TradingSession? session) =>
        session is null ? "closed" : $"open {NewYork.Clock(session.Open)}-{NewYork.Clock(session.Close)}";

    private static string? Problem(DateOnly date, TradingSession hours)
    {
        if (hours.Date != date || NewYork.Date(hours.Open) != date || NewYork.Date(hours.Close) != date)
        {
            return $"they are not on {date:yyyy-MM-dd} in New York";
        }

        if (hours.Close <= hours.Open)
        {
            return "the close is not after the open";
        }

        // Bars are whole minutes: a session edge inside a minute would split a bar.
        return hours.Open.UtcTicks % TimeSpan.TicksPerMinute != 0 || hours.Close.UtcTicks % TimeSpan.TicksPerMinute != 0
            ? "they do not fall on whole minutes"
            : null;
    }
}

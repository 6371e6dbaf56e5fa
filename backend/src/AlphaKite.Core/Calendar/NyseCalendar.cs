using NodaTime;

namespace AlphaKite.Core.Calendar;

/// <summary>
/// The NYSE regular-session calendar. PLACEHOLDER: weekdays 09:30-16:00 only; the full rule set
/// (holidays, early closes, special closures, overrides) replaces this body.
/// </summary>
public sealed class NyseCalendar
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>The session on <paramref name="date"/> (a New York date), or null when the exchange is closed.</summary>
    public TradingSession? SessionOn(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return null;
        }

        return new TradingSession(date, At(date, 9, 30), At(date, 16, 0), false);
    }

    /// <summary>The last session strictly before <paramref name="date"/>.</summary>
    public TradingSession PreviousSession(DateOnly date)
    {
        for (var d = date.AddDays(-1); ; d = d.AddDays(-1))
        {
            if (SessionOn(d) is { } s)
            {
                return s;
            }
        }
    }

    /// <summary>Every session with from &lt;= date &lt;= to.</summary>
    public IEnumerable<TradingSession> SessionsBetween(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (SessionOn(d) is { } s)
            {
                yield return s;
            }
        }
    }

    /// <summary>The New York calendar date of an instant.</summary>
    public static DateOnly NewYorkDate(DateTimeOffset instant)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(NewYork).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    private static DateTimeOffset At(DateOnly date, int hour, int minute) =>
        new LocalDateTime(date.Year, date.Month, date.Day, hour, minute)
            .InZoneStrictly(NewYork)
            .ToDateTimeOffset();
}

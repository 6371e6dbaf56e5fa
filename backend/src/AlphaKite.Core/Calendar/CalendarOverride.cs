namespace AlphaKite.Core.Calendar;

/// <summary>
/// One day whose hours differ from what the rules and the built-in data say: a closure or a
/// changed session announced after this release (e.g. a national day of mourning). Overrides win
/// over everything else, so they can also reopen a day.
/// </summary>
/// <param name="Date">The New York date.</param>
/// <param name="Close">New York close time, or null when the exchange is closed all day.</param>
/// <param name="Reason">Why, in words a user recognises (shown by `alphakite calendar`).</param>
/// <param name="Open">New York open time when it is not 09:30 (a delayed open).</param>
public sealed record CalendarOverride(DateOnly Date, TimeOnly? Close, string Reason, TimeOnly? Open = null)
{
    public static readonly TimeOnly RegularOpen = new(9, 30);
    public static readonly TimeOnly RegularClose = new(16, 0);

    /// <summary>What is wrong with this override, or null when it is usable.</summary>
    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            return "reason is empty; say why the day differs";
        }

        if (Date < NyseCalendar.FirstSupportedDate)
        {
            return $"date {Date:yyyy-MM-dd} is before {NyseCalendar.FirstSupportedDate:yyyy-MM-dd}, the first date the calendar supports";
        }

        if (Close is null)
        {
            return Open is null ? null : "open is set but close is null (closed all day); drop open or give a close time";
        }

        if (Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return $"{Date:yyyy-MM-dd} is a {Date.DayOfWeek}; the NYSE has no weekend sessions";
        }

        var open = Open ?? RegularOpen;
        if (open < RegularOpen || Close > RegularClose || open >= Close)
        {
            return $"hours {open:HH\\:mm}-{Close:HH\\:mm} must lie within the regular session 09:30-16:00 with open before close";
        }

        return null;
    }
}

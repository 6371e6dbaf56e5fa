namespace AlphaKite.Core.Calendar;

/// <summary>
/// The NYSE's recurring holidays and 13:00 early closes, as rules.
/// Sources: NYSE Rule 7.2 (holidays; a Saturday holiday closes the preceding Friday, a Sunday one
/// the following Monday, except where a month or year ends: so a Saturday New Year's Day closes
/// nothing) and NYSE Group's annual "Holiday and Early Closings Calendar" releases
/// (2021-12-27 for 2022-2024, 2024-11-08 for 2025-2027, 2025-12-23 for 2026-2028), which the unit
/// tests restate as literal tables. History before 2013 follows pandas_market_calendars'
/// holidays_nyse.py. See docs/calendar.md.
/// </summary>
internal static class NyseRules
{
    public static readonly TimeOnly EarlyClose = new(13, 0);

    /// <summary>Every rule-made closure and early close of <paramref name="year"/>.</summary>
    public static IEnumerable<CalendarOverride> For(int year)
    {
        // Early closes first: a holiday on the same date (impossible today) comes later and wins
        // (NyseCalendar keeps the last entry per date).
        if (DayBeforeIndependenceDay(year) is { } beforeJuly4)
        {
            yield return new CalendarOverride(beforeJuly4, EarlyClose, "Independence Day early close");
        }

        var thanksgiving = NthWeekday(year, 11, DayOfWeek.Thursday, 4);
        yield return new CalendarOverride(thanksgiving.AddDays(1), EarlyClose, "Day after Thanksgiving");

        // Christmas Eve closes early when it is Monday-Thursday; a Friday Dec 24 is Christmas observed.
        var christmasEve = new DateOnly(year, 12, 24);
        if (christmasEve.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday)
        {
            yield return new CalendarOverride(christmasEve, EarlyClose, "Christmas Eve");
        }

        // New Year's Day: Sunday moves to Monday; Saturday is not observed on Friday Dec 31 (Rule 7.2).
        var newYear = new DateOnly(year, 1, 1);
        if (newYear.DayOfWeek != DayOfWeek.Saturday)
        {
            yield return ClosedObserved(newYear, "New Year's Day");
        }

        yield return Closed(NthWeekday(year, 1, DayOfWeek.Monday, 3), "Martin Luther King, Jr. Day");
        yield return Closed(NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
        yield return Closed(Computus.EasterSunday(year).AddDays(-2), "Good Friday");
        yield return Closed(LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day");
        if (year >= 2022)
        {
            // First observed by the NYSE in 2022 (Monday June 20, 2022).
            yield return ClosedObserved(new DateOnly(year, 6, 19), "Juneteenth National Independence Day");
        }

        yield return ClosedObserved(new DateOnly(year, 7, 4), "Independence Day");
        yield return Closed(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day");
        yield return Closed(thanksgiving, "Thanksgiving Day");
        yield return ClosedObserved(new DateOnly(year, 12, 25), "Christmas Day");
    }

    /// <summary>
    /// Since 2013 the NYSE closes at 13:00 on July 3 whenever July 3 is Monday-Thursday (a Friday
    /// July 3 is the observed holiday; a weekend July 3 moves nothing, as in 2026 and 2027).
    /// Before 2013 a Wednesday July 3 was a full day and the Friday after a Thursday July 4 closed early.
    /// </summary>
    private static DateOnly? DayBeforeIndependenceDay(int year)
    {
        var july3 = new DateOnly(year, 7, 3);
        if (year < 2013)
        {
            if (july3.DayOfWeek == DayOfWeek.Wednesday)
            {
                return new DateOnly(year, 7, 5);
            }

            return july3.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Tuesday or DayOfWeek.Thursday ? july3 : null;
        }

        return july3.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday ? july3 : null;
    }

    private static CalendarOverride Closed(DateOnly date, string reason) => new(date, null, reason);

    private static CalendarOverride ClosedObserved(DateOnly holiday, string reason)
    {
        var observed = Observed(holiday);
        return Closed(observed, observed == holiday ? reason : $"{reason} (observed)");
    }

    private static DateOnly Observed(DateOnly holiday) => holiday.DayOfWeek switch
    {
        DayOfWeek.Saturday => holiday.AddDays(-1),
        DayOfWeek.Sunday => holiday.AddDays(1),
        _ => holiday,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }
}

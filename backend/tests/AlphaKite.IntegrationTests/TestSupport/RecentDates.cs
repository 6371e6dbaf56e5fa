using AlphaKite.Core.Calendar;

namespace AlphaKite.IntegrationTests.TestSupport;

/// <summary>Dates relative to today in New York, for runners that use the system clock.</summary>
public static class RecentDates
{
    /// <summary>The latest complete 390-minute session before today whose previous session is also a full day,
    /// so a reload fetches 390 + 390 candles and every bar has SMA9 history.</summary>
    public static DateOnly FullSessionBeforeToday()
    {
        var calendar = new NyseCalendar();
        var date = NewYork.Date(DateTimeOffset.UtcNow).AddDays(-1);
        while (!IsFull(calendar, date) || !IsFull(calendar, calendar.PreviousSession(date).Date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>The last Saturday before today: a past closed day, so the tick does not ask Schwab's
    /// market hours about it (it asks only about today), whatever day the tests run.</summary>
    public static DateOnly LatestSaturday()
    {
        var yesterday = NewYork.Date(DateTimeOffset.UtcNow).AddDays(-1);
        return yesterday.AddDays(-(((int)yesterday.DayOfWeek - (int)DayOfWeek.Saturday + 7) % 7));
    }

    private static bool IsFull(NyseCalendar calendar, DateOnly date) =>
        calendar.SessionOn(date) is { IsEarlyClose: false } session && session.Close - session.Open == TimeSpan.FromMinutes(390);
}

using AlphaKite.Core.Calendar;

namespace AlphaKite.Core.Ticks;

/// <summary>When a local streamer should run next: the same minutes the production schedule uses
/// (09:31 through the close, one run per completed bar), skipping nights, weekends and holidays.</summary>
public static class TickSchedule
{
    /// <summary>The first run instant strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(NyseCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var date = NyseCalendar.NewYorkDate(now);
        // Look a couple of weeks ahead: the longest closure on record (2001-09-11..14) plus a weekend fits.
        for (var d = date; d <= date.AddDays(14); d = d.AddDays(1))
        {
            if (calendar.SessionOn(d) is not { } session)
            {
                continue;
            }

            var first = session.Open.AddMinutes(1);
            if (now < first)
            {
                return first;
            }

            var next = MinuteFloor(now).AddMinutes(1);
            if (next <= session.Close)
            {
                return next;
            }
        }

        throw new InvalidOperationException($"No trading session within 14 days after {date:yyyy-MM-dd}: check the calendar overrides.");
    }

    private static DateTimeOffset MinuteFloor(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}

using AlphaKite.Core.Calendar;

namespace AlphaKite.Core.Ticks;

/// <summary>When a local streamer should run next: the same minutes the production schedule uses
/// (09:31 through the close, one run per completed bar), then one close-out run
/// <see cref="CloseOutDelay"/> after the close (full or early), skipping nights, weekends and holidays.</summary>
public static class TickSchedule
{
    /// <summary>
    /// How long after the close the close-out run reloads the day. Late enough that a last run
    /// still retrying has finished and late prints have settled; the production schedule's close-out
    /// fires at 16:10 New York, which covers early closes (13:00) too.
    /// </summary>
    public static readonly TimeSpan CloseOutDelay = TimeSpan.FromMinutes(10);

    /// <summary>The first run strictly after <paramref name="now"/>.</summary>
    public static ScheduledRun NextRun(NyseCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var date = NewYork.Date(now);
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
                return new ScheduledRun(first, CloseOut: false);
            }

            var next = MinuteFloor(now).AddMinutes(1);
            if (next <= session.Close)
            {
                return new ScheduledRun(next, CloseOut: false);
            }

            var closeOut = session.Close + CloseOutDelay;
            if (now < closeOut)
            {
                return new ScheduledRun(closeOut, CloseOut: true);
            }
        }

        throw new InvalidOperationException($"No trading session within 14 days after {date:yyyy-MM-dd}: check the calendar overrides.");
    }

    private static DateTimeOffset MinuteFloor(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}

/// <summary>One run of the local schedule.</summary>
/// <param name="At">When it fires.</param>
/// <param name="CloseOut">The close-out run after the session (reloads the day) rather than a minute run.</param>
public sealed record ScheduledRun(DateTimeOffset At, bool CloseOut);

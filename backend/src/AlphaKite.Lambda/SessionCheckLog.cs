using AlphaKite.Aws.Logging;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Lambda;

/// <summary>
/// Tells the operator what Schwab's market hours said, once per day per process (when Schwab was
/// asked, not on cached answers): a warning naming both views when they disagree (Schwab's is used),
/// a warning when Schwab could not answer (the calendar decided), and CalendarDisagreements (1 or 0)
/// whenever there was something to compare. See docs/operations.md#calendardisagreements.
/// </summary>
public static class SessionCheckLog
{
    /// <param name="publish">Publishes CalendarDisagreements (true = 1, false = 0).</param>
    public static void Report(SessionVerdict? check, JsonLog log, Action<bool> publish)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(publish);
        if (check is not { AskedNow: true })
        {
            return;
        }

        if (check.Unusable is { } why)
        {
            log.Warn("could not use Schwab's market hours; the NYSE calendar decides today's session",
                new LogField("date", check.Date), new LogField("calendar", SessionAuthority.Describe(check.Calendar)),
                new LogField("reason", why), new LogField("error", check.Exchange?.Cause));
            return;
        }

        if (check.Disagrees is not { } disagrees)
        {
            return;
        }

        publish(disagrees);
        if (disagrees)
        {
            log.Warn("Schwab's market hours disagree with the NYSE calendar; Schwab's word is used",
                new LogField("date", check.Date), new LogField("calendar", SessionAuthority.Describe(check.Calendar)),
                new LogField("schwab", SessionAuthority.Describe(check.Exchange?.Session)),
                new LogField("used", SessionAuthority.Describe(check.Session)));
        }
    }
}

using AlphaKite.Core.Calendar;

namespace AlphaKite.Core.Ticks;

/// <summary>One session's outcome during a backfill.</summary>
public sealed record BackfillStep(TradingSession Session, int Index, int Total, TickReport? Report, bool AlreadyComplete)
{
    /// <summary>Tickers for which Schwab returned no bar of this session: nothing was loaded for them.</summary>
    public IReadOnlyList<string> EmptyTickers =>
        Report?.Tickers.Where(t => t.Succeeded && t.SessionBars == 0).Select(t => t.Ticker).ToList() ?? [];
}

/// <summary>
/// Loads every session in a date range by running the tick for each past session. Idempotent
/// (the store writes only new or changed rows) and resumable (sessions already complete are skipped).
/// </summary>
public sealed class Backfill(Tick tick, NyseCalendar calendar, TimeProvider clock)
{
    /// <summary>Schwab serves 1-minute history for about this many days back.</summary>
    public const int MinuteHistoryDays = 45;

    /// <summary>The earliest date whose minute bars Schwab still serves.</summary>
    public DateOnly OldestAvailable() => NewYork.Date(clock.GetUtcNow()).AddDays(-MinuteHistoryDays);

    /// <summary>Sessions with from &lt;= date &lt;= to that have finished (today only once the close has passed).</summary>
    public IReadOnlyList<TradingSession> SessionsToLoad(DateOnly from, DateOnly to)
    {
        if (DateRange.Problem(from, to) is { } problem)
        {
            throw new ArgumentException(problem + ".", nameof(to));
        }

        var now = clock.GetUtcNow();
        return calendar.SessionsBetween(from, to).Where(s => s.Close <= now).ToList();
    }

    /// <param name="isComplete">Whether the store already holds every bar of the session for every ticker.</param>
    /// <param name="onStep">Progress callback, called after each session.</param>
    public async Task<IReadOnlyList<BackfillStep>> RunAsync(
        IReadOnlyList<string> tickers,
        DateOnly from,
        DateOnly to,
        Func<TradingSession, CancellationToken, Task<bool>> isComplete,
        Action<BackfillStep>? onStep,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isComplete);
        var sessions = SessionsToLoad(from, to);
        var steps = new List<BackfillStep>(sessions.Count);
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            BackfillStep step;
            if (await isComplete(session, cancellationToken))
            {
                step = new BackfillStep(session, i + 1, sessions.Count, null, AlreadyComplete: true);
            }
            else
            {
                // A failed session throws: the user re-runs the same command and it resumes here.
                var report = await tick.RunAsync(new TickRequest(tickers, session.Date, Force: true), cancellationToken);
                step = new BackfillStep(session, i + 1, sessions.Count, report, AlreadyComplete: false);
            }

            steps.Add(step);
            onStep?.Invoke(step);
        }

        return steps;
    }
}

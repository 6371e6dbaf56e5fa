using System.CommandLine;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite backfill`: every finished session in a date range.</summary>
public static class BackfillCommand
{
    public static CliCommand Create(CliEnvironment environment, TimeProvider clock, NyseCalendar calendar)
    {
        var command = new CliCommand("backfill", "load every finished session in a date range (resumable)", """
            Loads every finished session in the range (bars and indicators), one pricehistory request per
            ticker and session. Sessions already complete in the database are skipped, so an interrupted
            backfill resumes where it stopped, and re-running it writes nothing twice. Schwab serves
            1-minute bars for about 45 days back.

            A session for which Schwab returns no bars is reported as empty, not loaded: exit 1 when it is
            inside the 45 days (e.g. a wrong symbol), 0 with a note when it is older.
            """);
        var options = new Options(
            CliOptions.Date("--from", "first New York date"),
            CliOptions.Date("--to", "last date (default: today)"));
        options.From.Required = true;
        command.Options.Add(options.From);
        command.Options.Add(options.To);
        var run = new TickRunOptions(command);
        command.SetAction((args, ct) => RunAsync(args, options, run, environment, clock, calendar, ct));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult args, Options options, TickRunOptions run, CliEnvironment environment, TimeProvider clock, NyseCalendar calendar, CancellationToken ct)
    {
        var from = args.GetValue(options.From) ?? throw new UsageException("--from is required");
        var to = args.GetValue(options.To) ?? NewYork.Date(clock.GetUtcNow());
        var (tickers, database, schwab, tokenFile) = run.Read(args, environment);
        if (DateRange.Problem(from, to) is { } problem)
        {
            throw new UsageException(problem);
        }

        await using var services = TickServices.Create(schwab, new FileTokenStore(tokenFile), database, clock, calendar);
        var backfill = new Backfill(services.Tick, calendar, clock);
        if (from < backfill.OldestAvailable())
        {
            await Console.Error.WriteLineAsync(
                $"note: Schwab serves 1-minute bars for about {Backfill.MinuteHistoryDays} days (from about {backfill.OldestAvailable():yyyy-MM-dd}); earlier sessions will come back empty.");
        }

        var steps = await backfill.RunAsync(
            tickers, from, to,
            (session, token) => IsCompleteAsync(services, tickers, session, token),
            step => Console.WriteLine($"[{step.Index}/{step.Total}] " + (step.AlreadyComplete
                ? $"{step.Session.Date:yyyy-MM-dd}: already complete"
                : TickSummary.Describe(step.Report!))),
            ct);

        var complete = steps.Count(s => s.AlreadyComplete);
        var empty = steps.Where(s => s.EmptyTickers.Count > 0).ToList();
        Console.WriteLine($"Backfill done: {steps.Count} session(s), {steps.Count - complete - empty.Count} loaded, {empty.Count} empty, {complete} already complete.");
        return await ReportEmptyAsync(empty, backfill.OldestAvailable());
    }

    // Sessions older than Schwab's minute history come back empty, as the note above warned: not a failure.
    // An empty session inside it (a symbol that did not trade, a wrong symbol, missing data) is: exit 1.
    private static async Task<int> ReportEmptyAsync(List<BackfillStep> empty, DateOnly oldestAvailable)
    {
        var unexpected = empty.Where(s => s.Session.Date >= oldestAvailable).ToList();
        foreach (var s in empty)
        {
            await Console.Error.WriteLineAsync(
                $"{(s.Session.Date >= oldestAvailable ? "error" : "note")}: {s.Session.Date:yyyy-MM-dd}: Schwab returned no bars for {string.Join(", ", s.EmptyTickers)}" +
                (s.Session.Date >= oldestAvailable ? "; check the symbol, then re-run the same backfill" : $" (older than Schwab's {Backfill.MinuteHistoryDays} days of minute history)"));
        }

        return unexpected.Count > 0 ? 1 : 0;
    }

    private sealed record Options(Option<DateOnly?> From, Option<DateOnly?> To);

    private static async Task<bool> IsCompleteAsync(TickServices services, IReadOnlyList<string> tickers, TradingSession session, CancellationToken ct)
    {
        foreach (var ticker in tickers)
        {
            if ((await services.Queries.IncompleteSessionsAsync(ticker, [session], ct)).Count > 0)
            {
                return false;
            }
        }

        return true;
    }
}

using System.CommandLine;
using AlphaKite.Cli.Doctor;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite stream`: the production tick, locally, every minute of the session.</summary>
public static class StreamCommand
{
    public static CliCommand Create(CliEnvironment environment, TimeProvider clock, NyseCalendar calendar)
    {
        var command = new CliCommand("stream", "run the tick every minute of the session (Schwab -> your database)", """
            Runs the tick against Schwab and your database every minute of the regular session
            (09:31 through the close, New York time), then once more 10 minutes after the close
            (full or early) to reload the whole day, so a failed last minute cannot lose the day's
            last bar; it sleeps through nights, weekends and holidays. First it runs `alphakite doctor`'s
            token, refresh and database checks, and exits 1 with their lines when one fails.
            Ctrl-C stops it cleanly. Do not run it while the Lambda uses the same Schwab login: only one
            process may refresh a token.
            """);
        var once = CliOptions.Flag("--once", "run one tick now and exit (non-zero if it failed)");
        command.Options.Add(once);
        var run = new TickRunOptions(command);
        command.SetAction((args, ct) => RunAsync(args.GetValue(once), run.Read(args, environment), clock, calendar, ct));
        return command;
    }

    private static async Task<int> RunAsync(bool once, TickRun run, TimeProvider clock, NyseCalendar calendar, CancellationToken ct)
    {
        var (tickers, database, schwab, tokenFile) = run;

        // A missing token file or an unreachable database fails now, even on a Sunday, not at 09:31.
        var preflight = new LocalCheckSettings(new FileTokenStore(tokenFile), schwab, null, database, null, tickers);
        if (!await Checkup.PreflightAsync(preflight, clock, calendar, ct))
        {
            return 1;
        }

        await using var services = TickServices.Create(schwab, new FileTokenStore(tokenFile), database, clock, calendar);
        if (once)
        {
            return await RunTickAsync(services.Tick, new TickRequest(tickers)) ? 0 : 1;
        }

        Console.WriteLine($"Streaming {string.Join(",", tickers)} into {database.Redacted}. Ctrl-C to stop.");
        while (!ct.IsCancellationRequested)
        {
            var next = TickSchedule.NextRun(calendar, clock.GetUtcNow());
            var wait = next.At - clock.GetUtcNow();
            if (next.CloseOut)
            {
                Console.WriteLine($"Session closed; close-out reload of the day at {NewYork.Time(next.At):HH:mm} New York.");
            }
            else if (wait > TimeSpan.FromMinutes(2))
            {
                Console.WriteLine($"Market closed; next run {NewYork.Time(next.At):yyyy-MM-dd HH:mm} New York.");
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, ct);
            // The close-out reloads the whole day: a failed last minute (15:59 bar) is healed here,
            // since no minute run follows it.
            await RunTickAsync(services.Tick, new TickRequest(tickers, CloseOut: next.CloseOut));
        }

        return 0;

        async Task<bool> RunTickAsync(Tick tick, TickRequest request)
        {
            try
            {
                Console.WriteLine(TickSummary.Describe(await tick.RunAsync(request, ct)));
                return true;
            }
            catch (TickFailedException e) when (!ct.IsCancellationRequested)
            {
                // The healthy tickers were written; the next minute retries the others and heals the gap.
                await Console.Error.WriteLineAsync(TickSummary.Describe(e.Report));
                return false;
            }
            catch (SchwabAuthException e) when (e is not ReauthenticationRequiredException)
            {
                // The token endpoint was down for this minute; only a dead login is worth stopping for.
                await Console.Error.WriteLineAsync(e.Message);
                return false;
            }
        }
    }

}

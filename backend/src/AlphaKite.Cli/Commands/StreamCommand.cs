using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite stream`: the production tick, locally, every minute of the session.</summary>
public static class StreamCommand
{
    private const string Usage = $"""
        Usage: alphakite stream [--once] [--tickers QQQ,SPY] [--database URL] [--token-file PATH]

        Runs the tick against Schwab and your database every minute of the regular session
        (09:31 through the close, New York time), sleeping through nights, weekends and holidays.
        Ctrl-C stops it cleanly. Do not run it while the Lambda uses the same Schwab login: only one
        process may refresh a token.

          --once             run one tick now and exit (non-zero if it failed)
          --tickers LIST     comma-separated symbols (default: $ALPHAKITE_TICKERS or QQQ)
        {DatabaseOption.Usage}
        {SchwabOptions.Usage}
        """;

    public static CliCommand Create(CliEnvironment environment, TimeProvider clock, NyseCalendar calendar) =>
        new("stream", "run the tick every minute of the session (Schwab -> your database)", Usage, new HashSet<string> { "once" },
            (args, ct) => RunAsync(args, environment, clock, calendar, ct));

    private static async Task<int> RunAsync(CliArgs args, CliEnvironment environment, TimeProvider clock, NyseCalendar calendar, CancellationToken ct)
    {
        var once = args.Flag("once");
        var tickers = TickerList.Parse(args.Text("tickers") ?? environment.Tickers);
        var database = DatabaseOption.Read(args, environment.DatabaseUrl);
        var (schwab, tokenFile) = SchwabOptions.Read(args, environment);
        args.RejectUnknown();

        await using var services = TickServices.Create(schwab, new FileTokenStore(tokenFile), database, clock, calendar);
        if (once)
        {
            return await RunTickAsync(services.Tick, tickers) ? 0 : 1;
        }

        Console.WriteLine($"Streaming {string.Join(",", tickers)} into {database.Redacted}. Ctrl-C to stop.");
        while (!ct.IsCancellationRequested)
        {
            var next = TickSchedule.NextRun(calendar, clock.GetUtcNow());
            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.FromMinutes(2))
            {
                Console.WriteLine($"Market closed; next run {next.ToOffset(NewYorkOffset(next)):yyyy-MM-dd HH:mm} New York.");
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, ct);
            await RunTickAsync(services.Tick, tickers);
        }

        return 0;

        async Task<bool> RunTickAsync(Tick tick, IReadOnlyList<string> symbols)
        {
            try
            {
                Console.WriteLine(TickSummary.Describe(await tick.RunAsync(new TickRequest(symbols), ct)));
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

    private static TimeSpan NewYorkOffset(DateTimeOffset instant) =>
        NodaTime.Instant.FromDateTimeOffset(instant).InZone(NyseCalendar.NewYork).Offset.ToTimeSpan();
}

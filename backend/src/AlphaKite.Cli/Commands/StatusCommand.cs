using System.CommandLine;
using System.Globalization;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Status;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite status</c>: per ticker, what is stored for a session, what is missing, how fresh it is.
/// Exits 3 when a live session's newest bar is older than --max-age, or a finished session misses minutes,
/// so it can serve as a probe.</summary>
public static class StatusCommand
{
    public const int StaleExitCode = 3;

    public static CliCommand Create(string? databaseUrl, string? tickersFromEnvironment, TimeProvider time, NyseCalendar calendar)
    {
        var tickersOption = CliOptions.Text("--tickers", "LIST", "comma-separated tickers (default: $ALPHAKITE_TICKERS or QQQ)");
        var dateOption = CliOptions.Date("--date", "session date in New York (default: today, or the last session when closed)");
        var maxAgeOption = CliOptions.Int("--max-age", "SECONDS", "during the session, exit 3 when the newest bar started longer ago (default: 120)", 1, 86_400);
        var databaseOption = DatabaseOption.Create();
        var command = new CliCommand("status", "bars stored vs expected, missing minutes, freshness (exit 3 when stale)", """
            Times are New York time. Exit codes: 0 fresh (or complete), 3 stale during the session or minutes
            missing from a finished session, 1 failure, 2 bad usage.
            """)
        {
            tickersOption, dateOption, maxAgeOption, databaseOption,
        };
        command.SetAction(async (args, ct) =>
        {
            var tickers = TickerList.Parse(args.GetValue(tickersOption) ?? tickersFromEnvironment);
            var date = args.GetValue(dateOption);
            var maxAge = TimeSpan.FromSeconds(args.GetValue(maxAgeOption) ?? 120);
            var connection = DatabaseOption.Read(args.GetValue(databaseOption), databaseUrl);

            var now = time.GetUtcNow();
            var session = SessionFor(calendar, date, now);
            await using var source = new PostgresDatabase(connection);
            var queries = new BarQueries(source);
            var statuses = new List<SessionStatus>();
            foreach (var ticker in tickers)
            {
                statuses.Add(await queries.SessionStatusAsync(ticker, session, now, ct));
            }

            Console.Write(StatusTable.Render(statuses));
            var stale = statuses.Where(s => s.IsLive && s.Age > maxAge).ToList();
            foreach (var s in stale)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"alphakite status: {s.Ticker} is stale: newest bar is {(int)s.Age.TotalSeconds} s old (max {(int)maxAge.TotalSeconds} s)"));
            }

            var incomplete = statuses.Where(s => s.IsFinished && !s.IsComplete).ToList();
            foreach (var s in incomplete)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"alphakite status: {s.Ticker} {s.Session.Date:yyyy-MM-dd} is missing {s.Missing.Sum(m => m.Minutes)} of {s.ExpectedBars} minutes of a finished session; reload it with `alphakite backfill --tickers {s.Ticker} --from {s.Session.Date:yyyy-MM-dd} --to {s.Session.Date:yyyy-MM-dd}`"));
            }

            return stale.Count > 0 || incomplete.Count > 0 ? StaleExitCode : 0;
        });
        return command;
    }

    internal static TradingSession SessionFor(NyseCalendar calendar, DateOnly? date, DateTimeOffset now)
    {
        if (date is { } d)
        {
            return calendar.SessionOn(d) ?? throw new UsageException($"{d:yyyy-MM-dd} is not a trading day (weekend or NYSE holiday)");
        }

        return calendar.LatestSession(now);
    }
}

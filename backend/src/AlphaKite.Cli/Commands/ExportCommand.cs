using AlphaKite.Core.Files;
using AlphaKite.Core.Market;
using AlphaKite.Core.Calendar;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite export</c>: one ticker's session, bars joined with SMA9 and VWAP, as CSV or JSON.</summary>
public static class ExportCommand
{
    private const string Usage = $"""
        Usage: alphakite export --ticker QQQ [--date YYYY-MM-DD] [--format csv|json] [--out FILE] [--database URL]

          --ticker T         the ticker to export
          --date D           session date in New York (default: today, or the last session when closed)
          --format F         csv (default) or json
          --out FILE         write to FILE instead of standard output

        Times are New York time, with their UTC offset (2026-11-20T09:30:00-05:00), as in `alphakite status`.
        {DatabaseOption.Usage}
        """;

    public static CliCommand Create(string? databaseUrl, TimeProvider time, NyseCalendar calendar) => new(
        "export",
        "export a session's bars and indicators as CSV or JSON",
        Usage,
        new HashSet<string>(StringComparer.Ordinal),
        async (args, ct) =>
        {
            var ticker = TickerSymbols.Normalize(args.Required("ticker"))
                ?? throw new UsageException($"--ticker '{args.Text("ticker")}' is not a ticker symbol ({TickerSymbols.Rule})");
            var date = args.Date("date");
            var format = (args.Text("format") ?? "csv").ToLowerInvariant();
            if (format is not ("csv" or "json"))
            {
                throw new UsageException($"--format must be csv or json, got '{format}'");
            }

            var output = args.Text("out");
            var connection = DatabaseOption.Read(args, databaseUrl);
            args.RejectUnknown();

            var session = StatusCommand.SessionFor(calendar, date, time.GetUtcNow());
            await using var source = new BarStoreDataSource(connection);
            var rows = await new BarQueries(source).ExportAsync(ticker, session, ct);
            var text = format == "csv" ? ExportFormat.Csv(rows) : ExportFormat.Json(ticker, rows);
            if (output is null)
            {
                Console.Write(text);
            }
            else
            {
                try
                {
                    await File.WriteAllTextAsync(output, text, ct);
                }
                catch (Exception e) when (FileProblem.IsFileFailure(e))
                {
                    throw new IOException($"--out {output} {FileProblem.Describe(output, e, writing: true)}; nothing was exported.", e);
                }

                await Console.Error.WriteLineAsync($"wrote {rows.Count} bars of {ticker} {session.Date:yyyy-MM-dd} to {output}");
            }

            return 0;
        });
}

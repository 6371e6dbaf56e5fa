using System.CommandLine;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Files;
using AlphaKite.Core.Market;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite export</c>: one ticker's session, bars joined with SMA9 and VWAP, as CSV or JSON.</summary>
public static class ExportCommand
{
    public static CliCommand Create(string? databaseUrl, TimeProvider time, NyseCalendar calendar)
    {
        var tickerOption = CliOptions.Text("--ticker", "T", "the ticker to export");
        tickerOption.Required = true;
        var dateOption = CliOptions.Date("--date", "session date in New York (default: today, or the last session when closed)");
        var formatOption = CliOptions.Text("--format", "csv|json", "csv (default) or json");
        var outOption = CliOptions.Text("--out", "FILE", "write to FILE instead of standard output");
        var databaseOption = DatabaseOption.Create();
        var command = new CliCommand("export", "export a session's bars and indicators as CSV or JSON", """
            Times are New York time, with their UTC offset (2026-11-20T09:30:00-05:00), as in `alphakite status`.
            """)
        {
            tickerOption, dateOption, formatOption, outOption, databaseOption,
        };
        command.SetAction(async (args, ct) =>
        {
            var tickerText = args.GetValue(tickerOption)!;
            var ticker = TickerSymbols.Normalize(tickerText)
                ?? throw new UsageException($"--ticker '{tickerText}' is not a ticker symbol ({TickerSymbols.Rule})");
            var date = args.GetValue(dateOption);
            var format = (args.GetValue(formatOption) ?? "csv").ToLowerInvariant();
            if (format is not ("csv" or "json"))
            {
                throw new UsageException($"--format must be csv or json, got '{format}'");
            }

            var output = args.GetValue(outOption);
            var connection = DatabaseOption.Read(args.GetValue(databaseOption), databaseUrl);

            var session = StatusCommand.SessionFor(calendar, date, time.GetUtcNow());
            await using var source = new PostgresDatabase(connection);
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
                    throw new IOException($"--out {output} {FileProblem.Describe(e, Directory.Exists(output), writing: true)}; nothing was exported.", e);
                }

                await Console.Error.WriteLineAsync($"wrote {rows.Count} bars of {ticker} {session.Date:yyyy-MM-dd} to {output}");
            }

            return 0;
        });
        return command;
    }
}

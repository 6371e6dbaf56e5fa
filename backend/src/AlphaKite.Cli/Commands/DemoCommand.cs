using System.CommandLine;
using System.Globalization;
using AlphaKite.Cli.Demo;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using Spectre.Console;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite demo`: the whole job on one simulated session, with no accounts and no set-up.</summary>
public static class DemoCommand
{
    public static CliCommand Create(TimeProvider clock, NyseCalendar calendar)
    {
        var command = new CliCommand("demo", "simulate one session end to end: sandbox + embedded Postgres + chart", """
            Runs the real tick for every minute of one session on a simulated clock, against the built-in
            Schwab-compatible sandbox (real HTTP, real OAuth login and token refreshes) and an embedded
            PostgreSQL, then prints a summary and writes a chart per ticker.
            """);
        var options = new Options(
            CliOptions.Text("--tickers", "LIST", "comma-separated symbols (default: QQQ)"),
            CliOptions.Date("--date", "the session to simulate (default: the most recent session)"),
            CliOptions.Double("--speed", "N", "simulated seconds per real second, e.g. 60 (default: as fast as possible)", 1),
            CliOptions.Text("--replay", "FILE", "serve saved Schwab pricehistory responses instead of synthetic data"),
            CliOptions.Text("--database", "URL", "use this PostgreSQL instead of starting an embedded one"),
            CliOptions.Flag("--keep", "leave the embedded PostgreSQL running after a successful run; prints its connection string and the command that stops it"),
            CliOptions.Text("--work-dir", "DIR", "where the embedded database, token and charts go (default: .alphakite)"));
        foreach (var option in (Option[])[options.Tickers, options.Date, options.Speed, options.Replay, options.Database, options.Keep, options.WorkDir])
        {
            command.Options.Add(option);
        }

        command.SetAction((args, ct) => RunAsync(args, options, clock, calendar, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult args, Options optionsGiven, TimeProvider clock, NyseCalendar calendar, CancellationToken ct)
    {
        var options = new DemoOptions(
            TickerList.Parse(args.GetValue(optionsGiven.Tickers)),
            args.GetValue(optionsGiven.Date) ?? calendar.LatestSession(clock.GetUtcNow()).Date,
            args.GetValue(optionsGiven.Speed),
            args.GetValue(optionsGiven.Replay) is { } replay ? Path.GetFullPath(replay) : null,
            args.GetValue(optionsGiven.Database),
            args.GetValue(optionsGiven.Keep),
            Path.GetFullPath(args.GetValue(optionsGiven.WorkDir) ?? ".alphakite"));
        if (options.ReplayFile is { } file && !File.Exists(file))
        {
            throw new UsageException($"--replay: no file at {file}");
        }

        var console = DemoConsole.Create();
        console.MarkupLine($"[bold]AlphaKite demo[/]: {string.Join(", ", options.Tickers)} on {options.Date:yyyy-MM-dd}, " +
            "Schwab sandbox + PostgreSQL, simulated clock.");
        var started = DateTimeOffset.UtcNow;
        var result = await RunWithProgressAsync(console, options, calendar, ct);
        var elapsed = DateTimeOffset.UtcNow - started;

        console.Write(SummaryTable(result));
        console.MarkupLine($"{result.Ticks} ticks in {elapsed.TotalSeconds:0.0} s; rows written this run: {result.EquityRowsWritten} bars + " +
            $"{result.IndicatorRowsWritten} indicators; access-token refreshes: {result.TokenRefreshes}.");
        foreach (var t in result.Tickers)
        {
            console.MarkupLineInterpolated($"Chart: [link]{t.ChartPath}[/]");
        }

        if (result.KeptConnectionString is { } kept)
        {
            console.MarkupLineInterpolated($"PostgreSQL is still running: {kept}");
            console.MarkupLineInterpolated($"Stop it with: {result.KeptStopCommand}");
        }

        // Plain text: commands must not be wrapped at the console width.
        Console.WriteLine("""

            Next steps
              Real data:  alphakite auth   (Schwab login), then
                          DATABASE_URL=postgresql://... alphakite db migrate && alphakite stream --tickers QQQ
              Production: docs/deployment.md  (./deploy_lambda.sh --plan-only, then ./deploy_lambda.sh)
            """);
        return 0;
    }

    private static async Task<DemoResult> RunWithProgressAsync(IAnsiConsole console, DemoOptions options, NyseCalendar calendar, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Logs and CI: a line per simulated half hour instead of a redrawn bar.
            return await DemoRun.RunAsync(options, calendar, (now, i, total) =>
            {
                if (i % 30 == 0 || i == total)
                {
                    console.WriteLine($"  {NewYork.Clock(now)} New York: {i}/{total} minutes");
                }
            }, ct);
        }

        DemoResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("session", maxValue: 1);
                result = await DemoRun.RunAsync(options, calendar, (now, i, total) =>
                {
                    task.MaxValue = total;
                    task.Value = i;
                    task.Description = $"{NewYork.Clock(now)} New York";
                }, ct);
            });
        return result!;
    }

    private static Table SummaryTable(DemoResult result)
    {
        var table = new Table().AddColumns("Ticker", "Bars", "Gaps", "Last close", "SMA9", "VWAP");
        table.Title = new TableTitle($"{result.Session.Date:yyyy-MM-dd}{(result.Session.IsEarlyClose ? " (early close)" : "")}");
        foreach (var t in result.Tickers)
        {
            table.AddRow(
                t.Ticker,
                $"{t.Status.BarsStored}/{t.Status.ExpectedBars}",
                t.Status.Missing.Count == 0 ? "none" : Markup.Escape(string.Join(" ", t.Status.Missing)),
                Price(t.Last?.Close),
                Price(t.Last?.Sma9),
                Price(t.Last?.Vwap));
        }

        return table;
    }

    private static string Price(decimal? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private sealed record Options(
        Option<string?> Tickers, Option<DateOnly?> Date, Option<double?> Speed, Option<string?> Replay,
        Option<string?> Database, Option<bool> Keep, Option<string?> WorkDir);
}

using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Status;
using AlphaKite.Core.Ticks;
using AlphaKite.LocalPostgres;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Demo;

/// <param name="Speed">Simulated seconds per real second; null runs as fast as the machine allows.</param>
/// <param name="DatabaseUrl">Use this database instead of starting an embedded one.</param>
/// <param name="Keep">Leave the embedded PostgreSQL running after the demo (after a successful one only).</param>
/// <param name="WorkDirectory">Where the embedded cluster, the sandbox token file and the charts go.</param>
public sealed record DemoOptions(
    IReadOnlyList<string> Tickers, DateOnly Date, double? Speed, string? ReplayFile, string? DatabaseUrl, bool Keep, string WorkDirectory);

public sealed record DemoTickerResult(string Ticker, SessionStatus Status, ExportRow? Last, string ChartPath);

public sealed record DemoResult(
    TradingSession Session, IReadOnlyList<DemoTickerResult> Tickers, int Ticks, int EquityRowsWritten, int IndicatorRowsWritten,
    int TokenRefreshes, string? KeptConnectionString, string? KeptStopCommand = null);

/// <summary>
/// The demo: the real tick for every minute of one session on a simulated clock, against the
/// sandbox over HTTP (real login, real token refreshes) and a real PostgreSQL.
/// </summary>
public static class DemoRun
{
    private const string DatabaseName = "alphakite_demo";
    private static readonly SchwabSettings SandboxApp = new("sandbox-app-key", "sandbox-app-secret", SchwabDefaults.CallbackUrl, SchwabDefaults.BaseUrl);

    public static async Task<DemoResult> RunAsync(
        DemoOptions options, NyseCalendar calendar, Action<DateTimeOffset, int, int> onMinute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onMinute);
        var session = calendar.SessionOn(options.Date)
            ?? throw new UsageException($"{options.Date:yyyy-MM-dd} is not a trading day ({calendar.ReasonFor(options.Date) ?? "weekend"}); pick another --date");
        if (options.ReplayFile is { } replay)
        {
            ReplayCoverage.Require(replay, options.Tickers, options.Date, calendar.SessionOn);
        }

        using var workLock = WorkDirectoryLock.Acquire(options.WorkDirectory);

        // The login happens five minutes before the open, as a person would do it in the morning.
        var clock = new SimulatedClock(session.Open.AddMinutes(-5));
        EmbeddedPostgres? embedded = null;
        try
        {
            var database = options.DatabaseUrl is { } url ? PostgresSettings.Parse(url) : await StartEmbeddedAsync(options, e => embedded = e, cancellationToken);
            await using var sandbox = await SandboxServer.StartAsync(
                new SandboxOptions { Clock = clock, ReplayFile = options.ReplayFile, Sessions = calendar.SessionOn }, cancellationToken);
            var schwab = SandboxApp with { BaseUrl = sandbox.BaseUrl };
            var tokenStore = new FileTokenStore(Path.Combine(options.WorkDirectory, "sandbox_token.json"));
            await using var services = TickServices.Create(schwab, tokenStore, database, clock, calendar);
            await Migrator.MigrateAsync(services.Database, cancellationToken);
            var login = await SandboxLogin.LoginAsync(schwab, services.OAuth, clock, cancellationToken);
            await tokenStore.SaveAsync(login.ToJson(), cancellationToken);

            var (ticks, equityRows, indicatorRows) = await RunSessionAsync(options, session, clock, services.Tick, onMinute, cancellationToken);
            var results = new List<DemoTickerResult>();
            foreach (var ticker in options.Tickers)
            {
                results.Add(await SummariseAsync(options, session, clock.GetUtcNow(), services.Queries, ticker, cancellationToken));
            }

            if (options.Keep && embedded is not null)
            {
                embedded.Detach();
                return new DemoResult(
                    session, results, ticks, equityRows, indicatorRows, services.Tokens.RefreshCount, embedded.ConnectionStringFor(DatabaseName), embedded.StopCommand);
            }

            return new DemoResult(session, results, ticks, equityRows, indicatorRows, services.Tokens.RefreshCount, null);
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync(); // nothing to stop once detached (--keep)
            }
        }
    }

    private static async Task<PostgresSettings> StartEmbeddedAsync(DemoOptions options, Action<EmbeddedPostgres> started, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(options.WorkDirectory, "postgres");
        if (!await ServiceProcess.ServiceUserCanReachAsync(options.WorkDirectory, cancellationToken))
        {
            // Run as root from a private directory (a clone under /root): PostgreSQL's own user
            // cannot reach it, so the cluster lives under the temporary directory instead, one per
            // work directory (the work directory's lock covers it).
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.WorkDirectory)))[..12];
            dataDirectory = Path.Combine(Path.GetTempPath(), $"alphakite-demo-postgres-{id}");
        }

        var embedded = new EmbeddedPostgres(dataDirectory);
        started(embedded);
        await embedded.StartAsync(cancellationToken);
        await embedded.CreateDatabaseAsync(DatabaseName, cancellationToken);
        return PostgresSettings.Parse(embedded.ConnectionStringFor(DatabaseName));
    }

    private static async Task<(int Ticks, int EquityRows, int IndicatorRows)> RunSessionAsync(
        DemoOptions options, TradingSession session, SimulatedClock clock, Tick tick, Action<DateTimeOffset, int, int> onMinute, CancellationToken cancellationToken)
    {
        var total = session.ExpectedBars;
        int equityRows = 0, indicatorRows = 0;
        var pause = options.Speed is { } speed ? TimeSpan.FromSeconds(60 / speed) : TimeSpan.Zero;
        for (var i = 1; i <= total; i++)
        {
            // One second past each minute, as the scheduler fires: the bar that just ended is final,
            // the one that just started is still forming and must be left out.
            var now = session.Open.AddMinutes(i).AddSeconds(1);
            clock.Set(now);
            var report = await tick.RunAsync(new TickRequest(options.Tickers), cancellationToken);
            equityRows += report.EquityRowsWritten;
            indicatorRows += report.IndicatorRowsWritten;
            onMinute(now, i, total);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }

        return (total, equityRows, indicatorRows);
    }

    private static async Task<DemoTickerResult> SummariseAsync(
        DemoOptions options, TradingSession session, DateTimeOffset now, BarQueries queries, string ticker, CancellationToken cancellationToken)
    {
        var status = await queries.SessionStatusAsync(ticker, session, now, cancellationToken);
        var rows = await queries.ExportAsync(ticker, session, cancellationToken);
        var chart = Path.Combine(options.WorkDirectory, $"{ticker.Replace('/', '-')}-{session.Date:yyyy-MM-dd}.png");
        var bars = rows.Select(r => new IndicatedBar(new Candle(r.Start, r.Open, r.High, r.Low, r.Close, r.Volume), r.Sma9, r.Vwap)).ToList();
        SessionChart.RenderPng(chart, ticker, session.Date, bars);
        return new DemoTickerResult(ticker, status, rows.Count > 0 ? rows[^1] : null, chart);
    }
}

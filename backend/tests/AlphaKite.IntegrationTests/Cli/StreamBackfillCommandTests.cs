using System.CommandLine.Invocation;
using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Demo;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>
/// `alphakite stream --once` and `alphakite backfill` as a user runs them (argument parsing, exit
/// codes, output), against the sandbox (--base-url) and a real database, with a token file from
/// the sandbox login. The commands get the same clock as the sandbox, so the market is open or
/// closed when the test says so, whatever the time of day the suite runs.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class StreamBackfillCommandTests
{
    private const string AppKey = "sandbox-app-key";
    private const string AppSecret = "sandbox-app-secret";
    private static readonly NyseCalendar Calendar = new();
    private static readonly TradingSession Session = Calendar.SessionOn(new DateOnly(2026, 11, 20))!;

    private SimulatedClock _clock = null!;
    private SandboxServer _sandbox = null!;
    private PostgresSettings _db = null!;
    private string _directory = null!;
    private string _tokenFile = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new SimulatedClock(Session.Close.AddMinutes(30)); // Friday 16:30 New York
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Clock = _clock }, CancellationToken.None);
        _db = await PostgresServer.CreateMigratedDatabaseAsync("cli_tick");

        _directory = Path.Combine(Path.GetTempPath(), "alphakite-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        _tokenFile = Path.Combine(_directory, "schwab_token.json");
        using var http = SchwabHttp.CreateClient();
        var settings = new SchwabSettings(AppKey, AppSecret, SchwabDefaults.CallbackUrl, _sandbox.BaseUrl);
        var login = await SandboxLogin.LoginAsync(settings, new SchwabOAuthClient(http, settings, time: _clock), _clock, CancellationToken.None);
        await new FileTokenStore(_tokenFile).SaveAsync(login.ToJson(), CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Backfill_OneFinishedSession_Loads390RowsAndSaysSo()
    {
        var (code, output, error) = await RunAsync(_db.ConnectionString, "backfill", "--from", "2026-11-20", "--to", "2026-11-20", "--tickers", "qqq");

        code.Should().Be(0, error);
        output.Should().Contain("[1/1] 2026-11-20 QQQ: 390 bars, wrote 390 equity + 390 indicator rows")
            .And.Contain("Backfill done: 1 session(s), 1 loaded, 0 empty, 0 already complete.");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data WHERE ticker = 'QQQ'")).Should().Be(390);
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM indicators WHERE ticker = 'QQQ' AND sma9 IS NOT NULL AND vwap IS NOT NULL")).Should().Be(390);
    }

    [TestCase("2026-11-20", 1, "error: 2026-11-20: Schwab returned no bars for 1AB; check the symbol")]
    [TestCase("2026-09-01", 0, "note: 2026-09-01: Schwab returned no bars for 1AB (older than Schwab's 45 days of minute history)")]
    public async Task Backfill_SessionWithoutBars_CountedEmptyNotLoaded(string day, int exitCode, string message)
    {
        // The sandbox, like Schwab, answers a symbol that is not listed with an empty candle list.
        var (code, output, error) = await RunAsync(_db.ConnectionString, "backfill", "--from", day, "--to", day, "--tickers", "1AB");

        code.Should().Be(exitCode, error);
        output.Should().Contain("Backfill done: 1 session(s), 0 loaded, 1 empty, 0 already complete.");
        error.Should().Contain(message);
    }

    [Test]
    public async Task Backfill_Twice_SecondRunReportsAlreadyCompleteAndFetchesNothing()
    {
        await RunAsync(_db.ConnectionString, "backfill", "--from", "2026-11-19", "--to", "2026-11-20", "--tickers", "QQQ,SPY");
        var requests = _sandbox.Stats.PriceHistoryRequests;
        var updated = await Sql.ScalarAsync<DateTime>(_db.ConnectionString, "SELECT MAX(updated_at) FROM equity_data");

        var (code, output, _) = await RunAsync(_db.ConnectionString, "backfill", "--from", "2026-11-19", "--to", "2026-11-20", "--tickers", "QQQ,SPY");

        code.Should().Be(0);
        output.Should().Contain("[1/2] 2026-11-19: already complete").And.Contain("[2/2] 2026-11-20: already complete")
            .And.Contain("2 session(s), 0 loaded, 0 empty, 2 already complete");
        _sandbox.Stats.PriceHistoryRequests.Should().Be(requests, "a complete session is not fetched again");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data")).Should().Be(4 * 390);
        (await Sql.ScalarAsync<DateTime>(_db.ConnectionString, "SELECT MAX(updated_at) FROM equity_data")).Should().Be(updated);
    }

    [Test]
    public async Task Backfill_ToBeforeFrom_ExitsTwoNothingFetched()
    {
        var (code, _, error) = await RunAsync(_db.ConnectionString, "backfill", "--from", "2026-11-20", "--to", "2026-11-19");

        code.Should().Be(2);
        error.Should().Contain("--to 2026-11-19 is before --from 2026-11-20");
        _sandbox.Stats.PriceHistoryRequests.Should().Be(0);
    }

    [Test]
    public async Task Backfill_NoDatabaseUrl_ExitsTwoNamingTheVariable()
    {
        var (code, _, error) = await RunAsync(null, "backfill", "--from", "2026-11-20", "--to", "2026-11-20");

        code.Should().Be(2);
        error.Should().Contain("DATABASE_URL");
        _sandbox.Stats.PriceHistoryRequests.Should().Be(0);
    }

    [Test]
    public async Task StreamOnce_NoTokenFile_ExitsOneTellingToRunAuth()
    {
        File.Delete(_tokenFile);
        _clock.Set(Session.Open.AddMinutes(10).AddSeconds(1));

        var (code, _, error) = await RunAsync(_db.ConnectionString, "stream", "--once");

        code.Should().Be(1);
        error.Should().Contain("alphakite auth");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data")).Should().Be(0);
    }

    [Test]
    public async Task StreamOnce_ClosedDayNoTokenFile_FailsAtOnceWithTheDoctorsLine()
    {
        File.Delete(_tokenFile);
        _clock.Set(Session.Close.AddDays(1)); // Saturday

        var (code, output, error) = await RunAsync(_db.ConnectionString, "stream", "--once");

        code.Should().Be(1, output);
        error.Should().Contain("FAIL  token: There is no Schwab token file at").And.Contain("alphakite auth")
            .And.Contain("ok    database:").And.Contain("run `alphakite stream` again");
        output.Should().NotContain("market is closed");
    }

    [Test]
    public async Task Stream_ClosedDayDatabaseDown_FailsBeforeWaitingForTheSession()
    {
        _clock.Set(Session.Close.AddDays(1)); // Saturday: the next run is on Monday
        var down = $"postgresql://alphakite:pw@127.0.0.1:{LoopbackPort.Free()}/alphakite";

        // Bounded: without the checks the stream would sleep until Monday (then this ends it with 130).
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var (code, output, error) = await RunAsync(down, _clock, stop.Token, "stream");

        code.Should().Be(1, output);
        error.Should().Contain("FAIL  database: cannot reach PostgreSQL at 127.0.0.1:").And.Contain("ok    token refresh:");
        output.Should().NotContain("Market closed; next run");
    }

    [Test]
    public async Task StreamOnce_DuringSession_WritesCompletedBarsAndPrintsSummary()
    {
        _clock.Set(Session.Open.AddMinutes(10).AddSeconds(1)); // 09:40:01 New York

        var (code, output, error) = await RunAsync(_db.ConnectionString, "stream", "--once", "--tickers", "QQQ");

        code.Should().Be(0, error);
        output.Should().Contain("2026-11-20 QQQ: 10 bars, wrote 10 equity + 10 indicator rows");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data")).Should().Be(10);
    }

    [Test]
    public async Task StreamOnce_AfterTheClose_SaysMarketIsClosedAndExitsZero()
    {
        _clock.Set(Session.Close.AddHours(2));

        var (code, output, _) = await RunAsync(_db.ConnectionString, "stream", "--once");

        code.Should().Be(0);
        output.Should().Contain("2026-11-20: market is closed, nothing fetched");
        _sandbox.Stats.PriceHistoryRequests.Should().Be(0);
    }

    [Test]
    public async Task Stream_LastMinuteFails_CloseOutAfterTheCloseWritesThe1559Bar()
    {
        // Arrange: the 15:59 run wrote 09:30..15:58; the stream then starts just after it, and
        // every request of its 16:00 run (first try + 3 retries) answers 5xx.
        _clock.Set(Session.Close.AddSeconds(-59));
        await RunAsync(_db.ConnectionString, "stream", "--once", "--tickers", "QQQ");
        var before = await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data WHERE ticker = 'QQQ'");
        // Each CLI run is a new process: its first tick asks the market hours (4 attempts fail, the
        // calendar decides), then the 16:00 run's pricehistory fails its 4 attempts.
        _sandbox.Faults.ServerErrorCount = 8;
        using var stop = new CancellationTokenSource();
        var clock = new SleepSkippingClock(_clock, Session.Close.AddHours(1), stop);

        // Act: the stream sleeps to 16:00 (fails), then to the close-out; sleeping past 17:00 ends the test.
        var (code, output, error) = await RunAsync(_db.ConnectionString, clock, stop.Token, "stream", "--tickers", "QQQ");

        // Assert
        code.Should().Be(130, error);
        before.Should().Be(389);
        error.Should().Contain("2026-11-20 QQQ: FAILED", "the 16:00 run failed");
        output.Should().Contain("Session closed; close-out reload of the day at 16:10 New York.")
            .And.Contain("2026-11-20 QQQ: 390 bars, wrote 1 equity + 1 indicator rows");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data WHERE ticker = 'QQQ'")).Should().Be(390);
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM indicators WHERE ticker = 'QQQ'")).Should().Be(390);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(string? databaseUrl, params string[] args)
    {
        var environment = new CliEnvironment(databaseUrl, AppKey, AppSecret, null, null, "QQQ", null);
        CliCommand[] commands =
        [
            StreamCommand.Create(environment, _clock, Calendar),
            BackfillCommand.Create(environment, _clock, Calendar),
        ];
        string[] full = [.. args, "--base-url", _sandbox.BaseUrl.ToString(), "--token-file", _tokenFile];
        return await CliRunner.RunAsync(full, commands);
    }

    /// <summary>`stream` on a clock that skips its sleeps: the stream's wait for the next run (30 s
    /// or more) moves the market clock forward at once instead of waiting; shorter timers (HTTP
    /// retries, timeouts) stay real. A sleep past <paramref name="stopAt"/> stops the stream instead.</summary>
    private async Task<(int Code, string Out, string Error)> RunAsync(string? databaseUrl, TimeProvider clock, CancellationToken stop, params string[] args)
    {
        var environment = new CliEnvironment(databaseUrl, AppKey, AppSecret, null, null, "QQQ", null);
        var stream = StreamCommand.Create(environment, clock, Calendar);
        var run = (AsynchronousCommandLineAction)stream.Action!;
        stream.SetAction(async (parse, ct) =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stop);
            try
            {
                return await run.InvokeAsync(parse, linked.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 130;
            }
        });
        string[] full = [.. args, "--base-url", _sandbox.BaseUrl.ToString(), "--token-file", _tokenFile];
        return await CliRunner.RunAsync(full, [stream]);
    }

    private sealed class SleepSkippingClock(SimulatedClock market, DateTimeOffset stopAt, CancellationTokenSource stop) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => market.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime >= TimeSpan.FromSeconds(30) && period == Timeout.InfiniteTimeSpan)
            {
                var wakeUp = market.GetUtcNow() + dueTime;
                if (wakeUp > stopAt)
                {
                    stop.Cancel();
                    return base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, period);
                }

                market.Set(wakeUp);
                dueTime = TimeSpan.Zero;
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}

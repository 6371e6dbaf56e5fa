using System.Diagnostics;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// A whole session, one tick a minute, through the real parts. Expected values come from outside
/// the code under test: the sandbox read with a raw HttpClient, and SMA9/VWAP from npm
/// technicalindicators.
/// </summary>
[Category("Integration")]
public sealed class TickFullSessionTests
{
    // Stored as numeric(18,6): rounding to 6 places moves a value by at most 5e-7; the oracle's
    // doubles add ~1e-13 at these prices. 1e-6 absorbs both and still catches any definitional
    // slip (close instead of typical price, a wrong window), which moves values by 1e-3 or more.
    private const double Tolerance = 1e-6;
    private static readonly string[] Tickers = ["QQQ", "SPY"];

    [Test]
    public async Task Session_SteppedMinuteByMinute_390RowsPerTickerMatchingIndependentIndicators()
    {
        await using var rig = await TickRig.StartAsync();

        var perTick = await RunSessionAsync(rig, rig.ConnectionString);

        perTick.EquityRowsPerTicker.Should().HaveCount(390 * Tickers.Length).And.OnlyContain(n => n == 1,
            "each minute adds exactly the bar that just ended (a partial bar stored early would be re-written: 2)");
        perTick.IndicatorRowsPerTicker.Should().OnlyContain(n => n == 1);
        perTick.EarlyBars.Should().BeEmpty("the still-forming minute must never reach the table");
        perTick.RowCounts.Should().Equal(Enumerable.Range(1, 390).Select(i => (long)i * Tickers.Length));
        foreach (var ticker in Tickers)
        {
            (await ReferenceBars.CountAsync(rig.ConnectionString, ticker)).Should().Be((390L, 390L));
            await ExpectIndependentValuesAsync(rig, ticker, await ReferenceBars.StoredAsync(rig.ConnectionString, ticker));
        }
    }

    [Test]
    public async Task Session_ThroughPgBouncerTransactionMode_SameRowsAsDirect()
    {
        await using var bouncer = await PgBouncerServer.StartAsync(PostgresServer.Instance);
        var direct = await PostgresServer.CreateMigratedDatabaseAsync("tick_bouncer");

        var pooled = bouncer.ConnectionFor(direct.Database);
        await using var rig = await TickRig.StartAsync(pooled, migrate: false);

        var perTick = await RunSessionAsync(rig, direct.ConnectionString);

        perTick.EquityRowsPerTicker.Should().OnlyContain(n => n == 1, "no tick failed (a prepared-statement error would throw)");
        perTick.EarlyBars.Should().BeEmpty();
        await using var reference = await TickRig.StartAsync();
        reference.Clock.Set(TickRig.Session.Close.AddMinutes(5));
        await reference.Tick.RunAsync(new TickRequest(Tickers, TickRig.Session.Date, Force: true), CancellationToken.None);
        foreach (var ticker in Tickers)
        {
            var viaBouncer = await ReferenceBars.StoredAsync(direct.ConnectionString, ticker);
            viaBouncer.Should().HaveCount(390).And.Equal(await ReferenceBars.StoredAsync(reference.ConnectionString, ticker));
            await ExpectIndependentValuesAsync(rig, ticker, viaBouncer);
        }
    }

    [Test]
    public async Task FiftyTickers_OneTick_InsideRequestBudgetAndAllWritten()
    {
        await using var rig = await TickRig.StartAsync();
        var tickers = Enumerable.Range(0, 50).Select(i => $"T{i:00}").ToList();
        rig.AtMinute(30);

        var watch = Stopwatch.StartNew();
        var report = await rig.RunAsync(tickers);
        watch.Stop();

        TestContext.Out.WriteLine($"50 tickers, one tick (30 bars each): {watch.ElapsedMilliseconds} ms");
        rig.Sandbox.Stats.PriceHistoryRequests.Should().Be(50, "one request per ticker");
        rig.Sandbox.Stats.TooManyRequests.Should().Be(0);
        report.EquityRowsWritten.Should().Be(50 * 30);
        var counts = await Sql.RowsAsync(rig.ConnectionString, "SELECT ticker, COUNT(*) FROM equity_data GROUP BY ticker");
        counts.Should().HaveCount(50).And.OnlyContain(r => (long)r[1]! == 30);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a tick has one minute; Lambda's timeout is shorter still");
    }

    private static async Task<SessionRun> RunSessionAsync(TickRig rig, string checkConnection)
    {
        var run = new SessionRun();
        for (var i = 1; i <= 390; i++)
        {
            rig.AtMinute(i);
            var report = await rig.RunAsync(Tickers);
            run.EquityRowsPerTicker.AddRange(report.Tickers.Select(t => t.Written.EquityRows));
            run.IndicatorRowsPerTicker.AddRange(report.Tickers.Select(t => t.Written.IndicatorRows));
            // The bar starting at open + i min is still forming at open + i min + 1 s.
            var forming = TickRig.Session.Open.AddMinutes(i);
            var early = await Sql.ScalarAsync<long>(checkConnection,
                $"SELECT COUNT(*) FROM equity_data WHERE \"timestamp\" >= '{forming:O}'::timestamptz");
            if (early > 0)
            {
                run.EarlyBars.Add(forming);
            }

            run.RowCounts.Add(await Sql.ScalarAsync<long>(checkConnection, "SELECT COUNT(*) FROM equity_data"));
        }

        return run;
    }

    private static async Task ExpectIndependentValuesAsync(TickRig rig, string ticker, List<StoredRow> stored)
    {
        var session = TickRig.Session;
        // Thursday 2026-11-19, 09:30-16:00 EST: written out, not asked of the calendar the tick uses.
        var previousOpen = new DateTimeOffset(2026, 11, 19, 14, 30, 0, TimeSpan.Zero);
        var previousClose = new DateTimeOffset(2026, 11, 19, 21, 0, 0, TimeSpan.Zero);
        var token = await rig.Tokens.GetAccessTokenAsync(CancellationToken.None);
        var bars = await ReferenceBars.FetchAsync(rig.Sandbox.BaseUrl, token, ticker, session.Open, session.Close);
        var history = (await ReferenceBars.FetchAsync(rig.Sandbox.BaseUrl, token, ticker, previousOpen, previousClose)).TakeLast(8).ToList();
        bars.Should().HaveCount(390);
        history.Should().HaveCount(8);
        var (sma9, vwap) = IndicatorOracle.Compute(history, bars);

        stored.Select(r => new ReferenceBar(r.Start, r.Open, r.High, r.Low, r.Close, r.Volume)).Should()
            .Equal(bars, "every stored bar is the final bar, never an early partial one");
        var mismatches = new List<string>();
        for (var i = 0; i < bars.Count; i++)
        {
            Compare(mismatches, $"{ticker} {bars[i].Start:HH:mm} sma9", stored[i].Sma9, sma9[i]);
            Compare(mismatches, $"{ticker} {bars[i].Start:HH:mm} vwap", stored[i].Vwap, vwap[i]);
        }

        mismatches.Should().BeEmpty();
    }

    private static void Compare(List<string> mismatches, string what, decimal? actual, double? expected)
    {
        var ok = expected is null ? actual is null : actual is { } a && Math.Abs((double)a - expected.Value) <= Tolerance;
        if (!ok)
        {
            mismatches.Add($"{what}: stored {actual?.ToString() ?? "null"}, technicalindicators {expected?.ToString("R") ?? "null"}");
        }
    }

    private sealed class SessionRun
    {
        public List<int> EquityRowsPerTicker { get; } = [];

        public List<int> IndicatorRowsPerTicker { get; } = [];

        public List<DateTimeOffset> EarlyBars { get; } = [];

        public List<long> RowCounts { get; } = [];
    }
}

using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.Postgres;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.MarketData;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// Two runs of the same minute at once, as happens without reserved concurrency (the default: a new
/// account cannot reserve any) when a run is slow or an invocation is delivered twice.
/// </summary>
[Category("Integration")]
public sealed class TickOverlapTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    public async Task TwoOverlappingTicks_SameMinuteSameDatabase_BothSucceedAndRowsAsFromOneTick()
    {
        string[] tickers = ["QQQ", "SPY"];
        // Two Lambda instances: each its own Schwab login, HTTP client and connection pool, one database.
        await using var first = await TickRig.StartAsync();
        await using var second = await TickRig.StartAsync(first.Database.Settings, migrate: false);
        await using var alone = await TickRig.StartAsync();
        first.AtMinute(30);
        second.AtMinute(30);
        alone.AtMinute(30);
        // Each tick's store waits at its first upsert until the other tick has reached its own, so
        // both are inside the upsert phase (real transactions on the same rows) at the same time.
        using var http = SchwabHttp.CreateClient();
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstTick = OverlappingTick(first, http, firstArrived, secondArrived.Task);
        var secondTick = OverlappingTick(second, http, secondArrived, firstArrived.Task);

        var overlapping = await Task.WhenAll(
            firstTick.RunAsync(new TickRequest(tickers), CancellationToken.None),
            secondTick.RunAsync(new TickRequest(tickers), CancellationToken.None));
        await alone.RunAsync(tickers);

        overlapping.Should().OnlyContain(r => r.Tickers.Count == 2 && r.Succeeded, "both met inside the upsert phase and both committed");
        foreach (var ticker in tickers)
        {
            var stored = await ReferenceBars.StoredAsync(first.ConnectionString, ticker);
            stored.Should().HaveCount(30, $"{ticker}: one row per completed bar, none twice");
            stored.Should().Equal(await ReferenceBars.StoredAsync(alone.ConnectionString, ticker), $"{ticker}: the same rows as a single run");
            (await ReferenceBars.CountAsync(first.ConnectionString, ticker)).Should().Be((30L, 30L));
        }
    }

    // The rig's own parts (clock, tokens, database) with a real market data client and a real
    // PostgresBarStore behind the meeting point.
    private static Tick OverlappingTick(TickRig rig, HttpClient http, TaskCompletionSource arrived, Task other)
    {
        var market = new SchwabMarketDataClient(http, rig.Settings.BaseUrl, rig.Tokens, new RequestBudget(time: rig.Clock), TickRig.FastRetry, rig.Clock);
        var store = new MeetingStore(new PostgresBarStore(rig.Database), arrived, other);
        return new Tick(rig.Clock, new NyseCalendar(), rig.Tokens, market, store);
    }

    private sealed class MeetingStore(IBarStore inner, TaskCompletionSource arrived, Task other) : IBarStore
    {
        public async Task<WriteResult> UpsertAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken)
        {
            arrived.TrySetResult();
            // A timeout fails this ticker, and the test with it: the ticks never overlapped.
            await other.WaitAsync(Wait, cancellationToken);
            return await inner.UpsertAsync(ticker, bars, cancellationToken);
        }
    }
}

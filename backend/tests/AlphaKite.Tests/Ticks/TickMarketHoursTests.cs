using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Ticks;

/// <summary>The tick with Schwab's market hours in the loop (scripted), over in-memory market data and store.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class TickMarketHoursTests
{
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DateTimeOffset FridayOpen = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new();
    private readonly ScriptedMarketData _market = new();
    private readonly RecordingStore _store = new();
    private readonly CountingTokens _tokens = new();
    private readonly ScriptedMarketHours _schwab = new();

    private Tick NewTick() => new(_clock, new NyseCalendar(), _tokens, _market, _store, marketHours: new MarketHoursCheck(_schwab, _clock));

    [Test]
    public async Task RunAsync_SchwabSaysClosedOnACalendarDay_SkipsWithoutFetching()
    {
        _schwab.Sessions[Friday] = null;
        _clock.SetUtcNow(FridayOpen.AddMinutes(30).AddSeconds(1));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);

        report.Skipped.Should().BeTrue();
        report.Session.Should().BeNull();
        report.SessionCheck!.Disagrees.Should().BeTrue();
        report.SessionCheck.Calendar!.Close.Should().Be(FridayOpen.AddHours(6.5));
        _market.Requests.Should().BeEmpty();
        _tokens.Calls.Should().Be(0);
    }

    [Test]
    public async Task RunAsync_SchwabSaysEarlyClose_FetchesToSchwabsCloseThenSkipsAfterIt()
    {
        // 13:00 New York = 18:00Z.
        var close = FridayOpen.AddMinutes(210);
        _schwab.Sessions[Friday] = new TradingSession(Friday, FridayOpen, close, true);
        _market.Candles["QQQ"] = Enumerable.Range(0, 390)
            .Select(i => new Candle(FridayOpen.AddMinutes(i), 100, 101, 99, 100, 10)).ToList();
        var tick = NewTick();

        _clock.SetUtcNow(close.AddSeconds(1));
        var last = await tick.RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);
        _clock.SetUtcNow(FridayOpen.AddMinutes(240).AddSeconds(1)); // 13:30: the calendar would run
        var after = await tick.RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);

        after.Skipped.Should().BeTrue();
        last.Skipped.Should().BeFalse();
        last.Session!.Close.Should().Be(close);
        last.Session.ExpectedBars.Should().Be(210);
        _market.Requests.Should().ContainSingle().Which.To.Should().Be(close);
        _store.Upserts["QQQ"].Should().HaveCount(210);
        _store.Upserts["QQQ"][^1].Candle.Start.Should().Be(close.AddMinutes(-1));
        _schwab.Asked.Should().HaveCount(1, "once per date per process");
    }

    [Test]
    public async Task RunAsync_ReloadOfAPastDate_DoesNotAsk()
    {
        _clock.SetUtcNow(FridayOpen.AddMinutes(30));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"], new DateOnly(2026, 11, 19)), CancellationToken.None);

        report.Skipped.Should().BeFalse();
        report.SessionCheck!.Exchange.Should().BeNull();
        report.SessionCheck.Source.Should().Be("calendar");
        _schwab.Asked.Should().BeEmpty();
    }
}

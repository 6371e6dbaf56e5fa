using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Ticks;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class TickTests
{
    // Friday 2026-11-20 is a regular session (EST: 09:30 New York = 14:30 UTC). The previous
    // session is Thursday 2026-11-19.
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DateTimeOffset FridayOpen = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ThursdayOpen = new(2026, 11, 19, 14, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new();
    private readonly ScriptedMarketData _market = new();
    private readonly RecordingStore _store = new();
    private readonly CountingTokens _tokens = new();

    private Tick NewTick() => new(_clock, new NyseCalendar(), _tokens, _market, _store);

    private static List<Candle> Session(DateTimeOffset open, int bars, decimal firstClose) =>
        Enumerable.Range(0, bars)
            .Select(i => new Candle(open.AddMinutes(i), firstClose + i, firstClose + i + 1, firstClose + i - 1, firstClose + i, 100))
            .ToList();

    [Test]
    public async Task RunAsync_Saturday_SkipsWithoutFetching()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);

        report.Skipped.Should().BeTrue();
        report.Session.Should().BeNull();
        _market.Requests.Should().BeEmpty();
        _tokens.Calls.Should().Be(0);
    }

    [TestCase(0, true, TestName = "RunAsync_AtTheOpen_Skips")]
    [TestCase(60, false, TestName = "RunAsync_OneMinuteAfterOpen_Runs")]
    [TestCase(391 * 60, false, TestName = "RunAsync_OneMinuteAfterClose_Runs")]
    [TestCase(391 * 60 + 1, true, TestName = "RunAsync_PastCloseWindow_Skips")]
    public async Task RunAsync_SessionWindowBoundaries(int secondsAfterOpen, bool skipped)
    {
        _clock.SetUtcNow(FridayOpen.AddSeconds(secondsAfterOpen));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);

        report.Skipped.Should().Be(skipped);
    }

    [Test]
    public async Task RunAsync_OneMinuteAfterOpen_StoresTheOpeningBarWithSmaFromYesterday()
    {
        var yesterday = Session(ThursdayOpen, 390, 100m); // closes 100..489
        _market.Candles["QQQ"] = [.. yesterday, .. Session(FridayOpen, 2, 1000m)];
        _clock.SetUtcNow(FridayOpen.AddMinutes(1));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);

        // The 09:31 bar is still forming at 09:31:00 + 0 s: only the 09:30 bar is final.
        var bars = _store.Upserts["QQQ"];
        bars.Should().ContainSingle();
        var bar = bars[0];
        bar.Candle.Start.Should().Be(FridayOpen);
        // SMA9 at the open = (yesterday's last 8 closes 482..489 + 1000) / 9 = (3884 + 1000) / 9.
        bar.Sma9.Should().Be(4884m / 9m);
        // VWAP of one bar = its typical price (1001 + 999 + 1000) / 3 = 1000.
        bar.Vwap.Should().Be(1000m);
        report.Tickers[0].Drops.Should().ContainKey(DropReason.NotFinal).WhoseValue.Should().Be(1);
        report.Tickers[0].Lag.Should().Be(TimeSpan.Zero);
        _market.Requests.Should().ContainSingle().Which.Should().Be(("QQQ", ThursdayOpen, FridayOpen.AddMinutes(1)));
    }

    [Test]
    public async Task RunAsync_PastDate_StoresTheWholeSession()
    {
        _market.Candles["SPY"] = [.. Session(ThursdayOpen, 390, 100m), .. Session(FridayOpen, 390, 200m)];
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

        var report = await NewTick().RunAsync(new TickRequest(["SPY"], Date: Friday), CancellationToken.None);

        report.Skipped.Should().BeFalse();
        _store.Upserts["SPY"].Should().HaveCount(390);
        report.Tickers[0].LatestBar.Should().Be(FridayOpen.AddMinutes(389));
        report.Tickers[0].Lag.Should().BeNull("a reload of a finished session is not behind live");
    }

    [TestCase(0, false, TestName = "RunAsync_CloseOutAtTheClose_ReloadsTheDay")]
    [TestCase(10 * 60, false, TestName = "RunAsync_CloseOutTenMinutesAfterClose_ReloadsTheDay")]
    [TestCase(5 * 3600, false, TestName = "RunAsync_CloseOutLateEvening_ReloadsTheDay")]
    [TestCase(-1, true, TestName = "RunAsync_CloseOutBeforeTheClose_Skips")]
    public async Task RunAsync_CloseOut_RunsOnceTheSessionHasClosed(int secondsAfterClose, bool skipped)
    {
        _market.Candles["QQQ"] = [.. Session(ThursdayOpen, 390, 100m), .. Session(FridayOpen, 390, 200m)];
        _clock.SetUtcNow(FridayOpen.AddMinutes(390).AddSeconds(secondsAfterClose));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"], CloseOut: true), CancellationToken.None);

        report.Skipped.Should().Be(skipped);
        report.Date.Should().Be(Friday);
        if (!skipped)
        {
            _store.Upserts["QQQ"].Should().HaveCount(390, "the close-out reloads the whole session, 09:30..15:59");
            report.Tickers[0].Lag.Should().BeNull("a close-out is a reload, not a live minute");
        }
        else
        {
            _market.Requests.Should().BeEmpty();
        }
    }

    [Test]
    public async Task RunAsync_CloseOutAfterAnEarlyClose_ReloadsThe210Bars()
    {
        // Friday 2026-11-27, the day after Thanksgiving: 09:30-13:00 EST (14:30Z-18:00Z); the
        // previous session is Wednesday 2026-11-25.
        var wednesdayOpen = new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero);
        var earlyOpen = new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);
        _market.Candles["QQQ"] = [.. Session(wednesdayOpen, 390, 100m), .. Session(earlyOpen, 210, 200m)];
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 21, 10, 0, TimeSpan.Zero)); // the 16:10 schedule

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"], CloseOut: true), CancellationToken.None);

        report.Skipped.Should().BeFalse();
        _store.Upserts["QQQ"].Should().HaveCount(210);
        report.Tickers[0].LatestBar.Should().Be(earlyOpen.AddMinutes(209));
        report.Tickers[0].Lag.Should().BeNull();
    }

    [Test]
    public async Task RunAsync_CloseOutOnAHoliday_SkipsWithoutFetching()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 21, 10, 0, TimeSpan.Zero)); // Thanksgiving 16:10

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"], CloseOut: true), CancellationToken.None);

        report.Skipped.Should().BeTrue();
        _market.Requests.Should().BeEmpty();
        _tokens.Calls.Should().Be(0);
    }

    [Test]
    public async Task RunAsync_ExtendedHoursBetweenSessions_DroppedAsOutsideWindow()
    {
        var afterHours = new Candle(ThursdayOpen.AddHours(7), 5, 6, 4, 5, 10); // 16:30 New York
        _market.Candles["QQQ"] = [.. Session(ThursdayOpen, 390, 100m), afterHours, .. Session(FridayOpen, 5, 300m)];
        _clock.SetUtcNow(FridayOpen.AddMinutes(5));

        var report = await NewTick().RunAsync(new TickRequest(["QQQ"]), CancellationToken.None);

        report.Tickers[0].Drops[DropReason.OutsideWindow].Should().Be(1);
        _store.Upserts["QQQ"].Should().HaveCount(5);
    }

    [Test]
    public async Task RunAsync_OneTickerFails_OthersWrittenAndTickThrows()
    {
        _market.Candles["QQQ"] = Session(FridayOpen, 10, 100m);
        _market.Failing.Add("BAD");
        _clock.SetUtcNow(FridayOpen.AddMinutes(10));

        var act = () => NewTick().RunAsync(new TickRequest(["QQQ", "BAD"]), CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<TickFailedException>();
        thrown.Which.Message.Should().Contain("BAD").And.Contain("HTTP 500");
        thrown.Which.Report.Tickers.Single(t => t.Ticker == "QQQ").SessionBars.Should().Be(10);
        _store.Upserts.Should().ContainKey("QQQ").And.NotContainKey("BAD");
    }

    [Test]
    public async Task RunAsync_OneTickerFails_KeepsItsExceptionAsTheCause()
    {
        _market.Candles["QQQ"] = Session(FridayOpen, 10, 100m);
        _market.Failing.Add("BAD");
        _clock.SetUtcNow(FridayOpen.AddMinutes(10));

        var act = () => NewTick().RunAsync(new TickRequest(["QQQ", "BAD"]), CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<TickFailedException>();
        thrown.Which.InnerException.Should().BeOfType<MarketDataException>().Which.Message.Should().Be("pricehistory for BAD failed: HTTP 500");
        thrown.Which.InnerException!.StackTrace.Should().Contain(nameof(ScriptedMarketData.FetchCandlesAsync));
    }

    [Test]
    public async Task RunAsync_CancelledWhileOneTickerWrites_ReportsWhatWasReallyFetchedAndWritten()
    {
        // Arrange: QQQ is written at once; SPY's write hangs until the deadline cancels the tick.
        _market.Candles["QQQ"] = Session(FridayOpen, 10, 100m);
        _market.Candles["SPY"] = Session(FridayOpen, 10, 500m);
        _clock.SetUtcNow(FridayOpen.AddMinutes(10));
        var store = new HangingStore("SPY");
        var tick = new Tick(_clock, new NyseCalendar(), _tokens, _market, store);
        using var deadline = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            await store.Hanging;
            while (store.Written < 1)
            {
                await Task.Delay(5);
            }

            await deadline.CancelAsync();
        });

        // Act
        var act = () => tick.RunAsync(new TickRequest(["QQQ", "SPY"]), deadline.Token);

        // Assert: not a bare OperationCanceledException with nothing to report, and not zeros.
        var thrown = await act.Should().ThrowAsync<TickFailedException>();
        var report = thrown.Which.Report;
        report.CandlesFetched.Should().Be(20);
        report.EquityRowsWritten.Should().Be(10);
        report.IndicatorRowsWritten.Should().Be(10);
        report.Tickers.Single(t => t.Ticker == "QQQ").Succeeded.Should().BeTrue();
        report.Tickers.Single(t => t.Ticker == "SPY").Error.Should().StartWith("stopped before it finished");
        thrown.Which.InnerException.Should().BeAssignableTo<OperationCanceledException>();
    }

    [Test]
    public async Task RunAsync_ManyTickers_TokenRequestedOnceBeforeFetching()
    {
        string[] tickers = ["A", "B", "C", "D", "E", "F"];
        _clock.SetUtcNow(FridayOpen.AddMinutes(3));

        var report = await NewTick().RunAsync(new TickRequest(tickers), CancellationToken.None);

        _tokens.Calls.Should().Be(1);
        report.Tickers.Select(t => t.Ticker).Should().Equal(tickers);
        report.SessionBars.Should().Be(0);
    }
}

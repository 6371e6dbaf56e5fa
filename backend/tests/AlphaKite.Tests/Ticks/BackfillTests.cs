using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ticks;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Ticks;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class BackfillTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ScriptedMarketData _market = new();
    private readonly RecordingStore _store = new();

    private Backfill NewBackfill()
    {
        var calendar = new NyseCalendar();
        return new Backfill(new Tick(_clock, calendar, new CountingTokens(), _market, _store), calendar, _clock);
    }

    [Test]
    public async Task RunAsync_WeekWithCompleteDay_LoadsOnlyMissingFinishedSessions()
    {
        // Wednesday 2026-11-18 15:00 New York: Mon and Tue are over, Wed is still open.
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 20, 0, 0, TimeSpan.Zero));
        var monday = new DateOnly(2026, 11, 16);
        var mondayOpen = new DateTimeOffset(2026, 11, 16, 14, 30, 0, TimeSpan.Zero);
        _market.Candles["QQQ"] = Enumerable.Range(0, 390)
            .Select(i => new Candle(mondayOpen.AddMinutes(i), 10, 11, 9, 10, 5)).ToList();
        var seen = new List<BackfillStep>();

        var steps = await NewBackfill().RunAsync(
            ["QQQ"], new DateOnly(2026, 11, 14), new DateOnly(2026, 11, 20),
            (session, _) => Task.FromResult(session.Date == new DateOnly(2026, 11, 17)),
            seen.Add, CancellationToken.None);

        steps.Select(s => s.Session.Date).Should().Equal(monday, new DateOnly(2026, 11, 17));
        steps[0].Report!.SessionBars.Should().Be(390);
        steps[1].AlreadyComplete.Should().BeTrue();
        steps[1].Report.Should().BeNull();
        seen.Should().Equal(steps);
        _market.Requests.Should().ContainSingle();
    }

    [Test]
    public void SessionsToLoad_ToBeforeFrom_ThrowsNamingBoth()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 20, 0, 0, TimeSpan.Zero));

        var act = () => NewBackfill().SessionsToLoad(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 1));

        act.Should().Throw<ArgumentException>().WithMessage("*2026-11-01*2026-11-10*");
    }

    [Test]
    public void OldestAvailable_IsFortyFiveDaysBackInNewYork()
    {
        // 2026-11-18 03:00 UTC is still 2026-11-17 in New York.
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 3, 0, 0, TimeSpan.Zero));

        NewBackfill().OldestAvailable().Should().Be(new DateOnly(2026, 10, 3));
    }
}

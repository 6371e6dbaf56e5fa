using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Ticks;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class MarketHoursCheckTests
{
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly TradingSession Full = new(Friday, new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), new(2026, 11, 20, 21, 0, 0, TimeSpan.Zero), false);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 14, 31, 0, TimeSpan.Zero));
    private readonly ScriptedMarketHours _schwab = new() { Otherwise = _ => Full };

    [Test]
    public async Task DecideAsync_SameDateTwice_AsksOnceAndOnlyTheFirstIsAskedNow()
    {
        var check = new MarketHoursCheck(_schwab, _clock);

        var first = await check.DecideAsync(Friday, Full, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(3));
        var second = await check.DecideAsync(Friday, Full, CancellationToken.None);

        _schwab.Asked.Should().Equal(Friday);
        first.AskedNow.Should().BeTrue();
        first.Disagrees.Should().BeFalse();
        second.AskedNow.Should().BeFalse();
        second.Disagrees.Should().BeFalse("a cached answer still decides");
    }

    [Test]
    public async Task DecideAsync_NextDate_AsksAgain()
    {
        var check = new MarketHoursCheck(_schwab, _clock);
        var monday = new DateOnly(2026, 11, 23);

        await check.DecideAsync(Friday, Full, CancellationToken.None);
        var verdict = await check.DecideAsync(monday, null, CancellationToken.None);

        _schwab.Asked.Should().Equal(Friday, monday);
        verdict.AskedNow.Should().BeTrue();
    }

    [Test]
    public async Task DecideAsync_SchwabFails_CalendarDecidesAndAsksAgainOnlyAfterTheRetryInterval()
    {
        var check = new MarketHoursCheck(_schwab, _clock, retryAfterFailure: TimeSpan.FromMinutes(10));
        _schwab.Failure = new MarketDataException("market hours 2026-11-20: Schwab's markets answered HTTP 503");

        var failed = await check.DecideAsync(Friday, Full, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(9));
        var cached = await check.DecideAsync(Friday, Full, CancellationToken.None);
        _schwab.Failure = null;
        _schwab.Otherwise = _ => null; // closed
        _clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await check.DecideAsync(Friday, Full, CancellationToken.None);

        failed.Session.Should().Be(Full);
        failed.Unusable.Should().Contain("HTTP 503");
        failed.Exchange!.Cause.Should().BeOfType<MarketDataException>();
        cached.AskedNow.Should().BeFalse();
        _schwab.Asked.Should().HaveCount(2);
        retried.AskedNow.Should().BeTrue();
        retried.Session.Should().BeNull("Schwab's answer, once it comes, wins");
        retried.Disagrees.Should().BeTrue();
    }

    [Test]
    public async Task DecideAsync_SchwabHangs_CalendarDecidesAtTheTimeout()
    {
        var check = new MarketHoursCheck(_schwab, _clock, timeout: TimeSpan.FromSeconds(5));
        _schwab.Hang = true;

        var pending = check.DecideAsync(Friday, Full, CancellationToken.None);
        await _schwab.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        pending.IsCompleted.Should().BeFalse();
        _clock.Advance(TimeSpan.FromSeconds(5));
        var verdict = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        verdict.Session.Should().Be(Full);
        verdict.Unusable.Should().Be("Schwab's market hours did not answer within 5 s");
    }

    [Test]
    public async Task DecideAsync_CallerCancels_Throws()
    {
        var check = new MarketHoursCheck(_schwab, _clock);
        _schwab.Hang = true;
        using var deadline = new CancellationTokenSource();

        var pending = check.DecideAsync(Friday, Full, deadline.Token);
        await _schwab.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await deadline.CancelAsync();

        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<OperationCanceledException>();
    }
}

using AlphaKite.Schwab.MarketData;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Schwab;

public class RequestBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 31, 0, TimeSpan.Zero);

    [Test]
    public async Task Acquire_FiftyTickersFiveRequestsEach_NeverMoreThanLimitInAnyRollingMinute()
    {
        var time = new FakeTimeProvider(T0);
        var budget = new RequestBudget(110, time);
        var granted = new List<DateTimeOffset>();
        var tickers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var at = await budget.AcquireAsync(CancellationToken.None);
                lock (granted)
                {
                    granted.Add(at);
                }
            }
        })).ToArray();

        var all = Task.WhenAll(tickers);
        // Let every ticker reach the budget before time moves, so the first minute is saturated.
        for (var spin = 0; spin < 500 && Count(granted) < 110; spin++)
        {
            await Task.Delay(10);
        }

        for (var step = 0; step < 2000 && !all.IsCompleted; step++)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await all;
        granted.Should().HaveCount(250);
        granted.Sort();
        for (var i = 0; i < granted.Count; i++)
        {
            var inWindow = granted.Count(t => t >= granted[i] && t < granted[i] + TimeSpan.FromMinutes(1));
            inWindow.Should().BeLessThanOrEqualTo(110, "the minute starting {0:O}", granted[i]);
        }

        // 250 = 110 + 110 + 30: three windows, so the budget also does not starve anyone.
        granted.Count(t => t == T0).Should().Be(110);
        granted[^1].Should().BeBefore(T0 + TimeSpan.FromSeconds(130));
    }

    private static int Count(List<DateTimeOffset> granted)
    {
        lock (granted)
        {
            return granted.Count;
        }
    }

    [Test]
    public async Task Acquire_LimitReached_WaitsUntilTheOldestSlotIsSixtySecondsOld()
    {
        var time = new FakeTimeProvider(T0);
        var budget = new RequestBudget(1, time);
        await budget.AcquireAsync(CancellationToken.None);

        var second = budget.AcquireAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        second.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(T0 + TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task Acquire_CancelledWhileWaiting_ThrowsAndTakesNoSlot()
    {
        var time = new FakeTimeProvider(T0);
        var budget = new RequestBudget(1, time);
        await budget.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = budget.AcquireAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        time.Advance(TimeSpan.FromSeconds(60));
        (await budget.AcquireAsync(CancellationToken.None)).Should().Be(T0 + TimeSpan.FromSeconds(60));
    }

    [Test]
    public void Constructor_ZeroLimit_Throws()
    {
        FluentActions.Invoking(() => new RequestBudget(0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}

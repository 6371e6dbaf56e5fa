namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// Two runs of the same minute at once, as happens without reserved concurrency (the default: a new
/// account cannot reserve any) when a run is slow or an invocation is delivered twice.
/// </summary>
[Category("Integration")]
public sealed class TickOverlapTests
{
    [Test]
    public async Task TwoOverlappingTicks_SameMinuteSameDatabase_BothSucceedAndRowsAsFromOneTick()
    {
        string[] tickers = ["QQQ", "SPY"];
        // Two Lambda instances: each its own Schwab login, HTTP client and connection pool, one database.
        await using var first = await TickRig.StartAsync();
        await using var second = await TickRig.StartAsync(first.Database.Connection, migrate: false);
        await using var alone = await TickRig.StartAsync();
        first.AtMinute(30);
        second.AtMinute(30);
        alone.AtMinute(30);

        var overlapping = await Task.WhenAll(first.RunAsync(tickers), second.RunAsync(tickers));
        await alone.RunAsync(tickers);

        overlapping.Should().OnlyContain(r => r.Tickers.Count == 2);
        foreach (var ticker in tickers)
        {
            var stored = await ReferenceBars.StoredAsync(first.ConnectionString, ticker);
            stored.Should().HaveCount(30, $"{ticker}: one row per completed bar, none twice");
            stored.Should().Equal(await ReferenceBars.StoredAsync(alone.ConnectionString, ticker), $"{ticker}: the same rows as a single run");
            (await ReferenceBars.CountAsync(first.ConnectionString, ticker)).Should().Be((30L, 30L));
        }
    }
}

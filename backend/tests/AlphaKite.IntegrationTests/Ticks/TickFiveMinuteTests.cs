namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// Runs every 5 minutes (run_interval_minutes = 5): each run stores every bar completed since the
/// previous one, with its indicators, because the tick refetches the session. Expected values from
/// outside the code under test: the sandbox read with a raw HttpClient, SMA9/VWAP from npm
/// technicalindicators.
/// </summary>
[Category("Integration")]
public sealed class TickFiveMinuteTests
{
    // As in TickFullSessionTests: numeric(18,6) rounding plus the oracle's double arithmetic.
    private const double Tolerance = 1e-6;

    [Test]
    public async Task FiveMinuteRuns_At0935And0940_StoreEveryBarSinceTheLastRunWithIndicators()
    {
        await using var rig = await TickRig.StartAsync();
        rig.AtMinute(5);
        var first = await rig.RunAsync(["QQQ"]);
        var now = rig.AtMinute(10);

        var second = await rig.RunAsync(["QQQ"]);

        first.EquityRowsWritten.Should().Be(5, "the 09:35 run stores 09:30..09:34");
        second.EquityRowsWritten.Should().Be(5, "the 09:40 run stores 09:35..09:39, every bar completed since 09:35");
        second.IndicatorRowsWritten.Should().Be(5);
        second.MaxLag.Should().Be(TimeSpan.FromSeconds(1), "the 09:39 bar completed at 09:40:00, the run is at 09:40:01: runs every 5 minutes report no more lag than every minute");

        var session = TickRig.Session;
        // Thursday 2026-11-19, 09:30-16:00 EST: written out, not asked of the calendar the tick uses.
        var previousOpen = new DateTimeOffset(2026, 11, 19, 14, 30, 0, TimeSpan.Zero);
        var previousClose = new DateTimeOffset(2026, 11, 19, 21, 0, 0, TimeSpan.Zero);
        var token = await rig.Tokens.GetAccessTokenAsync(CancellationToken.None);
        var bars = await ReferenceBars.FetchAsync(rig.Sandbox.BaseUrl, token, "QQQ", session.Open, session.Open.AddMinutes(10));
        var history = (await ReferenceBars.FetchAsync(rig.Sandbox.BaseUrl, token, "QQQ", previousOpen, previousClose)).TakeLast(8).ToList();
        bars.Select(b => b.Start).Should().Equal(Enumerable.Range(0, 10).Select(i => session.Open.AddMinutes(i)), "09:30..09:39");
        history.Should().HaveCount(8);
        var (sma9, vwap) = IndicatorOracle.Compute(history, bars);

        var stored = await ReferenceBars.StoredAsync(rig.ConnectionString, "QQQ");

        stored.Select(r => new ReferenceBar(r.Start, r.Open, r.High, r.Low, r.Close, r.Volume)).Should().Equal(bars, "09:30..09:39, each the final bar");
        var mismatches = new List<string>();
        for (var i = 0; i < bars.Count; i++)
        {
            Compare(mismatches, $"{bars[i].Start:HH:mm} sma9", stored[i].Sma9, sma9[i]);
            Compare(mismatches, $"{bars[i].Start:HH:mm} vwap", stored[i].Vwap, vwap[i]);
        }

        mismatches.Should().BeEmpty();
        stored.Should().OnlyContain(r => r.Sma9 != null && r.Vwap != null, "the previous session's last 8 bars warm SMA9 up");
        var status = await rig.Queries.SessionStatusAsync("QQQ", session, now, CancellationToken.None);
        status.Missing.Should().BeEmpty();
        status.BarsStored.Should().Be(10);
    }

    private static void Compare(List<string> mismatches, string what, decimal? actual, double? expected)
    {
        var ok = expected is null ? actual is null : actual is { } a && Math.Abs((double)a - expected.Value) <= Tolerance;
        if (!ok)
        {
            mismatches.Add($"{what}: stored {actual?.ToString() ?? "null"}, technicalindicators {expected?.ToString("R") ?? "null"}");
        }
    }
}

using AlphaKite.Core.Ticks;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>A Schwab outage in the middle of the session, and the tick after it.</summary>
[Category("Integration")]
public sealed class TickOutageTests
{
    [Test]
    public async Task TenMinuteOutage_NextSuccessfulTick_WritesElevenRowsAndLeavesNoGap()
    {
        await using var rig = await TickRig.StartAsync();
        for (var i = 1; i <= 20; i++)
        {
            rig.AtMinute(i);
            await rig.RunAsync(["QQQ"]);
        }

        // Minutes 21..30: every request (first try + 3 retries per tick) answers 500/502/503.
        rig.Sandbox.Faults.ServerErrorCount = 10 * 4;
        var failures = new List<TickFailedException>();
        for (var i = 21; i <= 30; i++)
        {
            rig.AtMinute(i);
            var run = () => rig.RunAsync(["QQQ"]);
            failures.Add((await run.Should().ThrowAsync<TickFailedException>()).Which);
        }

        var countAfterOutage = await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ");
        var now = rig.AtMinute(31);
        var healing = await rig.RunAsync(["QQQ"]);

        failures.Should().HaveCount(10).And.OnlyContain(e => e.Message.Contains("QQQ") && e.Report.EquityRowsWritten == 0);
        rig.Sandbox.Faults.ServerErrorCount.Should().Be(0, "each failed tick used up its retries");
        countAfterOutage.Should().Be((20L, 20L), "a failed tick writes nothing");
        healing.EquityRowsWritten.Should().Be(11, "the bars of 09:50 through 10:00");
        healing.IndicatorRowsWritten.Should().Be(11);
        var status = await rig.Queries.SessionStatusAsync("QQQ", TickRig.Session, now, CancellationToken.None);
        status.Missing.Should().BeEmpty();
        status.BarsStored.Should().Be(31);
        status.Sma9Rows.Should().Be(31, "SMA9 is continuous across sessions: the previous session's last 8 bars warm it up");
    }
}

using System.Text.Json;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Metrics;
using AlphaKite.Core.Ticks;
using AlphaKite.Lambda;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// The day's last bar when the closing runs fail: the Lambda handler in-process (the code
/// `bootstrap` and `alphakite invoke` run) over the real tick, the sandbox over HTTP with its fault
/// knobs, and a real PostgreSQL. The scheduler's minute runs stop at the close, so only the
/// close-out run (<c>{"closeout": true}</c>, 16:10 New York) can write the bar a failed last run left out.
/// </summary>
[Category("Integration")]
public sealed class TickCloseOutTests
{
    // Every request of one run (first try + FastRetry's 3 retries) answers 5xx.
    private const int FailOneRun = 4;

    [Test]
    public async Task FullSession_LastRunFails_CloseOutWritesThe1559Bar()
    {
        // Arrange: Friday 2026-11-20, 09:30-16:00 EST; runs up to 15:59 wrote 09:30..15:58.
        await using var rig = await TickRig.StartAsync();
        var output = new StringWriter();
        var handler = Handler(rig, output);
        rig.AtMinute(389);
        await handler.HandleAsync("{}", "r-1559", Log(rig, output), CancellationToken.None);
        rig.Sandbox.Faults.ServerErrorCount = FailOneRun;
        rig.AtMinute(390); // the 16:00 run
        var last = () => handler.HandleAsync("{}", "r-1600", Log(rig, output), CancellationToken.None);
        await last.Should().ThrowAsync<TickFailedException>();
        var afterClose = await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ");

        // Act: a minute run after the close is skipped; the close-out at 16:10 reloads the day.
        rig.Clock.Set(TickRig.Session.Close.AddMinutes(10));
        var minuteRun = await handler.HandleAsync("{}", "r-1610-minute", Log(rig, output), CancellationToken.None);
        output.GetStringBuilder().Clear();
        var closeOut = await handler.HandleAsync("""{"closeout": true}""", "r-1610", Log(rig, output), CancellationToken.None);

        // Assert
        afterClose.Should().Be((389L, 389L), "the failed 16:00 run left the 15:59 bar out");
        minuteRun.Should().Contain("Market is closed", "the minute schedule's window ends at 16:01");
        closeOut.Should().Contain("\\\"equity_rows\\\": 1, \\\"indicator_rows\\\": 1");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((390L, 390L));
        var status = await rig.Queries.SessionStatusAsync("QQQ", TickRig.Session, rig.Clock.GetUtcNow(), CancellationToken.None);
        status.Missing.Should().BeEmpty();
        var emf = Lines(output).Single(l => l.TryGetProperty("_aws", out _));
        emf.GetProperty("SupabaseUploadSuccess").GetDouble().Should().Be(1);
        emf.GetProperty("CloseOutSuccess").GetDouble().Should().Be(1);
        emf.TryGetProperty("DataLagSeconds", out _).Should().BeFalse("a close-out is a reload, not a live minute");
    }

    [Test]
    public async Task CloseOut_Fails_PublishesCloseOutSuccess0AndMinuteRunsPublishNone()
    {
        // Arrange: the close-out runs once a day, so only CloseOutSuccess = 0 (the close-out alarm)
        // can report it failing; the errors alarm needs three failing 5-minute periods.
        await using var rig = await TickRig.StartAsync();
        var output = new StringWriter();
        var handler = Handler(rig, output);
        rig.AtMinute(389);
        await handler.HandleAsync("{}", "r-1559", Log(rig, output), CancellationToken.None);
        var minuteEmf = Lines(output).Single(l => l.TryGetProperty("SupabaseUploadSuccess", out _)); // the tick's line, not CalendarDisagreements's
        output.GetStringBuilder().Clear();
        rig.Clock.Set(TickRig.Session.Close.AddMinutes(10));
        rig.Sandbox.Faults.ServerErrorCount = FailOneRun;

        // Act
        var closeOut = () => handler.HandleAsync("""{"closeout": true}""", "r-1610", Log(rig, output), CancellationToken.None);

        // Assert
        await closeOut.Should().ThrowAsync<TickFailedException>();
        minuteEmf.TryGetProperty("CloseOutSuccess", out _).Should().BeFalse("minute runs are not close-outs");
        var emf = Lines(output).Single(l => l.TryGetProperty("_aws", out _));
        emf.GetProperty("CloseOutSuccess").GetDouble().Should().Be(0);
        emf.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Select(m => m.GetProperty("Name").GetString()).Should().Contain("CloseOutSuccess");
    }

    [Test]
    public async Task EarlyClose_1300And1301RunsFail_CloseOutWritesThe1259Bar()
    {
        // Arrange: Friday 2026-11-27 (after Thanksgiving) closes at 13:00 EST = 18:00Z; the 13:00
        // and 13:01 runs (the window is (open, close + 1 min]) both fail, so 12:59 is never written.
        var open = new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);
        await using var rig = await TickRig.StartAsync(loginAt: open.AddMinutes(-5));
        var output = new StringWriter();
        var handler = Handler(rig, output);
        rig.Clock.Set(open.AddMinutes(209).AddSeconds(1)); // 12:59:01
        await handler.HandleAsync("{}", "r-1259", Log(rig, output), CancellationToken.None);
        rig.Sandbox.Faults.ServerErrorCount = 2 * FailOneRun;
        foreach (var minute in new[] { 210, 211 })
        {
            // On the minute, as Scheduler fires: 13:01:00 is the window's last instant.
            rig.Clock.Set(open.AddMinutes(minute));
            var run = () => handler.HandleAsync("{}", $"r-{minute}", Log(rig, output), CancellationToken.None);
            await run.Should().ThrowAsync<TickFailedException>();
        }

        var afterClose = await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ");

        // Act: the production close-out fires at 16:10 New York on every weekday.
        rig.Clock.Set(new DateTimeOffset(2026, 11, 27, 21, 10, 0, TimeSpan.Zero));
        output.GetStringBuilder().Clear();
        var closeOut = await handler.HandleAsync("""{"closeout": true}""", "r-closeout", Log(rig, output), CancellationToken.None);

        // Assert
        afterClose.Should().Be((209L, 209L));
        closeOut.Should().Contain("\\\"equity_rows\\\": 1, \\\"indicator_rows\\\": 1").And.Contain("\\\"bars\\\": 210");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((210L, 210L));
        Lines(output).Single(l => l.TryGetProperty("_aws", out _)).TryGetProperty("DataLagSeconds", out _).Should().BeFalse();
    }

    [Test]
    public async Task CloseOut_OnAHoliday_MarketIsClosedAndNothingFetched()
    {
        // Thanksgiving 2026-11-26, 16:10 New York.
        await using var rig = await TickRig.StartAsync();
        var output = new StringWriter();
        rig.Clock.Set(new DateTimeOffset(2026, 11, 26, 21, 10, 0, TimeSpan.Zero));
        var requests = rig.Sandbox.Stats.PriceHistoryRequests;

        var response = await Handler(rig, output).HandleAsync("""{"closeout": true}""", "r-holiday", Log(rig, output), CancellationToken.None);

        response.Should().Be("""{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""");
        rig.Sandbox.Stats.PriceHistoryRequests.Should().Be(requests);
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((0L, 0L));
    }

    private static Handler Handler(TickRig rig, TextWriter output) =>
        new(rig.Tick, rig.Tokens, ["QQQ"], new EmfMetrics(output), rig.Clock, "alpha-kite-real-time-streamer");

    private static JsonLog Log(TickRig rig, TextWriter output) => new(output, LogLevel.Information, rig.Clock);

    private static List<JsonElement> Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
}

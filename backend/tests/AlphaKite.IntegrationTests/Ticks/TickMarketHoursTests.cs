using System.Text.Json;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Metrics;
using AlphaKite.Core.Calendar;
using AlphaKite.Lambda;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// The exchange's own word on the session: the Lambda handler in-process (what `bootstrap`,
/// `alphakite invoke` and the close-out run) over the real tick as the CLI composes it, the sandbox
/// over HTTP reporting closures and early closes the NYSE calendar does not know, and a real PostgreSQL.
/// </summary>
[Category("Integration")]
public sealed class TickMarketHoursTests
{
    private static readonly DateOnly Day = TickRig.Session.Date;
    private static readonly NyseCalendar Calendar = new();

    private const string Closed = """{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""";

    [Test]
    public async Task SchwabSaysClosed_CalendarSaysOpen_SkipsWithoutPricehistoryAndWarnsOnce()
    {
        // Arrange: Friday 2026-11-20 is a regular day for the calendar; Schwab (bars and hours) says closed.
        await using var rig = await TickRig.StartAsync(configure: o => o with { Sessions = d => d == Day ? null : Calendar.SessionOn(d) });
        var output = new StringWriter();
        var handler = Handler(rig, output);

        // Act: two scheduled minutes.
        rig.AtMinute(30);
        var first = await handler.HandleAsync("{}", "r-1000", Log(rig, output), CancellationToken.None);
        rig.AtMinute(31);
        var second = await handler.HandleAsync("{}", "r-1001", Log(rig, output), CancellationToken.None);

        // Assert
        first.Should().Be(Closed);
        second.Should().Be(Closed);
        rig.Sandbox.Stats.PriceHistoryRequests.Should().Be(0);
        rig.Sandbox.Stats.MarketHoursRequests.Should().Be(1, "once per day per process");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((0L, 0L));
        var lines = Lines(output);
        lines.Where(l => l.TryGetProperty("_aws", out _)).Select(l => l.GetProperty("CalendarDisagreements").GetDouble()).Should().Equal(1d);
        var warning = Warnings(lines).Single();
        warning.GetProperty("message").GetString().Should().Contain("disagree");
        warning.GetProperty("calendar").GetString().Should().Be("open 09:30-16:00");
        warning.GetProperty("schwab").GetString().Should().Be("closed");
        warning.GetProperty("date").GetString().Should().Be("2026-11-20");
        lines.Where(l => l.TryGetProperty("message", out var m) && m.GetString() == "market is closed")
            .Select(l => l.GetProperty("sessionFrom").GetString()).Should().Equal("schwab", "schwab");
    }

    [Test]
    public async Task SchwabSaysEarlyClose_CalendarSaysFullDay_StoresTo1259AndTheSessionIsCompleteAt1300()
    {
        // Arrange: Schwab's market hours say 09:30-13:00 (18:00Z); its bars go on to 16:00, so
        // only the session the tick uses can stop at 12:59.
        var open = TickRig.Session.Open;
        var early = new TradingSession(Day, open, open.AddMinutes(210), true);
        await using var rig = await TickRig.StartAsync(configure: o => o with { MarketHours = d => d == Day ? early : Calendar.SessionOn(d) });
        var output = new StringWriter();
        var handler = Handler(rig, output);

        // Act: 11:10, 13:00 (the window's last minute), 13:30 (inside the calendar's window), the close-out at 16:10.
        rig.AtMinute(100);
        await handler.HandleAsync("{}", "r-1110", Log(rig, output), CancellationToken.None);
        rig.AtMinute(210);
        var atClose = await handler.HandleAsync("{}", "r-1300", Log(rig, output), CancellationToken.None);
        rig.AtMinute(240);
        var afterClose = await handler.HandleAsync("{}", "r-1330", Log(rig, output), CancellationToken.None);
        rig.Clock.Set(TickRig.Session.Close.AddMinutes(10));
        var closeOut = await handler.HandleAsync("""{"closeout": true}""", "r-1610", Log(rig, output), CancellationToken.None);

        // Assert
        atClose.Should().Contain("\\\"equity_rows\\\": 110").And.Contain("\\\"bars\\\": 210");
        afterClose.Should().Be(Closed);
        closeOut.Should().Contain("\\\"equity_rows\\\": 0").And.Contain("\\\"bars\\\": 210");
        var stored = await ReferenceBars.StoredAsync(rig.ConnectionString, "QQQ");
        stored.Should().HaveCount(210);
        var status = await rig.Queries.SessionStatusAsync("QQQ", early, rig.Clock.GetUtcNow(), CancellationToken.None);
        status.ExpectedBars.Should().Be(210);
        status.LatestBar.Should().Be(open.AddMinutes(209), "12:59 is the last bar");
        status.IsComplete.Should().BeTrue();
        rig.Sandbox.Stats.MarketHoursRequests.Should().Be(1);
        var lines = Lines(output);
        lines.Where(l => l.TryGetProperty("CalendarDisagreements", out _)).Select(l => l.GetProperty("CalendarDisagreements").GetDouble()).Should().Equal(1d);
        var warning = Warnings(lines).Single();
        warning.GetProperty("calendar").GetString().Should().Be("open 09:30-16:00");
        warning.GetProperty("schwab").GetString().Should().Be("open 09:30-13:00");
    }

    [Test]
    public async Task SchwabMarketHoursUnreachable_CalendarDecidesAndTheTickWrites()
    {
        // Arrange: every market-hours request answers 503; pricehistory is fine.
        await using var rig = await TickRig.StartAsync();
        rig.Sandbox.Faults.MarketHoursDown = true;
        var output = new StringWriter();
        var handler = Handler(rig, output);

        // Act
        rig.AtMinute(30);
        var first = await handler.HandleAsync("{}", "r-1000", Log(rig, output), CancellationToken.None);
        var askedFirst = rig.Sandbox.Stats.MarketHoursRequests;
        rig.AtMinute(31);
        var second = await handler.HandleAsync("{}", "r-1001", Log(rig, output), CancellationToken.None);

        // Assert: a first try and FastRetry's three retries, then the calendar; the next minute does not ask again.
        first.Should().Contain("\\\"equity_rows\\\": 30");
        second.Should().Contain("\\\"equity_rows\\\": 1,");
        askedFirst.Should().Be(4);
        rig.Sandbox.Stats.MarketHoursRequests.Should().Be(4, "a failure is remembered for ten minutes");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((31L, 31L));
        var lines = Lines(output);
        lines.Where(l => l.TryGetProperty("CalendarDisagreements", out _)).Should().BeEmpty("nothing was compared");
        var warning = Warnings(lines).Single();
        warning.GetProperty("message").GetString().Should().Contain("the NYSE calendar decides");
        warning.GetProperty("reason").GetString().Should().Contain("market hours 2026-11-20");
        warning.GetProperty("error").GetProperty("errorType").GetString().Should().Be("MarketDataException");
    }

    [Test]
    public async Task EveryMinuteOfTwoDays_AsksOncePerDayAndPublishesAgreementOnce()
    {
        // Arrange: the sandbox agrees with the calendar.
        await using var rig = await TickRig.StartAsync();
        var output = new StringWriter();
        var handler = Handler(rig, output);

        // Act: five minutes of Friday, a reload of Thursday, then Monday's first minute.
        for (var minute = 1; minute <= 5; minute++)
        {
            rig.AtMinute(minute);
            await handler.HandleAsync("{}", $"r-{minute}", Log(rig, output), CancellationToken.None);
        }

        await handler.HandleAsync("""{"date": "2026-11-19"}""", "r-reload", Log(rig, output), CancellationToken.None);
        var friday = rig.Sandbox.Stats.MarketHoursRequests;
        rig.Clock.Set(new DateTimeOffset(2026, 11, 23, 14, 31, 1, TimeSpan.Zero));
        await handler.HandleAsync("{}", "r-monday", Log(rig, output), CancellationToken.None);

        // Assert
        friday.Should().Be(1, "the past date's reload does not ask");
        rig.Sandbox.Stats.MarketHoursRequests.Should().Be(2);
        var lines = Lines(output);
        lines.Where(l => l.TryGetProperty("CalendarDisagreements", out _)).Select(l => l.GetProperty("CalendarDisagreements").GetDouble()).Should().Equal(0d, 0d);
        Warnings(lines).Should().BeEmpty();
    }

    [Test]
    public async Task SchwabGivesHoursOnACalendarHoliday_SchwabsHoursAreUsed()
    {
        // Arrange: Thanksgiving 2026-11-26 is closed for the calendar; Schwab gives 09:30-16:00 (and bars).
        var thanksgiving = new DateOnly(2026, 11, 26);
        var open = new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero);
        var session = new TradingSession(thanksgiving, open, open.AddMinutes(390), false);
        await using var rig = await TickRig.StartAsync(
            configure: o => o with { Sessions = d => d == thanksgiving ? session : Calendar.SessionOn(d) }, loginAt: open.AddMinutes(-5));
        var output = new StringWriter();
        rig.Clock.Set(open.AddMinutes(30).AddSeconds(1));

        // Act
        var response = await Handler(rig, output).HandleAsync("{}", "r-1000", Log(rig, output), CancellationToken.None);

        // Assert
        response.Should().Contain("\\\"equity_rows\\\": 30");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((30L, 30L));
        var warning = Warnings(Lines(output)).Single();
        warning.GetProperty("calendar").GetString().Should().Be("closed");
        warning.GetProperty("schwab").GetString().Should().Be("open 09:30-16:00");
    }

    private static Handler Handler(TickRig rig, TextWriter output) =>
        new(rig.Tick, rig.Tokens, ["QQQ"], new EmfMetrics(output), rig.Clock, "alpha-kite-real-time-streamer");

    private static JsonLog Log(TickRig rig, TextWriter output) => new(output, LogLevel.Information, rig.Clock);

    private static List<JsonElement> Warnings(List<JsonElement> lines) =>
        lines.Where(l => l.TryGetProperty("level", out var level) && level.GetString() == "Warning").ToList();

    private static List<JsonElement> Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
}

using System.Net;
using AlphaKite.Core.Calendar;

namespace AlphaKite.IntegrationTests.Sandbox;

[TestFixture]
[Category("Integration")]
public sealed class PriceHistoryEndpointTests
{
    // 2026-11-20 is a Friday in EST (UTC-5): 09:30 New York = 14:30Z, 15:59 = 20:59Z.
    private static readonly DateTimeOffset WinterOpen = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WinterEvening = new(2026, 11, 20, 23, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task FullWinterDay_390BarsFrom1430To2059Utc()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening);

        var candles = await sandbox.CandlesAsync("QQQ", WinterOpen.AddHours(-3), WinterEvening);

        candles.Should().HaveCount(390);
        candles[0].Start.Should().Be(WinterOpen);
        candles[^1].Start.Should().Be(new DateTimeOffset(2026, 11, 20, 20, 59, 0, TimeSpan.Zero));
        candles.Select(c => c.Start).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
    }

    [Test]
    public async Task FullSummerDay_390BarsFrom1330To1959Utc()
    {
        // 2026-07-15 is a Wednesday in EDT (UTC-4).
        var evening = new DateTimeOffset(2026, 7, 15, 23, 0, 0, TimeSpan.Zero);
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(evening);

        var candles = await sandbox.CandlesAsync("SPY", evening.AddHours(-12), evening);

        candles.Should().HaveCount(390);
        candles[0].Start.Should().Be(new DateTimeOffset(2026, 7, 15, 13, 30, 0, TimeSpan.Zero));
        candles[^1].Start.Should().Be(new DateTimeOffset(2026, 7, 15, 19, 59, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task EarlyClose_210BarsEndingAt1259NewYork()
    {
        // The day after Thanksgiving 2026 (Friday 11-27) closes at 13:00 New York = 18:00Z.
        var open = new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);
        var close = new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);
        var calendar = new NyseCalendar();
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(close.AddHours(5), o => o with
        {
            Sessions = d => d == new DateOnly(2026, 11, 27) ? new TradingSession(d, open, close, true) : calendar.SessionOn(d),
        });

        var candles = await sandbox.CandlesAsync("QQQ", open, close.AddHours(4));

        candles.Should().HaveCount(210);
        candles[^1].Start.Should().Be(new DateTimeOffset(2026, 11, 27, 17, 59, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task Saturday_EmptyTrue()
    {
        var saturday = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(saturday);

        using var response = await sandbox.PriceHistoryAsync("QQQ", saturday.AddHours(-10), saturday);

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"candles":[],"symbol":"QQQ","empty":true}""");
    }

    [Test]
    public async Task MidSession_ServesUpToNowWithTheFormingMinuteAsPartialBar()
    {
        // 15:45:30Z = 10:45:30 New York: the 10:45 bar (15:45Z) is half formed.
        var now = new DateTimeOffset(2026, 11, 20, 15, 45, 30, TimeSpan.Zero);
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(now);

        var before = await sandbox.CandlesAsync("QQQ", WinterOpen, WinterEvening);
        sandbox.Clock.Advance(TimeSpan.FromSeconds(60));
        var after = await sandbox.CandlesAsync("QQQ", WinterOpen, WinterEvening);

        before.Should().HaveCount(76);
        before[^1].Start.Should().Be(new DateTimeOffset(2026, 11, 20, 15, 45, 0, TimeSpan.Zero));
        after.Should().HaveCount(77);
        after.Take(75).Should().Equal(before.Take(75), "completed bars do not change");
        var (partial, final) = (before[^1], after[75]);
        final.Open.Should().Be(partial.Open);
        final.High.Should().BeGreaterThanOrEqualTo(partial.High);
        final.Low.Should().BeLessThanOrEqualTo(partial.Low);
        final.Volume.Should().BeGreaterThanOrEqualTo(partial.Volume);
    }

    [Test]
    public async Task EndDateOmitted_EndsAtPreviousBusinessDayClose()
    {
        // Monday 2026-11-23 11:00 New York: without endDate Schwab stops at Friday's close.
        var monday = new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero);
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(monday);

        using var response = await sandbox.GetAsync($"marketdata/v1/pricehistory?symbol=QQQ&frequencyType=minute&frequency=1&startDate={WinterOpen.ToUnixTimeMilliseconds()}&needExtendedHoursData=false");
        var candles = (await SandboxHarness.JsonAsync(response)).GetProperty("candles").EnumerateArray().Select(WireCandle.From).ToList();

        candles.Should().HaveCount(390);
        candles[^1].Start.Should().Be(new DateTimeOffset(2026, 11, 20, 20, 59, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task OldWindow_NothingOlderThan45Days()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening);

        var candles = await sandbox.CandlesAsync("QQQ", WinterEvening.AddDays(-90), WinterEvening.AddDays(-30));

        candles.Should().NotBeEmpty();
        candles.Min(c => c.Start).Should().BeOnOrAfter(WinterEvening.AddDays(-45));
    }

    [Test]
    public async Task ExtendedHoursTrue_AddsPreAndPostMarketBarsFrom0700To1959NewYork()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening.AddHours(3));
        var day = (WinterOpen.AddHours(-6), WinterOpen.AddHours(12));

        var extended = await sandbox.CandlesAsync("QQQ", day.Item1, day.Item2, extendedHours: true);
        var regular = await sandbox.CandlesAsync("QQQ", day.Item1, day.Item2, extendedHours: false);

        extended.Should().Contain(c => c.Start < WinterOpen).And.Contain(c => c.Start >= WinterOpen.AddHours(6.5));
        extended.Min(c => c.Start).Should().BeOnOrAfter(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        extended.Max(c => c.Start).Should().BeBefore(new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero));
        regular.Should().OnlyContain(c => c.Start >= WinterOpen && c.Start < WinterOpen.AddHours(6.5));
    }

    [Test]
    public async Task NeedPreviousClose_AddsPreviousCloseFields()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening);

        using var response = await sandbox.GetAsync($"marketdata/v1/pricehistory?symbol=QQQ&frequencyType=minute&frequency=1&startDate={WinterOpen.ToUnixTimeMilliseconds()}&endDate={WinterEvening.ToUnixTimeMilliseconds()}&needExtendedHoursData=false&needPreviousClose=true");
        var json = await SandboxHarness.JsonAsync(response);
        var thursday = await sandbox.CandlesAsync("QQQ", WinterOpen.AddDays(-1), WinterOpen.AddHours(-1));

        json.GetProperty("previousClose").GetDecimal().Should().Be(thursday[^1].Close);
        json.TryGetProperty("previousCloseDate", out _).Should().BeTrue();
    }

    [Test]
    public async Task UnlistedLookingSymbol_EmptyTrue()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening);

        var candles = await sandbox.CandlesAsync("not a symbol", WinterOpen, WinterEvening);

        candles.Should().BeEmpty();
    }

    [TestCase("frequencyType=minute&frequency=1", "symbol", TestName = "Validation_MissingSymbol_400NamingSymbol")]
    [TestCase("symbol=QQQ&needExtendedHoursData=False", "needExtendedHoursData", TestName = "Validation_CapitalisedBoolean_400")]
    [TestCase("symbol=QQQ&startDate=2026-11-20", "startDate", TestName = "Validation_StartDateNotEpochMs_400")]
    [TestCase("symbol=QQQ&startDate=1763649000000&endDate=1763600000000", "endDate", TestName = "Validation_EndBeforeStart_400")]
    [TestCase("symbol=QQQ&frequencyType=minute&frequency=2", "frequency", TestName = "Validation_Frequency2_400")]
    [TestCase("symbol=QQQ&frequencyType=hourly", "frequencyType", TestName = "Validation_UnknownFrequencyType_400")]
    public async Task Validation_BadParameter_400WithStringStatusAndParameter(string query, string parameter)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening);

        using var response = await sandbox.GetAsync("marketdata/v1/pricehistory?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await SandboxHarness.JsonAsync(response)).GetProperty("errors")[0];
        error.GetProperty("status").GetString().Should().Be("400", "Schwab sends some statuses as strings");
        error.GetProperty("title").GetString().Should().Be("Bad Request");
        error.GetProperty("source").GetProperty("parameter").GetString().Should().Be(parameter);
        error.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    [TestCase(null, TestName = "Bearer_Missing_401ClientNotAuthorized")]
    [TestCase("not-a-token", TestName = "Bearer_Unknown_401ClientNotAuthorized")]
    public async Task Bearer_NotLive_401ClientNotAuthorized(string? token)
    {
        await using var sandbox = await SandboxHarness.StartAsync(WinterEvening);

        using var response = await sandbox.GetAsync($"marketdata/v1/pricehistory?symbol=QQQ&startDate={WinterOpen.ToUnixTimeMilliseconds()}", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = (await SandboxHarness.JsonAsync(response)).GetProperty("errors")[0];
        error.GetProperty("status").GetInt32().Should().Be(401);
        error.GetProperty("title").GetString().Should().Be("Unauthorized");
        error.GetProperty("detail").GetString().Should().Be("Client not authorized");
        Guid.TryParse(error.GetProperty("id").GetString(), out _).Should().BeTrue();
        sandbox.Server.Stats.Unauthorized.Should().Be(1);
    }

    [Test]
    public async Task UnknownPath_404ErrorsShape()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(WinterEvening);

        using var response = await sandbox.GetAsync("marketdata/v1/nothing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SandboxHarness.JsonAsync(response)).GetProperty("errors")[0].GetProperty("status").GetString().Should().Be("404");
    }
}

using System.Net;
using System.Text.Json;

namespace AlphaKite.IntegrationTests.Sandbox;

/// <summary>
/// Where the sandbox must behave like Schwab for a client to be tried against it: period/periodType,
/// index symbols, whole-day answers to sub-day windows, and Schwab's error bodies. Over real HTTP.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class SchwabParityTests
{
    // Monday 2026-11-23 11:00 New York (EST). Friday 2026-11-20 and Thursday 2026-11-19 are full sessions.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FridayOpen = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FridayClose = new(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);

    [TestCase("1", 1, TestName = "Period_1_OneTradingDay")]
    [TestCase("2", 2, TestName = "Period_2_TwoTradingDays")]
    [TestCase("5", 5, TestName = "Period_5_FiveTradingDays")]
    [TestCase("10", 10, TestName = "Period_10_TenTradingDays")]
    [TestCase(null, 10, TestName = "Period_Omitted_TenTradingDaysLikeSchwab")]
    public async Task Period_WithoutStartDate_ServesThatManyTradingDaysUpToTheEnd(string? period, int days)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Monday);
        var periodParameter = period is null ? "" : $"&period={period}";

        var candles = await CandlesAsync(sandbox,
            $"symbol=QQQ&periodType=day{periodParameter}&frequencyType=minute&frequency=1&endDate={FridayClose.ToUnixTimeMilliseconds()}&needExtendedHoursData=false");

        // By hand: 2026-11-09..2026-11-20 are ten full sessions (no holiday), 390 bars each.
        candles.Should().HaveCount(390 * days);
        candles[^1].Start.Should().Be(FridayClose.AddMinutes(-1));
        candles.Select(c => c.Start.UtcDateTime.Date).Distinct().Should().HaveCount(days);
    }

    [Test]
    public async Task Period_WithStartAndEndDate_TheDatesWin()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Monday);

        // schwab-py's get_price_history_every_minute sends period=1 with startDate and endDate.
        var candles = await CandlesAsync(sandbox,
            $"symbol=QQQ&periodType=day&period=1&frequencyType=minute&frequency=1&startDate={FridayOpen.AddDays(-1).ToUnixTimeMilliseconds()}&endDate={FridayClose.ToUnixTimeMilliseconds()}&needExtendedHoursData=false");

        candles.Should().HaveCount(2 * 390);
    }

    [TestCase("symbol=QQQ&periodType=day&period=7", "period", TestName = "Period_7_400NamingPeriod")]
    [TestCase("symbol=QQQ&periodType=week", "periodType", TestName = "PeriodType_Unknown_400NamingPeriodType")]
    [TestCase("symbol=QQQ&periodType=month&period=1", "periodType", TestName = "PeriodType_MonthWithMinutes_400NamingPeriodType")]
    public async Task Period_Invalid_400InSchwabsShape(string query, string parameter)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Monday);

        using var response = await sandbox.GetAsync("marketdata/v1/pricehistory?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await SandboxHarness.JsonAsync(response)).GetProperty("errors");
        errors.GetArrayLength().Should().Be(1);
        var error = errors[0];
        Guid.TryParse(error.GetProperty("id").GetString(), out _).Should().BeTrue();
        error.GetProperty("status").GetString().Should().Be("400");
        error.GetProperty("title").GetString().Should().Be("Bad Request");
        error.GetProperty("detail").GetString().Should().Contain(parameter);
        error.GetProperty("source").GetProperty("parameter").GetString().Should().Be(parameter);
    }

    [TestCase("$SPX", TestName = "IndexSymbol_Raw_Served")]
    [TestCase("%24SPX", TestName = "IndexSymbol_UrlEncoded_Served")]
    public async Task IndexSymbol_Served(string symbol)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Monday);

        using var response = await sandbox.PriceHistoryAsync(symbol, FridayOpen, FridayClose);
        var json = await SandboxHarness.JsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json.GetProperty("symbol").GetString().Should().Be("$SPX");
        json.GetProperty("empty").GetBoolean().Should().BeFalse();
        json.GetProperty("candles").GetArrayLength().Should().Be(390);
    }

    [Test]
    public async Task WholeDay_SubDayWindow_AnsweredWithTheWholeSession()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Monday);
        var window = (FridayOpen.AddMinutes(30), FridayOpen.AddMinutes(35));
        var asked = await sandbox.CandlesAsync("QQQ", window.Item1, window.Item2);
        sandbox.Server.Faults.IgnoreRequestWindow = true;

        var whole = await sandbox.CandlesAsync("QQQ", window.Item1, window.Item2);

        asked.Should().HaveCount(6, "10:00..10:05 inclusive");
        whole.Should().HaveCount(390, "Schwab has answered a sub-day window with the whole day (schwab-py #148)");
        whole[0].Start.Should().Be(FridayOpen);
    }

    [Test]
    public async Task OAuthError_BadAppSecret_ErrorAndDescriptionOnly()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Monday);

        using var response = await sandbox.PostTokenAsync(
            [new("grant_type", "refresh_token"), new("refresh_token", "x")], SandboxHarness.Basic(SandboxHarness.AppKey, "wrong"));
        var json = await SandboxHarness.JsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        json.EnumerateObject().Select(p => p.Name).Should().Equal("error", "error_description");
        json.GetProperty("error").GetString().Should().Be("invalid_client");
    }

    private static async Task<List<WireCandle>> CandlesAsync(SandboxHarness sandbox, string query)
    {
        using var response = await sandbox.GetAsync("marketdata/v1/pricehistory?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await SandboxHarness.JsonAsync(response);
        return json.GetProperty("candles").EnumerateArray().Select(WireCandle.From).ToList();
    }
}

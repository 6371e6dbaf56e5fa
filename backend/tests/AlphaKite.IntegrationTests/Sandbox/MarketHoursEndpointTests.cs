using System.Net;

namespace AlphaKite.IntegrationTests.Sandbox;

[TestFixture]
[Category("Integration")]
public sealed class MarketHoursEndpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    [TestCase("marketdata/v1/markets/equity?date=2026-11-20", "2026-11-20T09:30:00-05:00", "2026-11-20T16:00:00-05:00")]
    [TestCase("marketdata/v1/markets?markets=equity&date=2026-11-20", "2026-11-20T09:30:00-05:00", "2026-11-20T16:00:00-05:00")]
    [TestCase("marketdata/v1/markets/equity?date=2026-07-15", "2026-07-15T09:30:00-04:00", "2026-07-15T16:00:00-04:00")]
    public async Task OpenDay_RegularMarketWithNewYorkOffsets(string path, string start, string end)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);

        using var response = await sandbox.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var equity = (await SandboxHarness.JsonAsync(response)).GetProperty("equity").GetProperty("EQ");
        equity.GetProperty("isOpen").GetBoolean().Should().BeTrue();
        equity.GetProperty("marketType").GetString().Should().Be("EQUITY");
        var regular = equity.GetProperty("sessionHours").GetProperty("regularMarket")[0];
        regular.GetProperty("start").GetString().Should().Be(start);
        regular.GetProperty("end").GetString().Should().Be(end);
    }

    [TestCase("2026-11-21", TestName = "ClosedDay_Saturday_IsOpenFalseWithoutSessionHours")]
    [TestCase("2026-11-22", TestName = "ClosedDay_Sunday_IsOpenFalseWithoutSessionHours")]
    public async Task ClosedDay_IsOpenFalseWithoutSessionHours(string date)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);

        using var response = await sandbox.GetAsync($"marketdata/v1/markets/equity?date={date}");

        var equity = (await SandboxHarness.JsonAsync(response)).GetProperty("equity").GetProperty("equity");
        equity.GetProperty("date").GetString().Should().Be(date);
        equity.GetProperty("isOpen").GetBoolean().Should().BeFalse();
        equity.TryGetProperty("sessionHours", out _).Should().BeFalse();
    }

    [TestCase("marketdata/v1/markets/equity?date=20261120", TestName = "BadRequest_DateNotIso_400")]
    [TestCase("marketdata/v1/markets/option?date=2026-11-20", TestName = "BadRequest_OptionMarket_400")]
    public async Task BadRequest_400(string path)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);

        using var response = await sandbox.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SandboxHarness.JsonAsync(response)).GetProperty("errors")[0].GetProperty("status").GetString().Should().Be("400");
    }

    [Test]
    public async Task NoBearer_401()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);

        using var response = await sandbox.GetAsync("marketdata/v1/markets/equity?date=2026-11-20");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

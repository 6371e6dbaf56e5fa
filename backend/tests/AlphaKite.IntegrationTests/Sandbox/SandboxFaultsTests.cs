using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using AlphaKite.Sandbox;

namespace AlphaKite.IntegrationTests.Sandbox;

[TestFixture]
[Category("Integration")]
public sealed class SandboxFaultsTests
{
    private static readonly DateTimeOffset Open = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 30, TimeSpan.Zero);

    private static async Task<HttpStatusCode> FetchAsync(SandboxHarness sandbox)
    {
        using var response = await sandbox.PriceHistoryAsync("QQQ", Open, Now);
        return response.StatusCode;
    }

    [Test]
    public async Task ErrorRateOne_Every500_ErrorRateZero_Recovers()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.ErrorRate = 1;

        var failing = new[] { await FetchAsync(sandbox), await FetchAsync(sandbox) };
        sandbox.Server.Faults.ErrorRate = 0;
        var recovered = await FetchAsync(sandbox);

        failing.Should().OnlyContain(s => s == HttpStatusCode.InternalServerError);
        recovered.Should().Be(HttpStatusCode.OK);
        sandbox.Server.Stats.ServerErrors.Should().Be(2);
    }

    [Test]
    public async Task ErrorRateHalf_SomeButNotAllFail()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.ErrorRate = 0.5;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add(await FetchAsync(sandbox));
        }

        statuses.Should().Contain(HttpStatusCode.OK).And.Contain(HttpStatusCode.InternalServerError);
    }

    [Test]
    public void ErrorRate_OutsideZeroToOne_Throws()
    {
        var faults = new SandboxFaults();

        var act = () => faults.ErrorRate = 1.5;

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task ExpireAccessTokensNow_Old401_RefreshedWorks()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);

        sandbox.Server.Faults.ExpireAccessTokensNow();
        var expired = await FetchAsync(sandbox);
        await sandbox.RefreshAccessTokenAsync();
        var refreshed = await FetchAsync(sandbox);

        expired.Should().Be(HttpStatusCode.Unauthorized);
        refreshed.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Counted faults: the fault, the statuses of the requests that follow, the counter it moves and by how much.</summary>
    public static IEnumerable<TestCaseData> CountedFaults()
    {
        yield return Fault("ForceUnauthorizedCount = 2", f => f.ForceUnauthorizedCount = 2,
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK], s => s.Unauthorized, 2);
        yield return Fault("TooManyRequestsCount = 1", f => f.TooManyRequestsCount = 1,
            [HttpStatusCode.TooManyRequests, HttpStatusCode.OK], s => s.TooManyRequests, 1);
        yield return Fault("ServerErrorCount = 3", f => f.ServerErrorCount = 3,
            [HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], s => s.ServerErrors, 3);

        static TestCaseData Fault(string name, Action<SandboxFaults> set, HttpStatusCode[] statuses, Func<SandboxStats, long> counter, long count) =>
            new TestCaseData(set, statuses, counter, count).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(CountedFaults))]
    public async Task CountedFault_ServesItsStatusesThenRecovers(Action<SandboxFaults> set, HttpStatusCode[] statuses, Func<SandboxStats, long> counter, long count)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        set(sandbox.Server.Faults);

        var served = new List<HttpStatusCode>();
        foreach (var _ in statuses)
        {
            using var response = await sandbox.PriceHistoryAsync("QQQ", Open, Now);
            served.Add(response.StatusCode);
            // Like Schwab: a 429 says nothing of when to come back, a 502 is the gateway's plain text.
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.Should().BeNull();
            }

            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            }
        }

        served.Should().Equal(statuses);
        counter(sandbox.Server.Stats).Should().Be(count);
    }

    [Test]
    public async Task TokenServerErrorCount1_Refresh503ThenWorks()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.TokenServerErrorCount = 1;

        using var outage = await sandbox.RefreshAsync(sandbox.RefreshToken!);
        using var retry = await sandbox.RefreshAsync(sandbox.RefreshToken!);

        outage.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Latency_DelaysResponses()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.Latency = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        var status = await FetchAsync(sandbox);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Gzip_BodyIsGzipWithContentEncoding()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.Gzip = true;

        using var response = await sandbox.PriceHistoryAsync("QQQ", Open, Now);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.Content.Headers.ContentEncoding.Should().Equal("gzip");
        bytes.Take(2).Should().Equal(new byte[] { 0x1f, 0x8b }, "the gzip magic number");
        await using var gunzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var document = await JsonDocument.ParseAsync(gunzip);
        document.RootElement.GetProperty("candles").GetArrayLength().Should().Be(31);
    }

    [Test]
    public async Task HtmlErrors_401IsAccessDeniedPage()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.HtmlErrors = true;
        sandbox.Server.Faults.ForceUnauthorizedCount = 1;

        using var response = await sandbox.PriceHistoryAsync("QQQ", Open, Now);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Access Denied").And.NotContain("{");
    }

    [Test]
    public async Task DuplicateCandles_EveryCandleTwice()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.DuplicateCandles = true;

        var candles = await sandbox.CandlesAsync("QQQ", Open, Now);

        // 14:30..15:00 inclusive (the forming 15:00 bar too) is 31 distinct minutes.
        candles.Should().HaveCount(62);
        candles.Select(c => c.Start).Distinct().Should().HaveCount(31);
    }

    [Test]
    public async Task AllZeroTrailingCandle_LastCandleAllZeroAfterTheRealOnes()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.AllZeroTrailingCandle = true;

        var candles = await sandbox.CandlesAsync("QQQ", Open, Now);

        candles.Should().HaveCount(32);
        candles[^1].Should().BeEquivalentTo(new { Open = 0m, High = 0m, Low = 0m, Close = 0m, Volume = 0L });
        candles[^1].Start.Should().Be(new DateTimeOffset(2026, 11, 20, 15, 1, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task IgnoreRequestWindow_TenMinuteRequest_GetsTheWholeDaySoFar()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Server.Faults.IgnoreRequestWindow = true;

        var candles = await sandbox.CandlesAsync("QQQ", Open.AddMinutes(10), Open.AddMinutes(20));

        // 14:30..15:00 is everything the day has so far; the clock still caps it.
        candles.Should().HaveCount(31);
        candles[0].Start.Should().Be(Open);
    }
}

using AlphaKite.Cli.Demo;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Http;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.IntegrationTests.Schwab;

/// <summary>The real client against the real sandbox over HTTP: both were written from the same
/// protocol facts by different hands, so agreement here is evidence, not a tautology.</summary>
[Category("Integration")]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SchwabClientAgainstSandboxTests : IAsyncDisposable
{
    // Friday 2026-11-20, EST: the session is 14:30Z-21:00Z.
    private static readonly DateTimeOffset Open = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Open.AddMinutes(-5));
    private readonly HttpClient _http = SchwabHttp.CreateClient();
    private SandboxServer _sandbox = null!;
    private SchwabSettings _settings = null!;
    private SchwabOAuthClient _oauth = null!;

    [SetUp]
    public async Task SetUp()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Clock = _clock }, CancellationToken.None);
        _settings = new SchwabSettings("sandbox-app-key", "sandbox-app-secret", "https://127.0.0.1:8182", _sandbox.BaseUrl);
        _oauth = new SchwabOAuthClient(_http, _settings, time: _clock);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [TearDown]
    public async Task TearDown() => await DisposeAsync();

    private async Task<(SchwabTokenProvider Provider, SchwabMarketDataClient Client, MemoryTokenStore Store)> LoggedInAsync(int budget = 110)
    {
        var login = await SandboxLogin.LoginAsync(_settings, _oauth, _clock, CancellationToken.None);
        var store = new MemoryTokenStore(login.ToJson());
        var provider = new SchwabTokenProvider(store, _oauth, _clock);
        var client = new SchwabMarketDataClient(_http, _sandbox.BaseUrl, provider, new RequestBudget(budget, _clock), time: _clock);
        return (provider, client, store);
    }

    [Test]
    public async Task Login_ThenFetchWholeSession_390BarsFrom0930To1559()
    {
        var (provider, client, _) = await LoggedInAsync();
        _clock.SetUtcNow(Open.AddHours(7));

        var candles = await client.FetchCandlesAsync("QQQ", Open, Open.AddHours(7), CancellationToken.None);

        candles.Should().HaveCount(390);
        candles[0].Start.Should().Be(Open);
        candles[^1].Start.Should().Be(Open.AddMinutes(389));
        candles.Should().OnlyContain(c => c.Low <= c.Open && c.Open <= c.High && c.Low <= c.Close && c.Close <= c.High && c.Volume > 0);
        provider.Dispose();
    }

    [Test]
    public async Task SessionLongRun_AccessTokenExpiresEvery30Minutes_RefreshedAndPersistedEachTime()
    {
        var (provider, client, store) = await LoggedInAsync();

        // One request a minute for the whole session, as the schedule does.
        for (var minute = 1; minute <= 390; minute++)
        {
            _clock.SetUtcNow(Open.AddMinutes(minute));
            await client.FetchCandlesAsync("SPY", Open, _clock.GetUtcNow(), CancellationToken.None);
        }

        // Logged in at 09:25; refreshed at 25 minutes past each token (expires_at - 300 s), so at
        // 09:50, 10:15, ... 15:50: 15 refreshes in the 6.5 hours to 16:00.
        provider.RefreshCount.Should().Be(15);
        _sandbox.Stats.RefreshTokenGrants.Should().Be(15);
        store.Saves.Should().HaveCount(15);
        _sandbox.Stats.Unauthorized.Should().Be(0);
        provider.Dispose();
    }

    [Test]
    public async Task Fetch_AccessTokenRevokedByServer_RefreshesOnceAndRetries()
    {
        var (provider, client, _) = await LoggedInAsync();
        _clock.SetUtcNow(Open.AddMinutes(10).AddSeconds(30));
        _sandbox.Faults.ExpireAccessTokensNow();

        var candles = await client.FetchCandlesAsync("QQQ", Open, _clock.GetUtcNow(), CancellationToken.None);

        candles.Should().HaveCount(11, "10 complete bars and the 09:40 bar still forming at 09:40:30");
        _sandbox.Stats.Unauthorized.Should().Be(1);
        provider.RefreshCount.Should().Be(1);
        provider.Dispose();
    }

    [Test]
    public async Task Fetch_RefreshTokenSupersededByNewLogin_ReauthenticationRequired()
    {
        var (provider, client, _) = await LoggedInAsync();
        await SandboxLogin.LoginAsync(_settings, _oauth, _clock, CancellationToken.None); // a login elsewhere
        _clock.SetUtcNow(Open.AddMinutes(30)); // the first token is due for refresh

        var act = () => client.FetchCandlesAsync("QQQ", Open, _clock.GetUtcNow(), CancellationToken.None);

        (await act.Should().ThrowAsync<ReauthenticationRequiredException>()).Which.Message.Should().Contain("alphakite auth");
        provider.Dispose();
    }

    [Test]
    public async Task FiftyTickers_OneTick_StayInsideTheRequestBudget()
    {
        var (provider, client, _) = await LoggedInAsync(budget: 110);
        _clock.SetUtcNow(Open.AddMinutes(5));
        var tickers = Enumerable.Range(0, 50).Select(i => $"T{i:00}").ToList();

        await Parallel.ForEachAsync(tickers, async (t, ct) => await client.FetchCandlesAsync(t, Open, _clock.GetUtcNow(), ct));

        _sandbox.Stats.PriceHistoryRequests.Should().Be(50);
        _sandbox.Stats.TooManyRequests.Should().Be(0);
        provider.Dispose();
    }
}

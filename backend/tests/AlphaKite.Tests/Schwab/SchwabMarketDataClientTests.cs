using AlphaKite.Core.Ports;
using AlphaKite.Schwab;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Schwab;

public class SchwabMarketDataClientTests
{
    private const string OneCandle =
        """{"candles":[{"open":183.71,"high":183.79,"low":183.55,"close":183.6,"volume":25283,"datetime":1714743000000}],"symbol":"AAPL","empty":false}""";

    private static readonly DateTimeOffset From = new(2024, 5, 3, 13, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2024, 5, 3, 20, 0, 0, TimeSpan.Zero);

    private ScriptedSchwabServer _server = null!;
    private HttpClient _http = null!;
    private SchwabTokenProvider _tokens = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await ScriptedSchwabServer.StartAsync();
        _http = TestSchwab.Http();
        // A fresh token: the first request needs no refresh.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _tokens = new SchwabTokenProvider(
            new MemoryTokenStore(TokenFixtures.File(now, now + 1800)), TestSchwab.OAuth(_server, _http), TimeProvider.System);
    }

    [TearDown]
    public async Task TearDown()
    {
        _tokens.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private SchwabMarketDataClient Client(RequestBudget? budget = null, SchwabRetryOptions? retry = null) =>
        new(_http, _server.BaseUrl, _tokens, budget ?? new RequestBudget(), retry ?? TestSchwab.FastRetry);

    [Test]
    public async Task FetchCandles_Success_SendsExactQueryAndBearerToken()
    {
        _server.Enqueue(TestSchwab.PriceHistoryPath, ScriptedReply.Json(OneCandle));

        var candles = await Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        candles.Should().ContainSingle().Which.Close.Should().Be(183.6m);
        var request = _server.RequestsTo(TestSchwab.PriceHistoryPath).Single();
        // Epoch milliseconds computed by python3: 2024-05-03T13:30Z and 20:00Z.
        request.Query.Should().Be(
            "?symbol=AAPL&frequencyType=minute&frequency=1&startDate=1714743000000&endDate=1714766400000" +
            "&needExtendedHoursData=false&needPreviousClose=false");
        request.Query.Should().NotContain("period");
        request.Authorization.Should().Be("Bearer I0.at-OLD@");
    }

    [Test]
    public async Task FetchCandles_GzipBody_Decoded()
    {
        _server.Enqueue(TestSchwab.PriceHistoryPath, ScriptedReply.Json(OneCandle) with { Gzip = true });

        var candles = await Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        candles.Should().ContainSingle();
    }

    [Test]
    public async Task FetchCandles_GzipBodyWithPlainHttpClient_StillDecoded()
    {
        _server.Enqueue(TestSchwab.PriceHistoryPath, ScriptedReply.Json(OneCandle) with { Gzip = true });
        using var plain = new HttpClient();
        var client = new SchwabMarketDataClient(plain, _server.BaseUrl, _tokens, new RequestBudget(), TestSchwab.FastRetry);

        var candles = await client.FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        candles.Should().ContainSingle();
    }

    [Test]
    public async Task FetchCandles_401_RefreshesOnceAndRetriesOnceWithNewToken()
    {
        _server.Enqueue(TestSchwab.PriceHistoryPath,
            ScriptedReply.Json("""{"errors":[{"status":401,"title":"Unauthorized","detail":"Client not authorized"}]}""", 401),
            ScriptedReply.Json(OneCandle));
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        var candles = await Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        candles.Should().ContainSingle();
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        _server.RequestsTo(TestSchwab.PriceHistoryPath).Select(r => r.Authorization)
            .Should().Equal("Bearer I0.at-OLD@", "Bearer I0.at-NEW@");
        _tokens.RefreshCount.Should().Be(1);
    }

    [Test]
    public async Task FetchCandles_401Twice_MarketDataExceptionAboutTheAppWithoutLooping()
    {
        _server.Always(TestSchwab.PriceHistoryPath,
            ScriptedReply.Json("""{"errors":[{"status":401,"title":"Unauthorized","detail":"Client not authorized"}]}""", 401));
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        var act = () => Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>())
            .WithMessage("AAPL*401*Client not authorized*Ready for Use*Market Data Production*");
        _server.RequestsTo(TestSchwab.PriceHistoryPath).Should().HaveCount(2);
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
    }

    [Test]
    public async Task FetchCandles_401EchoingTheAccessToken_NoEchoInTheMessage()
    {
        _server.Always(TestSchwab.PriceHistoryPath,
            ScriptedReply.Json("""{"errors":[{"status":401,"title":"Unauthorized","detail":"Token I0.at-NEW@ rejected (I0.at-N...)"}]}""", 401));
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        var act = () => Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>()).Which.Message
            .Should().Contain("Token [redacted] rejected ([redacted]...)").And.NotContain("I0.at");
    }

    [Test]
    public async Task FetchCandles_429Always_GivesUpAfterBoundedAttempts()
    {
        _server.Always(TestSchwab.PriceHistoryPath, new ScriptedReply(429, "", "text/plain"));

        var act = () => Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>()).WithMessage("AAPL*4 attempts*429*");
        _server.RequestsTo(TestSchwab.PriceHistoryPath).Should().HaveCount(4);
    }

    [Test]
    public async Task FetchCandles_5xxUntilTheDeadline_StopsAtTheDeadlineSayingWhatFailed()
    {
        _server.Always(TestSchwab.PriceHistoryPath, new ScriptedReply(502, "<html>Bad Gateway</html>", "text/html"));
        var patient = new SchwabRetryOptions(1000, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var started = DateTimeOffset.UtcNow;

        var act = () => Client(retry: patient).FetchCandlesAsync("AAPL", From, To, deadline.Token);

        (await act.Should().ThrowAsync<OperationCanceledException>()).WithMessage("AAPL*deadline*502*Bad Gateway*");
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(3));
        _server.RequestsTo(TestSchwab.PriceHistoryPath).Count.Should().BeInRange(2, 30);
    }

    [Test]
    public async Task FetchCandles_HtmlPageWith200AtAnotherBaseUrl_CalledAConfigurationErrorNamingTheUrl()
    {
        _server.Always(TestSchwab.PriceHistoryPath, new ScriptedReply(200, "<html><body>Welcome to nginx!</body></html>", "text/html"));

        var act = () => Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>())
            .WithMessage($"*looks like a configuration error*the Schwab base URL {_server.BaseUrl.GetLeftPart(UriPartial.Authority)} (SCHWAB_BASE_URL or --base-url)*")
            .Which.Message.Should().NotContain("temporary");
    }

    [Test]
    public async Task FetchCandles_NothingListensAtAnotherBaseUrl_CalledAConfigurationErrorInOurWords()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        var client = new SchwabMarketDataClient(_http, closed, _tokens, new RequestBudget(), TestSchwab.FastRetry);

        var act = () => client.FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>())
            .WithMessage($"*cannot connect to {closed.Authority} (connection refused or unreachable)*looks like a configuration error*")
            .Which.Message.Should().NotContain("Connection refused");
    }

    [Test]
    public async Task FetchCandles_HtmlAccessDenied_RetriedThenReportedWithItsText()
    {
        _server.Always(TestSchwab.PriceHistoryPath,
            new ScriptedReply(403, "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Reference #18</BODY></HTML>", "text/html"));

        var act = () => Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>()).WithMessage("*403*Access Denied*");
    }

    [TestCase(404, """{"errors":[{"id":"x","status":"404","title":"Not Found","detail":"symbol not found"}]}""", "*404 Not Found symbol not found*")]
    [TestCase(400, """{"errors":[{"id":"y","status":400,"title":"Bad Request","detail":"Invalid endDate"}]}""", "*400 Bad Request Invalid endDate*45 days*")]
    public async Task FetchCandles_ClientError_MarketDataExceptionWithSchwabDetailAndNoRetry(int status, string body, string pattern)
    {
        _server.Always(TestSchwab.PriceHistoryPath, ScriptedReply.Json(body, status));

        var act = () => Client().FetchCandlesAsync("AAPL", From, To, CancellationToken.None);

        (await act.Should().ThrowAsync<MarketDataException>()).WithMessage(pattern);
        _server.RequestsTo(TestSchwab.PriceHistoryPath).Should().ContainSingle();
    }

    [Test]
    public async Task FetchCandles_UnknownSymbol_EmptyList()
    {
        _server.Enqueue(TestSchwab.PriceHistoryPath, ScriptedReply.Json("""{"candles":[],"symbol":"ZZZZ","empty":true}"""));

        (await Client().FetchCandlesAsync("ZZZZ", From, To, CancellationToken.None)).Should().BeEmpty();
    }

    [Test]
    public async Task FetchCandles_Retries_EachTakeABudgetSlot()
    {
        _server.Always(TestSchwab.PriceHistoryPath, new ScriptedReply(500, "oops", "text/plain"));
        var budget = new RequestBudget(2, new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));

        var act = () => Client(budget).FetchCandlesAsync("AAPL", From, To, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _server.RequestsTo(TestSchwab.PriceHistoryPath).Should().HaveCount(2, "the third attempt waits for a slot that fake time never frees");
    }

    [Test]
    public async Task FetchEquitySession_OpenDay_SessionFromSchwab()
    {
        _server.Enqueue("/marketdata/v1/markets/equity", ScriptedReply.Json(
            """{"equity":{"EQ":{"isOpen":true,"sessionHours":{"regularMarket":[{"start":"2024-05-03T09:30:00-04:00","end":"2024-05-03T16:00:00-04:00"}]}}}}"""));

        var session = await Client().FetchEquitySessionAsync(new DateOnly(2024, 5, 3), CancellationToken.None);

        session!.Open.Should().Be(From);
        session.Close.Should().Be(To);
        _server.Requests.Single().Query.Should().Be("?date=2024-05-03");
    }
}

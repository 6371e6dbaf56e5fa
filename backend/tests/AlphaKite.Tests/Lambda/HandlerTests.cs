using System.Text.Json;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Metrics;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.Lambda;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Lambda;

public class HandlerTests
{
    // Monday 2025-01-06 10:00:30 New York (EST, UTC-5): 30 bars of the session are final.
    private static readonly DateTimeOffset InSession = new(2025, 1, 6, 15, 0, 30, TimeSpan.Zero);

    // Saturday.
    private static readonly DateTimeOffset Weekend = new(2025, 1, 4, 15, 0, 30, TimeSpan.Zero);

    // NUnit reuses one fixture instance for all tests: fresh collaborators per test.
    private CountingTokens _tokens = null!;
    private GeneratedMarketData _market = null!;
    private RecordingStore _store = null!;
    private StringWriter _stdout = null!;

    [SetUp]
    public void SetUp()
    {
        _tokens = new CountingTokens();
        _market = new GeneratedMarketData();
        _store = new RecordingStore();
        _stdout = new StringWriter();
    }

    [TearDown]
    public void TearDown() => _stdout.Dispose();

    [Test]
    public async Task HandleAsync_ScheduleInSession_ReturnsCountsEmitsMetricsAndOneSummary()
    {
        // Arrange
        var handler = Handler(InSession);

        // Act
        var response = await handler.HandleAsync("{}", "req-1", Log(InSession), CancellationToken.None);

        // Assert: 30 final bars (09:30..09:59) for each ticker, each written once.
        response.Should().StartWith(
            """{"statusCode": 200, "body": "{\"message\": \"Data fetched and uploaded successfully\", \"ticker\": \"QQQ,SPY\", \"equity_rows\": 60, \"indicator_rows\": 60""");
        var lines = Lines();
        var emf = lines.Single(l => l.TryGetProperty("_aws", out _));
        emf.GetProperty("SupabaseUploadSuccess").GetDouble().Should().Be(1);
        emf.GetProperty("RowsWritten").GetDouble().Should().Be(120);
        emf.GetProperty("DataLagSeconds").GetDouble().Should().Be(30);
        emf.GetProperty("requestId").GetString().Should().Be("req-1");
        lines.Where(l => l.TryGetProperty("message", out _)).Should().ContainSingle()
            .Which.GetProperty("message").GetString().Should().Be("tick succeeded");
    }

    [Test]
    public async Task HandleAsync_MarketClosed_ReturnsClosedAndEmitsNoMetrics()
    {
        // Arrange
        var handler = Handler(Weekend);

        // Act
        var response = await handler.HandleAsync("{}", "req-1", Log(Weekend), CancellationToken.None);

        // Assert
        response.Should().Be("""{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""");
        Lines().Where(l => l.TryGetProperty("_aws", out _)).Should().BeEmpty();
        _store.Upserts.Should().BeEmpty();
    }

    [Test]
    public async Task HandleAsync_OneTickerFails_ThrowsAfterMetricsWithUploadFailure()
    {
        // Arrange
        _market.Failing.Add("SPY");
        var handler = Handler(InSession);

        // Act
        var act = () => handler.HandleAsync("{}", "req-1", Log(InSession), CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<TickFailedException>().WithMessage("1 of 2 tickers failed: SPY: pricehistory for SPY answered 503");
        var emf = Lines().Single(l => l.TryGetProperty("_aws", out _));
        emf.GetProperty("SupabaseUploadSuccess").GetDouble().Should().Be(0);
        Lines().Single(l => l.TryGetProperty("message", out _)).GetProperty("level").GetString().Should().Be("Error");
    }

    [Test]
    public async Task HandleAsync_TokenFailsBeforeAnyTicker_ThrowsAfterZeroDataMetrics()
    {
        // Arrange
        _tokens.Failure = new InvalidOperationException("refresh token expired: run alphakite auth");
        var handler = Handler(InSession);

        // Act
        var act = () => handler.HandleAsync("{}", "req-1", Log(InSession), CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<InvalidOperationException>();
        var emf = Lines().Single(l => l.TryGetProperty("_aws", out _));
        emf.GetProperty("DataPointsFetched").GetDouble().Should().Be(0, "a session minute without data must trip the no-data alarm");
        emf.GetProperty("SupabaseUploadSuccess").GetDouble().Should().Be(0);
    }

    [Test]
    public async Task HandleAsync_BadEvent_ThrowsAndWritesNothing()
    {
        // Arrange
        var handler = Handler(InSession);

        // Act
        var act = () => handler.HandleAsync("{\"tickers\": []}", "req-1", Log(InSession), CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<InvalidEventException>();
        _store.Upserts.Should().BeEmpty();
        _stdout.ToString().Should().BeEmpty();
    }

    [Test]
    public async Task HandleAsync_ProviderRefreshedTwiceOverTwoInvocations_EmitsPerInvocationIncrease()
    {
        // Arrange: the provider's count is cumulative per process.
        _tokens.RefreshCount = 3;
        var handler = Handler(InSession);
        _tokens.RefreshCount = 4;
        await handler.HandleAsync("{}", "req-1", Log(InSession), CancellationToken.None);

        // Act
        await handler.HandleAsync("{}", "req-2", Log(InSession), CancellationToken.None);

        // Assert
        Lines().Where(l => l.TryGetProperty("_aws", out _)).Select(l => l.GetProperty("TokenRefreshEvents").GetDouble()).Should().Equal(1, 0);
    }

    [Test]
    public async Task HandleAsync_EventTickersAndForceOnWeekendDate_RunsThoseTickers()
    {
        // Arrange
        var handler = Handler(Weekend);

        // Act
        var response = await handler.HandleAsync("{\"tickers\": [\"IWM\"], \"date\": \"2025-01-03\"}", "req-1", Log(Weekend), CancellationToken.None);

        // Assert: Friday's whole session, 390 bars.
        response.Should().Contain("\\\"ticker\\\": \\\"IWM\\\", \\\"equity_rows\\\": 390");
        _store.Upserts.Keys.Should().Equal("IWM");
    }

    [Test]
    public async Task HandleAsync_FetchesTakeTime_LatencyIsTheInjectedClocksElapsedTime()
    {
        // Arrange: each fetch takes 1.5 s on the injected clock, and no time at all on the wall.
        var clock = new FakeTimeProvider(InSession);
        var market = new SlowMarketData(_market, clock, TimeSpan.FromSeconds(1.5));
        var tick = new Tick(clock, new NyseCalendar(), _tokens, market, _store);
        var handler = new Handler(tick, _tokens, ["QQQ", "SPY"], new EmfMetrics(_stdout), clock, "alpha-kite-real-time-streamer");

        // Act
        await handler.HandleAsync("{}", "req-1", Log(InSession), CancellationToken.None);

        // Assert
        market.Fetches.Should().BeGreaterThan(0);
        Lines().Single(l => l.TryGetProperty("_aws", out _)).GetProperty("LatencyMilliseconds").GetDouble().Should().Be(market.Fetches * 1500);
    }

    private Handler Handler(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        IAccessTokenProvider tokens = _tokens;
        var tick = new Tick(clock, new NyseCalendar(), tokens, _market, _store);
        return new Handler(tick, tokens, ["QQQ", "SPY"], new EmfMetrics(_stdout), clock, "alpha-kite-real-time-streamer");
    }

    private JsonLog Log(DateTimeOffset now) => new JsonLog(_stdout, LogLevel.Information, new FakeTimeProvider(now)).ForRequest("req-1");

    private List<JsonElement> Lines() =>
        _stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    /// <summary>Advances the fake clock by <paramref name="delay"/> on every fetch.</summary>
    private sealed class SlowMarketData(IMarketData inner, FakeTimeProvider clock, TimeSpan delay) : IMarketData
    {
        private int _fetches;

        public int Fetches => _fetches;

        public Task<IReadOnlyList<Candle>> FetchCandlesAsync(string ticker, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetches);
            clock.Advance(delay);
            return inner.FetchCandlesAsync(ticker, from, to, cancellationToken);
        }
    }
}

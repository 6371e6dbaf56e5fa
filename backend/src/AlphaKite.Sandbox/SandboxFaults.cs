namespace AlphaKite.Sandbox;

/// <summary>
/// Fault knobs a test (or a curious user) turns while the server runs. Every member is
/// thread-safe. Count knobs are consumed one per market-data request (pricehistory, markets)
/// in this order: server errors, 429s, forced 401s, then the random <see cref="ErrorRate"/>.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private double _errorRate;
    private int _forceUnauthorizedCount;
    private int _tooManyRequestsCount;
    private int _serverErrorCount;
    private int _serverErrorsServed;
    private int _tokenServerErrorCount;
    private long _accessTokenEpoch;
    private long _latencyTicks;
    private volatile bool _gzip;
    private volatile bool _htmlErrors;
    private volatile bool _duplicateCandles;
    private volatile bool _allZeroTrailingCandle;
    private volatile bool _ignoreRequestWindow;
    private volatile bool _marketHoursDown;

    /// <param name="seed">Seed of <see cref="ErrorRate"/>'s dice, so a failing run can be replayed.</param>
    public SandboxFaults(int seed = 20260101) => _random = new Random(seed);

    /// <summary>Probability (0..1) that a market-data request gets a random HTTP 500.</summary>
    public double ErrorRate
    {
        get => Volatile.Read(ref _errorRate);
        set => Volatile.Write(ref _errorRate, value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "ErrorRate is a probability from 0 to 1."));
    }

    /// <summary>The next N market-data requests get 401 "Client not authorized".</summary>
    public int ForceUnauthorizedCount
    {
        get => Volatile.Read(ref _forceUnauthorizedCount);
        set => Volatile.Write(ref _forceUnauthorizedCount, NonNegative(value));
    }

    /// <summary>The next N market-data requests get 429 without Retry-After (Schwab sends none).</summary>
    public int TooManyRequestsCount
    {
        get => Volatile.Read(ref _tooManyRequestsCount);
        set => Volatile.Write(ref _tooManyRequestsCount, NonNegative(value));
    }

    /// <summary>The next N market-data requests get 500, 502, 503, 500, ... (JSON, plain text, JSON).</summary>
    public int ServerErrorCount
    {
        get => Volatile.Read(ref _serverErrorCount);
        set => Volatile.Write(ref _serverErrorCount, NonNegative(value));
    }

    /// <summary>The next N token-endpoint requests get 503 (an outage while refreshing).</summary>
    public int TokenServerErrorCount
    {
        get => Volatile.Read(ref _tokenServerErrorCount);
        set => Volatile.Write(ref _tokenServerErrorCount, NonNegative(value));
    }

    /// <summary>Added to every response (real time, not the market clock).</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value >= TimeSpan.Zero
            ? value.Ticks
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Latency cannot be negative."));
    }

    /// <summary>Gzip every body and say so with Content-Encoding, whatever the client accepts.</summary>
    public bool Gzip { get => _gzip; set => _gzip = value; }

    /// <summary>Market-data errors come as an edge "Access Denied" HTML page instead of JSON.</summary>
    public bool HtmlErrors { get => _htmlErrors; set => _htmlErrors = value; }

    /// <summary>Every candle of a pricehistory response appears twice, back to back.</summary>
    public bool DuplicateCandles { get => _duplicateCandles; set => _duplicateCandles = value; }

    /// <summary>A pricehistory response with candles ends with an all-zero candle one minute after the last.</summary>
    public bool AllZeroTrailingCandle { get => _allZeroTrailingCandle; set => _allZeroTrailingCandle = value; }

    /// <summary>
    /// Pricehistory answers with whole New York days (midnight of startDate's day to the end of
    /// endDate's day) instead of the requested window, as Schwab sometimes does (a sub-day minute
    /// window has come back as the whole day: schwab-py issue #148). `alphakite sandbox --whole-day`.
    /// </summary>
    public bool IgnoreRequestWindow { get => _ignoreRequestWindow; set => _ignoreRequestWindow = value; }

    /// <summary>Market-hours requests answer HTTP 503 (pricehistory is unaffected): Schwab's market
    /// hours unreachable, so the tick's calendar must decide.</summary>
    public bool MarketHoursDown { get => _marketHoursDown; set => _marketHoursDown = value; }

    /// <summary>Every access token issued so far stops working now; refresh tokens stay valid.</summary>
    public void ExpireAccessTokensNow() => Interlocked.Increment(ref _accessTokenEpoch);

    internal long AccessTokenEpoch => Interlocked.Read(ref _accessTokenEpoch);

    internal bool TryTakeUnauthorized() => TryTake(ref _forceUnauthorizedCount);

    internal bool TryTakeTooManyRequests() => TryTake(ref _tooManyRequestsCount);

    internal bool TryTakeTokenServerError() => TryTake(ref _tokenServerErrorCount);

    /// <summary>Takes one forced server error and says which status it is (cycling 500, 502, 503).</summary>
    internal int? TryTakeServerError()
    {
        if (!TryTake(ref _serverErrorCount))
        {
            return null;
        }

        var n = Interlocked.Increment(ref _serverErrorsServed) - 1;
        return (n % 3) switch
        {
            0 => 500,
            1 => 502,
            _ => 503,
        };
    }

    internal bool RollRandomError()
    {
        var rate = ErrorRate;
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }

    private static bool TryTake(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private static int NonNegative(int value) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A fault count cannot be negative.");
}

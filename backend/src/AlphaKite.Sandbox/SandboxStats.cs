namespace AlphaKite.Sandbox;

/// <summary>What the server has served so far. Thread-safe; counters only grow.</summary>
public sealed class SandboxStats
{
    private long _authorizationCodeGrants;
    private long _refreshTokenGrants;
    private long _priceHistoryRequests;
    private long _marketHoursRequests;
    private long _unauthorized;
    private long _tooManyRequests;
    private long _serverErrors;

    /// <summary>Successful grant_type=authorization_code exchanges.</summary>
    public long AuthorizationCodeGrants => Interlocked.Read(ref _authorizationCodeGrants);

    /// <summary>Successful grant_type=refresh_token exchanges.</summary>
    public long RefreshTokenGrants => Interlocked.Read(ref _refreshTokenGrants);

    /// <summary>Every pricehistory request that reached the server, whatever its outcome.</summary>
    public long PriceHistoryRequests => Interlocked.Read(ref _priceHistoryRequests);

    /// <summary>Every market-hours request that reached the server, whatever its outcome.</summary>
    public long MarketHoursRequests => Interlocked.Read(ref _marketHoursRequests);

    /// <summary>HTTP 401 responses served (market data and token endpoint).</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>HTTP 429 responses served.</summary>
    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    /// <summary>HTTP 5xx responses served.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    internal void CountAuthorizationCodeGrant() => Interlocked.Increment(ref _authorizationCodeGrants);

    internal void CountRefreshTokenGrant() => Interlocked.Increment(ref _refreshTokenGrants);

    internal void CountPriceHistoryRequest() => Interlocked.Increment(ref _priceHistoryRequests);

    internal void CountMarketHoursRequest() => Interlocked.Increment(ref _marketHoursRequests);

    internal void CountStatus(int status)
    {
        if (status == 401)
        {
            Interlocked.Increment(ref _unauthorized);
        }
        else if (status == 429)
        {
            Interlocked.Increment(ref _tooManyRequests);
        }
        else if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
    }
}

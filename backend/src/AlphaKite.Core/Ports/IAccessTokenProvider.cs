namespace AlphaKite.Core.Ports;

/// <summary>Hands out a valid API access token, refreshing it when due. Safe to call concurrently.</summary>
public interface IAccessTokenProvider
{
    /// <param name="forceRefresh">Refresh even if the token looks valid (after a 401).</param>
    Task<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken);

    /// <summary>Refreshes performed by this instance (a metric: TokenRefreshEvents).</summary>
    int RefreshCount { get; }

    /// <summary>Time until the refresh token dies and a person must log in again; null before the first load.</summary>
    TimeSpan? RefreshTokenLifeLeft { get; }
}

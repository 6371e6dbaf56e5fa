namespace AlphaKite.Core.Ports;

/// <summary>Hands out a valid API access token, refreshing it when due. Safe to call concurrently.</summary>
public interface IAccessTokenProvider
{
    /// <summary>The current access token, refreshed first when it is about to expire.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// After the API rejected <paramref name="rejectedAccessToken"/> (a 401): a token to retry with.
    /// Refreshes only while the current token is still the rejected one; when another caller has
    /// already replaced it, returns the replacement without asking the token endpoint again.
    /// </summary>
    Task<string> GetAccessTokenAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken);

    /// <summary>Refreshes performed by this instance (a metric: TokenRefreshEvents).</summary>
    int RefreshCount { get; }

    /// <summary>Time until the refresh token dies and a person must log in again; null before the first load.</summary>
    TimeSpan? RefreshTokenLifeLeft { get; }
}

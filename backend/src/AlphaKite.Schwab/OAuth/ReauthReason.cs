namespace AlphaKite.Schwab.OAuth;

/// <summary>Why Schwab will not hand out tokens until someone acts.</summary>
public enum ReauthReason
{
    /// <summary>The refresh token is older than 7 days (it dies then; refreshing never extends it).</summary>
    RefreshTokenExpired,

    /// <summary>Schwab rejected the refresh token: expired, or replaced by a newer login elsewhere.</summary>
    RefreshTokenRejected,

    /// <summary>Schwab rejected the app key or secret (invalid_client).</summary>
    InvalidClient,

    /// <summary>The authorization code was rejected: older than ~30 s, used twice, or the redirect URI differs.</summary>
    CodeRejected,

    /// <summary>401 "Client not authorized": the app is not "Ready for Use" or lacks Market Data Production.</summary>
    ClientNotAuthorized,

    /// <summary>Any other 400/401 from the token endpoint.</summary>
    Other,
}

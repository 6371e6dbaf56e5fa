namespace AlphaKite.Schwab.OAuth;

/// <summary>
/// Schwab will not give us an access token until a person acts: log in again in a browser with
/// `alphakite auth` (Schwab requires that at least every 7 days), or fix the app's settings.
/// Retrying does not help, so nothing retries this.
/// </summary>
public sealed class ReauthenticationRequiredException(ReauthReason reason, string message, Exception? inner = null)
    : SchwabAuthException(message, inner)
{
    public const string LoginAgain =
        "A person must log in again: run `alphakite auth` (Schwab's refresh token dies 7 days after the browser login " +
        "and a refresh does not extend it, so this is needed at least weekly).";

    public ReauthReason Reason { get; } = reason;
}

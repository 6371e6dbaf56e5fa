namespace AlphaKite.Schwab;

/// <summary>
/// How hard to retry transient failures (5xx, 429, timeouts, HTML or plain-text bodies):
/// exponential backoff with jitter, a bounded number of attempts, each attempt bounded in time.
/// The caller's CancellationToken bounds the whole thing (the Lambda's deadline).
/// </summary>
/// <param name="MaxRetryAttempts">Retries after the first attempt.</param>
/// <param name="BaseDelay">Delay before the first retry; doubles each retry, with jitter.</param>
/// <param name="MaxDelay">Cap on one delay.</param>
/// <param name="AttemptTimeout">Cap on one HTTP attempt.</param>
public sealed record SchwabRetryOptions(int MaxRetryAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout)
{
    /// <summary>3 retries at about 1 s, 2 s, 4 s; 15 s per attempt.</summary>
    public static readonly SchwabRetryOptions Default =
        new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15));
}

namespace AlphaKite.Aws.Json;

/// <summary>
/// How hard to retry transient AWS failures (5xx, throttling, network, HttpClient timeouts):
/// exponential backoff with jitter and a bounded number of attempts. The caller's CancellationToken
/// bounds the whole thing (the Lambda's deadline); HttpClient.Timeout bounds one attempt.
/// </summary>
/// <param name="MaxRetryAttempts">Retries after the first attempt (0 = no retry).</param>
/// <param name="BaseDelay">Delay before the first retry; doubles each retry, with jitter.</param>
/// <param name="MaxDelay">Cap on one delay.</param>
public sealed record AwsRetryOptions(int MaxRetryAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>3 attempts in all, retries at about 0.1 s and 0.2 s: cold starts stay fast.</summary>
    public static readonly AwsRetryOptions Default = new(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
}

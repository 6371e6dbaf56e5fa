using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AlphaKite.Schwab.Http;

/// <summary>The one retry policy for Schwab calls: exponential backoff with jitter, bounded attempts,
/// each attempt bounded in time; the caller's CancellationToken bounds the total.</summary>
internal static class SchwabResilience
{
    public static ResiliencePipeline Create(SchwabRetryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientResponseException>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    // HttpClient.Timeout surfaces as a cancellation wrapping a TimeoutException.
                    .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>True when the exception is a failure the pipeline gave up on (not the caller cancelling).</summary>
    public static bool IsExhaustedFailure(Exception e) =>
        e is TransientResponseException or HttpRequestException or TimeoutRejectedException
            || (e is TaskCanceledException { InnerException: TimeoutException });
}

using Polly;
using Polly.Retry;

namespace AlphaKite.Aws.Json;

/// <summary>The one retry policy for AWS JSON calls, built like the Schwab client's: exponential
/// backoff with jitter (concurrent cold starts do not retry in lockstep), bounded attempts; the
/// caller's CancellationToken bounds the total and is never retried.</summary>
internal static class AwsResilience
{
    public static ResiliencePipeline Create(AwsRetryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            })
            .Build();
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        AwsServiceException aws => aws.IsTransient,
        HttpRequestException => true,
        // HttpClient.Timeout surfaces as a cancellation that is not the caller's.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}

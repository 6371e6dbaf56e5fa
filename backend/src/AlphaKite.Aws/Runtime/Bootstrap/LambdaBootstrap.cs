using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Runtime.Client;

namespace AlphaKite.Aws.Runtime.Bootstrap;

/// <summary>
/// The invocation loop of the custom runtime and its deadline policy: next, handle under the
/// deadline budget, respond or report the error, over a <see cref="RuntimeApiClient"/>.
/// </summary>
public sealed class LambdaBootstrap
{
    /// <summary>Cancel the handler this long before Lambda's deadline, so it can still report
    /// (metrics, its log line, the /error post).</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(1500);

    /// <summary>A handler still running this long before the deadline (it did not stop when
    /// cancelled) is abandoned and its failure reported by the runtime itself: Lambda killing the
    /// process would leave no report at all.</summary>
    public static readonly TimeSpan ReportMargin = TimeSpan.FromMilliseconds(500);

    private readonly RuntimeApiClient _client;
    private readonly TimeProvider _clock;

    public LambdaBootstrap(RuntimeApiClient client, TimeProvider clock)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The invocation loop: next, handle (given the log stamped with the request id) (cancelled <see cref="DeadlineMargin"/> before the
    /// deadline), respond or report the error, forever. Returns the process exit code when the
    /// Runtime API says to stop (a 500) or <paramref name="stop"/> fires.</summary>
    public async Task<int> RunAsync(Func<LambdaInvocation, JsonLog, CancellationToken, Task<string>> handler, JsonLog log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(log);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var invocation = await _client.NextAsync(stop);
                // The X-Ray SDK convention: the current trace lives in this variable.
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
                await InvokeAsync(handler, invocation, log.ForRequest(invocation.RequestId), stop);
            }
            catch (RuntimeApiException e)
            {
                // 500 means "exit now"; anything else from /next or an error report leaves no way on.
                log.Error("runtime API refused a call; exiting", new LogField("status", e.StatusCode), new LogField("error", e));
                return 1;
            }
            catch (HttpRequestException e)
            {
                log.Error("runtime API unreachable; exiting", new LogField("error", e));
                return 1;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        return 0;
    }

    private async Task InvokeAsync(Func<LambdaInvocation, JsonLog, CancellationToken, Task<string>> handler, LambdaInvocation invocation, JsonLog log, CancellationToken stop)
    {
        var remaining = invocation.Deadline - _clock.GetUtcNow();
        using var deadline = new CancellationTokenSource(Positive(remaining - DeadlineMargin), _clock);
        using var lastCall = new CancellationTokenSource(Positive(remaining - ReportMargin), _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(lastCall.Token, stop);
        string response;
        Task<string>? running = null;
        try
        {
            // The handler is cancelled at DeadlineMargin and should report its own failure; WaitAsync
            // only stops waiting for one that ignores its token.
            running = handler(invocation, log, linked.Token);
            response = await running.WaitAsync(abandon.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            ObserveAbandoned(running);
            var reported = e is OperationCanceledException && deadline.IsCancellationRequested
                ? new TimeoutException(lastCall.IsCancellationRequested
                    ? $"The invocation did not stop when cancelled {DeadlineMargin.TotalSeconds:0.0} s before its deadline and was abandoned {ReportMargin.TotalSeconds:0.0} s before it: raise the function timeout or reduce the tickers."
                    : $"The invocation was stopped {DeadlineMargin.TotalSeconds:0.0} s before its deadline: raise the function timeout or reduce the tickers.", e)
                : e;
            log.Error("invocation failed", new LogField("errorType", reported.GetType().Name), new LogField("errorMessage", reported.Message), new LogField("error", reported));
            await FinishAsync(() => _client.ReportErrorAsync(invocation.RequestId, reported, stop), "error", log);
            return;
        }

        // Lambda refuses a response over 6 MB with 413; the invocation is then over on its side (a
        // later /error gets 403), so the runtime logs it and asks for the next event.
        await FinishAsync(() => _client.RespondAsync(invocation.RequestId, response, stop), "response", log);
    }

    /// <summary>A handler the runtime stopped waiting for keeps running (nothing can stop a task that
    /// ignores its token): observe its fault so it never surfaces as an UnobservedTaskException. What
    /// it writes late lands in whatever invocation's log is current (docs/architecture.md).</summary>
    private static void ObserveAbandoned(Task<string>? running)
    {
        if (running is { IsCompleted: false })
        {
            _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Posts an invocation's outcome. A 4xx (413 too large, 403 already finished) ends this
    /// invocation only; a 5xx still means "exit" and propagates.</summary>
    private static async Task FinishAsync(Func<Task> post, string what, JsonLog log)
    {
        try
        {
            await post();
        }
        catch (RuntimeApiException e) when (!e.MustExit)
        {
            log.Error($"runtime API rejected the {what}; the invocation ends without it", new LogField("status", e.StatusCode), new LogField("error", e));
        }
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;
}

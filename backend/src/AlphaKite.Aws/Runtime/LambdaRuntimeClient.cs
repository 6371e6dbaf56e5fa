using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AlphaKite.Aws.Logging;

namespace AlphaKite.Aws.Runtime;

/// <summary>
/// The Lambda Runtime API (custom runtime, provided.al2023) over one HttpClient.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// The HttpClient must have an infinite (or hours-long) timeout: /next blocks while the
/// environment is idle or frozen.
/// </summary>
public sealed class LambdaRuntimeClient
{
    /// <summary>Cancel the handler this long before Lambda's deadline, so it can still report
    /// (metrics, its log line, the /error post).</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(1500);

    /// <summary>A handler still running this long before the deadline (it did not stop when
    /// cancelled) is abandoned and its failure reported by the runtime itself: Lambda killing the
    /// process would leave no report at all.</summary>
    public static readonly TimeSpan ReportMargin = TimeSpan.FromMilliseconds(500);

    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TimeProvider _clock;

    /// <param name="runtimeApi">AWS_LAMBDA_RUNTIME_API: "host:port".</param>
    public LambdaRuntimeClient(HttpClient http, string runtimeApi, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _base = new Uri($"http://{runtimeApi}/2018-06-01/runtime/");
    }

    /// <summary>Blocks until Lambda hands out the next event.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_base, "invocation/next"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        await EnsureAcceptedAsync(response, "invocation/next", cancellationToken);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id", (int)response.StatusCode);
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : _clock.GetUtcNow().AddMinutes(15);
        return new LambdaInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? "", Header(response, "Lambda-Runtime-Trace-Id"), body);
    }

    public async Task RespondAsync(string requestId, string response, CancellationToken cancellationToken)
    {
        using var content = new StringContent(response, Encoding.UTF8);
        content.Headers.ContentType = JsonContentType;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, null, cancellationToken);
    }

    public async Task ReportErrorAsync(string requestId, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", ErrorBody(error), error.GetType().Name, cancellationToken);
    }

    /// <summary>Reports a failed initialization; the caller must then exit non-zero.</summary>
    public async Task ReportInitErrorAsync(Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await PostAsync("init/error", ErrorBody(error), error.GetType().Name, cancellationToken);
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
                var invocation = await NextAsync(stop);
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
            await FinishAsync(() => ReportErrorAsync(invocation.RequestId, reported, stop), "error", log);
            return;
        }

        // Lambda refuses a response over 6 MB with 413; the invocation is then over on its side (a
        // later /error gets 403), so the runtime logs it and asks for the next event.
        await FinishAsync(() => RespondAsync(invocation.RequestId, response, stop), "response", log);
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

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAcceptedAsync(response, path, cancellationToken);
    }

    private static ByteArrayContent ErrorBody(Exception error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            ExceptionJson.Write(json, error);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = ErrorContentType;
        return content;
    }

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new RuntimeApiException(
            $"Runtime API {path} answered {(int)response.StatusCode} {response.StatusCode}: {detail}",
            (int)response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

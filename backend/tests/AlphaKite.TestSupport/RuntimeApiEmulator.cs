using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace AlphaKite.TestSupport;

/// <summary>What the runtime posted to the emulator.</summary>
public sealed record RuntimePost(string Path, string Body, string? ContentType, string? ErrorType);

/// <summary>
/// The Lambda Runtime API on loopback (real HTTP, HttpListener): hands out queued events on
/// /invocation/next with Lambda's headers, records what the runtime posts, and can answer 500.
/// </summary>
public sealed class RuntimeApiEmulator : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<QueuedEvent?> _events = Channel.CreateUnbounded<QueuedEvent?>();
    private readonly Channel<RuntimePost> _posts = Channel.CreateUnbounded<RuntimePost>();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RuntimeApiEmulator()
    {
        var port = LoopbackPort.Free();
        Address = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    /// <summary>AWS_LAMBDA_RUNTIME_API: "host:port".</summary>
    public string Address { get; }

    /// <summary>When the runtime first asked for an event (it finished initializing).</summary>
    public Task<DateTimeOffset> FirstNext => _firstNext.Task;

    /// <summary>Headers the runtime sent with /next (the last request).</summary>
    public ConcurrentQueue<string> NextRequests { get; } = new();

    public void Enqueue(string requestId, string body, DateTimeOffset deadline, string? traceId = "Root=1-5759e988-bd862e3fe1be46a994272793") =>
        _events.Writer.TryWrite(new QueuedEvent(requestId, body, deadline, traceId));

    /// <summary>The next /next gets a 500 ("exit now").</summary>
    public void EnqueueExit() => _events.Writer.TryWrite(null);

    /// <summary>Hold each post this long before answering (to sample the runtime's memory while it waits).</summary>
    public TimeSpan PostDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Called with each post as it arrives, before the answer.</summary>
    public Action<RuntimePost>? OnPost { get; set; }

    /// <summary>Posts to answer with a status instead of 202 (e.g. 500 on a response).</summary>
    public ConcurrentDictionary<string, int> FailPaths { get; } = new();

    public async Task<RuntimePost> NextPostAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _posts.Reader.ReadAsync(cts.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                _firstNext.TrySetResult(DateTimeOffset.UtcNow);
                NextRequests.Enqueue(path);
                var queued = await _events.Reader.ReadAsync(_stop.Token);
                if (queued is null)
                {
                    await WriteAsync(context, 500, "{\"errorMessage\":\"emulator says exit\",\"errorType\":\"Runtime.Exit\"}");
                    return;
                }

                context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = queued.RequestId;
                context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = queued.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:alpha-kite-real-time-streamer";
                if (queued.TraceId is not null)
                {
                    context.Response.Headers["Lambda-Runtime-Trace-Id"] = queued.TraceId;
                }

                await WriteAsync(context, 200, queued.Body);
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var relative = path.Replace("/2018-06-01/runtime/", "", StringComparison.Ordinal);
            var post = new RuntimePost(relative, body, context.Request.ContentType, context.Request.Headers["Lambda-Runtime-Function-Error-Type"]);
            _posts.Writer.TryWrite(post);
            OnPost?.Invoke(post);
            if (PostDelay > TimeSpan.Zero)
            {
                await Task.Delay(PostDelay);
            }

            await WriteAsync(context, FailPaths.TryGetValue(relative, out var status) ? status : 202, "{\"status\":\"OK\"}");
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private sealed record QueuedEvent(string RequestId, string Body, DateTimeOffset Deadline, string? TraceId);
}

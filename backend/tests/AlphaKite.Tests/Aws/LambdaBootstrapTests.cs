using System.Text;
using System.Text.Json;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Runtime.Bootstrap;
using AlphaKite.Aws.Runtime.Client;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Aws;

/// <summary>The Runtime API loop (LambdaBootstrap over RuntimeApiClient, error bodies from
/// LambdaJsonExceptionWriter) against a loopback emulator (real HTTP).</summary>
public class LambdaBootstrapTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // NUnit reuses one fixture instance for all tests: a fresh emulator, client and log per test.
    private RuntimeApiEmulator _emulator = null!;
    private HttpClient _http = null!;
    private StringWriter _logOutput = null!;

    [SetUp]
    public void SetUp()
    {
        _emulator = new RuntimeApiEmulator();
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _logOutput = new StringWriter();
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _emulator.Dispose();
        _logOutput.Dispose();
    }

    [Test]
    public async Task RunAsync_EventHandled_PostsResponseAndSetsTraceId()
    {
        // Arrange
        _emulator.Enqueue("req-1", "{\"force\": true}", DateTimeOffset.UtcNow.AddMinutes(1), "Root=1-abc");
        _emulator.EnqueueExit();
        string? seenBody = null, seenTrace = null;

        // Act
        var exit = await Bootstrap().RunAsync((invocation, _, _) =>
        {
            seenBody = invocation.Body;
            seenTrace = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return Task.FromResult("{\"ok\": 1}");
        }, Log(), CancellationToken.None);

        // Assert
        var post = await _emulator.NextPostAsync(Wait);
        post.Path.Should().Be("invocation/req-1/response");
        post.Body.Should().Be("{\"ok\": 1}");
        seenBody.Should().Be("{\"force\": true}");
        seenTrace.Should().Be("Root=1-abc");
        exit.Should().Be(1, "the emulator's 500 on /next means exit");
    }

    [Test]
    public async Task RunAsync_HandlerThrows_PostsErrorJsonWithContentTypeAndHeader()
    {
        // Arrange
        _emulator.Enqueue("req-2", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.EnqueueExit();

        // Act
        await Bootstrap().RunAsync((_, _, _) => throw new InvalidOperationException("database unreachable: Password=hunter2"), Log(), CancellationToken.None);

        // Assert
        var post = await _emulator.NextPostAsync(Wait);
        post.Path.Should().Be("invocation/req-2/error");
        post.ContentType.Should().Be("application/vnd.aws.lambda.error+json");
        post.ErrorType.Should().Be("InvalidOperationException");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("InvalidOperationException");
        error.GetProperty("errorMessage").GetString().Should().Be("database unreachable: Password=[redacted]");
        error.GetProperty("stackTrace").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Test]
    public async Task RunAsync_HandlerThrowsWithCauses_ErrorBodyKeepsTheChainLikeRuntimeSupport()
    {
        // Arrange: an aggregate of two causes, the first with its own inner exception.
        _emulator.Enqueue("req-3", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.EnqueueExit();
        var failure = Thrown(() => throw new AggregateException("2 of 2 tickers failed",
            Thrown(() => throw new InvalidOperationException("QQQ: store failed", Thrown(() => throw new TimeoutException("no answer; password=hunter2")))),
            Thrown(() => throw new HttpRequestException("SPY: connection refused"))));

        // Act
        await Bootstrap().RunAsync((_, _, _) => throw failure, Log(), CancellationToken.None);

        // Assert: errorType, errorMessage, stackTrace (array of strings), cause, causes.
        var post = await _emulator.NextPostAsync(Wait);
        post.ErrorType.Should().Be("AggregateException");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("AggregateException");
        error.GetProperty("stackTrace").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(f => f.ValueKind == JsonValueKind.String && f.GetString()!.StartsWith("at ", StringComparison.Ordinal));
        error.GetProperty("cause").GetProperty("errorType").GetString().Should().Be("InvalidOperationException");
        var causes = error.GetProperty("causes").EnumerateArray().ToList();
        causes.Select(c => c.GetProperty("errorType").GetString()).Should().Equal("InvalidOperationException", "HttpRequestException");
        causes[0].GetProperty("cause").GetProperty("errorType").GetString().Should().Be("TimeoutException");
        causes[0].GetProperty("cause").GetProperty("errorMessage").GetString().Should().Be("no answer; password=[redacted]");
        causes[1].GetProperty("errorMessage").GetString().Should().Be("SPY: connection refused");
        causes[1].GetProperty("stackTrace").GetArrayLength().Should().BePositive();
        post.Body.Should().NotContain("hunter2");

        // The error log line has the type and the stack too.
        var line = _logOutput.ToString().Split('\n').Single(l => l.Contains("\"invocation failed\"", StringComparison.Ordinal));
        var logged = JsonDocument.Parse(line).RootElement.GetProperty("error");
        logged.GetProperty("errorType").GetString().Should().Be("AggregateException");
        logged.GetProperty("stackTrace").GetArrayLength().Should().BePositive();
        logged.GetProperty("causes").GetArrayLength().Should().Be(2);
        line.Should().NotContain("hunter2");
    }

    [Test]
    public async Task RunAsync_ResponseAnswers413_LogsItAndHandlesTheNextEvent()
    {
        // Arrange: Lambda refuses a response over 6 MB with 413; the invocation is then over, and a
        // later /error for it gets 403.
        _emulator.FailPaths["invocation/big/response"] = 413;
        _emulator.FailPaths["invocation/big/error"] = 403;
        _emulator.Enqueue("big", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.Enqueue("next", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.EnqueueExit();
        var handled = new List<string>();

        // Act
        var exit = await Bootstrap().RunAsync(
            (i, _, _) => { handled.Add(i.RequestId); return Task.FromResult("{}"); }, Log(), CancellationToken.None);

        // Assert
        handled.Should().Equal("big", "next");
        (await _emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/big/response");
        (await _emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/next/response", "no /error follows a refused response");
        exit.Should().Be(1, "only the emulator's 500 on /next ends the loop");
        _logOutput.ToString().Should().Contain("runtime API rejected the response").And.Contain("\"status\":413");
    }

    [Test]
    public async Task RunAsync_HandlerIgnoresCancellation_RuntimeReportsTheTimeoutBeforeTheDeadline()
    {
        // Arrange: 3 s left; the handler waits 30 s without looking at its token.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(3);
        _emulator.Enqueue("stuck", "{}", deadline);
        _emulator.EnqueueExit();

        // Act
        var run = Bootstrap().RunAsync(async (_, _, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
            return "{}";
        }, Log(), CancellationToken.None);
        var post = await _emulator.NextPostAsync(Wait);

        // Assert
        DateTimeOffset.UtcNow.Should().BeBefore(deadline);
        post.Path.Should().Be("invocation/stuck/error");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("TimeoutException");
        error.GetProperty("errorMessage").GetString().Should().Contain("did not stop when cancelled");
        (await run).Should().Be(1);
    }

    [Test]
    public async Task RunAsync_AbandonedHandlerFaultsLater_ItsFaultIsObserved()
    {
        // Arrange: 2.5 s left; the handler ignores its token, is abandoned 0.5 s before the
        // deadline, and throws 1 s after that, when no one waits for it any more.
        _emulator.Enqueue("abandoned", "{}", DateTimeOffset.UtcNow.AddSeconds(2.5));
        _emulator.EnqueueExit();
        var thrown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> watch = (_, e) =>
        {
            if (e.Exception.InnerExceptions.Any(i => i.Message == "late failure of an abandoned handler"))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        };
        TaskScheduler.UnobservedTaskException += watch;
        try
        {
            // Act
            var exit = await Bootstrap().RunAsync((_, _, _) => LateFailureAsync(thrown), Log(), CancellationToken.None);
            (await _emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/abandoned/error");
            await thrown.Task.WaitAsync(Wait);
            await Task.Delay(200);
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            // Assert
            exit.Should().Be(1);
            unobserved.Should().BeEmpty();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= watch;
        }
    }

    [Test]
    public async Task RunAsync_TickFailedWithManyLongCauses_ErrorBodyStaysUnderTheCapAndKeepsTheFirstCauses()
    {
        // Arrange: 300 tickers, each failed with a 20 KB message: uncapped, about 12 MB.
        _emulator.Enqueue("huge", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.EnqueueExit();
        var tickers = Enumerable.Range(0, 300).Select(i => new TickerResult($"T{i}", 0, 0, new WriteResult(0, 0), null, null, new Dictionary<DropReason, int>(),
            $"T{i} failed", Thrown(() => throw new InvalidOperationException($"T{i}: " + new string('x', 20_000), Thrown(() => throw new TimeoutException("inner")))))).ToList();
        var failure = Thrown(() => throw new TickFailedException(new TickReport(new DateOnly(2026, 11, 20), null, false, tickers, TimeSpan.Zero, 0, null)));

        // Act
        await Bootstrap().RunAsync((_, _, _) => throw failure, Log(), CancellationToken.None);

        // Assert
        var post = await _emulator.NextPostAsync(Wait);
        post.ErrorType.Should().Be("TickFailedException");
        Encoding.UTF8.GetByteCount(post.Body).Should().BeLessThanOrEqualTo(ExceptionJson.MaxBytes);
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("TickFailedException");
        error.GetProperty("errorMessage").GetString().Should().StartWith("300 of 300 tickers failed: T0: T0 failed;").And.Contain("more characters");
        error.GetProperty("stackTrace").GetArrayLength().Should().BePositive();
        error.GetProperty("cause").GetProperty("errorMessage").GetString().Should().StartWith("T0: xxx");
        var causes = error.GetProperty("causes").EnumerateArray().ToList();
        causes.Count.Should().BeInRange(2, ExceptionJson.MaxCauses + 1);
        causes[0].GetProperty("errorType").GetString().Should().Be("InvalidOperationException");
        causes[0].GetProperty("cause").GetProperty("errorType").GetString().Should().Be("TimeoutException");
        causes[1].GetProperty("errorMessage").GetString().Should().StartWith("T1: xxx");
        causes[^1].GetProperty("errorMessage").GetString().Should().Match(m => m == ExceptionJson.Truncated || m == "284 more causes left out");
    }

    private static async Task<string> LateFailureAsync(TaskCompletionSource thrown)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
        thrown.SetResult();
        throw new InvalidOperationException("late failure of an abandoned handler");
    }

    [Test]
    public async Task RunAsync_TwoEvents_HandlesBothThenExitsOn500()
    {
        // Arrange
        _emulator.Enqueue("a", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.Enqueue("b", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.EnqueueExit();

        // Act
        var exit = await Bootstrap().RunAsync((i, _, _) => Task.FromResult($"\"{i.RequestId}\""), Log(), CancellationToken.None);

        // Assert
        exit.Should().Be(1);
        (await _emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/a/response");
        (await _emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/b/response");
    }

    [Test]
    public async Task RunAsync_ResponsePostAnswers500_Exits()
    {
        // Arrange
        _emulator.FailPaths["invocation/a/response"] = 500;
        _emulator.Enqueue("a", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        _emulator.Enqueue("never", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        var handled = new List<string>();

        // Act
        var exit = await Bootstrap().RunAsync((i, _, _) => { handled.Add(i.RequestId); return Task.FromResult("{}"); }, Log(), CancellationToken.None);

        // Assert
        exit.Should().Be(1);
        handled.Should().Equal("a");
    }

    [Test]
    public async Task RunAsync_HandlerOutlivesDeadline_CancelledBeforeItAndReportedAsTimeout()
    {
        // Arrange: 2 s left, so the handler's token fires about 0.5 s in (1.5 s margin).
        _emulator.Enqueue("slow", "{}", DateTimeOffset.UtcNow.AddSeconds(2));
        _emulator.EnqueueExit();
        var started = DateTimeOffset.UtcNow;

        // Act
        await Bootstrap().RunAsync(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return "{}";
        }, Log(), CancellationToken.None);

        // Assert
        var post = await _emulator.NextPostAsync(Wait);
        post.Path.Should().Be("invocation/slow/error");
        JsonDocument.Parse(post.Body).RootElement.GetProperty("errorType").GetString().Should().Be("TimeoutException");
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task ReportInitErrorAsync_Failure_PostsToInitError()
    {
        // Act
        await RuntimeApi().ReportInitErrorAsync(new InvalidOperationException("ALPHAKITE_TICKERS is not set"), CancellationToken.None);

        // Assert
        var post = await _emulator.NextPostAsync(Wait);
        post.Path.Should().Be("init/error");
        post.ErrorType.Should().Be("InvalidOperationException");
        JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString().Should().Be("ALPHAKITE_TICKERS is not set");
    }

    private static Exception Thrown(Action throwing)
    {
        try
        {
            throwing();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("did not throw");
    }

    private RuntimeApiClient RuntimeApi() => new(_http, _emulator.Address, TimeProvider.System);

    private LambdaBootstrap Bootstrap() => new(RuntimeApi(), TimeProvider.System);

    private JsonLog Log() => new(_logOutput, LogLevel.Debug, TimeProvider.System);
}

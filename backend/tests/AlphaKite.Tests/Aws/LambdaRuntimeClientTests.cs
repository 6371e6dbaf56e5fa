using System.Text.Json;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Runtime;
using AlphaKite.Tests.Support;

namespace AlphaKite.Tests.Aws;

/// <summary>The Runtime API loop against a loopback emulator (real HTTP).</summary>
public class LambdaRuntimeClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task RunAsync_EventHandled_PostsResponseAndSetsTraceId()
    {
        // Arrange
        using var emulator = new RuntimeApiEmulator();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        emulator.Enqueue("req-1", "{\"force\": true}", DateTimeOffset.UtcNow.AddMinutes(1), "Root=1-abc");
        emulator.EnqueueExit();
        string? seenBody = null, seenTrace = null;

        // Act
        var exit = await Client(http, emulator).RunAsync((invocation, _, _) =>
        {
            seenBody = invocation.Body;
            seenTrace = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return Task.FromResult("{\"ok\": 1}");
        }, Log(), CancellationToken.None);

        // Assert
        var post = await emulator.NextPostAsync(Wait);
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
        using var emulator = new RuntimeApiEmulator();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        emulator.Enqueue("req-2", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        emulator.EnqueueExit();

        // Act
        await Client(http, emulator).RunAsync((_, _, _) => throw new InvalidOperationException("database unreachable: Password=hunter2"), Log(), CancellationToken.None);

        // Assert
        var post = await emulator.NextPostAsync(Wait);
        post.Path.Should().Be("invocation/req-2/error");
        post.ContentType.Should().Be("application/vnd.aws.lambda.error+json");
        post.ErrorType.Should().Be("Runtime.Unhandled");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("InvalidOperationException");
        error.GetProperty("errorMessage").GetString().Should().Be("database unreachable: Password=[redacted]");
        error.GetProperty("stackTrace").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Test]
    public async Task RunAsync_TwoEvents_HandlesBothThenExitsOn500()
    {
        // Arrange
        using var emulator = new RuntimeApiEmulator();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        emulator.Enqueue("a", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        emulator.Enqueue("b", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        emulator.EnqueueExit();

        // Act
        var exit = await Client(http, emulator).RunAsync((i, _, _) => Task.FromResult($"\"{i.RequestId}\""), Log(), CancellationToken.None);

        // Assert
        exit.Should().Be(1);
        (await emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/a/response");
        (await emulator.NextPostAsync(Wait)).Path.Should().Be("invocation/b/response");
    }

    [Test]
    public async Task RunAsync_ResponsePostAnswers500_Exits()
    {
        // Arrange
        using var emulator = new RuntimeApiEmulator();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        emulator.FailPaths["invocation/a/response"] = 500;
        emulator.Enqueue("a", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        emulator.Enqueue("never", "{}", DateTimeOffset.UtcNow.AddMinutes(1));
        var handled = new List<string>();

        // Act
        var exit = await Client(http, emulator).RunAsync((i, _, _) => { handled.Add(i.RequestId); return Task.FromResult("{}"); }, Log(), CancellationToken.None);

        // Assert
        exit.Should().Be(1);
        handled.Should().Equal("a");
    }

    [Test]
    public async Task RunAsync_HandlerOutlivesDeadline_CancelledBeforeItAndReportedAsTimeout()
    {
        // Arrange: 2 s left, so the handler's token fires about 0.5 s in (1.5 s margin).
        using var emulator = new RuntimeApiEmulator();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        emulator.Enqueue("slow", "{}", DateTimeOffset.UtcNow.AddSeconds(2));
        emulator.EnqueueExit();
        var started = DateTimeOffset.UtcNow;

        // Act
        await Client(http, emulator).RunAsync(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return "{}";
        }, Log(), CancellationToken.None);

        // Assert
        var post = await emulator.NextPostAsync(Wait);
        post.Path.Should().Be("invocation/slow/error");
        JsonDocument.Parse(post.Body).RootElement.GetProperty("errorType").GetString().Should().Be("TimeoutException");
        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task ReportInitErrorAsync_Failure_PostsToInitError()
    {
        // Arrange
        using var emulator = new RuntimeApiEmulator();
        using var http = new HttpClient();

        // Act
        await Client(http, emulator).ReportInitErrorAsync(new InvalidOperationException("ALPHAKITE_TICKERS is not set"), CancellationToken.None);

        // Assert
        var post = await emulator.NextPostAsync(Wait);
        post.Path.Should().Be("init/error");
        post.ErrorType.Should().Be("Runtime.InitError");
        JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString().Should().Be("ALPHAKITE_TICKERS is not set");
    }

    private static LambdaRuntimeClient Client(HttpClient http, RuntimeApiEmulator emulator) => new(http, emulator.Address, TimeProvider.System);

    private static JsonLog Log() => new(TextWriter.Null, LogLevel.Debug, TimeProvider.System);
}

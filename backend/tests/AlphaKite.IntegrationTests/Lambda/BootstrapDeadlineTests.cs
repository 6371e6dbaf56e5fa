using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// The published `bootstrap` against endpoints that accept a connection and never answer: whatever
/// hangs, the function reports its own failure (the /error or /init/error post, the EMF line, the
/// `tick failed` line) before Lambda's deadline, instead of being killed without a word.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class BootstrapDeadlineTests
{
    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(6);

    [Test]
    public async Task Bootstrap_DatabaseAcceptsAndNeverAnswers_ReportsItsOwnFailureBeforeTheDeadline()
    {
        // Arrange: the function's database URL points at a server that accepts and stays silent
        // (Npgsql then waits for the startup reply, ignoring its token, for its own 15 s Timeout).
        using var silent = new SilentServer();
        var day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var stack = await LambdaStack.StartAsync();
        const string password = "hung-db-pw-4471";
        stack.Moto.Aws("ssm", "put-parameter", "--name", LambdaStack.ParameterPrefix + "database-url", "--type", "SecureString", "--overwrite",
            "--value", $"postgresql://writer:{password}@127.0.0.1:{silent.Port}/postgres?sslmode=disable");
        using var emulator = new RuntimeApiEmulator();
        using var bootstrap = BootstrapProcess.Start(PublishedBootstrap.Path, stack.FunctionEnvironment(emulator));
        await emulator.FirstNext.WaitAsync(TimeSpan.FromSeconds(30));

        // Act
        var deadline = DateTimeOffset.UtcNow.Add(FunctionTimeout);
        emulator.Enqueue("hung-db", $"{{\"date\": \"{day}\"}}", deadline);
        var post = await emulator.NextPostAsync(FunctionTimeout + TimeSpan.FromSeconds(30));
        var postedAt = DateTimeOffset.UtcNow;
        await bootstrap.StopAsync(emulator);

        // Assert: reported before the deadline, by the invocation itself, with the cause.
        postedAt.Should().BeBefore(deadline, bootstrap.Stdout);
        silent.Accepted.Should().BePositive("the database was really tried");
        post.Path.Should().Be("invocation/hung-db/error", bootstrap.Stdout);
        post.ErrorType.Should().Be("TickFailedException");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("TickFailedException");
        error.GetProperty("errorMessage").GetString().Should().StartWith("1 of 1 tickers failed: QQQ: stopped before it finished");
        var cause = error.GetProperty("causes").EnumerateArray().Single();
        cause.GetProperty("errorType").GetString().Should().Be("OperationCanceledException");
        cause.GetProperty("errorMessage").GetString().Should().StartWith($"stopped waiting for PostgreSQL at 127.0.0.1:{silent.Port}");

        var emf = bootstrap.StdoutLines.Single(l => l.StartsWith("{\"_aws\"", StringComparison.Ordinal));
        var metrics = JsonNode.Parse(emf)!;
        metrics["SupabaseUploadSuccess"]!.GetValue<double>().Should().Be(0);
        metrics["DataPointsFetched"]!.GetValue<double>().Should().Be(780, "the candles were fetched before the write hung");
        metrics["RowsWritten"]!.GetValue<double>().Should().Be(0);
        var failed = JsonNode.Parse(bootstrap.StdoutLines.Single(l => l.Contains("\"message\":\"tick failed\"", StringComparison.Ordinal)))!;
        failed["error"]!["errorType"]!.GetValue<string>().Should().Be("TickFailedException");
        failed["error"]!["causes"]![0]!["stackTrace"]!.AsArray().Should().NotBeEmpty();
        bootstrap.Stdout.Should().NotContain(password);
        bootstrap.Stderr.Should().NotContain(password);
    }

    [Test]
    public async Task Bootstrap_SsmAcceptsAndNeverAnswers_InitErrorSaysWhatRanOut()
    {
        // Arrange
        using var silent = new SilentServer();
        using var emulator = new RuntimeApiEmulator();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address, ["ALPHAKITE_ENVIRONMENT"] = "prod", ["ALPHAKITE_TICKERS"] = "QQQ",
            ["ALPHAKITE_TOKEN_SECRET_ID"] = "schwab-api-token-prod", ["ALPHAKITE_PARAMETER_PREFIX"] = "/alpha-kite/prod/",
            ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{silent.Port}/",
        };
        var published = PublishedBootstrap.Path; // publishes on first use: not part of the init time
        var started = DateTimeOffset.UtcNow;

        // Act
        using var process = PublishedBootstrap.Start(published, environment);
        var post = await emulator.NextPostAsync(TimeSpan.FromSeconds(30));
        var elapsed = DateTimeOffset.UtcNow - started;
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        // Assert: within Lambda's 10 s init limit, naming the step and the endpoint, not "operation canceled".
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        post.Path.Should().Be("init/error");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("TimeoutException");
        error.GetProperty("errorMessage").GetString().Should().Be($"init took longer than 8 s while calling SSM GetParameters at http://127.0.0.1:{silent.Port}/");
        error.GetProperty("cause").GetProperty("errorType").GetString().Should().EndWith("CanceledException");
        // The framework's own message, not a resource key (UseSystemResourceKeys made it
        // "TaskCanceledException_ctor_DefaultMessage").
        error.GetProperty("cause").GetProperty("errorMessage").GetString().Should().NotContain("_ctor_").And.Contain(" ");
        process.ExitCode.Should().NotBe(0);
    }
}

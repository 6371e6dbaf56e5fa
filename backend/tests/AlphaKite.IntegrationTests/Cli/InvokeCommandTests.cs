using System.Globalization;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>The built `alphakite invoke` (a separate process) against the sandbox and PostgreSQL,
/// with the token file of a real sandbox login.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class InvokeCommandTests
{
    private SandboxServer _sandbox = null!;
    private DirectoryInfo _dir = null!;
    private string _tokenFile = null!;
    private PostgresSettings _db = null!;

    [OneTimeSetUp]
    public async Task StartSandboxAsync()
    {
        _sandbox = await SandboxAccount.StartAsync();
        _dir = Directory.CreateTempSubdirectory("alphakite-invoke-");
        _tokenFile = Path.Combine(_dir.FullName, "schwab_token.json");
        await File.WriteAllTextAsync(_tokenFile, await SandboxAccount.LoginAsync(_sandbox));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _db = await PostgresServer.CreateMigratedDatabaseAsync("invoke");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _sandbox.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Test]
    public async Task Invoke_PastSession_PrintsExactlyTheLambdaResponseAndWritesTheSession()
    {
        // Arrange
        var day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Act
        var (exit, stdout, stderr) = Invoke($"{{\"date\": \"{day}\"}}");

        // Assert
        exit.Should().Be(0, stderr);
        stdout.Should().Be("{\"statusCode\": 200, \"body\": \"{\\\"message\\\": \\\"Data fetched and uploaded successfully\\\", \\\"ticker\\\": \\\"QQQ\\\", "
            + $"\\\"equity_rows\\\": 390, \\\"indicator_rows\\\": 390, \\\"tickers\\\": [\\\"QQQ\\\"], \\\"date\\\": \\\"{day}\\\", \\\"bars\\\": 390}}\"}}\n");
        (await Sql.ScalarAsync<long>(_db.ConnectionString,
            $"SELECT count(*) FROM equity_data WHERE ticker = 'QQQ' AND (timestamp AT TIME ZONE 'America/New_York')::date = '{day}'")).Should().Be(390);
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM indicators WHERE sma9 IS NOT NULL AND vwap IS NOT NULL")).Should().Be(390);
        stderr.Should().Contain("\"Dimensions\":[[]]", "metrics go to stderr, keeping stdout the response alone")
            .And.NotContain(SandboxAccount.AppSecret);
    }

    [Test]
    public async Task Invoke_MisspeltEventField_ExitsTwoNamingTheFieldAndWritesNothing()
    {
        // Arrange
        var requestsBefore = _sandbox.Stats.PriceHistoryRequests;

        // Act
        var (exit, stdout, stderr) = Invoke("""{"ticker": ["QQQ"]}""");

        // Assert
        // The Lambda reports it as an invocation error; on the command line it is bad usage.
        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("alphakite invoke: --event: Unknown event field \"ticker\": the fields are tickers, date, force and closeout.");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(0);
        _sandbox.Stats.PriceHistoryRequests.Should().Be(requestsBefore, "a bad event fails before any fetch");
    }

    private (int Exit, string Stdout, string Stderr) Invoke(string eventJson) =>
        ProcessRunner.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), "invoke", "--event", eventJson, "--tickers", "QQQ",
             "--database", _db.ConnectionString, "--token-file", _tokenFile, "--base-url", _sandbox.BaseUrl.ToString()],
            environment: new Dictionary<string, string?>
            {
                ["SCHWAB_APP_KEY"] = SandboxAccount.AppKey, ["SCHWAB_APP_SECRET"] = SandboxAccount.AppSecret,
                ["DATABASE_URL"] = "", ["ALPHAKITE_TICKERS"] = "",
            },
            timeout: TimeSpan.FromMinutes(2));
}

using System.Globalization;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.TestSupport;
using Npgsql;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>
/// Bad inputs through the real `alphakite` (the built alphakite.dll in its own process): each row is
/// the command line, a fragment of the message the user must read, and the exit code. Every row
/// also checks that no runtime text leaks through (internal type names, reader states, enum names)
/// and that nothing was written: no file in the work directory changed and no bar reached the database.
/// Placeholders: {dir} work directory, {sandbox} Schwab sandbox, {html} a server answering HTML with
/// 200, {closed} a port nothing listens on, {db} the migrated database, {day} a recent full session.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class CliMessageTests
{
    private static readonly string[] RuntimeTexts =
    [
        "isFinalBlock", "could not be converted", "LineNumber:", "BytePositionInLine", "AlphaKite.", "Access to the path",
        "HostNotFound", "ConnectionRefused", "scheme is not supported", "see inner exception", "   at ", "Exception",
        "Usually temporary",
    ];

    private SandboxServer _sandbox = null!;
    private LoopbackServer _html = null!;
    private PostgresSettings _db = null!;
    private string _dir = null!;
    private string _day = null!;
    private int _closed;

    private static IEnumerable<TestCaseData> Cases()
    {
        string[] backfillAnyUrl = ["backfill", "--tickers", "QQQ", "--from", "{day}", "--to", "{day}"];
        string[] backfill = [.. backfillAnyUrl, "--base-url", "{sandbox}"];
        string[] invoke = ["invoke", "--token-file", "{dir}/token.json", "--base-url", "{sandbox}"];
        var fiftyOne = string.Join(',', Enumerable.Range(0, 51).Select(i => $"T{i}"));
        (string Name, string[] Args, string Expected, int Exit)[] rows =
        [
            // Token files
            ("token file is a directory", [.. backfill, "--token-file", "{dir}/a-directory"], "{dir}/a-directory is a directory, not a file", 1),
            ("token file holds an array", [.. backfill, "--token-file", "{dir}/array.json"], "holds an array at the top level, which is the wrong type", 1),
            ("token file holds a string", [.. backfill, "--token-file", "{dir}/string.json"], "holds a string at the top level, which is the wrong type", 1),
            ("token file member of wrong type", [.. backfill, "--token-file", "{dir}/wrong-member.json"], "has a string at creation_timestamp, which is the wrong type", 1),
            ("token file truncated", [.. backfill, "--token-file", "{dir}/truncated.json"], "is cut off: it ends before the JSON does", 1),
            ("token file empty", [.. backfill, "--token-file", "{dir}/empty.json"], "{dir}/empty.json is empty", 1),

            // Calendar overrides
            ("overrides file is a directory", ["calendar", "--year", "2026", "--overrides", "{dir}/a-directory"], "'{dir}/a-directory' is a directory, not a file", 2),
            ("overrides file missing", ["calendar", "--year", "2026", "--overrides", "{dir}/missing.json"], "'{dir}/missing.json' does not exist", 2),
            ("overrides file holds an object", ["calendar", "--year", "2026", "--overrides", "{dir}/overrides-object.json"], "holds an object at the top level, which is the wrong type. Expected a JSON array", 2),
            ("overrides entry of wrong type", ["calendar", "--year", "2026", "--overrides", "{dir}/overrides-number.json"], "has a number at [0], which is the wrong type", 2),
            ("overrides date of wrong type", ["calendar", "--year", "2026", "--overrides", "{dir}/overrides-date.json"], "has a number at [0].date, which is the wrong type", 2),
            ("overrides file truncated", ["calendar", "--year", "2026", "--overrides", "{dir}/truncated.json"], "is cut off", 2),
            ("overrides file empty", ["calendar", "--year", "2026", "--overrides", "{dir}/empty.json"], "'{dir}/empty.json' is empty", 2),

            // Schwab base URLs
            ("base URL ftp:", [.. backfillAnyUrl, "--token-file", "{dir}/token.json", "--base-url", "ftp://127.0.0.1/"], "'ftp://127.0.0.1/' is not an http:// or https:// address", 2),
            ("base URL without scheme", [.. backfillAnyUrl, "--token-file", "{dir}/token.json", "--base-url", "example.com"], "'example.com' is not an http:// or https:// address", 2),
            ("base URL unknown host", [.. backfillAnyUrl, "--token-file", "{dir}/token.json", "--base-url", "http://alphakite-no-such-host.invalid/"], "the host alphakite-no-such-host.invalid does not resolve", 1),
            ("base URL unknown host is configuration", [.. backfillAnyUrl, "--token-file", "{dir}/token.json", "--base-url", "http://alphakite-no-such-host.invalid/"], "This looks like a configuration error, not an outage: the Schwab base URL http://alphakite-no-such-host.invalid", 1),
            ("base URL refuses connections", [.. backfillAnyUrl, "--token-file", "{dir}/token.json", "--base-url", "http://127.0.0.1:{closed}/"], "cannot connect to 127.0.0.1:{closed} (connection refused or unreachable)). This looks like a configuration error", 1),
            ("base URL serves an HTML page", [.. backfillAnyUrl, "--token-file", "{dir}/token.json", "--base-url", "{html}"], "This looks like a configuration error, not an outage: the Schwab base URL {html}", 1),

            // Databases
            ("database host unknown", ["status", "--database", "postgresql://u@alphakite-no-such-host.invalid/db"], "the host name does not resolve (DNS found no such host)", 1),
            ("database port not a number", ["status", "--database", "Host=127.0.0.1;Port=abc"], "the value given for 'port' is not valid for it", 2),
            ("database setting unknown", ["status", "--database", "Host=127.0.0.1;Colour=blue"], "'colour' is not a setting Npgsql knows", 2),
            ("database port closed", ["status", "--database", "postgresql://u@127.0.0.1:{closed}/db"], "the connection was refused (nothing listens on that port)", 1),

            // Invocation events
            ("event repeats a key", [.. invoke, "--event", "{\"date\": \"{day}\", \"date\": \"{day}\"}"], "--event: The event names \"date\" more than once: keep one.", 2),
            ("event truncated", [.. invoke, "--event", "{\"date\": "], "--event: The event is cut off", 2),
            ("event not JSON", [.. invoke, "--event", "{date: 1}"], "--event: The event is not JSON: unexpected text at line 1, column 2", 2),

            // One ticker limit everywhere
            ("51 tickers for status", ["status", "--tickers", fiftyOne], "--tickers names 51 symbols; at most 50", 2),
            ("51 tickers for backfill", ["backfill", "--tickers", fiftyOne, "--from", "{day}", "--token-file", "{dir}/token.json", "--base-url", "{sandbox}"], "--tickers names 51 symbols; at most 50", 2),
            ("51 tickers for invoke", [.. invoke, "--tickers", fiftyOne], "--tickers names 51 symbols; at most 50", 2),

            // Finished sessions that are not complete
            ("status of a past session with every minute missing", ["status", "--tickers", "QQQ", "--date", "{day}"], "QQQ {day} is missing 390 of 390 minutes of a finished session", 3),
            ("backfill of a session Schwab has no bars for", ["backfill", "--tickers", "1AB", "--from", "{day}", "--to", "{day}", "--token-file", "{dir}/token.json", "--base-url", "{sandbox}"], "Schwab returned no bars for 1AB", 1),

            // The Schwab login
            ("auth --code-url without state", ["auth", "--token-file", "{dir}/new-token.json", "--base-url", "{sandbox}", "--code-url", "https://127.0.0.1:8182/?code=C0.abc%40&session=s"], "has no 'state' parameter", 1),
            ("auth --code-url with a forged state", ["auth", "--token-file", "{dir}/new-token.json", "--base-url", "{sandbox}", "--code-url", "https://127.0.0.1:8182/?code=C0.abc%40&state=1764000000.00112233445566778899aabbccddeeff"], "'state' was not issued by `alphakite auth` for this app", 1),

            // Export
            ("export to a directory", ["export", "--ticker", "QQQ", "--date", "{day}", "--out", "{dir}/a-directory"], "--out {dir}/a-directory is a directory, not a file; nothing was exported", 1),
        ];
        return rows.Select(r => new TestCaseData(r.Args, r.Expected, r.Exit).SetName($"BadInput_{r.Name.Replace(' ', '_')}"));
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Clock = TimeProvider.System }, CancellationToken.None);
        _html = new LoopbackServer(_ => (200, "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>"));
        _db = await PostgresServer.CreateMigratedDatabaseAsync("messages");
        _dir = Directory.CreateTempSubdirectory("alphakite-messages-").FullName;
        _day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _closed = LoopbackPort.Free();
        Directory.CreateDirectory(Path.Combine(_dir, "a-directory"));
        File.WriteAllText(Path.Combine(_dir, "array.json"), "[1, 2]");
        File.WriteAllText(Path.Combine(_dir, "string.json"), "\"a token\"");
        File.WriteAllText(Path.Combine(_dir, "wrong-member.json"), "{\"creation_timestamp\": \"yesterday\", \"token\": {}}");
        File.WriteAllText(Path.Combine(_dir, "truncated.json"), "[{\"date\": \"2026-12-24\", \"close\": ");
        File.WriteAllText(Path.Combine(_dir, "empty.json"), string.Empty);
        File.WriteAllText(Path.Combine(_dir, "overrides-object.json"), "{\"date\": \"2026-12-24\", \"close\": null}");
        File.WriteAllText(Path.Combine(_dir, "overrides-number.json"), "[1]");
        File.WriteAllText(Path.Combine(_dir, "overrides-date.json"), "[{\"date\": 20261224, \"close\": null}]");

        // A real login through the real CLI: the sandbox's redirect for a state this app issued.
        var settings = new SchwabSettings(SandboxAccountKey, SandboxAccountSecret, Callback, _sandbox.BaseUrl);
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var authorize = new SchwabOAuthClient(browser, settings).AuthorizeUrl(LoginState.Issue(SandboxAccountSecret, DateTimeOffset.UtcNow));
        using var redirect = await browser.GetAsync(authorize);
        var (exit, _, stderr) = Run(["auth", "--token-file", Path.Combine(_dir, "token.json"), "--base-url", _sandbox.BaseUrl.ToString(),
            "--code-url", redirect.Headers.Location!.OriginalString]);
        exit.Should().Be(0, $"a --code-url with this app's state logs in: {stderr}");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _html.Dispose();
        await _sandbox.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task BadInput_ExitsWithOurMessage_WritesNothing(string[] args, string expected, int exitCode)
    {
        // Arrange
        var before = Snapshot();

        // Act
        var (exit, stdout, stderr) = Run(args.Select(Fill));

        // Assert
        var output = stdout + stderr;
        stderr.Should().Contain(Fill(expected), output);
        exit.Should().Be(exitCode, output);
        foreach (var text in RuntimeTexts)
        {
            output.Should().NotContain(text, "every message is ours");
        }

        Snapshot().Should().Equal(before, "nothing is written to the work directory");
        (await BarsStoredAsync()).Should().Be(0, "nothing is written to the database");
    }

    private const string SandboxAccountKey = "sandbox-app-key";
    private const string SandboxAccountSecret = "sandbox-app-secret";
    private const string Callback = "https://127.0.0.1:8182";

    private string Fill(string text) => text
        .Replace("{dir}", _dir, StringComparison.Ordinal)
        .Replace("{sandbox}", _sandbox.BaseUrl.ToString(), StringComparison.Ordinal)
        .Replace("{html}", _html.Url.ToString().TrimEnd('/'), StringComparison.Ordinal)
        .Replace("{closed}", _closed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{day}", _day, StringComparison.Ordinal);

    private (int Exit, string Stdout, string Stderr) Run(IEnumerable<string> args) =>
        Prerequisite.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), .. args],
            environment: new Dictionary<string, string>
            {
                ["SCHWAB_APP_KEY"] = SandboxAccountKey, ["SCHWAB_APP_SECRET"] = SandboxAccountSecret, ["SCHWAB_CALLBACK_URL"] = Callback,
                ["SCHWAB_BASE_URL"] = "", ["DATABASE_URL"] = _db.ConnectionString, ["ALPHAKITE_TICKERS"] = "QQQ",
            },
            timeout: TimeSpan.FromMinutes(2),
            workingDirectory: _dir);

    private List<string> Snapshot() =>
        [.. Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}" : p)];

    private async Task<long> BarsStoredAsync()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM public.equity_data", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

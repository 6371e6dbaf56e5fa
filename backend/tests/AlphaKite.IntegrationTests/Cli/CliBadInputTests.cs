using System.Globalization;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>
/// Bad inputs through the real `alphakite` (the built alphakite.dll in its own process), one row
/// each, from two tables: the parser's and the commands' usage errors (<see cref="UsageRows"/>), and
/// the messages rewritten from runtime failures: files, URLs, databases, events (<see cref="MessageRows"/>).
/// Every row runs the same way and checks the same things: the exit code, the message in our words
/// on stderr (alone, starting `alphakite`, but for the few rows that report first), no runtime text (.NET
/// type names, stack traces, reader states), and nothing written: no file in an empty working
/// directory, no change to the fixture files and no row in the migrated database it is pointed at.
/// Placeholders: {dir} fixture directory, {sandbox} Schwab sandbox, {html} a server answering HTML
/// with 200, {closed} a port nothing listens on, {day} a recent full session.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class CliBadInputTests
{
    private const string Broken = "{dir}/broken.json";
    private const string NoFile = "/nonexistent/alphakite/file.json";
    private const string SandboxAccountKey = "sandbox-app-key";
    private const string SandboxAccountSecret = "sandbox-app-secret";
    private const string Callback = "https://127.0.0.1:8182";

    private static readonly string[] RuntimeTexts =
    [
        "isFinalBlock", "could not be converted", "LineNumber:", "BytePositionInLine", "AlphaKite.", "Access to the path",
        "HostNotFound", "ConnectionRefused", "scheme is not supported", "see inner exception", "   at ", "Exception",
        "Usually temporary", "System.",
    ];

    private SandboxServer _sandbox = null!;
    private LoopbackServer _html = null!;
    private PostgresSettings _db = null!;
    private string _dir = null!;
    private string _day = null!;
    private int _closed;

    /// <summary>Usage errors: args, exit code, what stderr must say, what it must not say, extra environment.</summary>
    public static IEnumerable<TestCaseData> UsageRows()
    {
        // The parser (issue 13): unknown options never swallow the next word; typos get a suggestion.
        yield return Row(["status", "--bogus", "--date", "2026-11-25"], 2, ["alphakite status: unknown option '--bogus'"], ["2026-11-25"]);
        yield return Row(["status", "--dat", "2026-11-25"], 2, ["unknown option '--dat'", "did you mean --date?"]);
        yield return Row(["stats"], 2, ["alphakite: unknown command 'stats'", "did you mean status?"]);
        yield return Row(["status", "--once"], 2, ["alphakite status: unknown option '--once'"]);
        yield return Row(["--tickers", "QQQ"], 2, ["alphakite: unknown option '--tickers'"]);
        yield return Row(["db"], 2, ["alphakite db: a command is needed: migrate"]);
        yield return Row(["db", "migrat"], 2, ["alphakite db: unknown command 'migrat'", "did you mean migrate?"]);
        yield return Row(["db", "migrate", "--databse", "x"], 2, ["alphakite db migrate: unknown option '--databse'", "did you mean --database?"]);
        yield return Row(["stream", "--once=maybe"], 2, ["alphakite stream: unexpected argument 'maybe'"]);
        yield return Row(["auth", "--listen=nope"], 2, ["alphakite auth: unexpected argument 'nope'"]);
        yield return Row(["status", "--date"], 2, ["alphakite status: --date needs a value"]);
        yield return Row(["invoke", "--event"], 2, ["alphakite invoke: --event needs a value"]);
        yield return Row(["export"], 2, ["alphakite export: --ticker is required"], ["needs a value"]);
        yield return Row(["export", "--ticker"], 2, ["alphakite export: --ticker needs a value"]);
        yield return Row(["backfill"], 2, ["alphakite backfill: --from is required"]);
        yield return Row(["status", "--tickers", "QQQ", "--tickers", "SPY"], 2, ["alphakite status: --tickers is given 2 times (QQQ, SPY); give it once"], ["expects a single argument"]);

        // Values with a rule, checked before anything runs.
        yield return Row(["status", "--date=2026-13-01"], 2, ["alphakite status: --date must be a date like 2026-11-20, got '2026-13-01'"]);
        yield return Row(["status", "--date", "20261125"], 2, ["--date must be a date like 2026-11-20, got '20261125'"]);
        yield return Row(["status", "--max-age", "0"], 2, ["alphakite status: --max-age must be a whole number from 1 to 86400, got '0'"]);
        yield return Row(["status", "--max-age=abc"], 2, ["--max-age must be a whole number from 1 to 86400, got 'abc'"]);
        yield return Row(["backfill", "--from", "yesterday"], 2, ["alphakite backfill: --from must be a date like 2026-11-20, got 'yesterday'"]);
        yield return Row(["calendar", "--year", "1999"], 2, ["alphakite calendar: --year must be a whole number from 2000 to 2100, got '1999'"]);
        yield return Row(["calendar", "--year=twenty"], 2, ["--year must be a whole number from 2000 to 2100, got 'twenty'"]);
        yield return Row(["demo", "--speed", "0"], 2, ["alphakite demo: --speed must be a number of at least 1, got '0'"]);
        yield return Row(["demo", "--speed=fast"], 2, ["--speed must be a number of at least 1, got 'fast'"]);
        yield return Row(["sandbox", "--port", "70000"], 2, ["alphakite sandbox: --port must be a whole number from 0 to 65535, got '70000'"]);
        yield return Row(["sandbox", "--colour", "red"], 2, ["alphakite sandbox: unknown option '--colour'"]);

        // The commands' own checks (exit 2, "alphakite <command>: ...").
        yield return Row(["calendar", "--from", "2026-01-01"], 2, ["alphakite calendar: --from and --to go together; give both"]);
        yield return Row(["calendar", "--from", "2026-02-01", "--to", "2026-01-01"], 2, ["alphakite calendar: --to 2026-01-01 is before --from 2026-02-01"]);
        yield return Row(["calendar", "--year", "2026", "--from", "2026-01-01", "--to", "2026-02-01"], 2, ["give either --year or --from/--to, not both"]);
        yield return Row(["calendar", "--from", "1999-01-01", "--to", "1999-12-31"], 2, ["alphakite calendar: --from must be 2000-01-01 or later"]);
        yield return Row(["calendar", "--format", "xml"], 2, ["alphakite calendar: --format must be text, csv or json, got 'xml'"]);
        yield return Row(["calendar", "--overrides", NoFile], 2, ["alphakite calendar: --overrides:", NoFile]);
        yield return Row(["export", "--ticker", "QQQ", "--format", "yaml", "--out", "x.csv"], 2, ["alphakite export: --format must be csv or json, got 'yaml'"]);
        yield return Row(["export", "--ticker", "QQQ", "--date", "2026-11-26"], 2, ["alphakite export: 2026-11-26 is not a trading day (weekend or NYSE holiday)"]);
        yield return Row(["status", "--date", "2026-11-28"], 2, ["alphakite status: 2026-11-28 is not a trading day (weekend or NYSE holiday)"]);
        yield return Row(["status", "--tickers", ","], 2, ["alphakite status: --tickers needs at least one symbol"]);
        yield return Row(["stream", "--once", "--tickers", ""], 2, ["alphakite stream: --tickers needs at least one symbol"]);
        yield return Row(["status"], 2, ["alphakite status: no database given: set the DATABASE_URL environment variable or pass --database URL"],
            env: new() { ["DATABASE_URL"] = "" });
        yield return Row(["db", "migrate"], 2, ["alphakite db migrate: no database given"], env: new() { ["DATABASE_URL"] = " " });
        yield return Row(["status", "--database", "postgresql://u:Pw1@h:port/db"], 2, ["alphakite status:", "port"], ["Pw1"]);
        yield return Row(["stream", "--once"], 2, ["alphakite stream: no Schwab app key: set SCHWAB_APP_KEY or pass --app-key"],
            env: new() { ["SCHWAB_APP_KEY"] = "" });
        yield return Row(["backfill", "--from", "2026-11-02", "--to", "2026-11-03"], 2, ["alphakite backfill: no Schwab app secret: set SCHWAB_APP_SECRET or pass --app-secret"],
            env: new() { ["SCHWAB_APP_SECRET"] = "" });
        yield return Row(["invoke", "--base-url", "notaurl"], 2, ["alphakite invoke: --base-url", "notaurl"]);
        yield return Row(["backfill", "--from", "2026-11-20", "--to", "2026-11-02"], 2, ["alphakite backfill: --to 2026-11-02 is before --from 2026-11-20"]);
        yield return Row(["demo", "--replay", NoFile], 2, ["alphakite demo: --replay: no file at " + NoFile]);
        yield return Row(["auth"], 2, ["alphakite auth: no Schwab app key: set SCHWAB_APP_KEY or pass --app-key"],
            env: new() { ["SCHWAB_APP_KEY"] = "" });
        yield return Row(["auth", "--app-key", "k"], 2, ["alphakite auth: no Schwab app secret: set SCHWAB_APP_SECRET or pass --app-secret"],
            env: new() { ["SCHWAB_APP_SECRET"] = "" });
        yield return Row(["auth", "--callback", "notaurl"], 2, ["alphakite auth: --callback must be an absolute http(s) URL, got 'notaurl'"]);
        yield return Row(["auth", "--listen", "--code-url", "https://127.0.0.1:8182/?code=x"], 2, ["alphakite auth: use either --listen or --code-url, not both"]);

        // A broken ALPHAKITE_CALENDAR_OVERRIDES stops exactly the commands that use the calendar.
        yield return Row(["status"], 2, ["alphakite status: ALPHAKITE_CALENDAR_OVERRIDES:", "broken.json"],
            env: new() { ["ALPHAKITE_CALENDAR_OVERRIDES"] = Broken });
        yield return Row(["stream", "--once"], 2, ["alphakite stream: ALPHAKITE_CALENDAR_OVERRIDES:", "broken.json"],
            env: new() { ["ALPHAKITE_CALENDAR_OVERRIDES"] = Broken });
        yield return Row(["calendar", "--year", "2026"], 2, ["alphakite calendar: ALPHAKITE_CALENDAR_OVERRIDES:", "broken.json"],
            env: new() { ["ALPHAKITE_CALENDAR_OVERRIDES"] = Broken });
    }

    /// <summary>Rewritten messages: a name, args, a fragment of the message, exit code.</summary>
    public static IEnumerable<TestCaseData> MessageRows()
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
        // These print their report (or the login address) on stdout before they fail, so their
        // output is not the message alone (backfill's last line is "error: ...", without the prefix).
        string[] reportFirst =
        [
            "status of a past session with every minute missing", "backfill of a session Schwab has no bars for",
            "auth --code-url without state", "auth --code-url with a forged state",
        ];
        return rows.Select(r => new TestCaseData(r.Args, r.Exit, new[] { r.Expected }, Array.Empty<string>(), new Dictionary<string, string>(),
                !reportFirst.Contains(r.Name))
            .SetArgDisplayNames(r.Name));
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Clock = TimeProvider.System }, CancellationToken.None);
        _html = new LoopbackServer(_ => new ScriptedReply(200, "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>", "text/html"));
        _db = await PostgresServer.CreateMigratedDatabaseAsync("badinput");
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
        File.WriteAllText(Path.Combine(_dir, "broken.json"), """[{"date": "2026-03-02", "close": """);

        // A real login through the real CLI: the sandbox's redirect for a state this app issued.
        var settings = new SchwabSettings(SandboxAccountKey, SandboxAccountSecret, Callback, _sandbox.BaseUrl);
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var authorize = new SchwabOAuthClient(browser, settings).AuthorizeUrl(LoginState.Issue(SandboxAccountSecret, DateTimeOffset.UtcNow));
        using var redirect = await browser.GetAsync(authorize);
        var (exit, _, stderr) = Run(_dir, new Dictionary<string, string>(), ["auth", "--token-file", Path.Combine(_dir, "token.json"), "--base-url", _sandbox.BaseUrl.ToString(),
            "--code-url", redirect.Headers.Location!.OriginalString]);
        exit.Should().Be(0, $"a --code-url with this app's state logs in: {stderr}");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _html?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [TestCaseSource(nameof(UsageRows))]
    [TestCaseSource(nameof(MessageRows))]
    public async Task BadInput_ExitsWithOurMessage_WritesNothing(string[] args, int exit, string[] says, string[] neverSays, Dictionary<string, string> environment,
        bool messageOnly)
    {
        // Arrange: an empty working directory, every setting present (a row may take one away).
        var work = Directory.CreateTempSubdirectory("alphakite-badinput-");
        var before = Snapshot();
        try
        {
            // Act
            var (code, stdout, stderr) = Run(work.FullName, environment, args.Select(Fill));

            // Assert
            var because = $"`alphakite {string.Join(' ', args)}`\nstdout: {stdout}\nstderr: {stderr}";
            code.Should().Be(exit, because);
            if (messageOnly)
            {
                stdout.Should().BeEmpty(because);
                stderr.Should().StartWith("alphakite", because);
            }

            foreach (var text in says)
            {
                stderr.Should().Contain(Fill(text), because);
            }

            foreach (var text in neverSays.Concat(RuntimeTexts))
            {
                (stdout + stderr).Should().NotContain(text, because);
            }

            Directory.EnumerateFileSystemEntries(work.FullName, "*", SearchOption.AllDirectories).Should().BeEmpty(because);
            Snapshot().Should().Equal(before, "nothing is written to the fixture files");
            (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT (SELECT COUNT(*) FROM equity_data) + (SELECT COUNT(*) FROM indicators)"))
                .Should().Be(0, because);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static TestCaseData Row(string[] args, int exit, string[] says, string[]? neverSays = null, Dictionary<string, string>? env = null) =>
        new TestCaseData(args, exit, says, (neverSays ?? []).Append("Npgsql").ToArray(), env ?? new Dictionary<string, string>(), true)
            .SetArgDisplayNames(string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a)) + (env is { Count: > 0 } e ? $" [{string.Join(",", e.Keys)}]" : ""));

    private string Fill(string text) => text
        .Replace("{dir}", _dir, StringComparison.Ordinal)
        .Replace("{sandbox}", _sandbox.BaseUrl.ToString(), StringComparison.Ordinal)
        .Replace("{html}", _html.Url.ToString().TrimEnd('/'), StringComparison.Ordinal)
        .Replace("{closed}", _closed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{day}", _day, StringComparison.Ordinal);

    private (int Exit, string Stdout, string Stderr) Run(string workingDirectory, IReadOnlyDictionary<string, string> overrides, IEnumerable<string> args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = _db.ConnectionString,
            ["SCHWAB_APP_KEY"] = SandboxAccountKey,
            ["SCHWAB_APP_SECRET"] = SandboxAccountSecret,
            ["SCHWAB_CALLBACK_URL"] = Callback,
            // Never reached: a row that talks to Schwab names its --base-url.
            ["SCHWAB_BASE_URL"] = $"http://127.0.0.1:{_closed}/",
            ["ALPHAKITE_TICKERS"] = "QQQ",
            ["ALPHAKITE_CALENDAR_OVERRIDES"] = "",
        };
        foreach (var (key, value) in overrides)
        {
            environment[key] = Fill(value);
        }

        return ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), .. args],
            workingDirectory, environment, TimeSpan.FromMinutes(2));
    }

    private List<string> Snapshot() =>
        [.. Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}" : p)];
}

using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>
/// Bad command lines against the real `alphakite` binary, one row each: the exit code, the message
/// in our words (no .NET type names, no stack trace, nothing on stdout), and nothing written: no
/// file in the working directory and no row in the (migrated) database the commands are pointed at.
/// Messages that other work is rewording (issue 13's defects) are deliberately not rows here.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class CliBadInputTests
{
    private const string BrokenOverrides = "{BROKEN_OVERRIDES}";
    private const string NoFile = "/nonexistent/alphakite/file.json";

    private PostgresSettings _db = null!;
    private string _fixtures = null!;

    /// <summary>Args, expected exit code, what stderr must say, what it must not say, extra environment.</summary>
    public static IEnumerable<TestCaseData> Rows()
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
            env: new() { ["ALPHAKITE_CALENDAR_OVERRIDES"] = BrokenOverrides });
        yield return Row(["stream", "--once"], 2, ["alphakite stream: ALPHAKITE_CALENDAR_OVERRIDES:", "broken.json"],
            env: new() { ["ALPHAKITE_CALENDAR_OVERRIDES"] = BrokenOverrides });
        yield return Row(["calendar", "--year", "2026"], 2, ["alphakite calendar: ALPHAKITE_CALENDAR_OVERRIDES:", "broken.json"],
            env: new() { ["ALPHAKITE_CALENDAR_OVERRIDES"] = BrokenOverrides });
    }

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _db = await PostgresServer.CreateMigratedDatabaseAsync("badinput");
        _fixtures = Directory.CreateTempSubdirectory("alphakite-badinput-fixtures-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_fixtures, "broken.json"), """[{"date": "2026-03-02", "close": """);
    }

    [OneTimeTearDown]
    public void RemoveFixtures() => Directory.Delete(_fixtures, recursive: true);

    [TestCaseSource(nameof(Rows))]
    public async Task BadInput_ExitsWithOurMessage_WritesNothing(string[] args, int exit, string[] says, string[] neverSays, Dictionary<string, string> environment)
    {
        // Arrange: an empty working directory, every setting present (each row takes one away).
        var work = Directory.CreateTempSubdirectory("alphakite-badinput-");
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = _db.ConnectionString,
            ["SCHWAB_APP_KEY"] = "test-app-key",
            ["SCHWAB_APP_SECRET"] = "test-app-secret",
            ["SCHWAB_CALLBACK_URL"] = "",
            // Never reached: every row fails before any request.
            ["SCHWAB_BASE_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}/",
            ["ALPHAKITE_TICKERS"] = "QQQ",
            ["ALPHAKITE_CALENDAR_OVERRIDES"] = "",
        };
        foreach (var (key, value) in environment)
        {
            env[key] = value.Replace(BrokenOverrides, Path.Combine(_fixtures, "broken.json"), StringComparison.Ordinal);
        }

        try
        {
            // Act
            var (code, stdout, stderr) = Prerequisite.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), .. args],
                environment: env, timeout: TimeSpan.FromMinutes(1), workingDirectory: work.FullName);

            // Assert
            var because = $"`alphakite {string.Join(' ', args)}`\nstdout: {stdout}\nstderr: {stderr}";
            code.Should().Be(exit, because);
            stdout.Should().BeEmpty(because);
            stderr.Should().StartWith("alphakite", because);
            foreach (var text in says)
            {
                stderr.Should().Contain(text, because);
            }

            foreach (var text in neverSays.Concat(["   at ", "Exception", "System.", "Npgsql"]))
            {
                stderr.Should().NotContain(text, because);
            }

            Directory.EnumerateFileSystemEntries(work.FullName, "*", SearchOption.AllDirectories).Should().BeEmpty(because);
            (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT (SELECT COUNT(*) FROM equity_data) + (SELECT COUNT(*) FROM indicators)"))
                .Should().Be(0, because);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static TestCaseData Row(string[] args, int exit, string[] says, string[]? neverSays = null, Dictionary<string, string>? env = null) =>
        new TestCaseData(args, exit, says, neverSays ?? [], env ?? new Dictionary<string, string>())
            .SetArgDisplayNames(string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a)) + (env is { Count: > 0 } e ? $" [{string.Join(",", e.Keys)}]" : ""));
}

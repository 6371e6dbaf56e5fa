using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Core.Calendar;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>`alphakite db migrate`, `status` and `export` end to end against the embedded server.</summary>
[Category("Integration")]
[NonParallelizable]
public class CliDatabaseCommandsTests
{
    private static readonly NyseCalendar Calendar = new();
    private PostgresSettings _db = null!;
    private FakeTimeProvider _time = null!;
    private TradingSession _session = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync("cli");
        _session = TestBars.Session(2026, 11, 20);
        _time = new FakeTimeProvider(_session.Open.AddMinutes(10).AddSeconds(5)); // 09:40:05 New York
    }

    [Test]
    public async Task DbMigrate_TwiceOnFreshDatabase_PrintsAppliedThenUpToDate()
    {
        var (first, firstOut, _) = await RunAsync("db", "migrate");
        var (second, secondOut, _) = await RunAsync("db", "migrate");

        first.Should().Be(0);
        firstOut.Should().Contain("applied 001_bars_and_indicators").And.Contain("applied 002_roles_and_row_level_security");
        second.Should().Be(0);
        secondOut.Should().Contain("Schema is up to date.");
    }

    [Test]
    public async Task Status_LiveSessionNewestBarFreshEnough_ExitsZeroAndPrintsGaps()
    {
        await MigrateAndStoreAsync([0, 1, 2, 5, 6, 7, 8, 9]); // 09:33-09:34 missing, newest 09:39

        var (code, output, _) = await RunAsync("status", "--tickers", "qqq");

        code.Should().Be(0);
        output.Should().Contain("missing (New York time)").And.Contain("latest (NY)");
        output.Should().Contain("QQQ").And.Contain("2026-11-20").And.Contain("8/10").And.Contain("2 min: 09:33-09:34").And.Contain("09:39");
    }

    [Test]
    public async Task Status_LiveSessionNewestBarTooOld_ExitsThreeNamingTicker()
    {
        await MigrateAndStoreAsync([0, 1, 2]); // newest 09:32, 485 s before 09:40:05

        var (code, _, error) = await RunAsync("status", "--tickers", "QQQ", "--max-age", "120");

        code.Should().Be(StatusCommand.StaleExitCode);
        error.Should().Contain("QQQ is stale").And.Contain("485 s old");
    }

    [TestCase(390, 0, "")]
    [TestCase(389, 3, "QQQ 2026-11-20 is missing 1 of 390 minutes of a finished session")]
    [TestCase(0, 3, "QQQ 2026-11-20 is missing 390 of 390 minutes of a finished session")]
    public async Task Status_FinishedSession_ExitsThreeWhenMinutesAreMissing(int stored, int exitCode, string message)
    {
        await MigrateAndStoreAsync([.. Enumerable.Range(0, stored)]);
        _time.SetUtcNow(_session.Close.AddHours(2)); // 18:00 New York: the session and its close-out are over

        var (code, _, error) = await RunAsync("status", "--tickers", "QQQ", "--date", "2026-11-20");

        code.Should().Be(exitCode, error);
        if (message.Length == 0)
        {
            error.Should().BeEmpty();
        }
        else
        {
            error.Should().Contain(message);
        }
    }

    [Test]
    public async Task Export_CsvToFile_WritesHeaderAndRowsInNewYorkTime()
    {
        await MigrateAndStoreAsync([8]);
        var file = Path.Combine(Path.GetTempPath(), $"alphakite-export-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, _, _) = await RunAsync("export", "--ticker", "QQQ", "--date", "2026-11-20", "--out", file);

            code.Should().Be(0);
            (await File.ReadAllTextAsync(file)).Should().Be(
                "timestamp_new_york,open,high,low,close,volume,sma9,vwap\n2026-11-20T09:38:00-05:00,100.080000,100.580000,99.580000,100.330000,1008,108.000000,100.000000\n");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Export_Json_NullIndicatorsAsJsonNull()
    {
        await MigrateAndStoreAsync([0]);

        var (code, output, _) = await RunAsync("export", "--ticker", "QQQ", "--date", "2026-11-20", "--format", "json");

        code.Should().Be(0);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var bar = json.RootElement.GetProperty("bars")[0];
        json.RootElement.GetProperty("time_zone").GetString().Should().Be("America/New_York");
        bar.GetProperty("timestamp").GetString().Should().Be("2026-11-20T09:30:00-05:00");
        bar.GetProperty("close").GetDecimal().Should().Be(100.25m);
        bar.GetProperty("sma9").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Test]
    public async Task Status_NoDatabaseUrl_ExitsTwoNamingVariableAndFlag()
    {
        var (code, _, error) = await RunWithUrlAsync(null, "status");

        code.Should().Be(2);
        error.Should().Contain("DATABASE_URL").And.Contain("--database");
    }

    [Test]
    public async Task Status_MalformedUrl_ExitsTwoWithoutPassword()
    {
        var (code, _, error) = await RunWithUrlAsync("postgresql://u:Hunter2Pw@h:port/db", "status");

        code.Should().Be(2);
        error.Should().Contain("port").And.NotContain("Hunter2Pw");
    }

    private async Task MigrateAndStoreAsync(int[] minutes)
    {
        await using var source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(source, CancellationToken.None);
        await new PostgresBarStore(source).UpsertAsync("QQQ", TestBars.Minutes(_session, minutes), CancellationToken.None);
    }

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => RunWithUrlAsync(_db.ConnectionString, args);

    private async Task<(int Code, string Out, string Error)> RunWithUrlAsync(string? databaseUrl, params string[] args)
    {
        CliCommand[] commands =
        [
            DbMigrateCommand.Create(databaseUrl),
            StatusCommand.Create(databaseUrl, null, _time, Calendar),
            ExportCommand.Create(databaseUrl, _time, Calendar),
        ];
        return await CliRunner.RunAsync(args, commands);
    }
}

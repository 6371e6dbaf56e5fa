using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Doctor;

/// <summary>
/// `alphakite doctor` as a user runs it (the published CLI in a process of its own) against the
/// sandbox on the system clock (its token endpoint and pricehistory over real HTTP) and a real,
/// migrated PostgreSQL: every check passes when every part is healthy, and each broken part fails
/// its own check, naming the fix, while the other checks still run.
/// </summary>
[Category("Integration")]
public sealed class DoctorCommandTests
{
    private static SandboxServer _sandbox = null!;
    private static PostgresSettings _db = null!;
    private string _directory = null!;
    private string _tokenFile = null!;

    [OneTimeSetUp]
    public async Task StartParts()
    {
        _sandbox = await SandboxAccount.StartAsync();
        _db = await PostgresServer.CreateMigratedDatabaseAsync("doctor");
    }

    [OneTimeTearDown]
    public async Task StopParts() => await _sandbox.DisposeAsync();

    [SetUp]
    public async Task LogIn()
    {
        _directory = Directory.CreateTempSubdirectory("alphakite-doctor-").FullName;
        _tokenFile = Path.Combine(_directory, "schwab_token.json");
        await File.WriteAllTextAsync(_tokenFile, await SandboxAccount.LoginAsync(_sandbox));
    }

    [TearDown]
    public void Clean() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Doctor_EveryPartHealthy_EveryCheckOkAndTheTokenRefreshedAndNothingWritten()
    {
        var before = SchwabTokenFile.Parse(await File.ReadAllTextAsync(_tokenFile), _tokenFile);
        var requests = _sandbox.Stats.PriceHistoryRequests;

        var result = Doctor("--tickers", "QQQ,SPY");

        result.ExitCode.Should().Be(0, result.Output);
        foreach (var check in (string[])["token", "refresh token", "token refresh", "pricehistory QQQ", "pricehistory SPY", "database", "migrations", "writer upsert"])
        {
            DoctorCli.Line(result, check).Should().StartWith("ok  ", result.Output);
        }

        DoctorCli.Line(result, "refresh token").Should().Contain($"expires {before.RefreshTokenExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        DoctorCli.Line(result, "pricehistory QQQ").Should().MatchRegex(@"\d+ of \d+ bars for \d{4}-\d\d-\d\d, last close \d");
        result.StandardOutput.TrimEnd().Should().EndWith("All 8 checks passed.");
        result.StandardError.Should().BeEmpty();
        _sandbox.Stats.PriceHistoryRequests.Should().Be(requests + 2);
        var after = SchwabTokenFile.Parse(await File.ReadAllTextAsync(_tokenFile), _tokenFile);
        after.Token.AccessToken.Should().NotBe(before.Token.AccessToken, "the refresh is saved through the token store");
        after.CreationTimestamp.Should().Be(before.CreationTimestamp);
        Directory.GetFiles(_directory).Should().Equal([_tokenFile], "the file is replaced atomically: no temporary file is left");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM equity_data")).Should().Be(0, "the writer's upsert is rolled back");
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT COUNT(*) FROM indicators")).Should().Be(0);
    }

    [Test]
    public void Doctor_NoTokenFile_TokenFailsNamingAuthAndTheDatabaseIsStillChecked()
    {
        File.Delete(_tokenFile);

        var result = Doctor();

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "token").Should().StartWith("FAIL").And.Contain(_tokenFile).And.Contain("alphakite auth");
        DoctorCli.Line(result, "token refresh").Should().StartWith("skip");
        DoctorCli.Line(result, "pricehistory QQQ").Should().StartWith("skip");
        DoctorCli.Line(result, "writer upsert").Should().StartWith("ok  ");
        result.StandardOutput.Should().Contain("1 of 7 checks failed").And.NotContain("   at ");
    }

    [Test]
    public async Task Doctor_RefreshTokenOlderThanSevenDays_FailsWithItsExpiryAndNeverAsksSchwab()
    {
        var login = SchwabTokenFile.Parse(await File.ReadAllTextAsync(_tokenFile), _tokenFile);
        var old = login with { CreationTimestamp = DateTimeOffset.UtcNow.AddDays(-8).ToUnixTimeSeconds() };
        await File.WriteAllTextAsync(_tokenFile, old.ToJson());

        var result = Doctor();

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "refresh token").Should().StartWith("FAIL")
            .And.Contain($"expires {old.RefreshTokenExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC").And.Contain("expired").And.Contain("alphakite auth");
        DoctorCli.Line(result, "token refresh").Should().StartWith("skip");
        DoctorCli.Line(result, "database").Should().StartWith("ok  ");
        (await File.ReadAllTextAsync(_tokenFile)).Should().Be(old.ToJson(), "nothing was refreshed");
    }

    [Test]
    public async Task Doctor_SchwabRejectsTheRefreshToken_RefreshFailsNamingAuthAndTheFileIsUntouched()
    {
        var login = SchwabTokenFile.Parse(await File.ReadAllTextAsync(_tokenFile), _tokenFile);
        var replaced = login with { Token = login.Token with { RefreshToken = "a-refresh-token-a-newer-login-replaced" } };
        await File.WriteAllTextAsync(_tokenFile, replaced.ToJson());

        var result = Doctor();

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "token").Should().StartWith("ok  ");
        DoctorCli.Line(result, "token refresh").Should().StartWith("FAIL").And.Contain("Schwab rejected the refresh token").And.Contain("alphakite auth");
        DoctorCli.Line(result, "pricehistory QQQ").Should().StartWith("skip");
        DoctorCli.Line(result, "writer upsert").Should().StartWith("ok  ");
        (await File.ReadAllTextAsync(_tokenFile)).Should().Be(replaced.ToJson());
    }

    [Test]
    public void Doctor_DatabaseDown_DatabaseFailsNamingHostAndPortAndSchwabIsStillChecked()
    {
        var port = LoopbackPort.Free();
        var down = $"postgresql://alphakite:secret-pw@127.0.0.1:{port}/alphakite";

        var result = DoctorWith(down);

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "database").Should().StartWith("FAIL").And.Contain($"127.0.0.1:{port}").And.Contain("DATABASE_URL");
        DoctorCli.Line(result, "migrations").Should().StartWith("skip");
        DoctorCli.Line(result, "writer upsert").Should().StartWith("skip");
        DoctorCli.Line(result, "pricehistory QQQ").Should().StartWith("ok  ");
        result.Output.Should().NotContain("secret-pw");
    }

    [Test]
    public void Doctor_DatabaseThatNeverAnswers_FailsWhenItsTimeIsUpAndTheRestStillRuns()
    {
        using var silent = new SilentServer();
        var started = DateTime.UtcNow;

        var result = DoctorWith($"postgresql://alphakite:pw@127.0.0.1:{silent.Port}/alphakite", "--timeout", "3");

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "database").Should().StartWith("FAIL").And.Contain("did not finish within 3 s");
        DoctorCli.Line(result, "migrations").Should().StartWith("skip");
        DoctorCli.Line(result, "pricehistory QQQ").Should().StartWith("ok  ");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30), "the check is bounded by --timeout, not by Npgsql's 15 s");
    }

    [Test]
    public async Task Doctor_DatabaseNotMigrated_MigrationsFailNamingDbMigrate()
    {
        var empty = await PostgresServer.CreateDatabaseAsync("doctor_empty");

        var result = DoctorWith(empty.ConnectionString);

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "database").Should().StartWith("ok  ");
        DoctorCli.Line(result, "migrations").Should().StartWith("FAIL").And.Contain("3 of 3 migrations not applied").And.Contain("alphakite db migrate");
        DoctorCli.Line(result, "writer upsert").Should().StartWith("skip");
    }

    [Test]
    public void Doctor_ATickerSchwabDoesNotKnow_ItsPricehistoryFailsAndTheOthersPass()
    {
        var result = Doctor("--tickers", "QQQ,1ZZZ");

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "pricehistory QQQ").Should().StartWith("ok  ");
        DoctorCli.Line(result, "pricehistory 1ZZZ").Should().StartWith("FAIL").And.Contain("no bars for 1ZZZ").And.Contain("check the symbol");
        DoctorCli.Line(result, "writer upsert").Should().StartWith("ok  ");
    }

    private ProcessResult Doctor(params string[] arguments) => DoctorWith(_db.ConnectionString, arguments);

    private ProcessResult DoctorWith(string database, params string[] arguments) =>
        DoctorCli.Run(_directory, new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = database,
            ["SCHWAB_APP_KEY"] = SandboxAccount.AppKey,
            ["SCHWAB_APP_SECRET"] = SandboxAccount.AppSecret,
            ["SCHWAB_BASE_URL"] = _sandbox.BaseUrl.ToString(),
            ["ALPHAKITE_TICKERS"] = "QQQ",
        }, ["doctor", "--token-file", _tokenFile, .. arguments]);
}

using AlphaKite.Cli.Demo;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ticks;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Schwab.OAuth;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>Bad input and faults through the real parts: what the user sees, and that nothing was half-written.</summary>
[Category("Integration")]
public sealed class TickFaultTests
{
    private const string Secret = "S3cret-Pw-4417";

    [Test]
    public async Task UnknownSymbol_EmptyCandles_ReportedAsZeroBarsNotAnError()
    {
        // Schwab answers an unlisted symbol with {"candles":[],"empty":true}; so does the sandbox.
        // An empty answer is reported (0 bars) rather than failing the tick: an illiquid ticker
        // legitimately has no bars early in the session, and `alphakite status` shows the gap.
        await using var rig = await TickRig.StartAsync();
        rig.AtMinute(10);

        var report = await rig.RunAsync(["9NOPE", "QQQ"]);

        var unknown = report.Tickers[0];
        unknown.Succeeded.Should().BeTrue();
        (unknown.CandlesFetched, unknown.SessionBars, unknown.Written.EquityRows).Should().Be((0, 0, 0));
        TickSummary.Describe(report).Should().Contain("9NOPE: 0 bars, wrote 0 equity + 0 indicator rows (0 candles fetched)");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "9NOPE")).Should().Be((0L, 0L));
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((10L, 10L));
    }

    [Test]
    public async Task DuplicateCandles_DroppedAndCountedByReason_RowsAsWithoutThem()
    {
        await using var rig = await TickRig.StartAsync();
        rig.Sandbox.Faults.DuplicateCandles = true;
        rig.AtMinute(10);

        var report = await rig.RunAsync(["QQQ"]);

        // 390 bars of yesterday + 09:30..09:40 today (09:40 forming) = 401, each served twice.
        var result = report.Tickers[0];
        result.CandlesFetched.Should().Be(802);
        result.Drops.Should().BeEquivalentTo(new Dictionary<DropReason, int> { [DropReason.Duplicate] = 400, [DropReason.NotFinal] = 2 });
        TickSummary.Describe(report).Should().Contain("dropped").And.Contain("Duplicate=400");
        await ExpectStoredEqualsSandboxAsync(rig, 10);
    }

    [Test]
    public async Task AllZeroTrailingCandle_DroppedAndCounted_RowsAsWithoutIt()
    {
        await using var rig = await TickRig.StartAsync();
        rig.Sandbox.Faults.AllZeroTrailingCandle = true;
        rig.AtMinute(10);

        var report = await rig.RunAsync(["QQQ"]);

        report.Tickers[0].Drops.Should().BeEquivalentTo(new Dictionary<DropReason, int> { [DropReason.AllZero] = 1, [DropReason.NotFinal] = 1 });
        await ExpectStoredEqualsSandboxAsync(rig, 10);
    }

    [Test]
    public async Task DatabaseUnreachable_TickFailsNamingHostAndPortWithoutPassword()
    {
        var port = LoopbackPort.Free();
        await using var rig = await TickRig.StartAsync(PostgresSettings.Parse($"postgresql://writer:{Secret}@127.0.0.1:{port}/bars"), migrate: false);
        rig.AtMinute(10);

        var run = () => rig.RunAsync(["QQQ"]);

        var failure = (await run.Should().ThrowAsync<TickFailedException>()).Which;
        failure.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("QQQ").And.NotContain(Secret);
        failure.Report.EquityRowsWritten.Should().Be(0);
    }

    [Test]
    public async Task WrongPasswordThroughPgBouncer_TickFailsSayingLoginRejected_NothingWritten()
    {
        await using var bouncer = await PgBouncerServer.StartAsync(PostgresServer.Instance);
        var direct = await PostgresServer.CreateMigratedDatabaseAsync("tick_fault");
        await using var rig = await TickRig.StartAsync(bouncer.ConnectionFor(direct.Database, Secret), migrate: false);
        rig.AtMinute(10);

        var run = () => rig.RunAsync(["QQQ"]);

        var failure = (await run.Should().ThrowAsync<TickFailedException>()).Which;
        failure.Message.Should().Contain("rejected the login").And.Contain("DATABASE_URL").And.NotContain(Secret);
        (await ReferenceBars.CountAsync(direct.ConnectionString, "QQQ")).Should().Be((0L, 0L));
    }

    [Test]
    public async Task FreshDatabaseWithoutMigrations_TickFailsPointingAtDbMigrate()
    {
        var empty = await PostgresServer.CreateDatabaseAsync("tick_nomigrate");
        await using var rig = await TickRig.StartAsync(empty, migrate: false);
        rig.AtMinute(10);

        var run = () => rig.RunAsync(["QQQ"]);

        (await run.Should().ThrowAsync<TickFailedException>()).Which.Message.Should().Contain("alphakite db migrate");
        (await Sql.ScalarAsync<long>(empty.ConnectionString, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"))
            .Should().Be(0, "the tick must not create tables behind the user's back");
    }

    [Test]
    public async Task ConnectionKilledBetweenTicks_NextTickSucceeds()
    {
        await using var rig = await TickRig.StartAsync();
        rig.AtMinute(5);
        await rig.RunAsync(["QQQ"]);
        var killed = await Sql.ScalarAsync<long>(PostgresServer.Instance.ConnectionString,
            $"SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{rig.Database.Settings.Database}') k");
        rig.AtMinute(6);

        var report = await rig.RunAsync(["QQQ"]);

        killed.Should().BePositive("the pool kept an idle connection to kill");
        report.EquityRowsWritten.Should().Be(1);
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((6L, 6L));
    }

    [Test]
    public async Task DeadlinePassesWhileSchwabIsSlow_CanceledNothingWritten_NextRunHeals()
    {
        await using var rig = await TickRig.StartAsync();
        // The day's first tick asks Schwab's market hours (once per day), so the slow answers below are pricehistory's.
        rig.AtMinute(0);
        await rig.RunAsync(["QQQ"]);
        rig.Sandbox.Faults.Latency = TimeSpan.FromSeconds(3);
        rig.AtMinute(10);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var run = () => rig.RunAsync(["QQQ"], deadline.Token);

        // The tick reports the cancelled ticker with its cause and what it really did: nothing.
        var failed = await run.Should().ThrowAsync<TickFailedException>();
        failed.Which.InnerException.Should().BeAssignableTo<OperationCanceledException>();
        failed.Which.Report.CandlesFetched.Should().Be(0);
        failed.Which.Report.EquityRowsWritten.Should().Be(0);
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((0L, 0L));
        rig.Sandbox.Faults.Latency = TimeSpan.Zero;
        rig.AtMinute(11);
        (await rig.RunAsync(["QQQ"])).EquityRowsWritten.Should().Be(11);
    }

    [Test]
    public async Task RefreshTokenRejectedByTokenEndpoint_ReauthenticationRequiredTellingToRunAuth()
    {
        await using var rig = await TickRig.StartAsync();
        // A login elsewhere supersedes our refresh token: the token endpoint answers 400 to it.
        await SandboxLogin.LoginAsync(rig.Settings, rig.OAuth, rig.Clock, CancellationToken.None);
        rig.AtMinute(30); // the access token from 09:25 is due for refresh

        var run = () => rig.RunAsync(["QQQ"]);

        (await run.Should().ThrowAsync<ReauthenticationRequiredException>()).Which.Message.Should().Contain("alphakite auth");
        rig.Sandbox.Stats.PriceHistoryRequests.Should().Be(0, "no market data without a valid login");
        (await ReferenceBars.CountAsync(rig.ConnectionString, "QQQ")).Should().Be((0L, 0L));
    }

    private static async Task ExpectStoredEqualsSandboxAsync(TickRig rig, int bars)
    {
        var token = await rig.Tokens.GetAccessTokenAsync(CancellationToken.None);
        rig.Sandbox.Faults.DuplicateCandles = false;
        rig.Sandbox.Faults.AllZeroTrailingCandle = false;
        var expected = await ReferenceBars.FetchAsync(rig.Sandbox.BaseUrl, token, "QQQ", TickRig.Session.Open, TickRig.Session.Open.AddMinutes(bars));
        var stored = await ReferenceBars.StoredAsync(rig.ConnectionString, "QQQ");
        expected.Should().HaveCount(bars);
        stored.Select(r => new ReferenceBar(r.Start, r.Open, r.High, r.Low, r.Close, r.Volume)).Should().Equal(expected);
    }
}

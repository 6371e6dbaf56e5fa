using System.Diagnostics;
using AlphaKite.LocalPostgres;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>
/// PgBouncer in transaction mode whose PostgreSQL has stopped: PgBouncer keeps accepting clients and
/// holds their queries while it tries to reach the server. A write on a pooled connection and one on
/// a new connection must both end when the caller's deadline does (they took 32 s and 17 s), and so
/// must a Dapper read, whose calls take no CancellationToken.
/// Each test has its own server (stopping it leaves the shared one alone) and its own PgBouncer: after
/// one failed server login PgBouncer refuses new logins at once for server_login_retry (15 s), which
/// would hide the second wait.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class PgBouncerPostgresDownTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);
    private string _root = null!;
    private EmbeddedPostgres _server = null!;
    private PgBouncerServer _bouncer = null!;

    [SetUp]
    public async Task StartAsync()
    {
        if (PostgresBinaries.Find() is null)
        {
            Prerequisite.Missing("PostgreSQL server binaries", PostgresBinaries.InstallHint);
        }

        // Not Directory.CreateTempSubdirectory: its 0700 mode would lock out the unprivileged server user.
        _root = Path.Combine(Path.GetTempPath(), "alphakite-down-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
        _server = new EmbeddedPostgres(Path.Combine(_root, "data"), durable: false);
        await _server.StartAsync(CancellationToken.None);
        _bouncer = await PgBouncerServer.StartAsync(_server);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_bouncer is not null)
        {
            await _bouncer.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task UpsertAsync_PostgresStoppedBehindPgBouncer_PooledConnectionEndsAtTheDeadline()
    {
        // Arrange: migrated and written once through the pooler, so the data source holds an open
        // client connection to PgBouncer; then PostgreSQL stops.
        await using var pooled = new PostgresDatabase(_bouncer.ConnectionFor("postgres"));
        await Migrator.MigrateAsync(pooled, CancellationToken.None);
        var session = TestBars.Session(2026, 11, 18);
        await new PostgresBarStore(pooled).UpsertAsync("QQQ", TestBars.Minutes(session, [0]), CancellationToken.None);
        await _server.StopAsync();

        // Act
        var (elapsed, error) = await TimedUpsertAsync(pooled, session);

        // Assert
        AssertEndedAtTheDeadline(elapsed, error);
    }

    [Test]
    public async Task UpsertAsync_PostgresStoppedBehindPgBouncer_NewConnectionEndsAtTheDeadline()
    {
        // Arrange
        await _server.StopAsync();
        await using var fresh = new PostgresDatabase(_bouncer.ConnectionFor("postgres"));

        // Act
        var (elapsed, error) = await TimedUpsertAsync(fresh, TestBars.Session(2026, 11, 18));

        // Assert
        AssertEndedAtTheDeadline(elapsed, error);
    }

    [Test]
    public async Task SessionStatusAsync_PostgresStoppedBehindPgBouncer_DapperReadEndsAtTheDeadline()
    {
        // Arrange: the Dapper.AOT read takes no CancellationToken; PostgresDatabase.ReadAsync bounds it.
        await using var pooled = new PostgresDatabase(_bouncer.ConnectionFor("postgres"));
        await Migrator.MigrateAsync(pooled, CancellationToken.None);
        var session = TestBars.Session(2026, 11, 18);
        var queries = new BarQueries(pooled);
        await queries.SessionStatusAsync("QQQ", session, session.Close, CancellationToken.None);
        await _server.StopAsync();

        // Act
        var (elapsed, error) = await TimedAsync(ct => queries.SessionStatusAsync("QQQ", session, session.Close, ct));

        // Assert
        AssertEndedAtTheDeadline(elapsed, error);
    }

    private void AssertEndedAtTheDeadline(TimeSpan elapsed, Exception? error)
    {
        elapsed.Should().BeLessThan(Deadline + Slack);
        error.Should().BeAssignableTo<OperationCanceledException>();
        error!.Message.Should().StartWith($"stopped waiting for PostgreSQL at 127.0.0.1:{_bouncer.Port}");
        error.ToString().Should().NotContain(PgBouncerServer.Password);
    }

    private static Task<(TimeSpan Elapsed, Exception? Error)> TimedUpsertAsync(PostgresDatabase source, Core.Calendar.TradingSession session) =>
        TimedAsync(ct => new PostgresBarStore(source).UpsertAsync("QQQ", TestBars.Minutes(session, [0, 1]), ct));

    private static async Task<(TimeSpan Elapsed, Exception? Error)> TimedAsync(Func<CancellationToken, Task> work)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await work(deadline.Token);
            return (Stopwatch.GetElapsedTime(started), null);
        }
        catch (Exception e)
        {
            return (Stopwatch.GetElapsedTime(started), e);
        }
    }
}

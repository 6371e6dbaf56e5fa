using AlphaKite.Core.Ports;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Postgres.Queries;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>The same store through PgBouncer in transaction mode, Supavisor's behaviour: no prepared
/// statements, no session state, server connections swapped between transactions.</summary>
[Category("Integration")]
public class PgBouncerTransactionModeTests
{
    private PgBouncerServer _bouncer = null!;
    private PostgresSettings _direct = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _direct = await PostgresServer.CreateDatabaseAsync("bouncer");
        _bouncer = await PgBouncerServer.StartAsync(PostgresServer.Instance);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_bouncer is not null)
        {
            await _bouncer.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task MigrateAsync_ThroughPooler_AppliesAndSecondRunIsNoOp()
    {
        await using var source = new PostgresDatabase(_bouncer.ConnectionFor(_direct.Database));

        var first = await Migrator.MigrateAsync(source, CancellationToken.None);
        var second = await Migrator.MigrateAsync(source, CancellationToken.None);

        first.Should().HaveCount(Migrator.All.Count);
        second.Should().BeEmpty();
    }

    [Test, Order(2)]
    public async Task UpsertAsync_ManyInARowOnReusedConnections_NoPreparedStatementErrorsAndIdempotent()
    {
        await using var source = new PostgresDatabase(_bouncer.ConnectionFor(_direct.Database));
        var store = new PostgresBarStore(source);
        var session = TestBars.Session(2026, 11, 19);
        var results = new List<WriteResult>();

        for (var minute = 0; minute < 20; minute++)
        {
            // Each tick re-sends the whole session so far, as the Lambda does.
            results.Add(await store.UpsertAsync("QQQ", TestBars.Minutes(session, Enumerable.Range(0, minute + 1)), CancellationToken.None));
        }

        results.Should().AllSatisfy(r => r.EquityRows.Should().Be(1));
        var status = await new BarQueries(source).SessionStatusAsync("QQQ", session, session.Open.AddMinutes(20), CancellationToken.None);
        status.BarsStored.Should().Be(20);
        status.Missing.Should().BeEmpty();
    }

    [Test, Order(3)]
    public async Task UpsertAsync_ServerBackendTerminatedBetweenUpserts_NextUpsertSucceeds()
    {
        await using var source = new PostgresDatabase(_bouncer.ConnectionFor(_direct.Database));
        var store = new PostgresBarStore(source);
        var session = TestBars.Session(2026, 11, 18);
        await store.UpsertAsync("SPY", TestBars.Minutes(session, [0]), CancellationToken.None);
        await Sql.ExecuteAsync(PostgresServer.Instance.ConnectionString,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_direct.Database}' AND pid <> pg_backend_pid()");

        var result = await store.UpsertAsync("SPY", TestBars.Minutes(session, [0, 1]), CancellationToken.None);

        result.Should().Be(new WriteResult(1, 1));
    }

    [Test, Order(4)]
    public async Task UpsertAsync_WrongPassword_SaysLoginRejectedWithoutPassword()
    {
        await using var source = new PostgresDatabase(_bouncer.ConnectionFor(_direct.Database, "wrong-pw-5512"));

        var act = () => new PostgresBarStore(source).UpsertAsync("QQQ", TestBars.Minutes(TestBars.Session(2026, 11, 18), [0]), CancellationToken.None);

        var error = await act.Should().ThrowAsync<BarStoreException>()
            .WithMessage($"*127.0.0.1:{_bouncer.Port}*rejected the login*check the user name and password*");
        error.Which.ToString().Should().NotContain("wrong-pw-5512").And.NotContain(PgBouncerServer.Password);
    }
}

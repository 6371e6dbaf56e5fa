using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using Npgsql;

namespace AlphaKite.IntegrationTests.Postgres;

[Category("Integration")]
public class MigratorTests
{
    private PostgresSettings _db = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _db = await PostgresServer.CreateDatabaseAsync("migrator");

    [Test]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationAndCreatesContractColumns()
    {
        await using var source = new PostgresDatabase(_db);

        var applied = await Migrator.MigrateAsync(source, CancellationToken.None);

        applied.Select(m => m.ToString()).Should().Equal("001_bars_and_indicators", "002_roles_and_row_level_security", "003_close_supabase_default_privileges");
        var columns = await Sql.RowsAsync(_db.ConnectionString, """
            SELECT table_name || '.' || column_name || ':' || data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('equity_data', 'indicators')
             ORDER BY 1
            """);
        columns.Select(r => (string)r[0]!).Should().BeEquivalentTo(
            "equity_data.id:bigint(64,0)", "equity_data.ticker:text", "equity_data.timestamp:timestamp with time zone",
            "equity_data.open:numeric(18,6)", "equity_data.high:numeric(18,6)", "equity_data.low:numeric(18,6)",
            "equity_data.close:numeric(18,6)", "equity_data.price:numeric(18,6)", "equity_data.volume:bigint(64,0)",
            "equity_data.created_at:timestamp with time zone", "equity_data.updated_at:timestamp with time zone",
            "indicators.id:bigint(64,0)", "indicators.ticker:text", "indicators.timestamp:timestamp with time zone",
            "indicators.sma9:numeric(18,6)", "indicators.vwap:numeric(18,6)",
            "indicators.created_at:timestamp with time zone", "indicators.updated_at:timestamp with time zone");
    }

    [Test]
    public async Task MigrateAsync_EmptyDatabase_UniqueOnTickerTimestampAndRlsWithPolicies()
    {
        await using var source = new PostgresDatabase(_db);

        await Migrator.MigrateAsync(source, CancellationToken.None);

        var unique = await Sql.RowsAsync(_db.ConnectionString, """
            SELECT tablename FROM pg_indexes
             WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%(ticker, "timestamp")' ORDER BY 1
            """);
        unique.Select(r => (string)r[0]!).Should().Equal("equity_data", "indicators");
        var rls = await Sql.RowsAsync(_db.ConnectionString,
            "SELECT relname FROM pg_class WHERE relname IN ('equity_data', 'indicators', 'alphakite_schema_migrations') AND relrowsecurity ORDER BY 1");
        rls.Select(r => (string)r[0]!).Should().Equal("alphakite_schema_migrations", "equity_data", "indicators");
        var policies = await Sql.RowsAsync(_db.ConnectionString,
            "SELECT tablename || ':' || policyname || ':' || cmd || ':' || array_to_string(roles, ',') FROM pg_policies WHERE schemaname = 'public' ORDER BY 1");
        policies.Select(r => (string)r[0]!).Should().Equal(
            "equity_data:alphakite_public_read:SELECT:anon,authenticated",
            "equity_data:alphakite_writer_insert:INSERT:alphakite_writer",
            "equity_data:alphakite_writer_select:SELECT:alphakite_writer",
            "equity_data:alphakite_writer_update:UPDATE:alphakite_writer",
            "indicators:alphakite_public_read:SELECT:anon,authenticated",
            "indicators:alphakite_writer_insert:INSERT:alphakite_writer",
            "indicators:alphakite_writer_select:SELECT:alphakite_writer",
            "indicators:alphakite_writer_update:UPDATE:alphakite_writer");
        var writer = await Sql.RowsAsync(_db.ConnectionString, "SELECT rolcanlogin, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'alphakite_writer'");
        writer.Should().ContainSingle().Which.Should().Equal(false, false, false);
    }

    [Test]
    public async Task MigrateAsync_RunTwice_SecondRunIsNoOp()
    {
        await using var source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(source, CancellationToken.None);

        var second = await Migrator.MigrateAsync(source, CancellationToken.None);

        second.Should().BeEmpty();
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM alphakite_schema_migrations")).Should().Be(3);
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM pg_policies WHERE schemaname = 'public'")).Should().Be(8);
    }

    [Test]
    public async Task MigrateAsync_ScriptsRunTwiceByHand_AreIdempotent()
    {
        // The history table makes a rerun a no-op; the scripts themselves must also survive a rerun
        // (someone pasting them into the Supabase SQL editor twice).
        await using var source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(source, CancellationToken.None);

        foreach (var migration in Migrator.All)
        {
            await Sql.ExecuteAsync(_db.ConnectionString, migration.Sql);
        }

        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM pg_policies WHERE schemaname = 'public'")).Should().Be(8);
    }

    [Test]
    public async Task MigrateAsync_TwoRunnersAtOnce_EachMigrationAppliedOnce()
    {
        await using var first = new PostgresDatabase(_db);
        await using var second = new PostgresDatabase(_db);

        var results = await Task.WhenAll(
            Migrator.MigrateAsync(first, CancellationToken.None),
            Migrator.MigrateAsync(second, CancellationToken.None));

        results.Sum(r => r.Count).Should().Be(Migrator.All.Count);
        (await Sql.ScalarAsync<long>(_db.ConnectionString, "SELECT count(*) FROM alphakite_schema_migrations")).Should().Be(Migrator.All.Count);
    }

    [Test]
    public async Task Anon_AfterMigration_CanSelectButNotWrite()
    {
        await using var source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(source, CancellationToken.None);
        await Sql.ExecuteAsync(_db.ConnectionString,
            "INSERT INTO equity_data (ticker, \"timestamp\", open, high, low, close, price, volume) VALUES ('QQQ', '2026-11-20T14:30:00Z', 1, 1, 1, 1, 1, 1)");

        var rows = await Sql.ScalarAsync<long>(_db.ConnectionString, "SET ROLE anon; SELECT count(*) FROM equity_data");
        var insert = () => Sql.ExecuteAsync(_db.ConnectionString,
            "SET ROLE anon; INSERT INTO indicators (ticker, \"timestamp\") VALUES ('QQQ', '2026-11-20T14:30:00Z')");
        var truncate = () => Sql.ExecuteAsync(_db.ConnectionString, "SET ROLE anon; TRUNCATE equity_data");

        rows.Should().Be(1);
        (await insert.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await truncate.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Test]
    public async Task WriterMember_AfterMigration_CanUpsertButNotDelete()
    {
        await using var admin = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(admin, CancellationToken.None);
        await Sql.ExecuteAsync(_db.ConnectionString, """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'it_writer_login') THEN
                CREATE ROLE it_writer_login LOGIN IN ROLE alphakite_writer;
              END IF;
            END $$;
            """);
        var writerDb = PostgresSettings.Parse(
            new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Username = "it_writer_login" }.ConnectionString);
        await using var writer = new PostgresDatabase(writerDb);
        var store = new PostgresBarStore(writer);
        var session = TestBars.Session(2026, 11, 20);

        var first = await store.UpsertAsync("QQQ", TestBars.Minutes(session, [0, 1]), CancellationToken.None);
        var changed = TestBars.Minutes(session, [0, 1]);
        changed[1] = changed[1] with { Vwap = 101m };
        var second = await store.UpsertAsync("QQQ", changed, CancellationToken.None);
        var delete = () => Sql.ExecuteAsync(writerDb.ConnectionString, "DELETE FROM equity_data");

        first.Should().Be(new AlphaKite.Core.Ports.WriteResult(2, 2));
        second.Should().Be(new AlphaKite.Core.Ports.WriteResult(0, 1));
        (await delete.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }
}

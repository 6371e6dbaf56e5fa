using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using Npgsql;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>
/// The migrations under Supabase's default privileges (every new table, sequence and function in
/// public granted to anon and authenticated), recreated in a fresh database before migrating:
/// the two data tables stay readable, everything else AlphaKite creates is closed.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class SupabasePrivilegesTests
{
    private static readonly string[] ApiRoles = ["anon", "authenticated"];

    private PostgresSettings _db = null!;

    [SetUp]
    public async Task CreateSupabaseLikeDatabaseAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync("supabase");
        // As the role that runs the migrations, the way a Supabase project is set up.
        await Sql.ExecuteAsync(_db.ConnectionString, """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN CREATE ROLE anon NOLOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated NOLOGIN; END IF;
            END $$;
            GRANT USAGE ON SCHEMA public TO anon, authenticated;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated;
            """);
    }

    [Test]
    public async Task Migrate_UnderSupabaseDefaults_ApiRolesReadTheDataAndCannotTouchAnythingElse()
    {
        await using var source = new PostgresDatabase(_db);
        await Migrator.MigrateAsync(source, CancellationToken.None);

        await AssertClosedAsync();
        await AssertWriterUpsertsAsync();
    }

    [Test]
    public async Task Migrate_DatabaseMigratedBeforeThisMigration_UpgradesAndCloses()
    {
        // Arrange: 001 and 002 applied by an earlier release, under the same defaults.
        await using var source = new PostgresDatabase(_db);
        var earlier = Migrator.All.Where(m => m.Version <= 2).ToList();
        await Sql.ExecuteAsync(_db.ConnectionString,
            $"CREATE TABLE public.{Migrator.HistoryTable} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());" +
            $"ALTER TABLE public.{Migrator.HistoryTable} ENABLE ROW LEVEL SECURITY;");
        foreach (var migration in earlier)
        {
            await Sql.ExecuteAsync(_db.ConnectionString, migration.Sql);
            await Sql.ExecuteAsync(_db.ConnectionString, $"INSERT INTO public.{Migrator.HistoryTable} (version, name) VALUES ({migration.Version}, '{migration.Name}')");
        }

        (await Sql.ScalarAsync<bool>(_db.ConnectionString, $"SELECT has_table_privilege('anon', 'public.{Migrator.HistoryTable}', 'TRUNCATE')"))
            .Should().BeTrue("the hole this migration closes");

        // Act
        var applied = await Migrator.MigrateAsync(source, CancellationToken.None);

        // Assert
        applied.Select(m => m.Version).Should().Equal(Migrator.All.Select(m => m.Version).Where(v => v > 2));
        await AssertClosedAsync();
        await AssertWriterUpsertsAsync();
    }

    private async Task AssertClosedAsync()
    {
        var tables = await NamesAsync("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')");
        var sequences = await NamesAsync("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'");
        var functions = await NamesAsync("SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace");
        tables.Should().BeEquivalentTo("equity_data", "indicators", Migrator.HistoryTable);
        sequences.Should().NotBeEmpty("the bigserial ids");

        foreach (var role in ApiRoles)
        {
            foreach (var table in new[] { "equity_data", "indicators" })
            {
                (await Sql.ScalarAsync<long>(_db.ConnectionString, $"SET ROLE {role}; SELECT count(*) FROM {table}")).Should().BeGreaterThanOrEqualTo(0);
            }

            foreach (var table in tables)
            {
                var first = await Sql.ScalarAsync<string>(_db.ConnectionString,
                    $"SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attnum = 1");
                string[] writes =
                [
                    $"INSERT INTO {table} DEFAULT VALUES", $"UPDATE {table} SET {first} = {first}",
                    $"DELETE FROM {table}", $"TRUNCATE {table}",
                ];
                foreach (var write in table == Migrator.HistoryTable ? [.. writes, $"SELECT count(*) FROM {table}"] : writes)
                {
                    await AssertDeniedAsync(role, write);
                }
            }

            foreach (var sequence in sequences)
            {
                await AssertDeniedAsync(role, $"SELECT setval('{sequence}', 1)");
                await AssertDeniedAsync(role, $"SELECT nextval('{sequence}')");
            }

            foreach (var function in functions)
            {
                (await Sql.ScalarAsync<bool>(_db.ConnectionString, $"SELECT has_function_privilege('{role}', '{function}', 'EXECUTE')"))
                    .Should().BeFalse($"{role} must not execute {function}");
            }
        }
    }

    private async Task AssertDeniedAsync(string role, string sql)
    {
        var act = () => Sql.ExecuteAsync(_db.ConnectionString, $"SET ROLE {role}; {sql}");
        (await act.Should().ThrowAsync<PostgresException>($"{role}: {sql}")).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, $"{role}: {sql}");
    }

    private async Task AssertWriterUpsertsAsync()
    {
        var login = "it_supabase_writer_" + Guid.NewGuid().ToString("N")[..8];
        await Sql.ExecuteAsync(_db.ConnectionString, $"CREATE ROLE {login} LOGIN IN ROLE alphakite_writer");
        var writerDb = PostgresSettings.Parse(new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Username = login }.ConnectionString);
        await using var writer = new PostgresDatabase(writerDb);
        var session = TestBars.Session(2026, 11, 20);

        var first = await new PostgresBarStore(writer).UpsertAsync("QQQ", TestBars.Minutes(session, [0, 1]), CancellationToken.None);
        var second = await new PostgresBarStore(writer).UpsertAsync("QQQ", TestBars.Minutes(session, [0, 1, 2]), CancellationToken.None);

        first.Should().Be(new AlphaKite.Core.Ports.WriteResult(2, 2));
        second.Should().Be(new AlphaKite.Core.Ports.WriteResult(1, 1));
    }

    private async Task<List<string>> NamesAsync(string sql) =>
        [.. (await Sql.RowsAsync(_db.ConnectionString, sql)).Select(r => (string)r[0]!)];
}

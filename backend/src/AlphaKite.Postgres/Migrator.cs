using System.Globalization;
using System.Reflection;
using Dapper;
using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>
/// Applies the embedded migrations in order, each in its own transaction, recording them in
/// <c>alphakite_schema_migrations</c>. Running it again is a no-op.
/// </summary>
public static class Migrator
{
    public const string HistoryTable = "alphakite_schema_migrations";

    // Transaction-scoped on purpose: a session advisory lock would outlive the transaction on a
    // pooled server connection behind Supavisor/PgBouncer and block someone else's session.
    private const string LockKey = "7020109512775002484"; // 0x616C7068614B6974, "alphaKit"

    private const string Prepare = $"""
        SELECT pg_advisory_xact_lock({LockKey});
        CREATE TABLE IF NOT EXISTS public.{HistoryTable} (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        ALTER TABLE public.{HistoryTable} ENABLE ROW LEVEL SECURITY;
        """;

    private const string HistoryExists = $"SELECT to_regclass('public.{HistoryTable}') IS NOT NULL";

    private const string AppliedVersions = $"SELECT version FROM public.{HistoryTable}";

    private const string IsApplied = $"SELECT count(*) FROM public.{HistoryTable} WHERE version = @Version";

    private const string Record = $"INSERT INTO public.{HistoryTable} (version, name) VALUES (@Version, @Name)";

    /// <summary>Every migration compiled into this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies what is missing; returns the migrations applied by this call (empty when up to date).</summary>
    public static async Task<IReadOnlyList<Migration>> MigrateAsync(PostgresDatabase dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var applied = new List<Migration>();
        foreach (var migration in All)
        {
            var ran = await dataSource.InTransactionAsync((c, tx) => ApplyAsync(c, tx, migration, cancellationToken), cancellationToken);
            if (ran)
            {
                applied.Add(migration);
            }
        }

        return applied;
    }

    /// <summary>The migrations the history table does not record as applied (every one when the table is missing).</summary>
    public static Task<IReadOnlyList<Migration>> PendingAsync(PostgresDatabase dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return dataSource.ReadAsync<IReadOnlyList<Migration>>(
            async connection =>
            {
                if (!await connection.ExecuteScalarAsync<bool>(HistoryExists))
                {
                    return All;
                }

                var versions = (await connection.QueryAsync<int>(AppliedVersions)).ToHashSet();
                return All.Where(m => !versions.Contains(m.Version)).ToList();
            },
            cancellationToken);
    }

    private static async Task<bool> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Migration migration, CancellationToken ct)
    {
        await using (var prepare = new NpgsqlCommand(Prepare, connection, transaction))
        {
            await prepare.ExecuteNonQueryAsync(ct);
        }

        if (await connection.ExecuteScalarAsync<long>(IsApplied, new { migration.Version }, transaction) > 0)
        {
            return false;
        }

        await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await apply.ExecuteNonQueryAsync(ct);
        }

        await connection.ExecuteAsync(Record, new { migration.Version, migration.Name }, transaction);
        return true;
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        const string Marker = ".Migrations.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = resource[(at + Marker.Length)..^4];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"migration resource '{resource}' is not named NNN_name.sql");
            }

            migrations.Add(new Migration(version, file[(underscore + 1)..], Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? migrations
            : throw new InvalidOperationException($"two migrations share version {duplicate.Key}: {string.Join(", ", duplicate)}");
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

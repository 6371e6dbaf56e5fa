using AlphaKite.LocalPostgres;
using AlphaKite.Postgres;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.TestSupport;

/// <summary>
/// ONE embedded PostgreSQL for the whole run, started by the first test that asks for it (so
/// fixtures that need no database never pay for initdb) and stopped by <see cref="IntegrationRun"/>.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartAsync);
    private static string? _root;

    /// <summary>The running server (starting it if needed).</summary>
    public static EmbeddedPostgres Instance => StartedAsync().GetAwaiter().GetResult();

    /// <summary>A new, empty database for one test class.</summary>
    public static async Task<PostgresSettings> CreateDatabaseAsync(string prefix)
    {
        var server = await StartedAsync();
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}";
        await server.CreateDatabaseAsync(name, CancellationToken.None);
        return PostgresSettings.Parse(server.ConnectionStringFor(name));
    }

    /// <summary>A new database with AlphaKite's migrations applied.</summary>
    public static async Task<PostgresSettings> CreateMigratedDatabaseAsync(string prefix)
    {
        var database = await CreateDatabaseAsync(prefix);
        await using var source = new PostgresDatabase(database);
        await Migrator.MigrateAsync(source, CancellationToken.None);
        return database;
    }

    internal static async Task StopAsync()
    {
        try
        {
            if (Server.IsValueCreated)
            {
                await (await Server.Value).DisposeAsync();
            }
        }
        finally
        {
            if (_root is not null && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private static Task<EmbeddedPostgres> StartedAsync()
    {
        if (PostgresBinaries.Find() is null)
        {
            Prerequisite.Missing("PostgreSQL server binaries", PostgresBinaries.InstallHint);
        }

        return Server.Value;
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        // Not Directory.CreateTempSubdirectory: its 0700 mode would lock out the unprivileged server user.
        _root = Path.Combine(Path.GetTempPath(), "alphakite-it-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
        var server = new EmbeddedPostgres(Path.Combine(_root, "data"), durable: false);
        await server.StartAsync(CancellationToken.None);
        return server;
    }
}

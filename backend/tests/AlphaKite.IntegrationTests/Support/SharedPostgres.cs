using AlphaKite.Postgres;
using AlphaKite.Postgres.Embedded;

namespace AlphaKite.IntegrationTests.Support;

/// <summary>
/// One embedded PostgreSQL shared by the tick and CLI end-to-end fixtures (each namespace has a
/// [SetUpFixture] that acquires and releases it; the last release stops the server). Starting a
/// cluster takes a couple of seconds, so one per test class would dominate the run.
/// </summary>
internal static class SharedPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static string? _root;
    private static int _users;

    public static EmbeddedPostgres Instance => _server ?? throw new InvalidOperationException("the shared embedded PostgreSQL did not start");

    public static async Task AcquireAsync()
    {
        if (PostgresBinaries.Find() is null)
        {
            AlphaKite.IntegrationTests.Postgres.Prerequisite.Missing(PostgresBinaries.InstallHint);
        }

        await Gate.WaitAsync();
        try
        {
            if (_users++ == 0)
            {
                // Not Directory.CreateTempSubdirectory: its 0700 mode would lock out the unprivileged server user.
                _root = Path.Combine(Path.GetTempPath(), "alphakite-e2e-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(_root);
                _server = new EmbeddedPostgres(Path.Combine(_root, "data"), durable: false);
                await _server.StartAsync(CancellationToken.None);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_users > 0)
            {
                return;
            }

            if (_server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }

            if (_root is not null && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new, empty database (no migrations applied).</summary>
    public static async Task<PostgresConnection> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}";
        await Instance.CreateDatabaseAsync(name, CancellationToken.None);
        return PostgresConnection.Parse(Instance.ConnectionStringFor(name));
    }
}

using AlphaKite.Postgres;
using AlphaKite.Postgres.Embedded;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>Starts ONE embedded PostgreSQL for every test in this namespace and stops it afterwards.</summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static EmbeddedPostgres? _server;
    private static string? _root;

    public static EmbeddedPostgres Instance => _server ?? throw new InvalidOperationException("the embedded PostgreSQL did not start");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (PostgresBinaries.Find() is null)
        {
            Prerequisite.Missing(PostgresBinaries.InstallHint);
        }

        // Not Directory.CreateTempSubdirectory: its 0700 mode would lock out the unprivileged server user.
        _root = Path.Combine(Path.GetTempPath(), "alphakite-it-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
        _server = new EmbeddedPostgres(Path.Combine(_root, "data"), durable: false);
        await _server.StartAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
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

    /// <summary>A new, empty database for one test class.</summary>
    public static async Task<PostgresConnection> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}";
        await Instance.CreateDatabaseAsync(name, CancellationToken.None);
        return PostgresConnection.Parse(Instance.ConnectionStringFor(name));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AlphaKite.LocalPostgres;

/// <summary>
/// A private PostgreSQL server in a data directory of our own (the demo's database, the tests' server):
/// initialised on first use, listening on 127.0.0.1 only (no Unix socket), trust authentication for
/// local connections only, run as an unprivileged user when we are root. Dispose stops it.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly bool _durable;
    private bool _running;

    /// <param name="dataDirectory">Created and initialised when it holds no cluster yet.</param>
    /// <param name="durable">false turns off fsync: much faster, but a crash can corrupt the cluster (tests only).</param>
    /// <param name="binDirectory">Where initdb/pg_ctl live; found automatically when null.</param>
    /// <exception cref="PostgresNotInstalledException">No server binaries were found.</exception>
    public EmbeddedPostgres(string dataDirectory, bool durable = true, string? binDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        BinDirectory = binDirectory ?? PostgresBinaries.Require();
        _durable = durable;
    }

    public string DataDirectory { get; }

    public string BinDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1; 0 until started.</summary>
    public int Port { get; private set; }

    /// <summary>Key=value connection string for the <c>postgres</c> database as the superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ServerLog => Path.Combine(DataDirectory, "alphakite-server.log");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises the cluster if needed, starts the server on a free port, and returns once it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_running)
        {
            return;
        }

        await InitialiseAsync(cancellationToken);
        await StopLeftoverAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await ServiceProcess.RunAsync(Tool("pg_ctl"), ["start", "-D", DataDirectory, "-w", "-t", "60", "-s", "-l", ServerLog, "-o", $"-p {Port}"], cancellationToken);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process may have taken the port between probing and binding.
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"PostgreSQL in {DataDirectory} did not start; see {ServerLog}. {e.Message}", e);
            }
        }

        _running = true;
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    /// <summary>Creates <paramref name="name"/> unless it exists.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"database name '{name}' must be lowercase letters, digits and '_'", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", name);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server (fast shutdown: open sessions are rolled back).</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        await ServiceProcess.RunAsync(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-s"], CancellationToken.None);
        NpgsqlConnection.ClearAllPools();
        _running = false;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The shell command that stops this server, as the user it runs as (for a server left running).</summary>
    public string StopCommand
    {
        get
        {
            var stop = $"{Quote(Tool("pg_ctl"))} stop -D {Quote(DataDirectory)}";
            return ServiceProcess.ServiceUser is { } user ? $"runuser -u {user} -- {stop}" : stop;
        }
    }

    /// <summary>
    /// Leaves the server running after this process exits (the demo's --keep): neither
    /// <see cref="DisposeAsync"/> nor the process-exit hook will stop it. Stop it with <see cref="StopCommand"/>.
    /// </summary>
    public void Detach()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        _running = false;
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        var parent = Path.GetDirectoryName(DataDirectory)!;
        if (!await ServiceProcess.ServiceUserCanReachAsync(parent, cancellationToken))
        {
            Directory.Delete(DataDirectory);
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root, so it runs as the user '{ServiceProcess.ServiceUser}', which cannot reach {parent} " +
                "(a parent directory is private, as /root is). Use a data directory under /tmp or /home, e.g. `alphakite demo --work-dir /tmp/alphakite`.");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await ServiceProcess.GiveToServiceUserAsync(DataDirectory, cancellationToken);
        await ServiceProcess.RunAsync(
            Tool("initdb"),
            ["-D", DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=trust", "--no-instructions"],
            cancellationToken);
        // pg_hba.conf from initdb trusts only local connections (127.0.0.1/32, ::1/128); listen on loopback only too.
        var settings = string.Create(
            CultureInfo.InvariantCulture,
            $"\n# alphakite embedded server\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nfsync = {(_durable ? "on" : "off")}\n"
            + $"synchronous_commit = {(_durable ? "on" : "off")}\nfull_page_writes = {(_durable ? "on" : "off")}\nmax_connections = 100\n");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings, cancellationToken);
        await ServiceProcess.GiveToServiceUserAsync(DataDirectory, cancellationToken);
    }

    /// <summary>A server left running by a crashed earlier run would block the start: stop it first.</summary>
    private async Task StopLeftoverAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await ServiceProcess.RunAsync(Tool("pg_ctl"), ["status", "-D", DataDirectory], cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return; // not running: the pid file is stale and postgres removes it itself
        }

        await ServiceProcess.RunAsync(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-s"], cancellationToken);
    }

    private void StopOnExit(object? sender, EventArgs e) => StopAsync().GetAwaiter().GetResult();

    private string Tool(string name) => Path.Combine(BinDirectory, name);

    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or '@') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

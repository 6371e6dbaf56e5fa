using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AlphaKite.LocalPostgres;
using AlphaKite.Postgres;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>
/// PgBouncer in transaction mode in front of the embedded server: the local stand-in for Supabase's
/// Supavisor on :6543. Clients authenticate with a password (md5), as they do against Supavisor.
/// </summary>
public sealed class PgBouncerServer : IAsyncDisposable
{
    public const string User = "postgres";
    public const string Password = "bouncer-pw-7781";
    private readonly string _directory;
    private readonly Process _process;

    private PgBouncerServer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A URI like Supabase's pooler URI, for <paramref name="database"/>, with the given password.</summary>
    public PostgresSettings ConnectionFor(string database, string password = Password) =>
        PostgresSettings.Parse($"postgresql://{User}:{Uri.EscapeDataString(password)}@127.0.0.1:{Port}/{database}?sslmode=disable");

    public static async Task<PgBouncerServer> StartAsync(EmbeddedPostgres server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var program = new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/opt/homebrew/bin/pgbouncer", "/usr/local/bin/pgbouncer" }.FirstOrDefault(File.Exists);
        if (program is null)
        {
            Prerequisite.Missing("pgbouncer", "Debian/Ubuntu `sudo apt-get install pgbouncer`, macOS `brew install pgbouncer`");
        }

        var directory = Path.Combine(Path.GetTempPath(), "alphakite-pgbouncer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var port = LoopbackPort.Free();
        var config = Path.Combine(directory, "pgbouncer.ini");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            [databases]
            * = host=127.0.0.1 port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = md5
            auth_file = {directory}/userlist.txt
            pool_mode = transaction
            default_pool_size = 4
            max_client_conn = 100
            server_reset_query =
            ignore_startup_parameters = extra_float_digits,options
            logfile = {directory}/pgbouncer.log
            """));
        await File.WriteAllTextAsync(Path.Combine(directory, "userlist.txt"), $"\"{User}\" \"{Password}\"\n");
        await ServiceProcess.GiveToServiceUserAsync(directory, CancellationToken.None);

        var info = ServiceProcess.StartInfo(program!, [config]);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bouncer = new PgBouncerServer(directory, process, port);
        try
        {
            await bouncer.WaitUntilListeningAsync();
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }

        return bouncer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Kill the whole tree: runuser's child is the pgbouncer process itself.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_process.HasExited)
            {
                var log = Path.Combine(_directory, "pgbouncer.log");
                throw new InvalidOperationException($"pgbouncer exited with {_process.ExitCode}: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}

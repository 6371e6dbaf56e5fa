using System.Net.Sockets;
using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>Turns Npgsql failures into messages a user can act on, naming host:port and user but never the password.</summary>
internal static class PostgresErrors
{
    public static bool IsTranslatable(Exception e) => e is NpgsqlException or TimeoutException;

    public static BarStoreException Translate(Exception e, PostgresSettings settings)
    {
        var where = $"PostgreSQL at {settings.Endpoint} (database '{settings.Database}', user '{settings.Username}')";
        return e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } pg => new BarStoreException(
                $"{pg.MessageText} in {where}: the schema is missing or out of date; run `alphakite db migrate` (see docs/database.md)", e),
            PostgresException { SqlState: PostgresErrorCodes.UndefinedColumn } pg => new BarStoreException(
                $"{pg.MessageText} in {where}: the schema is out of date; run `alphakite db migrate`", e),
            PostgresException pg when IsLoginRejected(pg) => new BarStoreException(
                $"{where} rejected the login: check the user name and password in DATABASE_URL (Supabase: Dashboard -> Connect)", e),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new BarStoreException(
                $"{where}: database '{settings.Database}' does not exist; check the database name in DATABASE_URL", e),
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg => new BarStoreException(
                $"{pg.MessageText} in {where}: the user lacks a privilege; grant it the alphakite_writer role (docs/database.md)", e),
            PostgresException pg => new BarStoreException($"{where} failed: {pg.SqlState} {pg.MessageText}", e),
            NpgsqlException { InnerException: SocketException s } => new BarStoreException(
                $"cannot reach {where}: {Describe(s.SocketErrorCode)}. Check the host and port in DATABASE_URL and that the server is running", e),
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => new BarStoreException(
                $"timed out talking to {where}: check the host and port in DATABASE_URL, the network, and that the server is up", e),
            _ => new BarStoreException($"lost the connection to {where}: {e.Message}", e),
        };
    }

    /// <summary>A failure of the connection itself (not of the SQL): worth one retry on a fresh connection.</summary>
    public static bool IsBrokenConnection(Exception e) => e switch
    {
        PostgresException pg when IsLoginRejected(pg) => false,
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        // A timeout is transient to Npgsql, but the server that did not answer in 15 s will not
        // answer a retry in time either: retrying it once filled Lambda's whole 30 s.
        NpgsqlException { InnerException: TimeoutException } => false,
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException or EndOfStreamException,
        _ => false,
    };

    // The enum's names (HostNotFound, ConnectionRefused) are not sentences.
    private static string Describe(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the host name does not resolve (DNS found no such host)",
        SocketError.ConnectionRefused => "the connection was refused (nothing listens on that port)",
        SocketError.TimedOut => "the connection timed out",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown => "the host is unreachable from this network",
        SocketError.AccessDenied => "the connection was not permitted (a firewall or sandbox)",
        _ => "a network error",
    };

    // PgBouncer reports a bad password as 08P01 (protocol violation), so also read the server's text.
    private static bool IsLoginRejected(PostgresException pg) =>
        pg.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
        || pg.MessageText.Contains("password authentication failed", StringComparison.OrdinalIgnoreCase);
}

using System.Globalization;
using AlphaKite.Core.Ticks;
using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>
/// Validated connection settings for the bar store. Accepts the URI Supabase hands out
/// (<c>postgresql://user:pass@host:6543/postgres?sslmode=require</c>), a libpq keyword string
/// (<c>host=... port=... password=...</c>) or an Npgsql <c>Key=Value;Key=Value</c> string,
/// and always applies what a transaction-mode pooler (Supavisor, PgBouncer) needs.
/// </summary>
public sealed class PostgresSettings
{
    /// <summary>One connection per ticker the tick writes at once: one Lambda environment runs one tick at a
    /// time, so a larger pool only holds idle connections, and a smaller one makes tickers queue for a
    /// connection (after waiting for Schwab) while the pooler multiplexes all environments anyway.</summary>
    public const int MaxPoolSize = TickOptions.DefaultMaxConcurrentTickers;

    private PostgresSettings(NpgsqlConnectionStringBuilder builder)
    {
        ApplyPoolerSafeSettings(builder);
        ConnectionString = builder.ConnectionString;
        Host = builder.Host ?? "localhost";
        Port = builder.Port;
        Database = builder.Database ?? builder.Username ?? "postgres";
        Username = builder.Username ?? "";
        Redacted = string.Create(
            CultureInfo.InvariantCulture,
            $"{Username}@{Host}:{Port}/{Database} (sslmode={builder.SslMode}, password {(string.IsNullOrEmpty(builder.Password) ? "none" : "***")})");
    }

    /// <summary>The Npgsql connection string, password included: hand it to Npgsql only, never log it.</summary>
    public string ConnectionString { get; }

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    public string Username { get; }

    /// <summary>Safe to log: user, host, port, database and TLS mode, never the password.</summary>
    public string Redacted { get; }

    /// <summary>"host:port", for error messages.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>Parses a <c>postgresql://</c> / <c>postgres://</c> URI, a libpq keyword string, or an
    /// Npgsql connection string (told apart by a ';' outside quotes, which only Npgsql's form has).</summary>
    /// <exception cref="FormatException">The text is malformed; the message never contains the text, which may hold a password.</exception>
    public static PostgresSettings Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("the database connection string is empty. Expected postgresql://user:password@host:5432/postgres");
        }

        var builder = PostgresUri.LooksLikeUri(trimmed) ? PostgresUri.ToBuilder(trimmed)
            : LibpqKeywords.LooksLikeKeywords(trimmed) ? LibpqKeywords.ToBuilder(trimmed)
            : FromKeyValue(trimmed);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new FormatException("the database connection string names no host. Expected postgresql://user:password@host:5432/postgres");
        }

        // A host with spaces or '=' is two forms mixed ("host=h password=pw;Port=5432"): it would
        // carry the rest of the string, password included, into every message that names the host.
        if (builder.Host.Any(c => char.IsWhiteSpace(c) || c is '=' or '\'' or '"'))
        {
            throw new FormatException(
                "the database connection string's host contains spaces, '=' or quotes: use one form, either " +
                "host=... port=... password=... (libpq, separated by spaces) or Host=...;Port=...;Password=... (Npgsql, separated by ';')");
        }

        return new PostgresSettings(builder);
    }

    public override string ToString() => Redacted;

    // Npgsql says "Couldn't set port" both for a bad value and for a keyword it does not know:
    // tell them apart, in our words, naming the keyword only (never a value).
    private static string KeyValueProblem(ArgumentException e)
    {
        const string CouldNotSet = "Couldn't set ";
        var text = e.Message.Split('(')[0].Trim();
        if (!text.StartsWith(CouldNotSet, StringComparison.Ordinal))
        {
            return text;
        }

        var keyword = text[CouldNotSet.Length..];
        var known = e.InnerException?.Message.StartsWith("Keyword not supported", StringComparison.Ordinal) != true
            && new NpgsqlConnectionStringBuilder().ContainsKey(keyword);
        return known
            ? $"the value given for '{keyword}' is not valid for it"
            : $"'{keyword}' is not a setting Npgsql knows";
    }

    private static NpgsqlConnectionStringBuilder FromKeyValue(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            // Npgsql's outer message names the keyword, never the value; its inner exception may quote the value.
            throw new FormatException(
                $"the database connection string is neither a postgresql:// URI nor valid key=value pairs ({KeyValueProblem(e)})");
        }
    }

    private static void ApplyPoolerSafeSettings(NpgsqlConnectionStringBuilder b)
    {
        // Supavisor/PgBouncer transaction mode: no prepared statements, no session state to reset.
        b.MaxAutoPrepare = 0;
        b.NoResetOnClose = true;
        b.Multiplexing = false;
        // Npgsql 10 tries GSSAPI first, which costs a round trip and fails on every hosted Postgres.
        b.GssEncryptionMode = GssEncryptionMode.Disable;
        b.MaxPoolSize = Math.Min(b.MaxPoolSize, MaxPoolSize);
        b.MinPoolSize = 0;
        // 0 means "wait forever" in Npgsql: a probe or a per-minute tick must fail instead.
        b.Timeout = b.Timeout is <= 0 or > 60 ? 15 : b.Timeout;
        b.CommandTimeout = b.CommandTimeout is <= 0 or > 300 ? 30 : b.CommandTimeout;
        // A frozen Lambda keeps dead sockets: prune idle ones and probe live ones.
        b.ConnectionIdleLifetime = Math.Min(b.ConnectionIdleLifetime, 60);
        b.KeepAlive = b.KeepAlive is 0 ? 30 : b.KeepAlive;
        b.TcpKeepAlive = true;
        if (string.IsNullOrEmpty(b.ApplicationName))
        {
            b.ApplicationName = "alphakite";
        }
    }
}

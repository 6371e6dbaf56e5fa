using System.Globalization;
using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>
/// Reads libpq-style URIs (<c>postgresql://user:pass@host:port/db?sslmode=require</c>) into Npgsql settings.
/// Messages never include the input: it may hold a password.
/// </summary>
internal static class PostgresUri
{
    private const string Expected = "Expected postgresql://user:password@host:5432/postgres";

    // Parameters Prisma-style Supabase URIs carry; they mean nothing to Npgsql.
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "pgbouncer", "connection_limit" };

    public static bool LooksLikeUri(string text) =>
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    public static NpgsqlConnectionStringBuilder ToBuilder(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        // The last '@' ends the user info, so an unencoded '@' in a password still parses.
        var at = rest.LastIndexOf('@');
        var userInfo = at >= 0 ? rest[..at] : "";
        var afterAt = at >= 0 ? rest[(at + 1)..] : rest;

        var query = "";
        var q = afterAt.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = afterAt[(q + 1)..];
            afterAt = afterAt[..q];
        }

        var slash = afterAt.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash >= 0 ? afterAt[..slash] : afterAt;
        var database = slash >= 0 ? Decode(afterAt[(slash + 1)..]) : "";

        var builder = new NpgsqlConnectionStringBuilder();
        ReadUserInfo(userInfo, builder);
        ReadHostPort(hostPort, builder);
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        ReadQuery(query, builder);
        return builder;
    }

    private static void ReadUserInfo(string userInfo, NpgsqlConnectionStringBuilder builder)
    {
        if (userInfo.Length == 0)
        {
            return;
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        builder.Username = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
        if (colon >= 0)
        {
            builder.Password = Decode(userInfo[(colon + 1)..]);
        }
    }

    private static void ReadHostPort(string hostPort, NpgsqlConnectionStringBuilder builder)
    {
        if (hostPort.Length == 0)
        {
            throw new FormatException($"the database URI names no host. {Expected}");
        }

        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            // IPv6 literal: [::1]:5432
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"the database URI has an unclosed '[' in its host. {Expected}");
            }

            host = hostPort[1..close];
            var tail = hostPort[(close + 1)..];
            if (tail.Length > 0)
            {
                port = tail.StartsWith(':') ? tail[1..] : throw new FormatException($"the database URI has text after its IPv6 host. {Expected}");
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon >= 0 ? hostPort[..colon] : hostPort;
            port = colon >= 0 ? hostPort[(colon + 1)..] : null;
        }

        if (host.Length == 0)
        {
            throw new FormatException($"the database URI names no host. {Expected}");
        }

        builder.Host = Decode(host);
        if (string.IsNullOrEmpty(port))
        {
            builder.Port = 5432;
        }
        else if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536)
        {
            builder.Port = number;
        }
        else
        {
            throw new FormatException($"the database URI's port is not a number from 1 to 65535 (a password with ':', '@' or '/' must be percent-encoded). {Expected}");
        }
    }

    private static void ReadQuery(string query, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq >= 0 ? pair[..eq] : pair);
            var value = eq >= 0 ? Decode(pair[(eq + 1)..]) : "";
            switch (key.ToUpperInvariant())
            {
                case "SSLMODE":
                    builder.SslMode = ParseSslMode(value, "the database URI's sslmode");
                    break;
                case "OPTIONS":
                    builder.Options = value;
                    break;
                case "SSLROOTCERT":
                    builder.RootCertificate = value;
                    break;
                case "APPLICATION_NAME":
                    builder.ApplicationName = value;
                    break;
                case "CONNECT_TIMEOUT":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        ? seconds
                        : throw new FormatException("the database URI's connect_timeout is not a whole number of seconds");
                    break;
                default:
                    if (!Ignored.Contains(key))
                    {
                        throw new FormatException(
                            $"the database URI has an unsupported parameter '{key}' (supported: sslmode, options, sslrootcert, application_name, connect_timeout)");
                    }

                    break;
            }
        }
    }

    /// <param name="what">What the value is, for the message ("the database URI's sslmode").</param>
    public static SslMode ParseSslMode(string value, string what) => value.ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new FormatException(
            $"{what} is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    // Exactly once: a password "p%2540" is "p%40", not "p@". Invalid escapes are kept as typed.
    private static string Decode(string text) => Uri.UnescapeDataString(text);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>
/// Reads libpq's keyword/value connection strings (<c>host=db port=5432 password='a b'</c>) into
/// Npgsql settings, as libpq reads them: pairs separated by whitespace, optional spaces around
/// '=', single-quoted values for spaces or an empty value, and backslash escapes inside and
/// outside quotes. Messages never include a value, and name a keyword only when it looks like one:
/// a misplaced space can turn half a password into a "keyword".
/// </summary>
internal static partial class LibpqKeywords
{
    private const string Supported = "host, hostaddr, port, dbname, user, password, sslmode, connect_timeout, application_name, options, sslrootcert";
    private const string Expected = "Expected host=... port=5432 dbname=postgres user=... password=... (libpq form), a postgresql:// URI, or Npgsql's Key=Value;Key=Value form";

    /// <summary>True unless the text has a ';' outside single quotes, which only Npgsql's form has.</summary>
    public static bool LooksLikeKeywords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '\'':
                    quoted = !quoted;
                    break;
                case ';' when !quoted:
                    return false;
            }
        }

        return true;
    }

    public static NpgsqlConnectionStringBuilder ToBuilder(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new NpgsqlConnectionStringBuilder();
        string? host = null;
        string? hostaddr = null;
        var i = 0;
        while (true)
        {
            SkipSpaces(text, ref i);
            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var key = text[start..i];
            SkipSpaces(text, ref i);
            if (i >= text.Length || text[i] != '=')
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"the database connection string has a word without '=' at character {start + 1} (values with spaces need single quotes). {Expected}"));
            }

            i++;
            SkipSpaces(text, ref i);
            var value = ReadValue(text, ref i, key);
            switch (key.ToLowerInvariant())
            {
                case "host":
                    host = value;
                    break;
                case "hostaddr":
                    hostaddr = value;
                    break;
                case "port":
                    builder.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                        ? port
                        : throw new FormatException($"the database connection string's port is not a number from 1 to 65535. {Expected}");
                    break;
                case "dbname":
                    builder.Database = value;
                    break;
                case "user":
                    builder.Username = value;
                    break;
                case "password":
                    builder.Password = value;
                    break;
                case "sslmode":
                    builder.SslMode = PostgresUri.ParseSslMode(value, "the database connection string's sslmode");
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        ? seconds
                        : throw new FormatException("the database connection string's connect_timeout is not a whole number of seconds");
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "options":
                    builder.Options = value;
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                default:
                    throw new FormatException(
                        $"the database connection string has an unknown keyword{Name(key)} (supported: {Supported}). {Expected}");
            }
        }

        // libpq connects to hostaddr when both are given (host then only names the server for TLS).
        builder.Host = hostaddr ?? host;
        return builder;
    }

    private static string ReadValue(string text, ref int i, string key)
    {
        var value = new StringBuilder();
        if (i < text.Length && text[i] == '\'')
        {
            for (i++; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    value.Append(text[++i]);
                }
                else if (text[i] == '\'')
                {
                    i++;
                    return value.ToString();
                }
                else
                {
                    value.Append(text[i]);
                }
            }

            throw new FormatException($"the database connection string has an unterminated quoted value{(IsKeyword(key) ? $" of '{key}'" : "")}. {Expected}");
        }

        for (; i < text.Length && !char.IsWhiteSpace(text[i]); i++)
        {
            value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
        }

        return value.ToString();
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static string Name(string key) => IsKeyword(key) ? $" '{key}'" : "";

    private static bool IsKeyword(string key) => Keyword().IsMatch(key);

    // libpq keywords are lowercase words joined by '_'; anything else may be a piece of a value.
    [GeneratedRegex("^[A-Za-z_]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Keyword();
}

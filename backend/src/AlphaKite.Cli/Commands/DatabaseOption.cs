using System.CommandLine;
using AlphaKite.Postgres;

namespace AlphaKite.Cli.Commands;

/// <summary>The <c>--database URL</c> option, falling back to DATABASE_URL (read by Program.cs).</summary>
internal static class DatabaseOption
{
    public static Option<string?> Create() => CliOptions.Text("--database", "URL",
        "postgresql://user:password@host:port/db, libpq's host=... password=..., or Npgsql's Host=...;Password=... (default: $DATABASE_URL)");

    public static PostgresSettings Read(string? option, string? databaseUrlFromEnvironment)
    {
        var text = option ?? databaseUrlFromEnvironment;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("no database given: set the DATABASE_URL environment variable or pass --database URL");
        }

        try
        {
            return PostgresSettings.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

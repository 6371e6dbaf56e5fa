using AlphaKite.Postgres;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite db migrate</c>: creates or upgrades the schema, roles and RLS policies.</summary>
public static class DbMigrateCommand
{
    private const string Usage = $"""
        Usage: alphakite db migrate [--database URL]

        Creates or upgrades equity_data and indicators (also a database made by the original Python
        version, keeping every row), the alphakite_writer role and the row-level security policies.
        Safe to run again: applied migrations are skipped.

        {DatabaseOption.Usage}
        """;

    public static CliCommand Create(string? databaseUrl) => new(
        "db migrate",
        "create or upgrade the database schema (idempotent)",
        Usage,
        new HashSet<string>(StringComparer.Ordinal),
        async (args, ct) =>
        {
            var connection = DatabaseOption.Read(args, databaseUrl);
            args.RejectUnknown();
            await using var source = new BarStoreDataSource(connection);
            Console.WriteLine($"Migrating {connection.Redacted}");
            var applied = await Migrator.MigrateAsync(source, ct);
            foreach (var migration in applied)
            {
                Console.WriteLine($"  applied {migration}");
            }

            Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied {applied.Count} migration(s).");
            return 0;
        });
}

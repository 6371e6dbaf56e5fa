using System.CommandLine;
using AlphaKite.Postgres;

namespace AlphaKite.Cli.Commands;

/// <summary><c>alphakite db migrate</c>: creates or upgrades the schema, roles and RLS policies.</summary>
public static class DbMigrateCommand
{
    /// <summary>The <c>db</c> command holding <c>migrate</c>.</summary>
    public static CliCommand Create(string? databaseUrl)
    {
        var databaseOption = DatabaseOption.Create();
        var migrate = new CliCommand("migrate", "create or upgrade the database schema (idempotent)", """
            Creates or upgrades equity_data and indicators (also a database made by the original Python
            version, keeping every row), the alphakite_writer role and the row-level security policies.
            Safe to run again: applied migrations are skipped.
            """)
        {
            databaseOption,
        };
        migrate.SetAction(async (args, ct) =>
        {
            var connection = DatabaseOption.Read(args.GetValue(databaseOption), databaseUrl);
            await using var source = new PostgresDatabase(connection);
            Console.WriteLine($"Migrating {connection.Redacted}");
            var applied = await Migrator.MigrateAsync(source, ct);
            foreach (var migration in applied)
            {
                Console.WriteLine($"  applied {migration}");
            }

            Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied {applied.Count} migration(s).");
            return 0;
        });
        return new CliCommand("db", "database tasks: `alphakite db migrate` creates or upgrades the schema (idempotent)") { migrate };
    }
}

using AlphaKite.Cli;
using AlphaKite.Cli.Commands;

// Composition root of `alphakite`: the only place that reads the environment and wires real parts.
var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
var calendar = new AlphaKite.Core.Calendar.NyseCalendar();
CliCommand[] commands =
[
    DbMigrateCommand.Create(databaseUrl),
    StatusCommand.Create(databaseUrl, TimeProvider.System, calendar),
    ExportCommand.Create(databaseUrl, TimeProvider.System, calendar),
];

return await CliHost.RunAsync(args, commands);

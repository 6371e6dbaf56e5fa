using AlphaKite.Cli;
using AlphaKite.Cli.Commands;

// Composition root of `alphakite`: the only place that reads the environment and wires real parts.
var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
var calendar = new AlphaKite.Core.Calendar.NyseCalendar();
CliCommand[] commands =
[
    CalendarCommand.Create(Environment.GetEnvironmentVariable("ALPHAKITE_CALENDAR_OVERRIDES"), TimeProvider.System),
    AuthCommand.Create(
        Environment.GetEnvironmentVariable("SCHWAB_APP_KEY"),
        Environment.GetEnvironmentVariable("SCHWAB_APP_SECRET"),
        Environment.GetEnvironmentVariable("SCHWAB_CALLBACK_URL"),
        Console.In, Console.Out, TimeProvider.System),
    SandboxCommand.Create(),
    DbMigrateCommand.Create(databaseUrl),
    StatusCommand.Create(databaseUrl, TimeProvider.System, calendar),
    ExportCommand.Create(databaseUrl, TimeProvider.System, calendar),
];

return await CliHost.RunAsync(args, commands);

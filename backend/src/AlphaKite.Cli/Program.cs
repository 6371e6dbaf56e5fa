using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Doctor;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;

// Composition root of `alphakite`: the only place that reads the environment and wires real parts.
var environment = CliEnvironment.Read();
var clock = TimeProvider.System;
NyseCalendar calendar;
try
{
    calendar = new NyseCalendar(environment.CalendarOverrides is { } path ? CalendarOverrides.LoadFile(path) : null);
}
catch (CalendarOverrideException e)
{
    await Console.Error.WriteLineAsync($"alphakite: ALPHAKITE_CALENDAR_OVERRIDES: {e.Message}");
    return 2;
}

CliCommand[] commands =
[
    DemoCommand.Create(clock, calendar),
    StreamCommand.Create(environment, clock, calendar),
    BackfillCommand.Create(environment, clock, calendar),
    InvokeCommand.Create(environment, clock, calendar),
    AuthCommand.Create(environment, Console.In, Console.Out, clock),
    DbMigrateCommand.Create(environment.DatabaseUrl),
    StatusCommand.Create(environment.DatabaseUrl, environment.Tickers, clock, calendar),
    ExportCommand.Create(environment.DatabaseUrl, clock, calendar),
    CalendarCommand.Create(environment.CalendarOverrides, clock),
    SandboxCommand.Create(),
    DoctorCommand.Create(environment, DoctorEnvironment.Read(), clock, calendar),
];

return await CliHost.RunAsync(args, commands);

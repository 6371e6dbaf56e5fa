using System.CommandLine;
using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Doctor;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;

// Composition root of `alphakite`: the only place that reads the environment and wires real parts.
var environment = CliEnvironment.Read();
var clock = TimeProvider.System;

// A broken overrides file stops only the commands that use the calendar (exit 2); `calendar` reads
// the file itself (its --overrides wins), and help, auth, db and sandbox never need it.
string? calendarProblem = null;
NyseCalendar calendar;
try
{
    // Set but empty means unset, as for `calendar`.
    calendar = new NyseCalendar(string.IsNullOrWhiteSpace(environment.CalendarOverrides) ? null : CalendarOverrides.LoadFile(environment.CalendarOverrides, File.ReadAllText, Directory.Exists));
}
catch (CalendarOverrideException e)
{
    calendarProblem = $"ALPHAKITE_CALENDAR_OVERRIDES: {e.Message}";
    calendar = new NyseCalendar();
}

Command[] commands =
[
    CliHost.RefuseWhen(calendarProblem, DemoCommand.Create(clock, calendar)),
    CliHost.RefuseWhen(calendarProblem, StreamCommand.Create(environment, clock, calendar)),
    CliHost.RefuseWhen(calendarProblem, BackfillCommand.Create(environment, clock, calendar)),
    CliHost.RefuseWhen(calendarProblem, InvokeCommand.Create(environment, clock, calendar)),
    AuthCommand.Create(environment, Console.In, Console.Out, clock),
    DbMigrateCommand.Create(environment.DatabaseUrl),
    CliHost.RefuseWhen(calendarProblem, StatusCommand.Create(environment.DatabaseUrl, environment.Tickers, clock, calendar)),
    CliHost.RefuseWhen(calendarProblem, ExportCommand.Create(environment.DatabaseUrl, clock, calendar)),
    CalendarCommand.Create(environment.CalendarOverrides, clock),
    SandboxCommand.Create(),
    CliHost.RefuseWhen(calendarProblem, DoctorCommand.Create(environment, DoctorEnvironment.Read(), clock, calendar)),
];

return await CliHost.RunAsync(args, commands);

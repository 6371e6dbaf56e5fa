using AlphaKite.Cli;
using AlphaKite.Cli.Commands;

// Composition root of `alphakite`: the only place that reads the environment and wires real parts.
CliCommand[] commands =
[
    CalendarCommand.Create(Environment.GetEnvironmentVariable("ALPHAKITE_CALENDAR_OVERRIDES"), TimeProvider.System),
    AuthCommand.Create(
        Environment.GetEnvironmentVariable("SCHWAB_APP_KEY"),
        Environment.GetEnvironmentVariable("SCHWAB_APP_SECRET"),
        Environment.GetEnvironmentVariable("SCHWAB_CALLBACK_URL"),
        Console.In, Console.Out, TimeProvider.System),
    SandboxCommand.Create(),
];

return await CliHost.RunAsync(args, commands);

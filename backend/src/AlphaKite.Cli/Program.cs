using AlphaKite.Cli;
using AlphaKite.Cli.Commands;

// Composition root of `alphakite`: the only place that reads the environment and wires real parts.
CliCommand[] commands =
[
    SandboxCommand.Create(),
];

return await CliHost.RunAsync(args, commands);

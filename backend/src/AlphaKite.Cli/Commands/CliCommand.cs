namespace AlphaKite.Cli.Commands;

/// <summary>One `alphakite` sub-command.</summary>
/// <param name="Name">What the user types.</param>
/// <param name="Summary">One line for `alphakite --help`.</param>
/// <param name="Usage">The command's own help text.</param>
/// <param name="Flags">Options that take no value.</param>
/// <param name="Run">Runs the command; returns the exit code.</param>
public sealed record CliCommand(
    string Name,
    string Summary,
    string Usage,
    IReadOnlySet<string> Flags,
    Func<CliArgs, CancellationToken, Task<int>> Run);

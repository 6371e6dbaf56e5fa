using System.CommandLine;
using System.CommandLine.Invocation;

namespace AlphaKite.Cli.Commands;

/// <summary>One `alphakite` sub-command: System.CommandLine's command with a one-line summary (the
/// overview lists it) and the details its own `--help` adds.</summary>
public sealed class CliCommand(string name, string summary, string details = "") : Command(name, summary)
{
    public string Details { get; } = details;

    /// <summary>Parses <paramref name="args"/> (the words after the command's name) and runs the
    /// command in this process, without the host's exit-code mapping: a parse error throws
    /// <see cref="UsageException"/> with the messages `alphakite` would print.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parse = Parse(args, CliHost.Parsing);
        if (parse.Errors.Count > 0)
        {
            throw new UsageException(string.Join("; ", CliHost.ParseErrors(parse)));
        }

        return parse.Action switch
        {
            AsynchronousCommandLineAction action => await action.InvokeAsync(parse, cancellationToken),
            SynchronousCommandLineAction action => action.Invoke(parse),
            _ => throw new UsageException($"{Name} needs a command: {string.Join(", ", Subcommands.Select(c => c.Name))}"),
        };
    }
}

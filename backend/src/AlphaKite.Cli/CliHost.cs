using AlphaKite.Cli.Commands;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Cli;

/// <summary>Dispatches to a command, maps failures to exit codes (2 usage, 1 failure, 130 Ctrl-C).</summary>
public static class CliHost
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<CliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commands);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintOverview(commands);
            return args.Length == 0 ? 2 : 0;
        }

        // Two-word commands ("db migrate") are matched before one-word ones.
        var command = args.Length > 1 ? commands.FirstOrDefault(c => c.Name == $"{args[0]} {args[1]}") : null;
        var skip = command is null ? 1 : 2;
        command ??= commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"alphakite: unknown command '{args[0]}'. Run `alphakite --help`.");
            return 2;
        }

        if (args.Skip(skip).Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(command.Usage);
            return 0;
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var options = new CliArgs(args.Skip(skip), command.Flags);
            return await command.Run(options, cts.Token);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"alphakite {command.Name}: {e.Message}\n\n{command.Usage}");
            return 2;
        }
        catch (Exception e) when (cts.IsCancellationRequested && e is OperationCanceledException or TickFailedException)
        {
            // Ctrl-C during a tick: the tick reports it as failed tickers (keeping what was written), not a crash.
            await Console.Error.WriteLineAsync("alphakite: stopped.");
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every expected failure carries a message that says what broke and what to do.
            await Console.Error.WriteLineAsync($"alphakite {command.Name}: error: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static void PrintOverview(IReadOnlyList<CliCommand> commands)
    {
        Console.WriteLine("alphakite: stream Schwab 1-minute bars with SMA9 and VWAP into PostgreSQL.\n");
        Console.WriteLine("Usage: alphakite <command> [options]   (alphakite <command> --help for details)\n");
        foreach (var c in commands)
        {
            Console.WriteLine($"  {c.Name,-12} {c.Summary}");
        }
    }
}

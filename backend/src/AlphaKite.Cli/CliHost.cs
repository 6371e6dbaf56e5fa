using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using AlphaKite.Cli.Commands;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Cli;

/// <summary>Parses with System.CommandLine, runs the command, maps failures to exit codes
/// (2 usage, 1 failure, 130 Ctrl-C; status adds 3 itself).</summary>
public static class CliHost
{
    public const int Usage = 2;
    public const int Failure = 1;
    public const int Stopped = 130;

    /// <summary>No response files: "@abc" is a value (a secret may start with '@'), never a file to read.</summary>
    internal static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    private const string ExitCodes = """
        Exit codes:
          0    done
          1    failed (the message says what broke and what to do)
          2    usage error: an unknown or malformed option, a missing value, a configuration file that cannot be read
          3    status only: a live session's newest bar is too old, or a finished session misses minutes
          130  stopped with Ctrl-C
        """;

    /// <summary>The `alphakite` root with these commands, its help showing the exit codes.</summary>
    public static RootCommand Root(IEnumerable<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var root = new RootCommand("alphakite: stream Schwab 1-minute bars with SMA9 and VWAP into PostgreSQL.");
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, IEnumerable<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Root(commands);
        var configuration = new InvocationConfiguration
        {
            Output = Console.Out,
            Error = Console.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C is handled below: the command stops cleanly and we exit 130.
            ProcessTerminationTimeout = null,
        };
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(configuration);
            return Usage;
        }

        var parse = root.Parse(args, Parsing);
        var name = CommandName(parse.CommandResult);
        // --help and --version win over errors such as a missing required option.
        if (parse.Errors.Count > 0 && parse.Action is null or ParseErrorAction)
        {
            await ReportParseErrorsAsync(parse, name);
            return Usage;
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
            return await parse.InvokeAsync(configuration, cts.Token);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}\n(`{name} --help` lists the options)");
            return Usage;
        }
        catch (Exception e) when (cts.IsCancellationRequested && e is OperationCanceledException or TickFailedException)
        {
            // Ctrl-C during a tick: the tick reports it as failed tickers (keeping what was written), not a crash.
            await Console.Error.WriteLineAsync("alphakite: stopped.");
            return Stopped;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every expected failure carries a message that says what broke and what to do.
            await Console.Error.WriteLineAsync($"{name}: error: {e.Message}");
            return Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs <paramref name="command"/>'s action only when <paramref name="problem"/> is null;
    /// otherwise it is a usage error (for example a broken file named by an environment variable).</summary>
    public static T RefuseWhen<T>(string? problem, T command)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        if (problem is not null && command.Action is not null)
        {
            command.SetAction((_, _) => Task.FromException<int>(new UsageException(problem)));
        }

        foreach (var sub in command.Subcommands)
        {
            RefuseWhen(problem, sub);
        }

        return command;
    }

    /// <summary>"alphakite db migrate": the words the user typed to reach the command.</summary>
    private static string CommandName(CommandResult? result)
    {
        var words = new List<string>();
        for (var r = result; r is not null; r = r.Parent as CommandResult)
        {
            words.Insert(0, r.Command is RootCommand ? "alphakite" : r.Command.Name);
        }

        return words.Count == 0 ? "alphakite" : string.Join(' ', words);
    }

    /// <summary>One line per error in our words, then System.CommandLine's typo suggestions, on stderr.</summary>
    private static async Task ReportParseErrorsAsync(ParseResult parse, string name)
    {
        foreach (var line in ParseErrors(parse))
        {
            await Console.Error.WriteLineAsync($"{name}: {line}");
        }

        foreach (var line in TypoSuggestions(parse))
        {
            await Console.Error.WriteLineAsync(line);
        }

        await Console.Error.WriteLineAsync($"(`{name} --help` lists the options)");
    }

    internal static List<string> ParseErrors(ParseResult parse)
    {
        var command = parse.CommandResult;
        var lines = new List<string>();
        foreach (var token in parse.UnmatchedTokens)
        {
            lines.Add(token.StartsWith('-') ? $"unknown option '{token}'"
                : command.Command.Subcommands.Count > 0 ? $"unknown command '{token}'"
                : $"unexpected argument '{token}'");
        }

        foreach (var error in parse.Errors)
        {
            // Errors on a command (unmatched tokens, a missing option or sub-command) are worded below.
            if (error.SymbolResult is OptionResult { Tokens.Count: 0 } option && option.Option.Arity.MinimumNumberOfValues > 0)
            {
                lines.Add(option.IdentifierToken is null ? $"{option.Option.Name} is required" : $"{option.Option.Name} needs a value");
            }
            else if (error.SymbolResult is OptionResult { Tokens.Count: > 1 } repeated && repeated.Option.Arity.MaximumNumberOfValues == 1)
            {
                // Which one was meant is a guess: refuse rather than let the first or the last win.
                lines.Add($"{repeated.Option.Name} is given {repeated.Tokens.Count} times ({string.Join(", ", repeated.Tokens.Select(t => t.Value))}); give it once");
            }
            else if (error.SymbolResult is OptionResult or ArgumentResult)
            {
                // Our own words: the values' rules (CliOptions).
                lines.Add(error.Message);
            }
        }

        lines.AddRange(command.Command.Options
            .Where(o => o.Required && command.GetResult(o) is null)
            .Select(o => $"{o.Name} is required"));
        if (parse.UnmatchedTokens.Count == 0 && command.Command.Action is null && command.Command.Subcommands.Count > 0)
        {
            lines.Add($"a command is needed: {string.Join(", ", command.Command.Subcommands.Select(c => c.Name))}");
        }

        return lines.Count > 0 ? lines.Distinct().ToList() : parse.Errors.Select(e => e.Message.TrimEnd('.')).ToList();
    }

    /// <summary>"did you mean --date?" for each unknown word that is close to a real one (System.CommandLine's matching).</summary>
    private static List<string> TypoSuggestions(ParseResult parse)
    {
        if (parse.Action is not ParseErrorAction action || parse.UnmatchedTokens.Count == 0)
        {
            return [];
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        using var output = new StringWriter();
        parse.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        // Its output: "'--dat' was not matched. Did you mean one of the following?" then one suggestion per line.
        var lines = new List<string>();
        string? token = null;
        var suggestions = new List<string>();
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.TrimEntries).Append(string.Empty))
        {
            var header = parse.UnmatchedTokens.FirstOrDefault(t => line.StartsWith($"'{t}' ", StringComparison.Ordinal));
            if (header is not null || line.Length == 0)
            {
                if (token is not null && suggestions.Count > 0)
                {
                    lines.Add($"  '{token}': did you mean {string.Join(" or ", suggestions)}?");
                }

                (token, suggestions) = (header, []);
            }
            else if (token is { Length: > 2 } && line.StartsWith('-') == token.StartsWith('-'))
            {
                // An option for an option, a command for a word.
                suggestions.Add(line);
            }
        }

        return lines;
    }

    /// <summary>The generated help, then the exit codes (every command shares them).</summary>
    private sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = help.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.CommandResult.Command is CliCommand { Details.Length: > 0 } command)
            {
                output.WriteLine("Details:");
                foreach (var line in command.Details.TrimEnd().Split('\n'))
                {
                    output.WriteLine(line.Length == 0 ? line : "  " + line);
                }

                output.WriteLine();
            }

            output.WriteLine(ExitCodes);
            return code;
        }
    }
}

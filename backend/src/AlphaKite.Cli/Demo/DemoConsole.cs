using Spectre.Console;

namespace AlphaKite.Cli.Demo;

/// <summary>The demo's console: Spectre's, on the current <see cref="Console.Out"/>.</summary>
public static class DemoConsole
{
    /// <summary>
    /// Spectre wraps text at the console's width, and at 80 columns when output is redirected (a
    /// log, a pipe, CI): there a long line must stay one line, so there is no width to wrap at.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = int.MaxValue;
        }

        return console;
    }
}

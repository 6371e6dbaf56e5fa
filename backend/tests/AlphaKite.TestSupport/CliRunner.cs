using System.CommandLine;
using AlphaKite.Cli;

namespace AlphaKite.TestSupport;

/// <summary>Runs CLI commands in-process through the real host (parsing, exit codes, messages) and
/// captures what they print. Tests run one at a time, so swapping the console is safe.</summary>
public static class CliRunner
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(string[] args, IEnumerable<Command> commands)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CliHost.RunAsync(args, commands);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
